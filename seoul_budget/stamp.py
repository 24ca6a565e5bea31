"""A processed folder's stamp, ``_source.json``: what its tables were made from (report,
ledger, package) and the few figures a build needs without reading a table (how many findings
of each severity remain; the bureau's execution totals). Nothing here imports pandas, so a
build with nothing to do stays fast.

Stamp fields: ``report_sha256``, ``errata_sha256``, ``aliases_sha256`` and
``reorganisation_sha256`` (the aliases and the map beside the snapshots), ``package_version``,
``package_sha256`` (what the folder was made from); ``as_of``; ``corrections_sha256`` (the
corrections the ledger made to this snapshot); ``units`` (the unit record: per table the unit
its note prints, the unit its figures are likely in and why, :mod:`seoul_budget.table_units`;
the snapshot after it reads it as its witness instead of parsing this one); ``findings``
({severity: count}); ``corrections`` (how many ledger corrections it carries);
``execution`` (the bureau's ``budget``, ``committed`` and ``spent`` in
KRW, summed over the programs of 세출예산 집행현황); ``subject`` (what the report is about:
``bureau``, ``fiscal_year``, ``settlement_year``, :mod:`seoul_budget.subject`);
``missing_sections`` (the sections the report lacks, each with where it was looked for);
``projects`` (how many key projects it lists). ``previous_report_sha256``: the report
before it, a witness of its tables' units (a change there makes this folder stale).
``project_programs_sha256``: the declared links of key projects to programs
(``project_programs.csv``) the folder was made with.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .hashing import sha256_if_file
from .limits import input_problem
from .snapshots import aliases_path, previous_snapshot, project_programs_path, reorganisation_path
from .version import __version__, source_sha256

SOURCE_FILE = "_source.json"

Stamp = dict[str, Any]
Hasher = Callable[[Path], "str | None"]


def read_stamp(folder: str | Path) -> Stamp | None:
    """Return a processed folder's stamp, or None when it is missing or unreadable."""
    try:
        stamp = json.loads((Path(folder) / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def fresh_stamp(folder: str | Path, report_path: Path, errata: Path | None,
                hasher: Hasher = sha256_if_file) -> Stamp | None:
    """Return the stamp of ``folder`` if it was written from this report, errata and package
    (version and source: a parser fix makes every processed folder stale), else None.

    ``hasher`` returns a file's SHA-256 (the build passes one that reads each file once). A
    report or ledger that cannot be one by its size or kind (:mod:`seoul_budget.limits`) is
    never hashed: the folder is not fresh, and reading the report says why.
    """
    stamp = read_stamp(folder)
    if stamp is None or input_problem(report_path, errata) is not None:
        return None
    expected = {"report_sha256": hasher(report_path),
                "errata_sha256": (hasher(errata) or "") if errata is not None else "",
                **made_with(report_path, previous_snapshot(report_path), hasher)}
    return stamp if all(stamp.get(key, "") == value for key, value in expected.items()) \
        else None


def made_with(report_path: Path, previous: Path | None, hasher: Hasher = sha256_if_file
              ) -> Stamp:
    """Return what a snapshot's processed folder is made with besides its report and ledger:
    the package (version, and its source's SHA-256: a parser fix makes every folder stale),
    and the SHA-256 ('' for no file) of the files beside the snapshots — the aliases and the
    reorganisation map (how labels read, which former names the settlement may print), the
    key projects' declared programs — and of ``previous``, the report before it (a witness
    of its units)."""
    data = report_path.parent.parent
    return {"package_version": __version__, "package_sha256": source_sha256(),
            "aliases_sha256": hasher(aliases_path(data)) or "",
            "reorganisation_sha256": hasher(reorganisation_path(data)) or "",
            "project_programs_sha256": hasher(project_programs_path(data)) or "",
            "previous_report_sha256": (hasher(previous) or "") if previous is not None else ""}


def processed_is_fresh(folder: str | Path, report_path: Path, errata: Path | None) -> bool:
    """Return True if ``folder`` was written from this report, errata and package."""
    return fresh_stamp(folder, report_path, errata) is not None


def finding_counts(stamp: Stamp | None) -> dict[str, int] | None:
    """Return {severity: count} of the findings a stamp records (None if it records none)."""
    counts = (stamp or {}).get("findings")
    if not isinstance(counts, dict):
        return None
    return {str(key): int(value) for key, value in counts.items()
            if isinstance(value, int)}


def error_count(stamp: Stamp | None) -> int | None:
    """Return how many reconciliation errors remain in a stamped snapshot (None: unknown)."""
    counts = finding_counts(stamp)
    return None if counts is None else counts.get("error", 0)


def correction_count(stamp: Stamp | None) -> int | None:
    """Return how many ledger corrections a stamped snapshot's figures carry (None: unknown)."""
    count = (stamp or {}).get("corrections")
    return count if isinstance(count, int) else None


def execution_totals(stamp: Stamp | None) -> dict[str, int] | None:
    """Return the bureau's execution totals a stamp records: ``budget``, ``committed`` and
    ``spent`` in KRW (None if it records none)."""
    totals = (stamp or {}).get("execution")
    if not isinstance(totals, dict) or not all(
            isinstance(totals.get(key), int) for key in ("budget", "committed", "spent")):
        return None
    return {key: int(totals[key]) for key in ("budget", "committed", "spent")}


def stamp_json(stamp: Stamp) -> str:
    """Return a stamp as the text written to ``_source.json`` (stable: keys sorted)."""
    return json.dumps(stamp, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ``data/processed/history/``: every table over every snapshot (seoul_budget.history).
HISTORY_FOLDER = "history"
_SNAPSHOT_KEYS = ("report_sha256", "errata_sha256", "aliases_sha256", "corrections_sha256",
                  "package_sha256")


def history_stamp(stamps: Mapping[str, Stamp]) -> Stamp:
    """Return what the history folder is made from: per snapshot (ISO date), the hashes its
    processed folder was made from. Equal stamps mean equal history tables."""
    return {"package_version": __version__,
            "snapshots": {day: {key: stamps[day].get(key) for key in _SNAPSHOT_KEYS}
                          for day in sorted(stamps)}}


def history_is_current(processed_dir: str | Path, stamp: Stamp) -> bool:
    """Return True if ``processed_dir/history/`` was written from exactly these snapshots."""
    return read_stamp(Path(processed_dir) / HISTORY_FOLDER) == stamp


def appended_snapshots(previous: Stamp | None, stamp: Stamp) -> list[str] | None:
    """Return the snapshots (ISO dates) ``stamp`` adds after every one of ``previous`` when
    all else is equal — the earlier snapshots, the package, the reorganisation map — so the
    history files can be extended rather than rebuilt; else None."""
    old = (previous or {}).get("snapshots")
    new = stamp.get("snapshots")
    if not isinstance(old, dict) or not isinstance(new, dict) or not old:
        return None
    rest = {key: value for key, value in stamp.items() if key != "snapshots"}
    if rest != {key: value for key, value in (previous or {}).items() if key != "snapshots"}:
        return None
    added = sorted(day for day in new if day not in old)
    if not added or min(added) <= max(old) or any(new.get(day) != value
                                                  for day, value in old.items()):
        return None
    return added

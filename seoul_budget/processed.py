"""The processed folder, ``data/processed/<as_of>/``: a snapshot's tables written once, read by
every notebook, and trusted only while they were made from the same report, ledger and package.

Every file is written atomically; the stamp (``_source.json``, :mod:`seoul_budget.stamp`) last,
so a folder whose stamp matches is complete. The reconciliation findings are computed once,
here, and stored beside the tables (``findings.parquet``), so notebooks never recompute them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import ensure_folder, write_bytes_atomic, write_text_atomic
from .export import csv_bytes, datapackage, parquet_bytes, read_parquet
from .hashing import bytes_sha256, file_sha256
from .report import Report, load_report, processed_report
from .snapshots import (
    discover_snapshots,
    errata_path,
    snapshot_path,
)
from .stamp import SOURCE_FILE, made_with, processed_is_fresh, read_stamp, stamp_json
from .table_units import PRINTED, record_json
from .workbook import workbook_bytes

__all__ = ["SOURCE_FILE", "check_ledgers", "corrections_sha256", "exported_tables",
           "load_snapshot", "processed_is_fresh", "read_processed", "read_stamp", "read_table",
           "source_stamp", "write_processed"]

SEVERITIES = ("error", "warning", "info")


def corrections_sha256(report: Report) -> str:
    """Return a hash of the corrections the ledger made to this snapshot (what a page shows
    depends on them, not on ledger rows that apply to other snapshots). The ledger line of
    each is left out: a row added above it changes no page."""
    return bytes_sha256(csv_bytes(report.corrections.drop(columns=["ledger_line"])))


def source_stamp(report: Report) -> dict[str, object]:
    """Return what the processed files were made from (report and errata hashes, package
    version and source hash), the corrections applied, the unit record of its tables
    (:mod:`seoul_budget.table_units`), how many findings of each severity remain, the
    bureau's execution totals (KRW), what the report is about (bureau and years), the
    sections it does not print and how many key projects it lists; see
    :mod:`seoul_budget.stamp`."""
    errata = report.errata_path
    report_sha256, errata_sha256 = report.read_sha256 or (
        file_sha256(report.path), file_sha256(errata) if errata is not None else "")
    severities = report.findings["severity"].value_counts()
    programs = report.tables()["expenditure"]
    return {"report_sha256": report_sha256, "errata_sha256": errata_sha256,
            **made_with(report.path, report.previous_path), "as_of": report.as_of.isoformat(),
            "corrections_sha256": corrections_sha256(report),
            "units": record_json(report.table_units),
            "findings": {severity: int(severities.get(severity, 0)) for severity in SEVERITIES},
            "corrections": len(report.corrections),
            "execution": {column: int(programs[column].sum())
                          for column in ("budget", "committed", "spent")},
            "subject": report.subject.to_json(),
            "missing_sections": [missing.to_json() for missing in report.missing],
            "projects": len(report.tables()["projects"])}


def exported_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Return the tables written for a report: every schema table, plus the corrections, the
    reconciliation findings and the departments (:meth:`Report.departments_table`)."""
    return {**report.tables(), "corrections": report.corrections, "findings": report.findings,
            "departments": report.departments_table()}


def write_processed(report: Report, out_dir: str | Path) -> Path:
    """Write a report's tables, every figure as its table's unit note reads it, to
    ``out_dir/<as_of>/`` and return that folder.

    Writes ``<table>.parquet`` and ``<table>.csv`` per table, ``seoul_budget_<as_of>.xlsx``,
    ``datapackage.json`` and ``_source.json`` (what they were made from, the unit record
    among it), each atomically. Raises ValueError for a report read in its likely units (the
    processed folder holds the tables as printed; readers choose the reading).
    """
    if report.reading != PRINTED:
        raise ValueError("write_processed takes a report as printed (load_report's), "
                         f"not one read {report.reading!r}")
    folder = ensure_folder(Path(out_dir) / report.as_of.isoformat())
    tables = exported_tables(report)
    for name, frame in tables.items():
        write_bytes_atomic(folder / f"{name}.parquet", parquet_bytes(frame))
        write_bytes_atomic(folder / f"{name}.csv", csv_bytes(frame))
    write_bytes_atomic(folder / f"seoul_budget_{report.as_of.isoformat()}.xlsx",
                       workbook_bytes(report, tables))
    write_text_atomic(folder / "datapackage.json",
                      json.dumps(datapackage(report, tables), ensure_ascii=False, indent=2) + "\n")
    write_text_atomic(folder / SOURCE_FILE, stamp_json(source_stamp(report)))
    return folder


def read_processed(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Return {table: DataFrame} from a processed folder's Parquet files."""
    folder = Path(folder)
    return {path.stem: read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def read_table(folder: str | Path, table: str) -> pd.DataFrame:
    """Return one table of a processed folder (its Parquet file)."""
    return read_parquet(Path(folder) / f"{table}.parquet")


def load_snapshot(as_of: Any = None, data_dir: str | Path | None = None,
                  processed_dir: str | Path | None = None) -> Report:
    """Return the Report of a snapshot (default: the newest in the default data folder).

    When ``processed_dir/<as_of>/`` holds tables written from this very report, errata and
    package version (``seoul-budget parse`` or ``build`` wrote them), they are read instead of
    parsing the text again, findings and unit record included; otherwise the report is parsed
    (:func:`seoul_budget.load_report`). Either way every figure reads as its table's unit
    note prints it (``reading`` PRINTED).
    """
    path = snapshot_path(as_of, data_dir)
    stored = (processed_report(path, errata_path(path), Path(processed_dir))
              if processed_dir not in (None, "") else None)
    return stored if stored is not None else load_report(path, processed_dir=processed_dir)


def check_ledgers(reports: Iterable[Report], processed_dir: str | Path | None = None) -> None:
    """Check each errata ledger the reports were loaded with against every snapshot beside it
    (:func:`seoul_budget.errata.check_ledger`); returns None.

    Raises ErrataError for a row naming a date no snapshot has, or applying to no snapshot.
    A snapshot not among ``reports`` counts with the corrections of its fresh processed
    folder under ``processed_dir``; without one, rows that may apply to it are not judged.
    """
    from .errata import check_ledger

    by_ledger: dict[Path, list[Report]] = {}
    for report in reports:
        if report.errata_path is not None:
            by_ledger.setdefault(report.errata_path, []).append(report)
    for ledger, loaded in by_ledger.items():
        applied = {report.as_of: report.corrections for report in loaded}
        beside = all(errata_path(report.path) == ledger for report in loaded)
        # a ledger named on purpose serves the snapshots it was given, not its folder's
        snapshots = (discover_snapshots(ledger.parent) if beside
                     else {report.as_of: report.path for report in loaded})
        for day, path in snapshots.items():
            folder = Path(processed_dir) / day.isoformat() if processed_dir else None
            if day not in applied and folder is not None and processed_is_fresh(
                    folder, path, ledger):
                applied[day] = pd.read_parquet(folder / "corrections.parquet")
        check_ledger(ledger, applied, snapshots)

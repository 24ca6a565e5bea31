"""Each snapshot made ready once per run: its processed folder fresh (parsed, reconciled and
written only when stale), or set aside with a one-line message when its report or the ledger
cannot be read. A report that lacks a section is made ready (the other sections are read and
built); what it lacks is in its stamp, one located error per missing section.

Which snapshots are fresh is found without pandas (stamps and file hashes); the library is
imported only when one is stale. A bad snapshot never stops the others: its jobs are not run,
the index shows its message and the build exits 2 after building the rest. A snapshot's folder
is written file by file, atomically, its stamp last: until then the old stamp does not match,
so a half-written folder is never taken for a fresh one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ErrataError, OrganisationError, ReportParseError
from ..limits import input_problem
from ..parse.document import MissingSection, missing_from_list
from ..snapshots import errata_path
from ..stamp import Hasher, Stamp, error_count, fresh_stamp, read_stamp
from ..subject import Subject, subject_from_json
from ..textwidth import one_line  # a scheduler's log or mail shows one line per problem
from .config import BuildConfig
from .jobs import Job


@dataclass
class SnapshotState:
    """A snapshot in this run: its report, its fresh processed stamp (None until prepared) and,
    when it cannot be read, the one-line reason."""

    as_of: date
    report_path: Path
    stamp: Stamp | None = None
    error: str | None = None

    @property
    def ready(self) -> bool:
        """Return True if the snapshot's processed folder is fresh."""
        return self.stamp is not None

    @property
    def corrections(self) -> str | None:
        """Return the hash of the corrections the ledger makes to it (None until ready)."""
        return str(self.stamp.get("corrections_sha256")) if self.stamp is not None else None

    @property
    def errors(self) -> int | None:
        """Return how many reconciliation errors remain in it (None until ready)."""
        return error_count(self.stamp)

    @property
    def subject(self) -> Subject | None:
        """Return what its report is about, as its stamp records it (None until ready)."""
        return subject_from_json((self.stamp or {}).get("subject"))

    @property
    def missing(self) -> tuple[MissingSection, ...]:
        """Return the sections its report lacks (none until ready)."""
        return missing_from_list((self.stamp or {}).get("missing_sections"))

    def missing_lines(self) -> list[str]:
        """Return one line per section its report lacks: file, line and what is missing."""
        return [one_line(str(m.error(str(self.report_path)))) for m in self.missing]

    @property
    def projects(self) -> int | None:
        """Return how many key projects its report lists (None until ready)."""
        count = (self.stamp or {}).get("projects")
        return count if isinstance(count, int) else None


def read_states(snapshots: Mapping[date, Path], config: BuildConfig,
                hasher: Hasher) -> dict[date, SnapshotState]:
    """Return every snapshot's state, oldest first, with its stamp where its processed folder
    is fresh (no parsing, no pandas), or the reason it cannot be read when a stat of its
    report or ledger tells (too large, a folder): such a file is never read nor hashed."""
    states = {}
    for day, path in sorted(snapshots.items()):
        problem = input_problem(path, errata_path(path))
        if problem is not None:
            states[day] = SnapshotState(day, path, error=one_line(problem))
            continue
        states[day] = SnapshotState(day, path, fresh_stamp(config.processed_dir / day.isoformat(),
                                                           path, errata_path(path), hasher))
    return states


def needed_snapshots(jobs: Iterable[Job], snapshots: Iterable[date]) -> set[date]:
    """Return the snapshots these jobs read: their own, and for a notebook that reads history
    every snapshot up to its own."""
    days = sorted(snapshots)
    needed: set[date] = set()
    for job in jobs:
        needed.add(job.as_of)
        if job.notebook.reads_history:
            needed.update(day for day in days if day <= job.as_of)
    return needed


def prepare_snapshots(states: Iterable[SnapshotState], config: BuildConfig) -> list[date]:
    """Parse each stale snapshot of ``states``, reconcile it and write its processed folder
    (tables, findings, stamp); return the snapshots written.

    A snapshot whose report or ledger cannot be read, or that a faulty row of the
    reorganisation map touches (ReportParseError, ErrataError, OrganisationError), keeps the
    one-line reason in its ``error`` and the others are still prepared; its folder is left as
    it was.
    """
    stale = [state for state in states if not state.ready and state.error is None]
    if not stale:
        return []
    from ..processed import write_processed  # lazy: pandas only when a snapshot is stale
    from ..report import load_report

    written = []
    for state in stale:
        try:
            # the month before, a witness of its units, is read from its processed folder
            report = load_report(state.report_path, processed_dir=config.processed_dir)
        except (ReportParseError, ErrataError, OrganisationError) as exc:  # this snapshot's
            state.error = one_line(str(exc))
            continue
        folder = write_processed(report, config.processed_dir)
        state.stamp = read_stamp(folder)
        written.append(state.as_of)
    return written


def verify_ledger(states: Mapping[date, SnapshotState], config: BuildConfig) -> None:
    """Check the errata ledger beside the snapshots against the corrections every ready
    snapshot received (:func:`seoul_budget.errata.check_ledger`); returns None.

    Raises ErrataError (exit 2, before any notebook runs) for a row naming a date no snapshot
    has or applying to no snapshot. Rows that may apply to a snapshot that is not ready (it
    cannot be read) are not judged.
    """
    ledger = errata_path(next(iter(states.values())).report_path)
    if not ledger.is_file():
        return
    import pandas as pd  # lazy: only after a snapshot was parsed in this run

    from ..errata import check_ledger

    applied = {day: pd.read_parquet(config.processed_dir / day.isoformat() / "corrections.parquet")
               for day, state in states.items() if state.ready}
    check_ledger(ledger, applied, list(states))

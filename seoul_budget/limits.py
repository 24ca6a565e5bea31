"""What an input file may be, judged by a stat before it is read or hashed: its size within
the limit of its kind, and a file rather than a folder.

A work report is tens of kilobytes, an errata ledger or a reorganisation map a few hundred
rows; a file far larger is none of them, and reading or hashing it would cost memory and
time for nothing. A refusal names the file, its real size and the limit.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataFileError, ErrataError, ReportParseError

MAX_REPORT_BYTES = 5 * 1024 * 1024
MAX_LEDGER_BYTES = 1024 * 1024
MAX_MAP_BYTES = 1024 * 1024
MAX_ALIASES_BYTES = 1024 * 1024


def too_large(size: int, limit: int, kind: str) -> str:
    """Return the message for a file of ``size`` bytes over ``limit``: 'the file is
    209,715,200 bytes, larger than any errata ledger (limit 1,048,576)'."""
    return f"the file is {size:,} bytes, larger than any {kind} (limit {limit:,})"


def oversized(path: str | Path, limit: int) -> int | None:
    """Return the size of a file larger than ``limit`` bytes, else None (also when there is no
    such file: whoever reads it reports that)."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return None
    return size if size > limit else None


def read_capped(path: Path, limit: int, kind: str,
                error: type[ErrataError | DataFileError]) -> bytes:
    """Return the bytes of a small input file (an errata ledger, a data file beside the
    snapshots) read in one bounded read: ``error`` naming the path when it cannot be read or
    holds more than ``limit`` bytes (it grew since the stat, or it is a pipe, which a stat
    cannot size)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the {kind}: {exc.strerror}", path=str(path)) from exc
    if len(raw) > limit:
        raise error(f"the file is larger than any {kind} (limit {limit:,})", path=str(path))
    return raw


def check_report_file(path: str | Path) -> None:
    """Refuse a report over :data:`MAX_REPORT_BYTES` (ReportParseError naming its size)."""
    size = oversized(path, MAX_REPORT_BYTES)
    if size is not None:
        raise ReportParseError(too_large(size, MAX_REPORT_BYTES, "work report"),
                               path=str(path), expected="a work report text")


def check_input_file(path: str | Path, limit: int, kind: str,
                     error: type[ErrataError | DataFileError]) -> None:
    """Refuse, by a stat, a ``kind`` of input file that is a folder (or another non-file) or
    is over ``limit`` bytes (``error`` naming the path and the cause). A missing file passes:
    whoever reads it decides what no file means."""
    path = Path(path)
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise error(f"the {kind} is {what}; expected a CSV file", path=str(path))
    size = oversized(path, limit)
    if size is not None:
        raise error(too_large(size, limit, kind), path=str(path))


def check_ledger_file(path: str | Path) -> None:
    """Refuse an errata ledger that is a folder (or another non-file) or is over
    :data:`MAX_LEDGER_BYTES` (ErrataError naming the path and the cause). A missing ledger
    passes: a snapshot needs none."""
    check_input_file(path, MAX_LEDGER_BYTES, "errata ledger", ErrataError)


def input_problem(report: Path, ledger: Path | None) -> str | None:
    """Return why a snapshot cannot be read, judged by a stat of its report and ledger (the
    error's one-line message), or None when both may be read."""
    try:
        check_report_file(report)
        if ledger is not None:
            check_ledger_file(ledger)
    except (ReportParseError, ErrataError) as exc:
        return str(exc)
    return None

"""What an input file may be, judged by a stat before it is read or hashed: a regular file
(not a folder, a pipe, a device, a socket or a link to nothing), its size within the limit of
its kind, and — when reached through a link — lying in its own folder.

A link is followed only to a file inside the folder it is found in: a ledger or a map's own
folder, a report's data folder (the folder holding its snapshot folder). That folder may
itself be a link (snapshots on a share): it is compared as resolved. A link out of it is
refused before the file is opened, so no error quotes a line of a file that is not the
project's input (a map linked to a system file would otherwise name its first line).

A work report is tens of kilobytes, an errata ledger or a reorganisation map a few hundred
rows; a file far larger is none of them, and reading or hashing it would cost memory and
time for nothing. A refusal names the file, its real size and the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DataFileError, ErrataError, ReportParseError
from .hashing import open_regular

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


# What a file that is not a regular file is, for a message.
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a device"),
         (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def linked_outside(path: str | Path, home: str | Path) -> bool:
    """Return True when ``path``, its links followed, lies outside the folder ``home`` (also
    followed): a file reached through a link to somewhere else."""
    target, folder = os.path.realpath(path), os.path.realpath(home)
    return os.path.commonpath([target, folder]) != folder


def input_file_problem(path: str | Path, limit: int, kind: str,
                       home: str | Path | None = None) -> str | None:
    """Return why ``path`` cannot be read as a ``kind`` ('errata ledger'), judged by one stat
    before it is opened: a folder, a pipe, a device, a socket, a link to nothing, a link to a
    file outside ``home`` (default: the folder holding ``path``), or a file over ``limit``
    bytes. None for a regular file within its limit, and for no path at all (whoever reads
    it decides what no file means)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (f"the {kind} is a link to nothing (an unmounted share?)"
                if os.path.islink(path) else None)
    except OSError as exc:
        return f"cannot read the {kind}: {exc.strerror}"
    if not stat.S_ISREG(status.st_mode):
        what = next((name for test, name in KINDS if test(status.st_mode)), "not a regular file")
        return f"the {kind} is {what}; expected a regular file"
    if linked_outside(path, home or Path(path).parent):
        return (f"the {kind} is reached through a link to outside its folder; copy the file "
                "in, or link the whole data folder")
    if status.st_size > limit:
        return too_large(status.st_size, limit, kind)
    return None


def read_capped(path: Path, limit: int, kind: str,
                error: type[ErrataError | DataFileError]) -> bytes:
    """Return the bytes of a small input file (an errata ledger, a data file beside the
    snapshots) read in one bounded read: ``error`` naming the path when a stat refuses it
    (:func:`input_file_problem`), or it cannot be read or holds more than ``limit`` bytes (it
    grew since the stat)."""
    problem = input_file_problem(path, limit, kind)
    if problem is not None:
        raise error(problem, path=str(path))
    try:
        with open_regular(path) as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the {kind}: {exc.strerror}", path=str(path)) from exc
    if len(raw) > limit:
        raise error(f"the file is larger than any {kind} (limit {limit:,})", path=str(path))
    return raw


def check_report_file(path: str | Path) -> None:
    """Refuse a report that is no regular file, is over :data:`MAX_REPORT_BYTES`, or is a link
    out of its data folder (ReportParseError naming the cause; :func:`input_file_problem`)."""
    problem = input_file_problem(path, MAX_REPORT_BYTES, "work report",
                                 home=Path(path).parent.parent)
    if problem is not None:
        raise ReportParseError(problem, path=str(path), expected="a work report text")


def check_ledger_file(path: str | Path) -> None:
    """Refuse an errata ledger that is no regular file or is over :data:`MAX_LEDGER_BYTES`
    (ErrataError naming the path and the cause). A missing ledger passes: a snapshot needs
    none."""
    problem = input_file_problem(path, MAX_LEDGER_BYTES, "errata ledger")
    if problem is not None:
        raise ErrataError(problem, path=str(path))


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

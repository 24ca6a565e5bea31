"""Small CSV data files beside the snapshots, read alike: the errata ledger (``errata.csv``,
:func:`data_source`), and those with a fixed header (:func:`csv_rows`) — the reorganisation map
(``departments.csv``), the aliases (``aliases.csv``) and the key projects' programs
(``project_programs.csv``).

A file larger than its limit is refused by a stat before a byte is read; the bytes are read in
one bounded read and decoded as UTF-8 (with or without BOM) or CP949/EUC-KR, as Korean Excel
saves CSV; the header must be the file's columns; every failure is one error naming the file
and, where there is one, the line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError, ErrataError
from .hashing import bytes_sha256
from .limits import read_capped
from .parse.text import control_character, decode_korean, displayable, nul_line


def data_source(path: Path, kind: str, limit: int,
                error: type[DataFileError | ErrataError]) -> tuple[str, str]:
    """Return the text of the data file ``path`` and the SHA-256 of the very bytes it was
    read from (a stamp records it, so an edit after the read makes the output stale).

    Raises ``error`` (one line, naming ``path`` and, where there is one, the line) for a
    folder, pipe, device or link to nothing, a file over ``limit`` bytes (judged by a stat,
    before a byte is read: :func:`seoul_budget.limits.read_capped`), a binary file (NUL
    bytes), text neither UTF-8 nor CP949/EUC-KR, or a control character. Bidi controls
    and other invisible format characters are neutralised
    (:func:`seoul_budget.parse.text.displayable`).
    """
    raw = read_capped(path, limit, kind, error)
    line = nul_line(raw)
    if line is not None:
        raise error(f"the file is binary (it holds NUL bytes), not a CSV {kind}",
                    path=str(path), line=line)
    text = decode_korean(raw)
    if text is None:
        raise error(f"the {kind} is neither UTF-8 nor CP949/EUC-KR text; save it as "
                    "'CSV UTF-8'", path=str(path))
    control = control_character(text)
    if control is not None:
        raise error(f"the {kind} holds a control character {control[1]!r}", path=str(path),
                    line=control[0])
    return displayable(text), bytes_sha256(raw)  # shown as written, never reordered


def header_mismatch(header: tuple[str, ...], columns: tuple[str, ...]) -> str:
    """Return the message for a first line that is not the header ``columns``: the names it
    lacks and has too many when it shares one with the header (the file is meant as one),
    else no word of it (a file linked there by mistake is not echoed into a log)."""
    expected = ",".join(columns)
    if not set(header) & set(columns):
        return f"the first line is not a header; expected {expected}"
    lacks = [name for name in columns if name not in header]
    unknown = [name for name in header if name not in columns]
    parts = ([f"lacks {', '.join(lacks)}"] if lacks else []) + (
        [f"has unknown {', '.join(repr(n) for n in unknown)}"] if unknown else [])
    return f"the header {'; '.join(parts) or 'has its columns in another order'}; " \
           f"expected {expected}"


@dataclass(frozen=True)
class Row:
    """A non-empty row of a data file: its 1-based ``line``, ``cells`` ({column: stripped
    cell}, a missing cell '') and whether it holds ``extra`` cells beyond the header."""

    line: int
    cells: dict[str, str]
    extra: bool


def csv_rows(path: Path, columns: tuple[str, ...], kind: str, limit: int,
             error: type[DataFileError]) -> list[Row]:
    """Return the non-empty rows of a data file with header ``columns``.

    Raises ``error`` (one line, naming ``path`` and the line) for a file
    :func:`data_source` refuses, or another header. A missing file is no concern of this
    function: the caller decides what no file means, and what a row with extra cells is.
    """
    text = data_source(path, kind, limit, error)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(name.strip() for name in (reader.fieldnames or []))
    if header != columns:
        raise error(header_mismatch(header, columns), path=str(path), line=1)
    reader.fieldnames = list(header)
    rows: list[Row] = []
    for row in reader:
        cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if any(cells.values()) or None in row:
            rows.append(Row(reader.line_num, cells, None in row))
    return rows

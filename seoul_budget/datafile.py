"""Small CSV data files beside the snapshots with a fixed header — the reorganisation map
(``departments.csv``) and the aliases (``aliases.csv``): read as the errata ledger is read.

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
from typing import TypeVar

from .errors import AliasError, OrganisationError
from .limits import read_capped
from .parse.text import control_character, decode_korean, displayable, nul_line

DataFileError = TypeVar("DataFileError", OrganisationError, AliasError)


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

    Raises ``error`` (one line, naming ``path`` and the line) for a folder, a file over
    ``limit`` bytes, one that is not UTF-8 or CP949/EUC-KR text, or another header. A missing
    file is no concern of this function: the caller decides what no file means, and what a
    row with extra cells is.
    """
    raw = read_capped(path, limit, kind, error)  # a stat first: a pipe or device is refused
    text = None if nul_line(raw) is not None else decode_korean(raw)
    if text is None or control_character(text) is not None:
        raise error(f"the {kind} is not UTF-8 or CP949/EUC-KR text (save it as 'CSV UTF-8')",
                    path=str(path))
    reader = csv.DictReader(io.StringIO(displayable(text), newline=""))
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

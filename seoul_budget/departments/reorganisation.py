"""The reorganisation map, ``data/raw/departments.csv``: which department became which, and when.

Each snapshot's departments come from its own staffing table (``report.departments``); this
map links them across snapshots, so history and trends follow a department through a rename
or a merge. One row per change (UTF-8 with or without BOM, or CP949/EUC-KR; at most 1 MB)::

    old_name,new_name,effective_date,note
    빅데이터담당관,데이터융합담당관,2023-07-01,2023년 하반기 조직개편

- a rename is one row; a merge is one row per merged department, with the same new name and
  date; a department split in two cannot be followed by name and is refused;
- a snapshot dated D shows the organisation after every change effective on or before D.

API (pure functions on the rows; nothing here reads a report):

- ``read_reorganisations(path) -> tuple[Reorganisation, ...]`` (OrganisationError, one line
  naming the file and row, for a malformed map; a missing file is an empty map);
- ``later_name(name, seen, later, changes) -> str``: the name the department called ``name``
  in the snapshot of date ``seen`` carries in the snapshot of date ``later`` (``later`` ≥
  ``seen``); a name no change touches is returned as it is;
- ``former_names(changes) -> frozenset[str]``: every name the map mentions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import OrganisationError
from ..limits import MAX_MAP_BYTES, oversized, read_capped, too_large
from ..parse.text import control_character, decode_korean, nul_line
from .names import department_name

MAP_COLUMNS = ("old_name", "new_name", "effective_date", "note")


@dataclass(frozen=True)
class Reorganisation:
    """One change: the department ``old`` is called (or merged into) ``new`` from
    ``effective`` on; ``line`` is the row's 1-based line in the map."""

    old: str
    new: str
    effective: date
    note: str
    line: int


def read_reorganisations(path: str | Path) -> tuple[Reorganisation, ...]:
    """Return the changes of a reorganisation map, by effective date (then file order).

    A missing file is an empty map. Raises OrganisationError naming the file and line for an
    unreadable file, a wrong header, a row that is no change (a name missing, a bad date, a
    department renamed to itself) or a department split in two on one date.
    """
    path = Path(path)
    if path.is_dir():
        raise OrganisationError("the reorganisation map is a folder; expected a CSV file",
                                path=str(path))
    if not path.is_file():
        return ()
    text = _map_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(name.strip() for name in (reader.fieldnames or []))
    if header != MAP_COLUMNS:
        raise OrganisationError(f"the header is {','.join(header) or '(none)'}; expected "
                                f"{','.join(MAP_COLUMNS)}", path=str(path), line=1)
    reader.fieldnames = list(header)
    changes: list[Reorganisation] = []
    for row in reader:
        cells = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not any(cells.values()):
            continue
        changes.append(_change(path, reader.line_num, cells, None in row))
    _refuse_splits(path, changes)
    return tuple(sorted(changes, key=lambda c: (c.effective, c.line)))


def _map_text(path: Path) -> str:
    """Return a map file's text (OrganisationError, one line, if it cannot be one); a file
    over the size limit is refused by a stat, before a byte is read."""
    size = oversized(path, MAX_MAP_BYTES)
    if size is not None:
        raise OrganisationError(too_large(size, MAX_MAP_BYTES, "reorganisation map"),
                                path=str(path))
    raw = read_capped(path, MAX_MAP_BYTES, "reorganisation map", OrganisationError)
    text = None if nul_line(raw) is not None else decode_korean(raw)
    if text is None or control_character(text) is not None:
        raise OrganisationError("the map is not UTF-8 or CP949/EUC-KR text (save it as "
                                "'CSV UTF-8')", path=str(path))
    return text


def _change(path: Path, line: int, cells: dict[str, str], extra: bool) -> Reorganisation:
    """Return one row as a change (OrganisationError naming the row if it is none)."""

    def fail(message: str) -> OrganisationError:
        return OrganisationError(message, path=str(path), line=line)

    if extra:
        raise fail("the row has more cells than the header")
    if not cells["old_name"] or not cells["new_name"]:
        raise fail("a change names the old and the new department")
    try:
        effective = date.fromisoformat(cells["effective_date"])
    except ValueError:
        raise fail(f"effective_date {cells['effective_date']!r} is not a date (YYYY-MM-DD)") \
            from None
    old, new = department_name(cells["old_name"]), department_name(cells["new_name"])
    if old == new:
        raise fail(f"{old} is renamed to itself")
    return Reorganisation(old, new, effective, cells["note"], line)


def _refuse_splits(path: Path, changes: Sequence[Reorganisation]) -> None:
    """Raise OrganisationError if one department becomes two on one date; returns None."""
    seen: dict[tuple[str, date], Reorganisation] = {}
    for change in changes:
        first = seen.setdefault((change.old, change.effective), change)
        if first is not change:
            raise OrganisationError(
                f"{change.old} becomes both {first.new} (line {first.line}) and {change.new} "
                f"on {change.effective.isoformat()}: a split cannot be followed by name",
                path=str(path), line=change.line)


def later_name(name: str, seen: date, later: date, changes: Iterable[Reorganisation]) -> str:
    """Return the name department ``name`` of the snapshot dated ``seen`` carries in the
    snapshot dated ``later``: every change effective after ``seen`` and on or before ``later``
    is followed in date order (a rename, then a merge …). Raises ValueError if ``later`` is
    before ``seen`` (a merge cannot be undone by name)."""
    if later < seen:
        raise ValueError(f"later {later.isoformat()} is before seen {seen.isoformat()}")
    current = department_name(name)
    for change in sorted(changes, key=lambda c: (c.effective, c.line)):
        if seen < change.effective <= later and change.old == current:
            current = change.new
    return current


def former_names(changes: Iterable[Reorganisation]) -> frozenset[str]:
    """Return every department name the map mentions, old or new."""
    return frozenset(name for change in changes for name in (change.old, change.new))

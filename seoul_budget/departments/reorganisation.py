"""The reorganisation map, ``data/raw/departments.csv``: which department became which, and when.

Each snapshot's departments come from its own staffing table (``report.departments``); this
map links them across snapshots, so history and trends follow a department through a rename,
a merge or a split. One row per change (UTF-8 with or without BOM, or CP949/EUC-KR; at most
1 MB)::

    old_name,new_name,effective_date,note
    기후정책담당관,탄소중립담당관,2025-07-01,하반기 조직개편

- a rename is one row; a merge is one row per merged department, with the same new name and
  date; a split is one row per successor, with the same old name and date;
- a snapshot dated D shows the organisation after every change effective on or before D.

A row that is no change (a name missing, a bad date, a department renamed to itself) fails
only the snapshots it touches — those printing a name it mentions (:meth:`ReorganisationMap.
check`) — as the errata ledger's rows do; the other rows still link the snapshots.

API (pure functions on the rows; nothing here reads a report):

- ``read_map(path) -> ReorganisationMap``: its changes by effective date and its faulty rows
  (OrganisationError, one line naming the file, for a map that cannot be read at all; a
  missing file is an empty map); ``read_reorganisations(path)``: its changes, the first
  faulty row raised;
- ``later_names(name, seen, later, changes) -> tuple[str, ...]``: the names the department
  called ``name`` in the snapshot of date ``seen`` carries in the snapshot of date ``later``
  — one, or each successor of a split; ``later_name``: the one name (a department split in
  between keeps its own: it is none of its successors);
- ``former_names(changes) -> frozenset[str]``: every name the map mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..datafile import csv_rows
from ..errors import OrganisationError
from ..limits import MAX_MAP_BYTES
from ..parse.text import label_key
from .names import department_name

MAP_COLUMNS = ("old_name", "new_name", "effective_date", "note")


@dataclass(frozen=True)
class Reorganisation:
    """One change: the department ``old`` is called (or merged into, or split into) ``new``
    from ``effective`` on; ``line`` is the row's 1-based line in the map."""

    old: str
    new: str
    effective: date
    note: str
    line: int


@dataclass(frozen=True)
class FaultyRow:
    """A row of the map that is no change: its error (naming the file and line) and the
    department names it mentions, by which it touches a snapshot."""

    error: OrganisationError
    names: frozenset[str]


@dataclass(frozen=True)
class ReorganisationMap:
    """A map's changes (by effective date, then line) and its faulty rows."""

    changes: tuple[Reorganisation, ...] = ()
    faults: tuple[FaultyRow, ...] = ()

    def check(self, printed: Iterable[str]) -> None:
        """Raise the first faulty row's OrganisationError that mentions a name among
        ``printed`` (the labels a snapshot prints, compared without whitespace); return None
        when no faulty row touches the snapshot."""
        keys = {label_key(text) for text in printed}
        for fault in self.faults:
            if any(label_key(name) in keys for name in fault.names):
                raise fault.error


def read_map(path: str | Path) -> ReorganisationMap:
    """Return a reorganisation map: its changes by effective date (then file order) and its
    faulty rows.

    A missing file is an empty map. Raises OrganisationError naming the file (and line) for a
    map that cannot be read at all: a folder, too large, not text, another header.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a link to nothing is refused
        return ReorganisationMap()
    changes: list[Reorganisation] = []
    faults: list[FaultyRow] = []
    for row in csv_rows(path, MAP_COLUMNS, "reorganisation map", MAX_MAP_BYTES,
                        OrganisationError):
        try:
            changes.append(_change(path, row.line, row.cells, row.extra))
        except OrganisationError as exc:  # this row's, not the map's: it fails what it touches
            names = (row.cells["old_name"], row.cells["new_name"])
            faults.append(FaultyRow(exc, frozenset(n for n in names if n)))
    return ReorganisationMap(tuple(sorted(changes, key=lambda c: (c.effective, c.line))),
                             tuple(faults))


def read_reorganisations(path: str | Path) -> tuple[Reorganisation, ...]:
    """Return the changes of a reorganisation map, by effective date (then file order).

    A missing file is an empty map. Raises OrganisationError naming the file and line for a
    map that cannot be read, or for its first row that is no change.
    """
    read = read_map(path)
    if read.faults:
        raise read.faults[0].error
    return read.changes


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


def later_names(name: str, seen: date, later: date,
                changes: Sequence[Reorganisation]) -> tuple[str, ...]:
    """Return the names the department called ``name`` in the snapshot dated ``seen`` carries
    in the snapshot dated ``later``: every change effective after ``seen`` and on or before
    ``later`` is followed in date order — a rename or a merge gives one name, a split one per
    successor (in map order), and each successor follows its own later changes. Raises
    ValueError if ``later`` is before ``seen`` (a merge cannot be undone by name)."""
    current = [department_name(name)]
    for today in _days(seen, later, changes):
        current = list(dict.fromkeys(
            new for old in current
            for new in ([c.new for c in today if c.old == old] or [old])))
    return tuple(current)


def later_name(name: str, seen: date, later: date, changes: Sequence[Reorganisation]) -> str:
    """Return the name department ``name`` of the snapshot dated ``seen`` carries in the
    snapshot dated ``later`` (:func:`later_names`); a department split in between keeps the
    name it had when it was split (it is none of its successors). Raises ValueError if
    ``later`` is before ``seen``."""
    current = department_name(name)
    for today in _days(seen, later, changes):
        new = [c.new for c in today if c.old == current]
        if len(new) > 1:
            return current
        current = new[0] if new else current
    return current


def _days(seen: date, later: date,
          changes: Sequence[Reorganisation]) -> list[list[Reorganisation]]:
    """Return the changes effective after ``seen`` and on or before ``later``, one list per
    day in date order (each in map order); ValueError if ``later`` is before ``seen``."""
    if later < seen:
        raise ValueError(f"later {later.isoformat()} is before seen {seen.isoformat()}")
    ordered = sorted((c for c in changes if seen < c.effective <= later),
                     key=lambda c: (c.effective, c.line))
    return [[c for c in ordered if c.effective == day]
            for day in dict.fromkeys(c.effective for c in ordered)]


def former_names(changes: Iterable[Reorganisation]) -> frozenset[str]:
    """Return every department name the map mentions, old or new."""
    return frozenset(name for change in changes for name in (change.old, change.new))

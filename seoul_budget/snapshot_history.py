"""History: one table over every snapshot, stacked, ``as_of`` first — how the figures moved from
month to month. A table of a year's figures keeps its ``fiscal_year`` column: snapshots of two
fiscal years are two series (compare them year on year, :mod:`seoul_budget.metrics.trends`).

>>> sb.history("expenditure")                     # every program of every snapshot
>>> sb.history("expenditure", until="YYYY-MM-DD")  # what the report of that date could know

Each snapshot is read as :func:`seoul_budget.processed.load_snapshot` reads it: its fresh
processed table where there is one, else its report parsed, errata applied. Departments are
canonical in every snapshot; ``rename`` maps a department's name in a snapshot to its current
name, so a department followed across a reorganisation stays one department. Programs are
matched across months by :mod:`seoul_budget.metrics.trends`.

The build writes every table's history to ``data/processed/history/<table>.parquet`` and
``.csv`` (UTF-8 with BOM), a workbook and a Frictionless data package of them, once per run,
only when a snapshot changed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import ensure_folder, output_error
from .catalog import TABLES
from .departments import Reorganisation, later_name, later_names, read_map
from .errors import ParameterError
from .export import (
    AS_OF,
    DATE_DTYPE,
    csv_bytes,
    history_datapackage,
    parquet_bytes,
    read_parquet,
)
from .parse.text import label_key
from .processed import read_table
from .report import load_report
from .snapshots import (
    available_dates,
    default_data_dir,
    default_processed_dir,
    discover_snapshots,
    errata_path,
    parse_as_of,
    reorganisation_path,
)
from .stamp import (
    HISTORY_FOLDER,
    SOURCE_FILE,
    Stamp,
    appended_snapshots,
    fresh_stamp,
    read_stamp,
    stamp_json,
)
from .subject import subject_from_json
from .table_units import record_from_json, slip_factors
from .views import in_likely_units
from .workbook import history_workbook_bytes

HISTORY_WORKBOOK = "seoul_budget_history.xlsx"
DATAPACKAGE = "datapackage.json"

# (department name as printed in a snapshot, that snapshot's date) -> the name to use.
Rename = Callable[[str, date], str]


def same_name(name: str, as_of: date) -> str:
    """Return ``name`` unchanged: departments as each snapshot prints them."""
    return name


@dataclass(frozen=True)
class Renamer:
    """The reorganisation map as history follows it: a department's name in a snapshot gives
    its name as of ``until`` (:func:`seoul_budget.departments.later_name`); a department split
    in between keeps its own name, and :meth:`successors` says which departments it became."""

    changes: tuple[Reorganisation, ...]
    until: date = date.max

    def __call__(self, name: str, as_of: date) -> str:
        return later_name(name, as_of, max(as_of, self.until), self.changes)

    def successors(self, name: str, as_of: date) -> tuple[str, ...]:
        """Return the departments ``name`` of the snapshot ``as_of`` became by ``until``
        (one, or each successor of a split)."""
        return later_names(name, as_of, max(as_of, self.until), self.changes)


def department_renamer(data_dir: str | Path | None = None,
                       until: date | None = None) -> Rename:
    """Return the function giving a department's name as of ``until`` (default: after every
    known change) from its name in a snapshot, following the reorganisation map
    ``<data_dir>/departments.csv`` (a :class:`Renamer`; :func:`same_name` for no map).

    Every caller of :func:`history` without ``rename``, the trends notebook (``until`` = its
    snapshot, so a later reorganisation never changes an earlier page) and the build's history
    files go through this one function. A row of the map that is no change is left out here
    (it fails the snapshots it touches when they load). Raises OrganisationError for a map
    that cannot be read at all.
    """
    folder = Path(data_dir) if data_dir not in (None, "") else default_data_dir()
    changes = read_map(reorganisation_path(folder)).changes
    if not changes:
        return same_name
    return Renamer(changes, until or date.max)


def rename_departments(frame: pd.DataFrame, rename: Rename) -> pd.DataFrame:
    """Return a copy of a history frame (``as_of`` and ``department`` columns) with every
    department under ``rename(name, as_of)``; frames without a department column unchanged.

    A program of a department split in between (a :class:`Renamer` knows) goes to the one
    successor that holds a program of its account and name in a later snapshot of the
    frame; one no single successor holds (기본경비, held by each) keeps the old name."""
    out = frame.copy()
    if "department" not in out or not len(out):
        return out
    days = [pd.Timestamp(value).date() for value in out[AS_OF]]
    printed = out["department"].tolist()
    names = [rename(name, day) if isinstance(name, str) else name
             for name, day in zip(printed, days, strict=True)]
    if isinstance(rename, Renamer) and {"account", "program"} <= set(out.columns):
        names = _follow_splits(out, printed, names, days, rename)
    dtype = out["department"].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        # the categories renamed, in their order (a renamed department takes its old place)
        codes = out["department"].cat.codes.tolist()
        ranked = sorted(range(len(names)), key=lambda i: (codes[i], i))
        categories = list(dict.fromkeys(names[i] for i in ranked if isinstance(names[i], str)))
        out["department"] = pd.Categorical(names, categories=categories, ordered=True)
    else:
        out["department"] = pd.Series(names, index=out.index, dtype=dtype)
    return out


def _follow_splits(frame: pd.DataFrame, printed: list[object], names: list[object],
                   days: list[date], rename: Renamer) -> list[object]:
    """Return ``names`` with each program of a split department under the successor that
    holds it (same account and program name, whitespace aside) in a later snapshot."""
    accounts = frame["account"].astype(str).tolist()
    programs = [label_key(str(p)) for p in frame["program"]]
    held: dict[tuple[object, str, str], list[date]] = {}
    for name, account, program, day in zip(names, accounts, programs, days, strict=True):
        held.setdefault((name, account, program), []).append(day)
    out = list(names)
    for index, (name, day) in enumerate(zip(printed, days, strict=True)):
        parts = rename.successors(name, day) if isinstance(name, str) else ()
        if len(parts) < 2:
            continue
        holders = [part for part in parts
                   if any(later > day for later in held.get(
                       (part, accounts[index], programs[index]), []))]
        if len(holders) == 1:
            out[index] = holders[0]
    return out


def snapshots_until(data_dir: str | Path | None = None,
                    until: Any = None) -> dict[date, Path]:
    """Return {as_of: report path} of the snapshots up to and including ``until`` (all when
    None; any date :func:`seoul_budget.snapshots.parse_as_of` takes), oldest first.

    Raises ParameterError for a missing folder, a malformed date or no snapshot that early.
    """
    folder = Path(data_dir) if data_dir not in (None, "") else default_data_dir()
    found = discover_snapshots(folder)
    last = parse_as_of(until, found) if until not in (None, "") else None
    chosen = {day: path for day, path in sorted(found.items()) if last is None or day <= last}
    if not chosen:
        when = f" on or before {last.isoformat()}" if last is not None else ""
        raise ParameterError(f"data_dir {str(folder)!r} holds no snapshot{when} "
                             f"(<YYYY-MM-DD>/report.txt); available: {available_dates(found)}")
    return chosen


def stack(frames: Mapping[date, pd.DataFrame], rename: Rename = same_name) -> pd.DataFrame:
    """Return the frames of several snapshots as one: ``as_of`` first (dates at midnight),
    rows in snapshot order then in each snapshot's order, every other column with the dtype
    of the single tables; ``department`` mapped through ``rename`` (name, as_of)."""
    parts = []
    for day in sorted(frames):
        part = frames[day].reset_index(drop=True).copy()
        part.insert(0, AS_OF, pd.Series(pd.Timestamp(day), index=part.index, dtype=DATE_DTYPE))
        parts.append(part)
    if not parts:
        raise ParameterError("no snapshot to stack")
    out = concat_like(parts)
    return out if rename is same_name else rename_departments(out, rename)


def concat_like(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Return the frames one after another with the first one's dtypes (an empty frame would
    turn its columns' dtype to object in a plain concatenation)."""
    dtypes = dict(parts[0].dtypes.items())
    for column, dtype in dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):  # departments differ from month to month
            dtypes[column] = union_categories([part[column] for part in parts
                                               if column in part])
    filled = [part.astype({c: t for c, t in dtypes.items() if c in part})
              for part in parts if len(part)] or list(parts[:1])
    out = pd.concat(filled, ignore_index=True)
    return out.astype(dtypes)


def union_categories(columns: Sequence[pd.Series]) -> pd.CategoricalDtype:
    """Return an ordered categorical dtype holding every category (or value) of ``columns``
    in order of appearance: the first snapshot's departments in its order, then each
    department a later snapshot adds, where it first appears."""
    names: list[object] = []
    for column in columns:
        if isinstance(column.dtype, pd.CategoricalDtype):
            names += list(column.cat.categories)
        else:
            names += [value for value in column.tolist() if isinstance(value, str)]
    return pd.CategoricalDtype(list(dict.fromkeys(names)), ordered=True)


def history_tables(tables: Sequence[str], data_dir: str | Path | None = None, *,
                   processed_dir: str | Path | None = None, until: Any = None,
                   rename: Rename | None = None,
                   likely_units: bool = False) -> dict[str, pd.DataFrame]:
    """Return {table: history} for several tables, reading each snapshot once (see
    :func:`history`). ``likely_units``: a snapshot's table printed 1,000× off its unit note
    (its unit record, the ``units`` of its processed stamp) is read in its likely unit, as the
    notebooks show it (:meth:`seoul_budget.Report.in_likely_units`); else every figure as its
    note reads it."""
    names = list(tables)
    for name in names:
        if name not in TABLES:
            raise ParameterError(f"table {name!r} is not a table of the package; choose one "
                                 "of " + ", ".join(TABLES))
    processed = Path(processed_dir) if processed_dir not in (None, "") else \
        default_processed_dir()
    chosen = snapshots_until(data_dir, until)
    if rename is None:
        rename = department_renamer(data_dir, max(chosen) if until not in (None, "") else None)
    frames: dict[str, dict[date, pd.DataFrame]] = {name: {} for name in names}
    for day, path in chosen.items():
        folder = processed / day.isoformat()
        stamp = fresh_stamp(folder, path, errata_path(path))
        record = record_from_json(stamp.get("units")) if stamp is not None else None
        if record is not None:  # the tables as printed, and the stamp's unit record
            read = {name: read_table(folder, name) for name in names}
            if likely_units:
                read = in_likely_units(read, slip_factors(record))
        else:
            report = load_report(path, processed_dir=processed)
            report = report.in_likely_units() if likely_units else report
            read = {name: report.table(name) for name in names}
        for name in names:
            frames[name][day] = read[name]
    return {name: stack(frames[name], rename) for name in names}


def history(table: str, data_dir: str | Path | None = None, *,
            processed_dir: str | Path | None = None, until: Any = None,
            rename: Rename | None = None, likely_units: bool = False) -> pd.DataFrame:
    """Return ``table`` of every snapshot in ``data_dir`` (default: the project's ``data/raw``)
    up to and including ``until`` (default: all; any date
    :func:`seoul_budget.snapshots.parse_as_of` takes, one from an ``as_of`` column included),
    stacked: ``as_of`` first (datetime64), sorted
    by ``as_of``, the other columns with the single table's dtypes (money in KRW), errata
    applied as :func:`seoul_budget.load_report` applies them.

    Fresh processed tables in ``processed_dir`` (default: the project's ``data/processed``)
    are read instead of parsing. ``rename(name, as_of)`` gives a department's current name
    (default: :func:`department_renamer`; :func:`same_name` keeps every name as printed).
    ``table`` is any table of the package, ``corrections``
    and ``findings`` included. Raises ParameterError for an unknown table or no snapshot,
    ReportParseError or ErrataError for a snapshot that cannot be read. ``likely_units``: a
    snapshot's table printed 1,000× off its unit note is read in its likely unit
    (:meth:`seoul_budget.Report.in_likely_units`), as the pages show it; by default every
    figure reads as its note prints it, as :func:`seoul_budget.load_report` returns it.
    """
    return history_tables([table], data_dir, processed_dir=processed_dir, until=until,
                          rename=rename, likely_units=likely_units)[table]


def _remove_folder(folder: Path) -> None:
    """Remove a folder this module writes aside, if it is there."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


def _swap_in(new: Path, folder: Path) -> None:
    """Put the folder ``new`` where ``folder`` is, as one unit: the old one is renamed away,
    the new one renamed in, the old one removed. A kill in between leaves no history folder
    (the next build writes it again), never tables with different months."""
    old = folder.with_name(f".{folder.name}.old")
    try:
        _remove_folder(old)
        if folder.exists():
            folder.rename(old)
        new.rename(folder)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    _remove_folder(old)


def write_history(processed_dir: str | Path, snapshots: Mapping[date, Path],
                  stamp: Stamp, rename: Rename = same_name,
                  tables: Sequence[str] = tuple(TABLES)) -> list[str]:
    """Write each table's history to ``processed_dir/history/<table>.parquet`` and ``.csv``
    (UTF-8 with BOM), the workbook ``seoul_budget_history.xlsx`` (one sheet per table, 설명
    last) and ``datapackage.json`` (Frictionless) from the snapshots' fresh processed folders,
    then the folder's stamp (:func:`seoul_budget.stamp.history_stamp`); return the files
    (re)written.

    Files whose bytes would not change are left alone (same tables give the same bytes). When
    the only change is snapshots added after the last one, each table is extended (its old
    rows read back, the new snapshots' appended), which gives the same bytes as rebuilding it
    and reads two files per table instead of one per snapshot.
    """
    processed = Path(processed_dir)
    folder = processed / HISTORY_FOLDER
    added = appended_snapshots(read_stamp(folder), stamp)
    frames = {}
    for name in tables:
        old = folder / f"{name}.parquet"
        if added is not None and old.is_file():
            new = stack({parse_as_of(day): read_table(processed / day, name) for day in added},
                        rename)
            frames[name] = concat_like([read_parquet(old), new])
        else:
            frames[name] = stack({day: read_table(processed / day.isoformat(), name)
                                  for day in snapshots}, rename)
    days = sorted(snapshots)
    subject = subject_from_json((read_stamp(processed / max(days).isoformat()) or {})
                                .get("subject"))
    aside = processed / f".{HISTORY_FOLDER}.new"  # written whole here, then swapped in
    _remove_folder(aside)  # a build killed while writing it left it half-written
    ensure_folder(aside)
    written = []
    try:
        files = {}
        for name, frame in frames.items():
            files[f"{name}.parquet"], files[f"{name}.csv"] = parquet_bytes(frame), csv_bytes(frame)
        files[HISTORY_WORKBOOK] = history_workbook_bytes(frames, subject, days)
        files[DATAPACKAGE] = (json.dumps(history_datapackage(frames, subject, days),
                                         ensure_ascii=False, indent=2) + "\n").encode()
        if folder.is_dir():  # the files not written now stay as they are
            for kept in folder.iterdir():
                if kept.is_file():
                    shutil.copy2(kept, aside / kept.name)
        for file_name, data in files.items():
            path = folder / file_name
            if not path.is_file() or path.read_bytes() != data:  # else its copy stays
                written.append(file_name)
                (aside / file_name).write_bytes(data)
        (aside / SOURCE_FILE).write_text(stamp_json(stamp), encoding="utf-8")
    except OSError as exc:  # a full disk: the history in place stays whole
        _remove_folder(aside)
        raise output_error(exc, aside) from exc
    _swap_in(aside, folder)
    return written

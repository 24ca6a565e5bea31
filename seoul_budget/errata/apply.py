"""Corrections from the errata ledger applied to one snapshot's tables.

The ledger's format is in :mod:`seoul_budget.errata.ledger`. A row for one snapshot
(``as_of``) that does not match it fails that snapshot only; a row for any snapshot applies
wherever its key prints its printed value (whether every row applied somewhere is
:mod:`seoul_budget.errata.check`'s question).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ErrataError
from ..parse.keys import row_keys
from ..schemas import column_unit
from ..validate import from_records
from .ledger import FIGURE, Correction, figure_text, figure_value


@dataclass(frozen=True)
class _Place:
    """Where a ledger row's figure is in a snapshot's tables."""

    frame: str  # the table holding it: the row's table, or printed_totals
    index: object
    column: str
    unit: str
    source_line: int


def apply_errata(tables: dict[str, pd.DataFrame], corrections: Sequence[Correction],
                 as_of: date, lines: dict[int, str], ledger: str | Path = "errata.csv",
                 report: str | Path | None = None) -> tuple[dict[str, pd.DataFrame],
                                                            pd.DataFrame]:
    """Return (corrected tables, the corrections applied) for the snapshot of ``as_of``.

    A row for this snapshot (``as_of``) must find its figure, equal to its printed value,
    on a line that prints that number; a row for any snapshot applies where it does. A row
    that fails here raises ErrataError naming this snapshot and the ledger line. The input
    tables are not modified.
    """
    original, tables = tables, dict(tables)
    keys: dict[str, pd.Series] = {}  # each table's row keys, made once per snapshot
    applied: list[dict[str, object]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for fix in corrections:
        if not fix.in_scope(as_of):
            continue

        def fail(message: str, fix: Correction = fix) -> ErrataError:
            return ErrataError(message, path=str(ledger), line=fix.ledger_line, as_of=as_of,
                               report=None if report is None else str(report))

        if fix.table not in tables or fix.table == "printed_totals":
            raise fail(f"unknown table {fix.table!r}; expected one of "
                       + ", ".join(t for t in tables if t != "printed_totals"))
        place = _locate(original, keys, fix, fail)  # the figures as printed
        if place is None:
            if fix.as_of is not None:
                raise fail(f"{fix.table} has no figure {fix.column!r} with key {fix.key!r} in "
                           "this snapshot (the report or the ledger changed)")
            continue
        current = original[place.frame].at[place.index, place.column]
        try:
            printed = figure_value(fix.printed, place.unit)
            corrected = figure_value(fix.corrected, place.unit)
        except ValueError as exc:
            raise fail(str(exc)) from None
        if pd.isna(current) or abs(float(current) - printed) > 1e-9:
            if fix.as_of is None:
                continue  # this snapshot prints another figure there: not the misprint
            found = ("no figure" if pd.isna(current)  # else in the ledger's unit, labelled
                     else figure_text(float(current), place.unit, fix.printed))
            raise fail(f"the ledger says {fix.table} {fix.key!r} {fix.column} prints "
                       f"{fix.printed}, but the report has {found} there (line "
                       f"{place.source_line}; the report or the ledger changed)")
        match = FIGURE.match(fix.printed)  # its digits as the report prints them ('30,048')
        token = match["number"] if match else fix.printed
        if token not in lines.get(place.source_line, ""):
            raise fail(f"line {place.source_line} of the report does not print {token!r} "
                       f"for {fix.table} {fix.key!r} {fix.column}")
        figure = (fix.table, fix.key, fix.column)
        if figure in seen:
            raise fail(f"a second correction for {fix.table} {fix.key!r} {fix.column} (the "
                       f"first is on line {seen[figure]})")
        seen[figure] = fix.ledger_line
        frame = tables[place.frame].copy()
        frame.loc[place.index, place.column] = (corrected if place.unit == "percent"
                                                else int(corrected))
        tables[place.frame] = frame
        applied.append({"table": fix.table, "source_line": place.source_line, "key": fix.key,
                        "column": fix.column, "unit": place.unit,
                        **_figures("printed", printed, place.unit),
                        **_figures("corrected", corrected, place.unit),
                        "printed_text": fix.printed,
                        "corrected_text": fix.corrected, "reason": fix.reason,
                        "ledger_line": fix.ledger_line, "decided_by": fix.decided_by,
                        "decided_on": (fix.decided_on.isoformat() if fix.decided_on
                                       else "")})
    return tables, corrections_frame(applied)


def _figures(name: str, value: float, unit: str) -> dict[str, int | float | None]:
    """Return a correction's figure in its column: a whole one (KRW, persons) under ``name``,
    a percent under ``name``_rate; the other None."""
    if unit == "percent":
        return {name: None, f"{name}_rate": value}
    return {name: int(round(value)), f"{name}_rate": None}


def correction_figure(row: Mapping[str, Any], name: str) -> float | None:
    """Return a correction's ``name`` ('printed' or 'corrected') figure in its unit (KRW,
    persons or percent, as its ``unit`` says), whichever column holds it; None if missing."""
    value = row.get(f"{name}_rate") if row.get("unit") == "percent" else row.get(name)
    return None if value is None or pd.isna(value) else float(value)


def _locate(tables: dict[str, pd.DataFrame], keys: dict[str, pd.Series], fix: Correction,
            fail: Callable[[str], ErrataError]) -> _Place | None:
    """Return where a row's figure is in ``tables`` as printed (None: this snapshot has no
    such key and column): a line item of its table, or one of that table's printed totals.
    ``keys``: each table's row keys (:func:`seoul_budget.parse.keys.row_keys`) made so far.

    Raises (through ``fail``) for an unknown column, a column that holds no figure, and a key
    that names several figures.
    """
    items = tables[fix.table]
    totals = tables["printed_totals"]
    totals = totals[totals["table"] == fix.table]
    if fix.table not in keys:
        keys[fix.table] = row_keys(fix.table, items, set(totals["key"].tolist()))
    found: list[_Place] = []
    for index in [i for i, key in keys[fix.table].items() if key == fix.key]:
        if fix.column not in items.columns:
            raise fail(f"table {fix.table!r} has no column {fix.column!r}")
        unit = column_unit(fix.table, fix.column)
        if unit not in ("KRW", "persons", "percent"):
            raise fail(f"{fix.table}.{fix.column} is not a printed figure")
        found.append(_Place(fix.table, index, fix.column, unit,
                            int(items.at[index, "source_line"])))
    printed = totals[(totals["key"] == fix.key) & (totals["column"] == fix.column)]
    for index, unit, line in zip(printed.index.tolist(), printed["unit"].tolist(),
                                 printed["source_line"].tolist(), strict=True):
        found.append(_Place("printed_totals", index,
                            "rate_printed" if str(unit) == "percent" else "value", str(unit),
                            int(line)))
    if len(found) > 1:
        lines = ", ".join(str(p.source_line) for p in found)
        raise fail(f"{fix.table} key {fix.key!r} {fix.column} names {len(found)} figures "
                   f"(lines {lines}); a key must name one")
    return found[0] if found else None


def corrections_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Return applied corrections as a validated DataFrame (schema ``Corrections``)."""
    return from_records("corrections", rows)

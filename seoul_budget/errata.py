"""The errata ledger: corrections to printed figures, applied openly, never silently.

``data/raw/errata.csv`` (UTF-8) has one row per corrected figure::

    as_of,table,source_line,key,column,printed,corrected,reason
    2023-05-31,expenditure,580,,committed,"30,048,210천원","30,048,210원",…

- ``as_of`` names the snapshot the row applies to (one ledger serves every snapshot);
- ``table``, ``source_line``, ``column`` (and ``key`` where a line holds several rows of a
  table, e.g. the job categories of a staffing row) locate the figure: a line-item row, or a
  printed total (``printed_totals`` row of that table);
- ``printed`` and ``corrected`` are figures as a reader writes them, with their unit:
  '18,571백만원', '30,048,210원', '32.8%', '12명'; a bare number is KRW, persons or percent;
- ``reason`` says why (it is shown wherever the corrected figure is).

The ledger is checked against the text: a row whose printed figure is not what the report
prints at that place (the report changed, or the row is wrong) raises ErrataError, as do a
malformed row, an unknown table or column, and two rows for one figure.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from .errors import ErrataError
from .parse.keys import row_keys
from .parse.numbers import UNIT_TO_KRW
from .schemas import CORRECTIONS_SCHEMA, column_unit, columns

LEDGER_COLUMNS = ("as_of", "table", "source_line", "key", "column", "printed", "corrected",
                  "reason")
REQUIRED_COLUMNS = ("as_of", "table", "source_line", "column", "printed", "corrected", "reason")
_FIGURE = re.compile(r"^\s*(?P<sign>[△\-]?)\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
                     r"(?P<unit>원|천원|백만원|억원|명|%)?\s*$")


@dataclass(frozen=True)
class Correction:
    """One ledger row: which printed figure is replaced by which, and why."""

    as_of: date
    table: str
    source_line: int
    key: str
    column: str
    printed: str
    corrected: str
    reason: str
    ledger_line: int


def read_ledger(path: str | Path) -> list[Correction]:
    """Return the corrections in a ledger file.

    Raises ErrataError naming the file and line for a missing file, a missing column, or a
    row that is not a correction (bad date, line number, or an empty reason).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ErrataError(f"{path}: cannot read the errata ledger: {exc.strerror}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ErrataError(f"{path}:1: the errata ledger lacks column(s) {', '.join(missing)}; "
                          f"expected {', '.join(LEDGER_COLUMNS)}")
    corrections = []
    for number, row in enumerate(reader, start=2):
        if not any((value or "").strip() for value in row.values()):
            continue
        corrections.append(_correction(path, number, row))
    return corrections


def _correction(path: Path, number: int, row: dict[str, str | None]) -> Correction:
    def field(name: str) -> str:
        return (row.get(name) or "").strip()

    where = f"{path}:{number}"
    try:
        as_of = date.fromisoformat(field("as_of"))
    except ValueError:
        raise ErrataError(f"{where}: as_of {field('as_of')!r} is not a date (YYYY-MM-DD)") \
            from None
    if not field("source_line").isdigit() or int(field("source_line")) < 1:
        raise ErrataError(f"{where}: source_line {field('source_line')!r} is not a line number")
    if not field("reason"):
        raise ErrataError(f"{where}: every correction needs a reason")
    for name in ("printed", "corrected"):
        if not _FIGURE.match(field(name)):
            raise ErrataError(f"{where}: {name} {field(name)!r} is not a figure such as "
                              "'30,048,210천원', '32.8%' or '12명'")
    return Correction(as_of, field("table"), int(field("source_line")), field("key"),
                      field("column"), field("printed"), field("corrected"), field("reason"),
                      number)


def figure_value(text: str, unit: str) -> float:
    """Return a ledger figure in a table's unit: KRW for money, persons, or percent.

    '30,048,210천원' is 30,048,210,000 KRW; '18,571천원' in a 백만원 table is still KRW.
    Raises ValueError for a figure whose unit does not fit (a % for money …).
    """
    match = _FIGURE.match(text)
    if not match:
        raise ValueError(f"not a figure: {text!r}")
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not a figure: {text!r}") from None
    if match["sign"]:
        number = -number
    printed_unit = match["unit"]
    if unit == "KRW":
        if printed_unit in ("명", "%"):
            raise ValueError(f"{text!r} is not an amount of money")
        krw = number * UNIT_TO_KRW[printed_unit or "원"]
        if krw != krw.to_integral_value():
            raise ValueError(f"{text!r} is not a whole number of won")
        return float(krw)
    if unit == "persons":
        if printed_unit not in (None, "명") or number != number.to_integral_value():
            raise ValueError(f"{text!r} is not a head count")
        return float(number)
    if printed_unit not in (None, "%"):
        raise ValueError(f"{text!r} is not a percentage")
    return float(number)


def _printed_token(text: str) -> str:
    """Return the digits of a ledger figure as the report prints them ('30,048,210')."""
    match = _FIGURE.match(text)
    return match["number"] if match else text


def apply_errata(tables: dict[str, pd.DataFrame], corrections: list[Correction],
                 as_of: date, lines: dict[int, str],
                 ledger: str | Path = "errata.csv") -> tuple[dict[str, pd.DataFrame],
                                                            pd.DataFrame]:
    """Return (corrected tables, the corrections applied) for one snapshot.

    Only rows whose ``as_of`` is the snapshot's apply. Each must find exactly one figure at
    its place, equal to its ``printed`` value, and the report's line must print that number;
    otherwise ErrataError. The input tables are not modified.
    """
    tables = dict(tables)
    applied: list[dict[str, object]] = []
    seen: set[tuple[str, int, str, str]] = set()
    for fix in corrections:
        if fix.as_of != as_of:
            continue
        where = f"{ledger}:{fix.ledger_line}"
        place = (fix.table, fix.source_line, fix.key, fix.column)
        if place in seen:
            raise ErrataError(f"{where}: a second correction for {fix.table} line "
                              f"{fix.source_line} {fix.column}")
        seen.add(place)
        if fix.table not in tables or fix.table == "printed_totals":
            raise ErrataError(f"{where}: unknown table {fix.table!r}; expected one of "
                              + ", ".join(t for t in tables if t != "printed_totals"))
        name, index, column, unit, key = _locate(tables, fix, where)
        frame = tables[name]
        current = frame.at[index, column]
        try:
            printed = figure_value(fix.printed, unit)
            corrected = figure_value(fix.corrected, unit)
        except ValueError as exc:
            raise ErrataError(f"{where}: {exc}") from None
        if pd.isna(current) or abs(float(current) - printed) > 1e-9:
            raise ErrataError(f"{where}: the ledger says {fix.table} line {fix.source_line} "
                              f"{fix.column} prints {fix.printed}, but the report has "
                              f"{current} there (the report or the ledger changed)")
        token = _printed_token(fix.printed)
        if token not in lines.get(fix.source_line, ""):
            raise ErrataError(f"{where}: line {fix.source_line} of the report does not print "
                              f"{token!r}")
        frame = frame.copy()
        frame.loc[index, column] = corrected if unit == "percent" else int(corrected)
        tables[name] = frame
        applied.append({"table": fix.table, "source_line": fix.source_line, "key": key,
                        "column": fix.column, "unit": unit, "printed": printed,
                        "corrected": corrected, "printed_text": fix.printed,
                        "corrected_text": fix.corrected, "reason": fix.reason})
    return tables, corrections_frame(applied)


def _locate(tables: dict[str, pd.DataFrame], fix: Correction,
            where: str) -> tuple[str, object, str, str, str]:
    """Return (table name, row index, column, unit, row key) of the figure a row corrects."""
    items = tables[fix.table]
    totals = tables.get("printed_totals", pd.DataFrame())
    on_line = items[items["source_line"] == fix.source_line]
    if len(on_line):
        if fix.column not in items.columns:
            raise ErrataError(f"{where}: table {fix.table!r} has no column {fix.column!r}")
        unit = column_unit(fix.table, fix.column)
        if unit not in ("KRW", "persons", "percent"):
            raise ErrataError(f"{where}: {fix.table}.{fix.column} is not a printed figure")
        printed_keys = (set(totals.loc[totals["table"] == fix.table, "key"]) if len(totals)
                        else set())
        keys = row_keys(fix.table, on_line, printed_keys)
        if fix.key:
            on_line, keys = on_line[keys == fix.key], keys[keys == fix.key]
        if len(on_line) != 1:
            raise ErrataError(_ambiguity(where, fix, list(keys)))
        return fix.table, on_line.index[0], fix.column, unit, str(keys.iloc[0])
    if not len(totals):
        raise ErrataError(f"{where}: {fix.table} has no figure on line {fix.source_line}")
    rows = totals[(totals["table"] == fix.table) & (totals["source_line"] == fix.source_line)
                  & (totals["column"] == fix.column)]
    if fix.key:
        rows = rows[rows["key"] == fix.key]
    if len(rows) != 1:
        raise ErrataError(_ambiguity(where, fix, list(rows["key"])))
    unit = str(rows["unit"].iloc[0])
    column = "rate_printed" if unit == "percent" else "value"
    return "printed_totals", rows.index[0], column, unit, str(rows["key"].iloc[0])


def _ambiguity(where: str, fix: Correction, keys: list[str]) -> str:
    if not keys:
        return (f"{where}: {fix.table} has no figure {fix.column!r} on line {fix.source_line}"
                + (f" with key {fix.key!r}" if fix.key else ""))
    return (f"{where}: line {fix.source_line} holds several {fix.table} rows; give a key: "
            + ", ".join(keys))


def corrections_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Return applied corrections as a validated DataFrame (schema ``Corrections``)."""
    frame = pd.DataFrame.from_records(rows, columns=columns("corrections"))
    frame["source_line"] = pd.array(frame["source_line"], dtype="Int64")
    for name in ("printed", "corrected"):
        frame[name] = pd.array(frame[name], dtype="Float64")
    for name in ("table", "key", "column", "unit", "printed_text", "corrected_text", "reason"):
        frame[name] = frame[name].astype(str) if len(frame) else pd.Series(dtype=str)
    return CORRECTIONS_SCHEMA.validate(frame)

"""Every printed figure of a report as a cell: where it is, its value and its printed unit.

Reconciliation works on cells, not DataFrames: a cell is one printed figure (a line item's
budget, a subtotal's 집행률 …), named by ``(table, key, column, source_line)``. Money is KRW,
counts are persons (or the unit the text names), rates are percent. ``step`` is one unit of
the figure as printed (1,000 KRW for a 천원 table, 0.1 for a rate printed with one decimal):
rounding tolerances are counted in steps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from ..errors import ReportParseError
from ..parse.keys import SEP, row_keys
from ..parse.numbers import UNIT_TO_KRW
from ..parse.text import read_lines
from ..schemas import SCHEMAS, column_unit
from ..table_units import LIKELY

if TYPE_CHECKING:
    from ..report import Report


class CellId(NamedTuple):
    """Where a printed figure is: table, row key, column and 1-based line of the raw file."""

    table: str
    key: str
    column: str
    source_line: int


@dataclass(frozen=True)
class Cell:
    """One printed figure: its value (KRW, persons, percent …) and how it was printed."""

    id: CellId
    value: float
    unit: str  # KRW | persons | percent | count
    step: float  # one printed unit, in ``unit``
    source_unit: str  # 천원, 백만원, 명, % … (for messages)

    @property
    def decimals(self) -> int:
        """Return how many decimals the figure is printed with (0 for whole units)."""
        return max(0, round(-math.log10(self.step)))


@dataclass(frozen=True)
class Row:
    """One printed row: its cells by column (a line item or a printed total row)."""

    table: str
    key: str
    path: tuple[str, ...]
    level: str
    source_line: int
    cells: dict[str, CellId] = field(default_factory=dict)


_RATE_TOKEN = re.compile(r"([△\-+]?)\s*(\d[\d,]*)(?:\.(\d+))?\s*%")
# Columns that are not figures even though they are numbers.
_NOT_FIGURES = {"source_line", "heading_line", "number", "duty_number", "project",
                "fiscal_year"}


def source_units(report: Report) -> dict[str, tuple[str, float]]:
    """Return {table: (unit, KRW or persons per unit)} of a report's tables as it reads them
    (``report.reading``: a slipped table in its printed or its likely unit)."""
    units = {}
    for table, unit in report.table_units.items():
        name = unit.read(report.reading)
        if name:
            factor = unit.factor if report.reading == LIKELY else 1
            units[table] = (name, UNIT_TO_KRW.get(unit.printed, 1) * factor)
    return units


def rate_decimals(text: str, value: float) -> int | None:
    """Return how many decimals the rate ``value`` is printed with on a line, or None."""
    for match in _RATE_TOKEN.finditer(text):
        digits = match.group(2).replace(",", "")
        decimals = match.group(3) or ""
        printed = float(digits + ("." + decimals if decimals else ""))
        if abs(printed - abs(value)) < 1e-9:
            return len(decimals)
    return None


class Sheet:
    """All printed figures of one report, by CellId, with their rows, in the unit the report
    reads each table in (``report.reading``)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        try:
            self.lines: dict[int, str] = {line.number: line.text
                                          for line in read_lines(report.path)}
        except ReportParseError:  # a Report built in memory has no file to read
            self.lines = {}
        self.units = source_units(report)
        self.cells: dict[CellId, Cell] = {}
        self.rows: list[Row] = []
        self._by_key: dict[tuple[str, str, str], list[CellId]] = {}
        tables = report.tables()
        totals = tables.get("printed_totals", pd.DataFrame())
        printed_keys = {t: set(totals.loc[totals["table"] == t, "key"]) for t in
                        (set(totals["table"]) if len(totals) else set())}
        for table, frame in tables.items():
            if table in ("printed_totals", "duties") or table not in SCHEMAS:
                continue
            self._add_items(table, frame, printed_keys.get(table, set()))
        if len(totals):
            self._add_totals(totals)

    # -- building ------------------------------------------------------------------------
    def _unit_of(self, table: str, unit: str,
                 row: Mapping[str, Any] | None = None) -> tuple[str, float, str]:
        """Return (unit, step, printed unit) of a table's figures in ``unit`` (a column's or a
        printed total's: percent, persons, else money in the unit the table reads in); a key
        project's figure (its ``row``) is in the unit its text gives it."""
        if table == "project_metrics" and row is not None:
            if row["unit"] == "%":
                return "percent", 0.1, "%"
            if row["unit"] == "원":
                printed = str(row["printed_unit"])
                return "KRW", UNIT_TO_KRW.get(printed, 1), printed
            return "count", 1, str(row["unit"])
        if unit == "percent":
            return "percent", 0.1, "%"
        if unit == "persons" or table.startswith("staffing"):
            return "persons", 1, "명"
        source_unit, step = self.units.get(table, ("", 1))
        return "KRW", step, source_unit

    def _add_cell(self, cell_id: CellId, value: float, unit: str, step: float,
                  source_unit: str) -> None:
        if unit == "percent":
            decimals = rate_decimals(self.lines.get(cell_id.source_line, ""), value)
            step = 10.0 ** -(decimals if decimals is not None else 1)
        self.cells[cell_id] = Cell(cell_id, float(value), unit, step, source_unit)
        self._by_key.setdefault(cell_id[:3], []).append(cell_id)

    def _add_items(self, table: str, frame: pd.DataFrame, printed_keys: set[str]) -> None:
        keys = row_keys(table, frame, printed_keys)
        columns = [name for name, dtype in frame.dtypes.items() if name not in _NOT_FIGURES
                   and pd.api.types.is_numeric_dtype(dtype)
                   and not pd.api.types.is_bool_dtype(dtype)]
        # rows as dicts of plain values: a pandas row per line costs more than its cells
        data = {name: frame[name].tolist() for name in frame.columns}
        rows = [dict(zip(data, values, strict=True))
                for values in zip(*data.values(), strict=True)]
        for row, key in zip(rows, keys, strict=True):
            line = int(row["source_line"])
            path = _item_path(table, row, key, line)
            cells: dict[str, CellId] = {}
            for column in columns:
                value = row[column]
                if pd.isna(value):
                    continue
                unit, step, source_unit = self._unit_of(table, column_unit(table, column) or "",
                                                        row)
                cell_id = CellId(table, key, column, line)
                self._add_cell(cell_id, value, unit, step, source_unit)
                cells[column] = cell_id
            self.rows.append(Row(table, key, path, "item", line, cells))

    def _add_totals(self, totals: pd.DataFrame) -> None:
        grouped: dict[tuple[str, str, int], Row] = {}
        for row in totals.itertuples(index=False):
            table, key, line = str(row.table), str(row.key), int(row.source_line)
            value = row.rate_printed if row.unit == "percent" else row.value
            if pd.isna(value):
                continue
            path = _total_path(key)
            unit, step, source_unit = self._unit_of(table, str(row.unit))
            cell_id = CellId(table, key, str(row.column), line)
            self._add_cell(cell_id, value, unit, step, source_unit)
            holder = grouped.setdefault((table, key, line),
                                        Row(table, key, path, str(row.level), line, {}))
            holder.cells[str(row.column)] = cell_id
        self.rows.extend(grouped.values())

    # -- lookups ---------------------------------------------------------------------------
    def value(self, cell_id: CellId) -> float:
        """Return a cell's value as printed (after errata, if the report applied them)."""
        return self.cells[cell_id].value

    def find(self, table: str, key: str, column: str) -> CellId | None:
        """Return the one cell of a table with this key and column, or None."""
        found = self._by_key.get((table, key, column), [])
        return found[0] if len(found) == 1 else None

    def rows_of(self, table: str) -> list[Row]:
        """Return the printed rows (items and totals) of a table, in line order."""
        return sorted((r for r in self.rows if r.table == table), key=lambda r: r.source_line)

    def header_line(self, table: str, marker: str) -> int | None:
        """Return the first line before a table's rows whose text contains ``marker``."""
        rows = self.rows_of(table)
        if not rows:
            return None
        first = rows[0].source_line
        for number in range(first - 1, max(first - 40, 0), -1):
            if marker in self.lines.get(number, ""):
                return number
        return None


def _item_path(table: str, row: Mapping[str, Any], key: str, line: int) -> tuple[str, ...]:
    """Return a line item's place in its table's hierarchy (unique within the table)."""
    if table in ("revenue", "revenue_summary"):
        path = tuple(row[c] for c in ("category", "subcategory", "detail_category")
                     if isinstance(row[c], str) and row[c])
        if table == "revenue" and key != SEP.join(path):  # an item (labelled or not)
            return (*path, f"#{line}")
        return path
    if table == "expenditure":
        return (row["department"], row["account"], f"{row['program']}#{line}")
    if table in ("expenditure_summary", "settlement_expenditure"):
        return (row["department"], row["account"])
    if table == "settlement_revenue":
        item = row["item"] if row["item"] != row["category"] else ""
        return tuple(p for p in (row["account"], row["category"], item) if p)
    if table == "staffing":
        return (row["department"],)
    if table == "staffing_by_category":
        return (row["department"], row["job_category"])
    return (key,)


def _total_path(key: str) -> tuple[str, ...]:
    """Return a printed total's path from its key ('계' is the grand total, path ())."""
    if key == "계":
        return ()
    return tuple(key.split(SEP))

"""Figures as the report prints them: a table's 계 (or subtotal) row from its printed totals,
beside the sum of its line items where the two differ and why; subtotals of grouped rows as
printed; rates with the decimals they are printed with.

Printed totals come from ``printed_totals`` with the errata ledger applied (a total the
ledger corrected carries its corrected value; ``corrections`` says what was printed). Money
is KRW, counts persons, rates percent, as everywhere in :mod:`seoul_budget.metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..catalog import printed_unit
from ..parse.keys import SEP
from ..parse.numbers import UNIT_TO_KRW
from ..parse.text import read_lines
from ..reconciliation.cells import rate_decimals
from .common import rate_pct

SOURCE_LINE = "source_line"  # the column holding a row's line of the report

GRAND_TOTAL = "계"
ROUNDING, CORRECTION, MISMATCH = "rounding", "correction", "mismatch"
REASONS: dict[str, str] = {ROUNDING: "반올림 차이", CORRECTION: "분석 정정 목록으로 정정",
                           MISMATCH: "원문 합계와 다름"}
REASON_NOTES: dict[str, str] = {ROUNDING: "반올림", CORRECTION: "정정", MISMATCH: "불일치"}
# rate column -> (numerator column, denominator column or a fixed denominator)
Rates = Mapping[str, tuple[str, str | float]]


@dataclass(frozen=True)
class TotalRow:
    """A 계 or subtotal row: the printed figures (errata applied), the line items' sums, and
    for every column where they differ the reason (``rounding``, ``correction`` or
    ``mismatch``); ``printed_as`` holds a corrected total's figure as originally printed."""

    table: str
    key: str
    values: dict[str, float]
    recomputed: dict[str, float]
    reasons: dict[str, str] = field(default_factory=dict)
    printed_as: dict[str, float] = field(default_factory=dict)
    source_line: int | None = None
    items: int = 0

    def value(self, column: str) -> float | None:
        """Return the row's figure: as printed, else the line items' sum (None if neither)."""
        return self.values.get(column, self.recomputed.get(column))

    def differs(self, column: str) -> bool:
        """Return True when the printed figure is not the line items' sum."""
        return column in self.reasons


def difference_reason(table: str, printed: float, recomputed: float, items: int) -> str | None:
    """Return why a sum of ``items`` line items is not the printed figure: None when it
    reads as the printed one in the table's printed unit (3,143,568.21천원 is printed
    3,143,568천원), rounding when within one printed unit (1,000 KRW for a 천원 table, 1
    person) per item, else a mismatch."""
    step = float(UNIT_TO_KRW.get(printed_unit(table), 1))
    if round(printed / step) == round(recomputed / step):
        return None
    return ROUNDING if abs(printed - recomputed) <= items * step else MISMATCH


def printed_row(printed_totals: pd.DataFrame, table: str,
                key: str = GRAND_TOTAL) -> tuple[dict[str, float], int | None]:
    """Return {column: printed figure} of one printed total row (rates as printed, percent)
    and its source line; ({}, None) when the report prints no such row."""
    rows = printed_totals[(printed_totals["table"] == table) & (printed_totals["key"] == key)]
    values: dict[str, float] = {}
    for row in rows.itertuples(index=False):
        figure = row.rate_printed if row.unit == "percent" else row.value
        if not pd.isna(figure):
            values[str(row.column)] = float(figure)
    line = int(rows["source_line"].min()) if len(rows) else None
    return values, line


def _corrected(corrections: pd.DataFrame | None, table: str, key: str) -> dict[str, float]:
    """Return {column: figure as printed} of the totals the ledger corrected."""
    if corrections is None or not len(corrections):
        return {}
    rows = corrections[(corrections["table"] == table) & (corrections["key"] == key)]
    return {str(r.column): float(r.printed) for r in rows.itertuples(index=False)}


def total_row(printed_totals: pd.DataFrame, table: str, items: pd.DataFrame,
              columns: Sequence[str], *, key: str = GRAND_TOTAL,
              corrections: pd.DataFrame | None = None, rates: Rates | None = None,
              differences: Rates | None = None) -> TotalRow:
    """Return the 계 row (or the subtotal ``key``) of ``table`` over its line ``items``.

    Each of ``columns`` (money or persons) is summed over the items; where the report prints
    a different total the printed one is the row's figure, with the reason: a correction by
    the ledger, rounding (within one printed unit per summed item), or a mismatch. ``rates``
    (column -> numerator, denominator) and ``differences`` (column -> minuend, subtrahend)
    are computed from the row's own figures (committed / budget; budget − previous_budget).
    """
    printed, line = printed_row(printed_totals, table, key)
    fixed = _corrected(corrections, table, key)
    values: dict[str, float] = {}
    recomputed: dict[str, float] = {}
    reasons: dict[str, str] = {}
    count = len(items)
    for column in columns:
        total = float(pd.to_numeric(items[column], errors="coerce").sum())
        recomputed[column] = total
        if column not in printed:
            continue
        values[column] = printed[column]
        reason = CORRECTION if column in fixed else difference_reason(table, printed[column],
                                                                      total, count)
        if reason:
            reasons[column] = reason
    row = TotalRow(table, key, values, recomputed, reasons, fixed, line, count)
    for column, (minuend, subtrahend) in (differences or {}).items():
        values[column] = float(row.value(minuend) or 0) - float(row.value(subtrahend) or 0)
    _add_rates(row, rates)
    return row


def sums(items: pd.DataFrame, columns: Sequence[str], rates: Rates | None = None) -> TotalRow:
    """Return the sums of a selection of line items (top ten, programs behind pace …): a
    row no report prints, so every figure is the items' sum; ``rates`` as in
    :func:`total_row`."""
    recomputed = {c: float(pd.to_numeric(items[c], errors="coerce").sum()) for c in columns}
    row = TotalRow("", "", {}, recomputed, items=len(items))
    _add_rates(row, rates)
    return row


def _add_rates(row: TotalRow, rates: Rates | None) -> None:
    """Put each rate of ``rates`` into the row, computed from its own figures."""
    for rate, (numerator, denominator) in (rates or {}).items():
        base = row.value(denominator) if isinstance(denominator, str) else denominator
        row.values[rate] = float(rate_pct(row.value(numerator), base))


def combine(rows: Sequence[TotalRow]) -> TotalRow:
    """Return one row holding the figures of several (e.g. staffing and expenditure totals
    on one overview line); a column in two rows takes the first's."""
    values: dict[str, float] = {}
    recomputed: dict[str, float] = {}
    reasons: dict[str, str] = {}
    printed_as: dict[str, float] = {}
    for row in reversed(rows):
        values.update(row.values)
        recomputed.update(row.recomputed)
        reasons.update(row.reasons)
        printed_as.update(row.printed_as)
    first = rows[0]
    return TotalRow(first.table, first.key, values, recomputed, reasons, printed_as,
                    first.source_line, first.items)


def scope_key(department: str | None) -> str:
    """Return the printed-total key of a scope: '계' for the bureau, else the department."""
    return department or GRAND_TOTAL


def printed_subtotals(grouped: pd.DataFrame, printed_totals: pd.DataFrame, table: str,
                      by: Sequence[str], columns: Sequence[str], rates: Rates | None = None,
                      count_column: str | None = None) -> tuple[pd.DataFrame, list[TotalRow]]:
    """Return ``grouped`` (line items summed over ``by``) with each sum replaced by the
    subtotal the report prints for that group (key ``a > b``), rates recomputed from them,
    and the groups whose printed subtotal differs from the sum (as :class:`TotalRow`; the
    difference is rounding when within one printed unit per item, ``count_column`` counting
    a group's items). Each row's ``source_line`` is its printed subtotal's line (missing where
    the report prints none)."""
    out = grouped.copy()
    differing: list[TotalRow] = []
    lines: list[int | None] = []
    for index, row in out.iterrows():
        key = SEP.join(str(row[c]) for c in by)
        printed, line = printed_row(printed_totals, table, key)
        lines.append(line)
        items = int(row[count_column]) if count_column else 1
        reasons = {c: difference_reason(table, printed[c], float(row[c]), items)
                   for c in columns if c in printed}
        changed = {column: reason for column, reason in reasons.items() if reason}
        if changed:
            differing.append(TotalRow(table, key, {c: printed[c] for c in changed},
                                      {c: float(row[c]) for c in changed}, changed,
                                      source_line=line, items=items))
        for column in columns:
            if column in printed:
                out.at[index, column] = int(printed[column])
    for rate, (numerator, denominator) in (rates or {}).items():
        base = out[denominator] if isinstance(denominator, str) else denominator
        out[rate] = rate_pct(out[numerator], base)
    out[SOURCE_LINE] = pd.array(lines, dtype="Int64")
    return out, differing


def group_lines(grouped: pd.DataFrame, items: pd.DataFrame, printed_totals: pd.DataFrame,
                table: str, by: Sequence[str]) -> pd.Series:
    """Return, per row of ``grouped`` (``items`` of ``table`` summed over ``by``), the report
    line its figures are read from: the group's printed subtotal (key ``a > b``), else the
    one line all its items are printed on, else the one printed subtotal whose key ends with
    the group's ('세외수입 > 경상적세외수입 > 주차요금수입' for '주차요금수입'; '계 > 행정'
    for the bureau's 행정, whose items lie on every department's line); missing (NA) for a
    sum of items on several lines the report does not print."""
    counts = items.groupby(list(by), sort=False)[SOURCE_LINE].agg(["min", "max"])
    printed = printed_totals[printed_totals["table"] == table]
    ends: dict[str, set[int]] = {}
    for key, line in zip(printed["key"], printed[SOURCE_LINE], strict=True):
        ends.setdefault(str(key).split(SEP)[-1], set()).add(int(line))
    found: list[int | None] = []
    for row in grouped.itertuples(index=False):
        key_values = tuple(getattr(row, column) for column in by)
        key = SEP.join(str(v) for v in key_values)
        _, line = printed_row(printed_totals, table, key)
        at = key_values if len(by) > 1 else key_values[0]
        if line is None and at in counts.index and counts.loc[at, "min"] == counts.loc[at,
                                                                                      "max"]:
            line = int(counts.loc[at, "min"])
        tail = ends.get(key, set()) if len(by) == 1 else set()
        if line is None and len(tail) == 1:
            line = next(iter(tail))
        found.append(line)
    return pd.Series(pd.array(found, dtype="Int64"), index=grouped.index, name=SOURCE_LINE)


def line_tuple(*values: Any) -> tuple[Any, ...]:
    """Return the report lines among ``values``, each once, in order: a line number as an
    int, a line of another snapshot's report (a tuple: ``seoul_budget.notebook.html.LineRef``)
    as it is; a missing value (None, NA, NaN) or a text that is no number left out."""
    found: list[Any] = []
    for value in values:
        if not isinstance(value, tuple):
            try:
                value = int(value)
            except (TypeError, ValueError):
                continue
        if value not in found:
            found.append(value)
    return tuple(found)


def printed_rate_decimals(path: str, frame: pd.DataFrame, column: str) -> list[int | None]:
    """Return, per row of ``frame``, how many decimals its printed rate ``column`` has on its
    source line of the report at ``path`` ('△10%' → 0, '△19.7%' → 1; None when missing)."""
    lines = {line.number: line.text for line in read_lines(path)}
    found: list[int | None] = []
    for value, line in zip(frame[column].tolist(), frame["source_line"].tolist(), strict=True):
        if pd.isna(value):
            found.append(None)
            continue
        found.append(rate_decimals(lines.get(int(line), ""), float(value)))
    return found

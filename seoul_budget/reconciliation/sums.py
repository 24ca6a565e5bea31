"""Sums: every printed total and subtotal equals the rows directly beneath it.

Each printed total is checked against its direct children in the printed hierarchy (the
nearest printed rows below it: subtotals where printed, line items otherwise), so a wrong
line item breaks one subtotal, not every total above it. Cross-cutting subtotals (소계 by
account in the settlement, the job-category 계 of the staffing table) get their own sums.
Rounding: one printed unit per summed row is not an error (money); head counts are exact.
"""

from __future__ import annotations

from ..parse.keys import SEP
from .cells import Row, Sheet
from .checks import Check, linear_check

_SUM_KO, _SUM_EN = "하위 항목의 합", "sum of the rows below"
# Totals whose children are not beneath them in the path (cross-cutting subtotals).
_CROSS_CUTTING = {"settlement_expenditure": "소계", "staffing_by_category": "계"}


def _special(row: Row) -> bool:
    head = _CROSS_CUTTING.get(row.table)
    return head is not None and row.level != "item" and bool(row.path) and row.path[0] == head


def _beneath(upper: tuple[str, ...], lower: tuple[str, ...]) -> bool:
    return len(lower) > len(upper) and lower[: len(upper)] == upper


def direct_children(total: Row, rows: list[Row]) -> list[Row]:
    """Return the printed rows directly beneath a total (no printed total in between)."""
    totals = [r for r in rows if r.level != "item" and not _special(r)]
    below = [r for r in rows if r is not total and not _special(r) and _beneath(total.path, r.path)]
    return [r for r in below
            if not any(_beneath(total.path, m.path) and _beneath(m.path, r.path) for m in totals)]


def _sums_over(sheet: Sheet, total: Row, children: list[Row]) -> list[Check]:
    checks: list[Check] = []
    for column, target in total.cells.items():
        if sheet.cells[target].unit == "percent":
            continue
        parts = [child.cells[column] for child in children if column in child.cells]
        if parts:
            checks.append(linear_check(sheet, "sum", "sum", target,
                                       [(part, 1.0) for part in parts], _SUM_KO, _SUM_EN))
    return checks


def sum_checks(sheet: Sheet) -> list[Check]:
    """Return every total = Σ children check of every table."""
    checks: list[Check] = []
    for table in sorted({row.table for row in sheet.rows}):
        rows = sheet.rows_of(table)
        for total in rows:
            if total.level == "item":
                continue
            children = (_cross_cutting_children(total, rows) if _special(total)
                        else direct_children(total, rows))
            checks += _sums_over(sheet, total, children)
        checks += _total_of_subtotals(sheet, table, rows)
    checks += _categories_make_current(sheet)
    return checks


def _cross_cutting_children(total: Row, rows: list[Row]) -> list[Row]:
    """Return the line items a cross-cutting subtotal covers ('소계 > 일반회계' → 일반회계 rows)."""
    label = total.path[-1]
    return [r for r in rows if r.level == "item" and len(r.path) > 1 and r.path[1] == label]


def _total_of_subtotals(sheet: Sheet, table: str, rows: list[Row]) -> list[Check]:
    """Return 계 = Σ cross-cutting subtotals (총계 = 소계 (일반회계) + 소계 (도시개발특별회계))."""
    if table != "settlement_expenditure":
        return []
    grand = [r for r in rows if r.path == () and r.level != "item"]
    subtotals = [r for r in rows if _special(r)]
    if not grand or not subtotals:
        return []
    return _sums_over(sheet, grand[0], subtotals)


def _categories_make_current(sheet: Sheet) -> list[Check]:
    """Return 현원 = Σ job-category head counts, per department and for the 계 row."""
    checks: list[Check] = []
    label_ko, label_en = "직종별 현원의 합", "sum of head counts by job category"
    by_category = sheet.rows_of("staffing_by_category")
    for row in sheet.rows_of("staffing"):
        current = row.cells.get("current")
        if current is None:
            continue
        if row.level == "item":
            parts = [r.cells["headcount"] for r in by_category
                     if r.level == "item" and r.path[0] == row.path[0] and "headcount" in r.cells]
        else:
            parts = [r.cells["headcount"] for r in by_category
                     if r.level != "item" and r.key.startswith("계" + SEP)
                     and "headcount" in r.cells]
        if parts:
            checks.append(linear_check(sheet, "sum", "category_sum", current,
                                       [(part, 1.0) for part in parts], label_ko, label_en))
    return checks

"""seoul_budget.reconciliation.sums: a printed total equals the rows directly beneath it, one
printed unit of rounding per summed money row, head counts exact. Small tables by hand; the
staffing rows are the bundled report's lines 24-26, the expenditure summary's lines 89-90."""

from __future__ import annotations

import pandas as pd
import pytest
from sheets import sheet_of, totals

from seoul_budget.reconciliation.checks import FAIL, OK, ROUNDING
from seoul_budget.reconciliation.sums import sum_checks

STAFFING = pd.DataFrame({
    "department": ["디지털정책담당관", "빅데이터담당관"], "authorized": [35, 28],
    "current": [36, 28], "shortage": [-1, 0], "surplus_printed": [1, 0],
    "source_line": [25, 26]})


def staffing_total(authorized: int, current: int) -> pd.DataFrame:
    return totals(("staffing", "계", "total", "authorized", authorized, "persons", 24),
                  ("staffing", "계", "total", "current", current, "persons", 24))


def states(sheet) -> dict[tuple[str, str], str]:
    return {(c.target.key, c.target.column): c.state(sheet.value) for c in sum_checks(sheet)}


def test_a_head_count_total_is_the_sum_of_its_departments():
    # 정원 35 + 28 = 63, 현원 36 + 28 = 64
    sheet = sheet_of(staffing=STAFFING, printed_totals=staffing_total(63, 64))
    assert states(sheet) == {("계", "authorized"): OK, ("계", "current"): OK}


def test_a_head_count_one_off_fails():
    sheet = sheet_of(staffing=STAFFING, printed_totals=staffing_total(63, 65))
    assert states(sheet) == {("계", "authorized"): OK, ("계", "current"): FAIL}
    check = next(c for c in sum_checks(sheet) if c.target.column == "current")
    assert check.residual(sheet.value) == 1  # 65 − 64


SUMMARY = pd.DataFrame({
    "department": ["디지털정책담당관", "디지털정책담당관"], "account": ["일반회계", "특별회계"],
    "budget": [21_468_739_000, 1_331_374_000], "previous_budget": [17_866_615_000, 2_147_534_000],
    "change_printed": [3_602_124_000, -816_160_000], "change_rate_printed": [20.2, -38.0],
    "committed": [10_525_636_000, 1_060_567_000], "execution_rate_printed": [49.0, 79.7],
    "fiscal_year": [2023, 2023], "source_line": [89, 90]})


@pytest.mark.parametrize(("printed", "state"), [
    (22_800_113_000, OK),  # 21,468,739 + 1,331,374 = 22,800,113 천원
    (22_800_114_000, ROUNDING),  # one 천원 off: within one unit per part (2 parts)
    (22_800_115_000, ROUNDING),
    (22_800_116_000, FAIL),  # three 천원 off
])
def test_a_money_total_allows_one_printed_unit_per_part(printed, state):
    sheet = sheet_of(expenditure_summary=SUMMARY, printed_totals=totals(
        ("expenditure_summary", "디지털정책담당관", "subtotal", "budget", printed, "KRW", 88)))
    [check] = sum_checks(sheet)
    assert check.tol == 2_000  # a 천원 table: 1,000 KRW per summed row
    assert check.state(sheet.value) == state


def test_a_total_sums_its_subtotals_not_the_items_beneath_them():
    """계 = 소계 가 + 소계 나; each 소계 = its own items: a wrong item breaks its 소계 only."""
    cheon = 1_000
    items = SUMMARY.iloc[[0, 1, 0]].assign(
        department=["가", "가", "나"], account=["일반회계", "특별회계", "일반회계"],
        budget=[10_000 * cheon, 5_000 * cheon, 7_000 * cheon], source_line=[3, 4, 6])
    sheet = sheet_of(expenditure_summary=items.reset_index(drop=True), printed_totals=totals(
        ("expenditure_summary", "계", "total", "budget", 23_000 * cheon, "KRW", 1),  # 16 + 7
        # printed 16,000 천원; its items make 10,000 + 5,000 = 15,000
        ("expenditure_summary", "가", "subtotal", "budget", 16_000 * cheon, "KRW", 2),
        ("expenditure_summary", "나", "subtotal", "budget", 7_000 * cheon, "KRW", 5)))
    assert states(sheet) == {("계", "budget"): OK, ("가", "budget"): FAIL,
                             ("나", "budget"): OK}
    grand = next(c for c in sum_checks(sheet) if c.target.key == "계")
    assert {cell.key for cell in grand.cells()} == {"계", "가", "나"}

"""seoul_budget.reconciliation.formulas: formula columns (과부족 = 현원 − 정원, 증감액, 세출결산
E = A − B − C − D) and printed rates (집행률) on rows of the bundled report (lines as noted),
checked by hand, and the same rows with one figure changed."""

from __future__ import annotations

import pandas as pd
from sheets import sheet_of

from seoul_budget.reconciliation.checks import FAIL, OK, ROUNDING
from seoul_budget.reconciliation.formulas import formula_checks, rate_checks

MILLION = 1_000_000


def by_target(checks, sheet) -> dict[tuple[str, str], str]:
    return {(c.target.key, c.target.column): c.state(sheet.value) for c in checks}


def staffing(surplus: int) -> pd.DataFrame:
    # line 25: 디지털정책담당관 정원 35, 현원 36, 과부족 36 − 35 = 1
    return pd.DataFrame({"department": ["디지털정책담당관"], "authorized": [35], "current": [36],
                         "shortage": [-1], "surplus_printed": [surplus], "source_line": [25]})


def test_surplus_is_current_less_authorised_exactly():
    sheet = sheet_of(staffing=staffing(1))
    [check] = formula_checks(sheet)
    assert check.label_ko == "과부족 = 현원 − 정원"
    assert check.state(sheet.value) == OK
    sheet = sheet_of(staffing=staffing(2))
    assert formula_checks(sheet)[0].state(sheet.value) == FAIL  # head counts: no rounding


def test_change_is_this_years_budget_less_last_years_with_the_years_named():
    # line 89: 21,468,739 − 17,866,615 = 3,602,124 천원
    summary = pd.DataFrame({
        "department": ["디지털정책담당관"], "account": ["일반회계"], "budget": [21_468_739_000],
        "previous_budget": [17_866_615_000], "change_printed": [3_602_124_000],
        "change_rate_printed": [20.2], "committed": [10_525_636_000],
        "execution_rate_printed": [49.0], "fiscal_year": [2023], "source_line": [89]})
    sheet = sheet_of(expenditure_summary=summary)
    [check] = formula_checks(sheet)
    assert check.label_ko == "증감액 = 2023 예산현액 − 2022 최종예산"  # the subject's years
    assert check.state(sheet.value) == OK
    # rates: (21,468,739 − 17,866,615) ÷ 17,866,615 = 20.16 % → 20.2; 10,525,636 ÷
    # 21,468,739 = 49.03 % → 49.0
    assert set(by_target(rate_checks(sheet), sheet).values()) == {OK}
    moved = sheet_of(expenditure_summary=summary.assign(change_printed=[3_602_126_000]))
    # two 천원 off, two terms of one 천원 each: rounding; three off would fail
    assert formula_checks(moved)[0].state(moved.value) == ROUNDING
    moved = sheet_of(expenditure_summary=summary.assign(change_printed=[3_602_127_000]))
    assert formula_checks(moved)[0].state(moved.value) == FAIL


def settlement(unspent: int, rate: float) -> pd.DataFrame:
    # line 606: A 18,321, B 17,055, C 454, D 0 백만원
    return pd.DataFrame({
        "department": ["디지털정책담당관"], "account": ["일반회계"], "budget": [18_321 * MILLION],
        "spent": [17_055 * MILLION], "carried_over": [454 * MILLION], "subsidy_returned": [0],
        "unspent": [unspent * MILLION], "unspent_rate": [4.43], "execution_rate_printed": [rate],
        "fiscal_year": [2022], "source_line": [606]})


def test_settlement_unspent_is_budget_less_spent_carried_and_returned():
    sheet = sheet_of(settlement_expenditure=settlement(812, 95.6))  # 18,321 − 17,055 − 454 − 0
    formulas = [c for c in formula_checks(sheet) if c.target.column == "unspent"]
    assert [c.state(sheet.value) for c in formulas] == [OK]
    # F = (17,055 + 454 + 0) ÷ 18,321 = 95.57 % → 95.6
    assert list(by_target(rate_checks(sheet), sheet).values()) == [OK]
    sheet = sheet_of(settlement_expenditure=settlement(822, 95.0))
    assert [c.state(sheet.value) for c in formula_checks(sheet)
            if c.target.column == "unspent"] == [FAIL]
    assert list(by_target(rate_checks(sheet), sheet).values()) == [FAIL]  # 0.57 points off


def test_execution_rates_of_a_program_row():
    # line 487: 192,302 ÷ 206,044 = 93.33 % → 93.3; 3,100 ÷ 206,044 = 1.50 % → 1.5
    row = pd.DataFrame({
        "department": ["디지털정책담당관"], "account": ["일반회계"],
        "program": ["엠보팅 서비스 운영"], "budget": [206_044_000], "committed": [192_302_000],
        "spent": [3_100_000],
        "committed_rate_printed": [93.3], "spent_rate_printed": [1.5],
        "is_basic_expense": [False], "fiscal_year": [2023], "source_line": [487]})
    sheet = sheet_of(expenditure=row)
    states = {c.target.column: c.state(sheet.value) for c in rate_checks(sheet)}
    assert states == {"committed_rate_printed": OK, "spent_rate_printed": OK}
    sheet = sheet_of(expenditure=row.assign(spent_rate_printed=[15.0]))
    states = {c.target.column: c.state(sheet.value) for c in rate_checks(sheet)}
    assert states == {"committed_rate_printed": OK, "spent_rate_printed": FAIL}

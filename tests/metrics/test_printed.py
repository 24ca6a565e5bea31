"""Figures as the report prints them: 계 rows from the printed totals (errata applied), the
line items' sums beside them only where they differ and why, subtotals as printed, rates with
the decimals printed. Expected figures are the report's (tests/fixtures/data/raw/2023-05-31/
report.txt), with the line they are printed on."""

from __future__ import annotations

import pandas as pd
import pytest

import seoul_budget as sb
from seoul_budget import metrics
from seoul_budget.metrics.printed import CORRECTION, MISMATCH, ROUNDING

THOUSAND, MILLION = 1_000, 1_000_000


@pytest.fixture(scope="module")
def corrected() -> sb.Report:
    """The bundled report with the errata ledger applied (what the pages show)."""
    from bundled import REPORT

    return sb.load_report(REPORT)


def test_expenditure_total_is_the_printed_one_with_the_sum_beside_it(corrected):
    row = metrics.total_row(corrected.printed_totals, "expenditure", corrected.expenditure,
                            ["budget", "committed", "spent"], corrections=corrected.corrections,
                            rates={"committed_rate": ("committed", "budget")})
    # Line 484: 계 163,848,799 / 84,471,483 / 51,216,641 천원.
    assert row.value("budget") == 163_848_799 * THOUSAND
    assert row.value("committed") == 84_471_483 * THOUSAND
    assert row.value("spent") == 51_216_641 * THOUSAND
    assert row.source_line == 484 and row.items == 72
    # The 72 programs add up to 84,471,485.21천원 of 원인행위액 (서울기록원 기본경비 corrected
    # to 30,048,210원): 2천원 more than printed, within 72 × 1천원 of rounding.
    assert row.recomputed["committed"] == 84_471_485_210
    assert row.reasons == {"committed": ROUNDING}
    # 지출액 adds up to 51,216,641.36천원, which reads as the printed 51,216,641천원.
    assert not row.differs("spent") and not row.differs("budget")
    assert row.values["committed_rate"] == pytest.approx(84_471_483 / 163_848_799 * 100)


def test_settlement_total_as_printed_with_the_corrected_subsidy(corrected):
    row = metrics.settlement_total(corrected.printed_totals,
                                   corrected.settlement_expenditure,
                                   corrections=corrected.corrections)
    # Line 603: 143,205 / 128,873 / 5,063 / 18,571 (misprint: 18.571) / 9,251 백만원, 93.5%.
    assert [row.value(c) / MILLION for c in metrics.SETTLEMENT_MONEY] == \
        [143_205, 128_873, 5_063, 18.571, 9_251]
    assert row.reasons == {"budget": ROUNDING, "carried_over": ROUNDING,
                           "subsidy_returned": CORRECTION, "unspent": ROUNDING}
    assert row.printed_as == {"subsidy_returned": 18_571 * MILLION}
    # The 9 rows add to 143,204, 5,062 and 9,250 백만원: 1 백만원 under each printed total.
    assert [row.recomputed[c] / MILLION for c in ("budget", "carried_over", "unspent")] == \
        [143_204, 5_062, 9_250]
    # (A − E) / A = (143,205 − 9,251) / 143,205 = 93.54 %, printed 93.5 %.
    assert round(row.values["execution_rate"], 1) == 93.5
    # E = A − B − C − D = 143,205 − 128,873 − 5,063 − 18.571 = 9,250.429 백만원.
    assert row.values["unspent_recomputed"] == pytest.approx(9_250.429 * MILLION)


def test_revenue_settlement_total_is_printed_and_adds_up(corrected):
    row = metrics.total_row(corrected.printed_totals, "settlement_revenue",
                            corrected.settlement_revenue,
                            ["budget", "assessed", "collected", "written_off", "outstanding"])
    # Line 589: 17,371 / 19,483 / 19,116 / - / 367 백만원.
    assert [row.value(c) / MILLION for c in ("budget", "assessed", "collected", "written_off",
                                             "outstanding")] == [17_371, 19_483, 19_116, 0, 367]
    assert row.reasons == {}


def test_a_department_scope_takes_its_printed_subtotal(corrected):
    center = corrected.expenditure[corrected.expenditure["department"] == "데이터센터"]
    row = metrics.total_row(corrected.printed_totals, "expenditure", center,
                            ["budget", "committed"], key=metrics.scope_key("데이터센터"))
    # Line 561: 데이터센터 54,736,110 / 22,354,819 천원; its 11 programs add to 22,354,818.
    assert row.value("budget") == 54_736_110 * THOUSAND
    assert row.value("committed") == 22_354_819 * THOUSAND
    assert row.recomputed["committed"] == 22_354_818 * THOUSAND
    assert row.reasons == {"committed": ROUNDING}
    assert metrics.scope_key(None) == "계"


def test_a_total_far_from_the_sum_is_a_mismatch_not_rounding(corrected):
    items = corrected.expenditure.assign(committed=corrected.expenditure["committed"] + 10**9)
    row = metrics.total_row(corrected.printed_totals, "expenditure", items, ["committed"])
    assert row.reasons == {"committed": MISMATCH}


def test_department_account_subtotals_as_printed(corrected):
    grouped = metrics.execution_by(corrected.expenditure, by=["department", "account"])
    shown, differing = metrics.printed_subtotals(
        grouped, corrected.printed_totals, "expenditure", ["department", "account"],
        ["budget", "committed", "spent"], count_column="programs")
    by_key = {row.key: row for row in differing}
    # Printed subtotals 1천원 off their programs' sums (lines 501, 534, 549, 562, 575).
    assert {key: sorted(row.reasons) for key, row in by_key.items()} == {
        "빅데이터담당관 > 일반회계": ["committed"],
        "공간정보담당관 > 일반회계": ["committed"],
        "정보통신보안담당관 > 일반회계": ["committed", "spent"],
        "데이터센터 > 일반회계": ["committed", "spent"],
        "서울기록원 > 일반회계": ["spent"],  # 1,662,441.36 reads 1,662,441; printed 1,662,442
    }
    big_data = shown[(shown["department"] == "빅데이터담당관")].iloc[0]
    assert big_data["committed"] == 9_180_619 * THOUSAND  # line 501 as printed, not 9,180,620
    assert all(row.reasons[c] == ROUNDING for row in differing for c in row.reasons)


def test_sums_of_a_selection_and_combined_rows(corrected):
    behind = metrics.behind_pace(corrected.expenditure, corrected.as_of, 20)
    row = metrics.sums(behind, ["budget"], {"share": ("budget", 163_848_799 * THOUSAND)})
    # 8 programs behind pace: 31,680,266천원 = 316.8억원, 19.3 % of the bureau's budget.
    assert (row.items, row.value("budget")) == (8, 31_680_266 * THOUSAND)
    assert round(row.values["share"], 1) == 19.3
    staff = metrics.total_row(corrected.printed_totals, "staffing", corrected.staffing,
                              ["authorized", "current"])
    both = metrics.combine([staff, row])
    assert (both.value("authorized"), both.value("current"), both.value("budget")) == \
        (266, 255, 31_680_266 * THOUSAND)


def test_printed_rates_keep_their_printed_decimals(corrected):
    revenue = corrected.revenue
    decimals = dict(zip(revenue["source_line"], metrics.printed_rate_decimals(
        corrected.path, revenue, "change_rate_printed"), strict=True))
    assert decimals[460] == 0   # 지난년도수입 과태료: △10%
    assert decimals[412] == 1   # 에스플렉스센터 운영수입: △5.9%
    assert decimals[445] is None  # 사물인터넷도시조성보조금반납금: no rate printed
    facts = pd.DataFrame({"share_printed": [83.7], "source_line": [34]})
    assert metrics.printed_rate_decimals(corrected.path, facts, "share_printed") == [1]


def test_subtotals_and_groups_carry_the_line_they_are_read_from(corrected):
    grouped = metrics.execution_by(corrected.expenditure, by=["department", "account"])
    shown, _ = metrics.printed_subtotals(
        grouped, corrected.printed_totals, "expenditure", ["department", "account"],
        ["budget", "committed", "spent"], count_column="programs")
    big_data = shown[shown["department"] == "빅데이터담당관"].iloc[0]
    assert big_data["source_line"] == 501  # its printed subtotal 9,180,619
    settlement = corrected.settlement_expenditure
    by_department = metrics.settlement_rates(settlement, by=["department"])
    lines = dict(zip(by_department["department"],
                     metrics.group_lines(by_department, settlement, corrected.printed_totals,
                                         "settlement_expenditure", ["department"]),
                     strict=True))
    # 정보통신보안담당관 has two accounts (lines 612, 613): its printed subtotal, line 611;
    # 데이터센터 one row, line 614
    assert lines["정보통신보안담당관"] == 611 and lines["데이터센터"] == 614
    by_account = metrics.settlement_rates(settlement, by=["department", "account"])
    split = by_account[by_account["department"] == "정보통신보안담당관"]
    assert metrics.group_lines(split, settlement, corrected.printed_totals,
                               "settlement_expenditure",
                               ["department", "account"]).tolist() == [612, 613]


def test_a_sum_of_several_rows_the_report_does_not_print_has_no_line():
    items = pd.DataFrame({"department": ["가", "가", "나"], "budget": [1, 2, 3],
                          "source_line": [10, 11, 12]})
    grouped = items.groupby("department", sort=False)[["budget"]].sum().reset_index()
    none_printed = pd.DataFrame(columns=["table", "key", "column", "value", "rate_printed",
                                         "unit", "source_line"])
    lines = metrics.group_lines(grouped, items, none_printed, "expenditure", ["department"])
    assert lines.isna().tolist() == [True, False] and lines.iloc[1] == 12

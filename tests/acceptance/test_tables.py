"""Every table against the figures the report itself prints (hand-copied from the text)."""

from __future__ import annotations

import pandas as pd
import pytest
from bundled import DEPARTMENTS

from seoul_budget.schemas import SCHEMAS, column_unit, columns
from seoul_budget.validate import table_schema

CHEON = 1_000  # 천원 in KRW
BAEKMAN = 1_000_000  # 백만원 in KRW


def test_every_table_is_present_and_valid(report):
    tables = report.tables()
    assert set(SCHEMAS) <= set(tables)
    for name in SCHEMAS:  # pandera, once more, on the tables as handed out
        table_schema(name, report.departments).validate(tables[name])
        assert (tables[name]["source_line"] >= 1).all()


def test_money_is_int64_krw_everywhere(report):
    for name, frame in report.tables().items():
        for column in columns(name):
            if column_unit(name, column) == "KRW":
                assert str(frame[column].dtype) == "Int64", (name, column)


def test_as_of_is_the_printed_date(report):
    assert report.as_of.isoformat() == "2023-05-31"


def test_departments_are_the_eight_in_report_order(report):
    assert report.departments == (
        "디지털정책담당관", "빅데이터담당관", "정보시스템담당관", "정보공개담당관",
        "공간정보담당관", "정보통신보안담당관", "데이터센터", "서울기록원")


# --- staffing (인력 현황, lines 21-32) -------------------------------------------------------

def test_staffing_totals_match_printed_266_and_255(report):
    staffing = report.staffing
    assert list(staffing.department) == list(DEPARTMENTS)
    assert staffing.authorized.sum() == 266
    assert staffing.current.sum() == 255
    assert staffing.surplus_printed.sum() == -11  # printed △11
    assert staffing.shortage.sum() == 11  # 266 − 255: positive = short


def test_staffing_rows_as_printed(report):
    row = report.staffing.set_index("department").loc["데이터센터"]
    assert (row.authorized, row.current, row.surplus_printed) == (69, 61, -8)  # line 31
    assert row.shortage == 8  # 69 − 61 posts unfilled
    row = report.staffing.set_index("department").loc["디지털정책담당관"]
    assert (row.authorized, row.current, row.surplus_printed) == (35, 36, 1)  # '+1'
    assert row.shortage == -1  # one over strength


def test_job_categories_sum_to_printed_category_totals(report):
    by_category = report.staffing_by_category.groupby("job_category", sort=False).headcount.sum()
    printed = {"행정": 59, "전산": 73, "방송통신": 51, "지적": 9, "기타": 13, "연구직": 8,
               "전문경력관": 8, "임기제": 25, "관리운영직": 9}  # line 24
    assert by_category.to_dict() == printed
    assert len(report.staffing_by_category) == 8 * 9  # empty cells are zero, not dropped


def test_job_categories_sum_to_each_departments_current_staff(report):
    sums = report.staffing_by_category.groupby("department").headcount.sum()
    current = report.staffing.set_index("department").current
    assert (sums.sort_index() == current.sort_index()).all()


def test_staffing_facts_from_prose(report):
    # line 34: '※ 5급 팀장 이상 43명 중 관련분야 직렬(전산·방송통신·지적 등) 총 36명(83.7%)';
    # line 36: '전체 직원(255명) 중 전문자격증 소지자(77.6%) : 전산 분야 158명, 정보통신 분야 40명'
    facts = report.staffing_facts.set_index("metric")
    assert list(facts.index) == [
        "5급 팀장 이상", "5급 팀장 이상 > 관련분야 직렬", "전체 직원",
        "전체 직원 > 전문자격증 소지자", "전체 직원 > 전문자격증 소지자 > 전산 분야",
        "전체 직원 > 전문자격증 소지자 > 정보통신 분야"]
    assert facts.loc["5급 팀장 이상", "value"] == 43
    related = facts.loc["5급 팀장 이상 > 관련분야 직렬"]
    assert (related.value, related.label) == (36, "관련분야 직렬(전산·방송통신·지적 등)")
    assert related.share_printed == pytest.approx(83.7)
    assert facts.loc["전체 직원", "value"] == 255
    certified = facts.loc["전체 직원 > 전문자격증 소지자"]
    assert pd.isna(certified.value) and certified.share_printed == pytest.approx(77.6)
    assert facts.loc["전체 직원 > 전문자격증 소지자 > 전산 분야", "value"] == 158
    assert facts.loc["전체 직원 > 전문자격증 소지자 > 정보통신 분야", "value"] == 40
    assert set(facts.source_line) == {34, 36}


def test_duties_are_plain_text_lines(report):
    duties = report.duties
    assert set(duties.department) == set(DEPARTMENTS)
    assert not duties.duty.str.contains("<|>|style=", regex=True).any()
    first = duties[duties.department == "디지털정책담당관"].duty.tolist()
    assert first[0] == "스마트도시 및 정보화기본계획 수립 및 조정"
    # '·' inside a phrase is not a bullet
    assert "스마트도시 홍보·마케팅 및 해외교류 협력, WeGO 운영지원" in first


# --- revenue (세입 총괄, lines 58-79; 세입 예산 세부내역, lines 407-476) -------------------------

@pytest.mark.parametrize("table", ["revenue", "revenue_summary"])
def test_revenue_line_items_sum_to_printed_total(report, table):
    frame = getattr(report, table)
    assert frame.budget.sum() == 13_941_956 * CHEON
    assert frame.previous_budget.sum() == 17_370_899 * CHEON


def test_revenue_hierarchy_is_rebuilt(report):
    revenue = report.revenue
    rental = revenue[revenue.detail_category == "공유재산임대료"]
    assert rental.budget.sum() == 7_423_701 * CHEON  # line 411
    assert set(rental.category) == {"세외수입"} and set(rental.subcategory) == {"경상적세외수입"}
    # items the source prints without a label (lines 433-434) are kept, under 기타이자수입
    unlabeled = revenue[revenue.item.isna()]  # missing text is <NA>, never ''
    assert not (revenue.item == "").any()
    assert unlabeled.source_line.tolist() == [433, 434]
    assert set(unlabeled.detail_category) == {"기타이자수입"}
    interest = revenue[revenue.detail_category == "기타이자수입"]
    assert interest.budget.sum() == 61_401 * CHEON  # line 422
    # spaced-out Hangul is joined, the typo 과정금 is mapped to 과징금
    assert (revenue.detail_category == "과징금").sum() == 1
    assert "국고보조금 사용잔액반환" in revenue.item.iloc[-2]


def test_revenue_new_this_year_and_dash_zero(report):
    revenue = report.revenue.set_index("source_line")
    assert bool(revenue.loc[445, "new_this_year_printed"])  # 순증
    assert pd.isna(revenue.loc[445, "change_rate_printed"])
    assert revenue.loc[445, "previous_budget"] == 0  # printed '-'
    assert revenue.loc[447, "budget"] == 0  # empty cell
    assert revenue.loc[447, "previous_budget"] == 21_018 * CHEON  # printed without separators


def test_revenue_summary_keeps_finest_level(report):
    summary = report.revenue_summary
    assert len(summary) == 15
    assert summary.set_index("detail_category").loc["위탁비반환수입", "budget"] \
        == 11_199 * CHEON
    # 입시적세외수입 (typo) is 임시적세외수입
    assert "입시적세외수입" not in set(summary.subcategory)


# --- expenditure (세출 총괄, lines 85-99; 세출예산 집행현황, lines 482-580) ----------------------

def test_expenditure_budget_programs_departments_accounts(report):
    expenditure = report.expenditure
    assert expenditure.budget.sum() == 163_848_799 * CHEON
    assert len(expenditure) == 72
    assert expenditure.department.nunique() == 8
    assert expenditure.groupby(["department", "account"]).ngroups == 10


def test_expenditure_summary_pairs_and_totals(report):
    summary = report.expenditure_summary
    assert len(summary) == 10
    assert summary.budget.sum() == 163_848_799 * CHEON
    assert summary.previous_budget.sum() == 137_950_562 * CHEON
    assert summary.committed.sum() == 84_471_483 * CHEON
    # garbled names (디지탈정책관, 정보시설팀관 …) map to canonical departments
    assert list(summary.department.unique()) == list(DEPARTMENTS)


def test_expenditure_department_budgets_match_printed_subtotals(report):
    budgets = report.expenditure.groupby("department").budget.sum() // CHEON
    printed = {"디지털정책담당관": 22_800_113, "빅데이터담당관": 17_248_450,
               "정보시스템담당관": 5_960_670, "정보공개담당관": 9_022_066,
               "공간정보담당관": 8_655_129, "정보통신보안담당관": 40_401_130,
               "데이터센터": 54_736_110, "서울기록원": 5_025_131}
    assert budgets.to_dict() == printed


def test_expenditure_printed_rates_kept(report):
    row = report.expenditure.set_index("source_line").loc[499]
    assert row.program == "스마트서울 네트워크 구축 및 운영"
    assert row.account == "특별회계"
    assert row.committed_rate_printed == pytest.approx(79.7)  # printed '79.70%'


# --- 2022 settlement (lines 588-615, 백만원) ----------------------------------------------------

def test_settlement_revenue_totals(report):
    settlement = report.settlement_revenue
    assert settlement.budget.sum() == 17_371 * BAEKMAN
    assert settlement.assessed.sum() == 19_483 * BAEKMAN
    assert settlement.collected.sum() == 19_116 * BAEKMAN
    assert settlement.written_off.sum() == 0
    assert settlement.outstanding.sum() == 367 * BAEKMAN


def within_rounding(total: int, printed: int, unit: int, lines: int) -> bool:
    """The design's rule: one source unit of rounding per summed line is not a mismatch."""
    return abs(total - printed * unit) <= lines * unit


def test_settlement_expenditure_totals(report):
    settlement = report.settlement_expenditure
    n = len(settlement)
    assert n == 9  # 7 departments + 정보통신보안담당관's two accounts
    assert within_rounding(settlement.budget.sum(), 143_205, BAEKMAN, n)  # sum is 143,204
    assert within_rounding(settlement.spent.sum(), 128_873, BAEKMAN, n)
    assert within_rounding(settlement.carried_over.sum(), 5_063, BAEKMAN, n)
    assert settlement.subsidy_returned.sum() == 18_571 * BAEKMAN
    assert within_rounding(settlement.unspent.sum(), 9_251, BAEKMAN, n)
    accounts = settlement.groupby("account").budget.sum()
    assert within_rounding(accounts["일반회계"], 132_440, BAEKMAN, 8)
    assert accounts["도시개발특별회계"] == 10_764 * BAEKMAN


# --- key projects (lines 105-400) --------------------------------------------------------------

def test_the_eight_key_projects(report):
    projects = report.projects.set_index("number")
    assert list(projects.index) == list(range(1, 9))
    assert projects.loc[2, "title"] == "메타버스 서울 운영(1단계) 및 구축(2단계)"
    assert projects.department.tolist() == [
        "디지털정책담당관", "디지털정책담당관", "빅데이터담당관", "빅데이터담당관",
        "정보시스템담당관", "공간정보담당관", "정보통신보안담당관", "데이터센터"]
    budgets = {number: budget for number, budget in projects.budget.items() if pd.notna(budget)}
    assert budgets == {1: 1_714 * BAEKMAN, 2: 2_814 * BAEKMAN, 3: 2_081 * BAEKMAN,
                       5: 459 * BAEKMAN, 6: 2_423 * BAEKMAN, 7: 8_256 * BAEKMAN,
                       8: 150 * BAEKMAN}
    assert pd.isna(projects.loc[4, "budget"]) and "비예산" in projects.loc[4, "budget_note"]
    assert projects.loc[8, "period"] == "'23~'28년"


def test_monthly_metaverse_visits(report):
    metrics = report.project_metrics
    visits = metrics[metrics.metric == "월방문수_명"].set_index("period").value
    assert visits.to_dict() == {"2023-01": 13_097, "2023-02": 14_013, "2023-03": 10_088,
                                "2023-04": 8_212, "2023-05": 12_020}  # line 178
    assert set(metrics[metrics.metric == "월방문수_명"].project) == {2}


def test_consultation_counts(report):
    metrics = report.project_metrics.set_index("label")
    assert metrics.loc["디지털 안내사 상담인원", "value"] == 90_060  # line 141
    assert metrics.loc["상담인원: 50대 이상", "value"] == 86_715  # line 143
    assert metrics.loc["방문수 목표", "value"] == 200_000  # '20만명 목표', line 177
    assert metrics.loc["방문수 목표", "printed_unit"] == "만명"


# --- printed totals ----------------------------------------------------------------------------

def test_printed_totals_are_kept_apart_from_line_items(report):
    totals = report.printed_totals
    grand = totals[(totals.table == "expenditure") & (totals.key == "계")
                   & (totals.column == "budget")]
    assert grand.value.tolist() == [163_848_799 * CHEON] and grand.source_line.tolist() == [484]
    assert not report.expenditure.program.isin(["계", "디지털정책관", "일반회계"]).any()


def test_project_budget_components(report):
    metrics = report.project_metrics
    parts = metrics[metrics.label.str.startswith("사업예산: ")].set_index("label").value
    assert parts.to_dict() == {"사업예산: 2단계구축": 2_062 * BAEKMAN,  # line 172
                               "사업예산: 감리": 170 * BAEKMAN}

"""Key takeaways: each page's first facts, worked by hand from the report's tables.

정보자원 통합 관리 (line 566): 19,899,927천원 = 199억원, 12.1 % of 163,848,799천원, 원인행위
1,653천원 = 0.0 %. Behind pace on 2023-05-31 (41.4 % of the year, threshold 20 %p): 8 programs,
31,680,266천원 = 316.8억원 (19.3 %).
"""

from __future__ import annotations

import pandas as pd
import pytest

import seoul_budget as sb
from seoul_budget import metrics
from seoul_budget.metrics.takeaways import department_change, has_final, particle
from seoul_budget.subject import Subject


@pytest.fixture(scope="module")
def corrected() -> sb.Report:
    from bundled import REPORT

    return sb.load_report(REPORT)


def facts(report: sb.Report, section: str, department: str | None = None) -> metrics.Takeaways:
    return metrics.takeaways(section, report.tables(), report.as_of, department, report.subject)


def test_expenditure_leads_with_the_printed_total_the_largest_program_and_stalled_ones(
        corrected):
    found = facts(corrected, "expenditure")
    assert 3 <= len(found.sentences) <= 5
    first, largest, behind, change = found.sentences
    assert "1,638.5억원(사업 72개)" in first and "원인행위 기준 51.6%" in first
    assert "연간 경과율 41.4%" in first
    assert "‘정보자원 통합 관리’로 199억원" in largest
    assert "예산의 12.1%" in largest and "집행률은 0.0%" in largest
    assert "사업이 8개, 예산 316.8억원(19.3%)" in behind
    # 세출 총괄: 데이터센터 44,799,800 → 54,736,110천원, +9,936,310천원 (22.2 %).
    assert "데이터센터로 99.4억원(22.2%) 늘었습니다" in change
    assert found.key_figure == ("예산현액 1,638.5억원 · 원인행위 51.6% · 집행 부진 8개 사업 "
                                "316.8억원")


def test_overview_takes_the_strongest_facts_of_each_section(corrected):
    found = facts(corrected, "overview")
    assert len(found.sentences) == 5
    assert any("‘정보자원 통합 관리’" in s for s in found.sentences)
    assert any("정원은 266명, 현원은 255명" in s for s in found.sentences)
    # 세입: 13,941,956천원 vs 17,370,899천원, △19.7 % (line 408).
    assert any("139.4억원" in s and "19.7% 줄었습니다" in s for s in found.sentences)


def test_staffing_names_the_shortage(corrected):
    found = facts(corrected, "staffing")
    # 정보공개 2 + 공간정보 1 + 데이터센터 8 + 서울기록원 1 = 12 short; 디지털정책 +1 over.
    assert "부서는 4곳, 모자란 인원은 12명이며 데이터센터가 8명으로" in found.sentences[1]
    assert "전산 73명(28.6%)" in found.sentences[2]
    assert found.key_figure == "정원 266명 · 현원 255명 · 부족 11명"
    # 정원 266 and 현원 255 are the 계 row, line 24 ('계\t266\t255\t…'): the key figure
    # names it first
    assert found.key_lines[0] == 24


def test_settlement_and_revenue_and_projects(corrected):
    settlement = facts(corrected, "settlement")
    assert "예산현액 143,205백만원 가운데 128,873백만원(90.0%)" in settlement.sentences[0]
    assert "집행잔액은 9,251백만원(6.5%), 집행률은 93.5%" in settlement.sentences[0]
    # 세입결산: 19,116 ÷ 19,483 = 98.1 %, 미수납 367백만원.
    assert "19,116백만원(98.1%)" in settlement.sentences[-1]
    revenue = facts(corrected, "revenue")
    assert "‘스마트챌린지’로 20억원 줄었습니다(전액 감소)" in revenue.sentences[1]
    projects = facts(corrected, "key_projects")
    # 1,714 + 2,814 + 2,081 + 459 + 2,423 + 8,256 + 150 = 17,897백만원 over 7 funded projects.
    assert "예산 합계는 17,897백만원" in projects.sentences[0]


def test_projects_without_a_budget_figure_are_not_all_called_bidyesan(tmp_path):
    """Project 3's budget line (208, 2,081백만원) unreadable, project 5's (275, 459백만원)
    gone, project 4 비예산: 17,897 − 2,081 − 459 = 15,357백만원 over the 5 read."""
    from bundled import edited_copy

    path = edited_copy(tmp_path / "raw", {208: "- (사업예산) 총사업비 2,081백만원", 275: ""})
    found = facts(sb.load_report(path, errata=None), "key_projects")
    assert found.sentences[0] == ("주요 현안업무는 8개이며, 사업예산을 읽은 5개의 예산 합계는 "
                                  "15,357백만원입니다.")
    assert found.sentences[2:] == ["1개 사업은 예산 없이(비예산) 추진합니다.",
                                   "1개 사업은 사업예산이 원문에 적혀 있지 않습니다.",
                                   "1개 사업은 사업예산 행을 읽지 못해 합계에 넣지 않았습니다."]
    assert found.lines[4] == (208,)  # the line not read, cited by its sentence alone:
    assert found.key_lines == (137, 172, 309, 341, 378)  # the key figure's are 1, 2, 6-8's


def test_a_department_page_speaks_of_the_department(corrected):
    found = facts(corrected, "expenditure", "데이터센터")
    assert "데이터센터의 세출 예산현액은 547.4억원(사업 11개)" in found.sentences[0]
    assert "데이터센터 예산의 36.4%" in found.sentences[1]  # 19,899,927 ÷ 54,736,110
    staff = facts(corrected, "staffing", "데이터센터")
    assert staff.sentences[1] == "정원보다 현원이 8명 적습니다."
    revenue = facts(corrected, "revenue", "데이터센터")
    assert revenue.sentences[0].startswith("디지털정책관 전체의 2023년 세입 예산은")  # the cover
    # the settlement's revenue (세입결산, line 589: 징수결정액 19,483백만원) is the bureau's too
    settled = facts(corrected, "settlement", "데이터센터").sentences[-1]
    assert settled.startswith("디지털정책관 전체의 세입은 징수결정액 19,483백만원")
    whole = facts(corrected, "settlement").sentences[-1]
    assert whole.startswith("세입은 징수결정액 19,483백만원")


def test_unknown_section_names_the_choices(corrected):
    with pytest.raises(KeyError, match="expenditure"):
        facts(corrected, "nothing")


@pytest.mark.parametrize(("word", "final"), [("데이터센터", False), ("사업", True),
                                             ("‘정보자원 통합 관리’", False), ("1,638억원", True),
                                             ("41.4%", False), ("3", True), ("2", False)])
def test_particles_follow_the_final_sound(word, final):
    assert has_final(word) is final
    assert particle(word, "이", "가") == word + ("이" if final else "가")


def test_sentences_name_the_reports_bureau_and_years(corrected):
    """The same figures under another report's subject: a reader of 녹색정책관's fiscal 2031
    report reads its bureau and years, never the bundled ones."""
    other = Subject("녹색정책관", 2031, 2030)
    tables = corrected.tables()
    found = {section: metrics.takeaways(section, tables, corrected.as_of, None, other)
             for section in ("overview", "expenditure", "revenue", "settlement", "staffing")}
    text = " ".join(s for t in found.values() for s in t.sentences)
    assert "녹색정책관의 세출 예산현액은 1,638.5억원" in found["expenditure"].sentences[0]
    assert "2030년 최종예산보다 가장 많이 늘어난 부서는" in found["expenditure"].sentences[-1]
    assert found["revenue"].sentences[0].startswith("2031년 세입 예산은")
    assert found["settlement"].sentences[0].startswith("2030년 녹색정책관의 예산현액")
    assert found["settlement"].key_figure.startswith("2030 집행률")
    assert "디지털정책관" not in text and "2023" not in text and "2022" not in text
    # a report dated 2023-05-31 of fiscal 2031 has none of its year behind it
    assert "연간 경과율 0.0%" in found["expenditure"].sentences[0]


def test_a_section_the_report_lacks_is_said_to_be_missing(corrected):
    tables = corrected.tables()
    tables["revenue"] = tables["revenue"].iloc[:0]
    found = metrics.takeaways("revenue", tables, corrected.as_of, None, corrected.subject)
    assert found.sentences == ["이 보고서에는 「세입 예산 세부내역」 표가 없습니다."]
    assert found.key_figure == ""


def test_each_fact_names_the_lines_its_figures_come_from(corrected):
    # The printed totals: 세출예산 집행현황 계 line 484, 세입 계 408, 2022 세출결산 총계 603,
    # 세입결산 계 589, 인력 계 24; the largest program 정보자원 통합 관리 (line 566) against
    # the 484 total; 데이터센터's staffing row, line 31.
    spending = facts(corrected, "expenditure")
    assert spending.lines[0] == (484,)
    assert spending.lines[1] == (566, 484)
    assert len(spending.lines) == len(spending.sentences)
    assert facts(corrected, "revenue").lines[0] == (408,)
    settled = facts(corrected, "settlement")
    assert settled.lines[0] == (603,) and settled.lines[-1] == (589,)
    assert facts(corrected, "staffing").lines[0] == (24,)
    assert facts(corrected, "staffing", "데이터센터").lines == [(31,), (31,), (31,)]
    overview = facts(corrected, "overview")
    assert overview.lines[0] == (484,) and overview.lines[3] == (24,)
    assert len(overview.lines) == len(overview.sentences)


def test_settlement_takeaways_write_money_in_the_unit_of_the_page_s_table(corrected):
    # the printed 계 143,205 / 128,873 / 9,251 백만원 (report lines of 세출결산) in 천원, the
    # unit of a table holding a corrected figure not whole in 백만원; revenue keeps its unit
    found = metrics.takeaways("settlement", corrected.tables(), corrected.as_of, None,
                              corrected.subject, money_unit="천원")
    assert "예산현액 143,205,000천원 가운데 128,873,000천원(90.0%)" in found.sentences[0]
    assert "집행잔액은 9,251,000천원(6.5%)" in found.sentences[0]
    assert "백만원" not in " ".join(found.sentences[:-1])
    assert "19,116백만원(98.1%)" in found.sentences[-1]
    assert "집행잔액 9,251,000천원" in found.key_figure


def test_the_overviews_key_figure_names_the_budget_and_staffing_lines(corrected):
    found = facts(corrected, "overview")
    assert found.key_figure.startswith("세출 예산현액 1,638.5억원 · 정원 266명·현원 255명")
    # 예산현액 from the bureau's row of 세출 (line 484: '디지털정책관 | 163,848,799 | …',
    # 천원: 1,638.5억원), 정원·현원 from the staffing 계 (line 24: '계 | 266 | 255 | …'):
    # both named, whatever the other sentences cite
    assert 484 in found.key_lines and 24 in found.key_lines
    assert len(found.key_lines) <= 6


def _changes(*rows: tuple[str, int, int]):
    return metrics.budget_changes(pd.DataFrame(rows, columns=["department", "budget",
                                                              "previous_budget"]))


def test_when_no_department_grew_the_one_that_shrank_most_is_named():
    # 가과 10억 -> 8억: △2억 (20.0%; a whole 억 shows no decimal); 나과 10억 -> 9.5억 (5.0%)
    sentence, department = department_change(
        _changes(("가과", 800_000_000, 1_000_000_000), ("나과", 950_000_000, 1_000_000_000)), 2022)
    assert sentence == ("2022년 최종예산보다 늘어난 부서는 없고, 가장 많이 줄어든 부서는 가과로 "
                        "2억원(20.0%) 줄었습니다.")
    assert department == "가과"


def test_a_department_new_since_last_year_grows_without_a_rate():
    # 다과 had no budget last year: 0 -> 3억, no rate of change to give
    sentence, department = department_change(
        _changes(("다과", 300_000_000, 0), ("라과", 1_000_000_000, 1_000_000_000)), 2024)
    assert sentence == "2024년 최종예산보다 가장 많이 늘어난 부서는 다과로 3억원 늘었습니다."
    sentence, department = department_change(
        _changes(("라과", 1_000_000_000, 1_000_000_000)), 2024)
    assert sentence == "2024년 최종예산과 예산현액이 달라진 부서는 없습니다." and department is None


# -- a settlement printing its 총계 alone (a small bureau's) ---------------------------------

@pytest.fixture(scope="module")
def total_only(tmp_path_factory) -> sb.Report:
    """The bundled report with 세출결산 printing its 총계 alone (line 603: 143,205 / 128,873 /
    5,063 / 18,571 / 9,251 백만원, 93.5%), no ledger."""
    import generate as g
    from damage import report_text, write_report

    folder = tmp_path_factory.mktemp("total_only") / "2023-05-31"
    return sb.load_report(write_report(folder, g.total_only_settlement(report_text())))


def test_a_settlement_of_its_total_alone_gives_the_bureaus_figures_and_says_so(total_only):
    found = facts(total_only, "settlement")
    # 128,873 ÷ 143,205 = 90.0 %, 9,251 ÷ 143,205 = 6.5 %, (143,205 − 9,251) ÷ 143,205 = 93.5 %;
    # no department to name for the largest unspent share or carry-over
    assert found.sentences == [
        "2022년 디지털정책관의 예산현액 143,205백만원 가운데 128,873백만원(90.0%)을 지출하고 "
        "5,063백만원을 이월했으며, 집행잔액은 9,251백만원(6.5%), 집행률은 93.5%입니다.",
        "2022년 세출결산은 디지털정책관 전체의 총계만 싣고 부서별 행은 없습니다.",
        "세입은 징수결정액 19,483백만원 가운데 19,116백만원(98.1%)을 거두었고 미수납액은 "
        "367백만원입니다."]
    assert found.lines == [(603,), (603,), (589,)]
    assert found.key_figure == "2022 집행률 93.5% · 집행잔액 9,251백만원 · 세입 수납률 98.1%"


def test_a_department_page_over_a_settlement_of_its_total_alone_has_none_of_its_own(
        total_only):
    found = facts(total_only, "settlement", "빅데이터담당관")
    assert found.sentences[0] == ("2022년 세출결산은 디지털정책관 전체의 총계만 싣고 부서별 행은 "
                                  "없습니다. 빅데이터담당관의 결산 수치는 이 보고서에 없습니다.")
    assert found.lines[0] == (603,)
    assert found.key_figure == "2022 집행률 - · 집행잔액 - · 세입 수납률 98.1%"


def test_a_settlement_the_report_lacks_is_still_missing(total_only):
    tables = total_only.tables()
    totals = tables["printed_totals"]
    tables["printed_totals"] = totals[totals["table"] != "settlement_expenditure"]
    found = metrics.takeaways("settlement", tables, total_only.as_of, None, total_only.subject)
    assert found.sentences == ["이 보고서에는 「세출결산」 표가 없습니다."]

"""parse.revenue: revenue categories placed by structure (issue 21): what a row sums to and the
column a page prints its label in, never a list of categories. Expected figures are the bundled
report's printed ones (세입 총괄 lines 58-79, 세입 예산 세부내역 lines 407-476)."""

from __future__ import annotations

import pytest
from damage import edit_line, report_lines, write_report

import seoul_budget as sb
from seoul_budget.parse.document import SECTIONS, Section
from seoul_budget.parse.revenue import parse_revenue_summary
from seoul_budget.parse.text import Line

CHEON = 1_000


def load(tmp_path, text: str) -> sb.Report:
    return sb.load_report(write_report(tmp_path / "2023-05-31", text), errata=None)


def test_a_category_no_list_knows_is_read_where_it_stands(tmp_path):
    # 기타이자수입 (lines 67 and 422) renamed 예금이자수입 in both tables: a category of
    # 경상적세외수입 all the same, holding its nine items (61,401 천원)
    lines = report_lines()
    lines[66] = lines[66].replace("기타이자수입", "예금이자수입")
    lines[421] = lines[421].replace("기타이자수입", "예금이자수입")
    report = load(tmp_path, "\n".join(lines))
    revenue = report.revenue
    interest = revenue[revenue.detail_category == "예금이자수입"]
    # lines 423-429, then the two unlabelled rows at the top of the next page (433-434)
    assert interest.source_line.tolist() == [*range(423, 430), 433, 434]
    assert interest.budget.sum() == 61_401 * CHEON
    assert set(zip(interest.category, interest.subcategory, strict=True)) == {
        ("세외수입", "경상적세외수입")}
    summary = report.revenue_summary.set_index("source_line")
    assert tuple(summary.loc[67, ["category", "subcategory", "detail_category"]]) == (
        "세외수입", "경상적세외수입", "예금이자수입")


def test_the_summary_takes_the_levels_it_skips_from_the_detail(report):
    # line 79 prints 국고보조금사용잔액 right under the total (13,941,956 = 13,218,894 +
    # 716,251 + 6,811); the detail prints it under 보전수입등 및 내부거래 > 보전수입등 (471-473)
    summary = report.revenue_summary.set_index("source_line")
    assert tuple(summary.loc[79, ["category", "subcategory", "detail_category"]]) == (
        "보전수입등 및 내부거래", "보전수입등", "국고보조금사용잔액")
    # line 72 prints 위탁비반환수입 (11,199), a category the detail does not: it sits under
    # the row its figures add into, 입시적세외수입 (임시적세외수입, by the aliases file)
    assert tuple(summary.loc[72, ["category", "subcategory", "detail_category"]]) == (
        "세외수입", "임시적세외수입", "위탁비반환수입")


def test_rows_that_add_up_under_two_rows_name_the_label_and_both():
    # 계 10: 가 5, 나 5, 다 5 — 나 could be 가's only row (then 다 beside 가), or stand beside
    # 가 with 다 under it
    rows = ["구분\t2024 본예산\t2023 최종예산\t증 감\t", "\t\t\t증감액\t증감률",
            "계\t10\t10\t-\t0.0%", "가\t5\t5\t-\t0.0%", "나\t5\t5\t-\t0.0%", "다\t5\t5\t-\t0.0%"]
    lines = [Line(1, "('24. 5. 31. 기준, 단위: 천원, %)"),
             *(Line(number, text) for number, text in enumerate(rows, start=2))]
    spec = next(s for s in SECTIONS if s.key == "revenue_summary")
    section = Section(spec, "x.txt", Line(0, "● 세입 총괄"), lines)
    with pytest.raises(sb.ReportParseError) as caught:
        parse_revenue_summary(section)
    assert caught.value.line == 6 and caught.value.found == "나"
    assert "'나' adds up under '가' or under the total" in str(caught.value)


def test_rows_that_add_up_to_no_tree_are_an_error_at_a_row(tmp_path):
    # 세외수입 (line 409) printed 13,218,894 → 93,218,894 and 14,850,806 → 94,850,806 and
    # △1,631,912 → △9,631,912: no row holds it any more, and the total does not add up
    text = edit_line(409, "13,218,894\t14,850,806\t△1,631,912",
                     "93,218,894\t94,850,806\t△9,631,912")
    with pytest.raises(sb.ReportParseError, match="do not add up to a hierarchy") as caught:
        load(tmp_path, text)
    assert caught.value.section == "세입 예산 세부내역"

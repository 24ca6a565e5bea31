"""What a report is about, read from the report (parse/cover.py, report.subject): its bureau,
fiscal year and settlement year, on the bundled report, on reports the generator makes of
another bureau and other years, and on damaged ones (two years that disagree, a cover that
names no bureau). Tables of a year carry it; labels name it."""

from __future__ import annotations

import re
from dataclasses import replace

import generate as g
import pytest
from damage import edit_line, report_lines, write_report

import seoul_budget as sb
from seoul_budget import ReportParseError
from seoul_budget.schemas import column_title
from seoul_budget.subject import Subject, subject_from_json

BUREAU = "녹색정책관"  # made up: no bundled name


def test_the_bundled_report_is_the_digital_policy_bureaus_2023_report(report):
    # line 2 '2023년 주요 업무보고', line 7 '디지털정책관', line 582 'V. 2022 세입 · 세출 결산 현황'
    assert (report.bureau, report.fiscal_year, report.settlement_year) == (
        "디지털정책관", 2023, 2022)
    assert report.subject == Subject("디지털정책관", 2023, 2022)


def test_tables_of_a_year_carry_it(report):
    tables = report.tables()
    for name in ("revenue", "revenue_summary", "expenditure", "expenditure_summary",
                 "projects"):
        assert set(tables[name]["fiscal_year"]) == {2023}, name
    for name in ("settlement_revenue", "settlement_expenditure"):
        assert set(tables[name]["fiscal_year"]) == {2022}, name
    assert "fiscal_year" not in tables["staffing"]  # head counts are of the 기준 date
    assert str(tables["expenditure"]["fiscal_year"].dtype) == "Int64"


def test_labels_take_the_years_from_the_report(report):
    labelled = report.labelled("revenue")
    assert {"2023 예산현액 (원)", "2022 최종예산 (원)"} <= set(labelled.columns)
    # without a report, a label names no year rather than a wrong one
    assert column_title("revenue", "previous_budget") == "최종예산"


def _load(tmp_path, model_or_text) -> sb.Report:
    return sb.load_report(g.write_snapshot(tmp_path / "raw", model_or_text))


def test_another_bureau_two_years_on_is_read_as_printed(tmp_path):
    """The bundled report's template, its bureau renamed (cover and 집행현황's total row) and
    every year two on (title, headings, headers, settlement): what a reader of it sees."""
    model = replace(g.next_year(g.next_year(g.bundled())), bureau=BUREAU)
    report = _load(tmp_path, model)
    assert (report.bureau, report.fiscal_year, report.settlement_year) == (BUREAU, 2025, 2024)
    assert set(report.expenditure["fiscal_year"]) == {2025}
    assert set(report.settlement_expenditure["fiscal_year"]) == {2024}
    # the bureau's own row in 집행현황 is the total, never a department or a program
    totals = report.printed_totals
    assert "계" in set(totals.loc[totals["table"] == "expenditure", "key"])
    assert BUREAU not in set(report.expenditure["program"])
    assert "2025 예산현액 (원)" in report.labelled("expenditure_summary").columns


def test_a_total_row_printed_as_gye_is_the_total(tmp_path):
    # line 484: the bureau's row heads 세출예산 집행현황
    text = edit_line(484, "디지털정책관", "계")
    report = sb.load_report(write_report(tmp_path / "2023-05-31", text))
    assert report.bureau == "디지털정책관"  # the cover's
    assert len(report.expenditure) == 72


def test_a_first_row_that_is_neither_bureau_nor_total_says_what_it_could_be(tmp_path):
    text = edit_line(484, "디지털정책관", "문화본부")
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", text))
    error = caught.value
    assert (error.line, error.section) == (484, "세출예산 집행현황")
    assert "'디지털정책관'" in error.expected and "계" in error.expected
    assert error.found == "문화본부"


def test_without_a_bureau_on_the_cover_the_total_row_names_it(tmp_path):
    lines = report_lines()
    assert lines[6] == "디지털정책관"  # line 7
    lines[6] = ""
    report = sb.load_report(write_report(tmp_path / "2023-05-31", "\n".join(lines)))
    assert report.bureau == "디지털정책관"  # 집행현황's first row, line 484


def test_a_cover_naming_two_candidates_and_no_total_row_is_refused(tmp_path):
    lines = report_lines()
    lines[6] = "디지털정책관"
    lines[5] = "서울특별시"  # line 6, blank in the bundled report
    text = "\n".join(lines)
    text = text.replace("\t디지털정책관\t163,848,799", "\t계\t163,848,799")
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", text))
    assert "'서울특별시' (line 6)" in caught.value.found
    assert "'디지털정책관' (line 7)" in caught.value.found


def test_a_cover_naming_no_bureau_and_no_total_row_is_refused_where_the_cover_ends(tmp_path):
    lines = report_lines()
    lines[6] = ""  # line 7, the bureau
    text = "\n".join(lines).replace("\t디지털정책관\t163,848,799", "\t계\t163,848,799")
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", text))
    # line 9 'I. 일반 현황', the first heading: the cover above it names no bureau
    assert (caught.value.line, caught.value.found) == (9, "no such line")


@pytest.mark.parametrize(("line", "old", "new", "where"), [
    (52, "2023년도 세입·세출 예산현황", "2024년도 세입·세출 예산현황", "heading"),
    (58, "2023 본예산", "2024 본예산", "세입 총괄"),
    (85, "2022 최종예산", "2021 최종예산", "세출 총괄"),  # the year before 2022: 2022's table
    (401, "IV. 2023 세입", "IV. 2022 세입", "heading"),
])
def test_two_fiscal_years_are_an_error_naming_both_lines(tmp_path, line, old, new, where):
    """The title (line 2) says 2023: any heading or budget header of another year is an
    error at its line, naming line 2."""
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", edit_line(line, old, new)))
    error = caught.value
    assert error.line == line
    assert error.expected == "2023 as the cover's title prints it on line 2"
    assert where in error.found


def test_a_report_printing_no_year_at_all_is_refused(tmp_path):
    lines = report_lines()
    lines[1] = "주요 업무보고"  # line 2 without its year
    # the headings and budget headers that print it (458 spaces it out: '2 0 2 3 년')
    for number in (52, 58, 85, 401, 407, 431, 458):
        lines[number - 1] = re.sub(r"2 ?0 ?2 ?[23]", "", lines[number - 1])
    with pytest.raises(ReportParseError, match="no fiscal year"):
        sb.load_report(write_report(tmp_path / "2023-05-31", "\n".join(lines)))


def test_a_staffing_row_naming_the_bureau_is_an_error(tmp_path):
    # line 25: 디지털정책담당관's staffing row
    text = edit_line(25, "디지털정책담당관\t35", "디지털정책관\t35")
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", text))
    assert (caught.value.line, caught.value.found) == (25, "디지털정책관")


def test_the_subject_survives_the_processed_folder(tmp_path):
    from seoul_budget.processed import load_snapshot, write_processed

    model = replace(g.next_year(g.bundled()), bureau=BUREAU)
    path = g.write_snapshot(tmp_path / "raw", g.without_section(g.render(model), "revenue"))
    report = sb.load_report(path, processed_dir=tmp_path / "processed")
    write_processed(report, tmp_path / "processed")
    again = load_snapshot(report.as_of, tmp_path / "raw", tmp_path / "processed")
    assert again.subject == report.subject == Subject(BUREAU, 2024, 2023)
    assert list(again.missing_sections) == ["revenue"]
    assert str(again.missing_sections["revenue"]) == str(report.missing_sections["revenue"])
    assert subject_from_json(report.subject.to_json()) == report.subject
    assert subject_from_json({"bureau": BUREAU}) is None  # an older stamp: not a subject

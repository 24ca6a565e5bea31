"""parse/document.py: a section's heading as reports print it — any chapter numeral ('II.',
'Ⅱ.', 'III'), a count after it ('9대'), extra spaces, full-width digits, a bullet swapped;
a section's table rows, a page number between them, and rows that lost their tabs."""

from __future__ import annotations

import pytest

from seoul_budget.errors import ReportParseError
from seoul_budget.parse.document import Section, split_sections
from seoul_budget.parse.text import Line


def _sections(*texts: str) -> dict[str, int]:
    """Return {section key: its heading's line} for lines ``texts`` (line 1 first)."""
    document = split_sections([Line(n, t) for n, t in enumerate(texts, start=1)], "r.txt")
    return {key: section.heading.number for key, section in document.sections.items()}


@pytest.mark.parametrize("heading", ["II. 주요 현안업무", "Ⅱ. 주요 현안업무", "Ⅱ.주요현안업무",
                                     "III. 주요  현안업무", "II 주요 현안업무",
                                     "II. 9대 주요 현안업무", "Ⅲ. 12대 주요 현안업무"])
def test_the_key_projects_heading_in_its_printed_forms(heading):
    assert _sections("인 력", "", heading, "1. 사업") == {"staffing": 1, "projects": 3}


@pytest.mark.parametrize("text", ["2. 주요 현안업무", "주요 현안업무", "II. 주요 현안업무 추진",
                                  "II. 9 주요 현안업무"])
def test_lines_that_are_no_key_projects_heading(text):
    """A numbered list item, the words alone or in a longer title are text, not a heading."""
    assert _sections("인 력", text) == {"staffing": 1}


def test_the_count_and_year_a_heading_prints():
    document = split_sections([Line(1, "Ⅱ. 9대 주요 현안업무"),
                               Line(2, "Ⅳ. ２０２４ 세입 · 세출예산 세부현황"),
                               Line(3, "V.  2023  세입·세출 결산 현황")], "r.txt")
    projects, detail, settlement = (document.sections[k] for k in
                                    ("projects", "budget_detail", "settlement"))
    assert (projects.count, projects.year) == (9, None)
    assert (detail.year, detail.count) == (2024, None)
    assert settlement.year == 2023


@pytest.mark.parametrize("heading", ["□ 세입 예산 세부내역", "■ 세입 예산 세부내역",
                                     "○ 세입 예산 세부내역", "세입 예산 세부내역"])
def test_a_subsection_bullet_swapped_or_left_out(heading):
    assert _sections("인 력", heading)["revenue"] == 2


def _summary(*lines: Line) -> Section:
    """Return the 세출 총괄 section holding ``lines`` (its heading is line 1)."""
    return split_sections([Line(1, "● 세출 총괄"), *lines], "r.txt").sections[
        "expenditure_summary"]


HEADER = Line(2, "구분\t예산\t집행")


def test_a_row_whose_cells_are_separated_by_spaces_is_refused_at_its_line():
    section = _summary(HEADER, Line(3, "계\t3\t2"), Line(4, "가부서   1   1"),
                       Line(5, "나부서\t2\t1"))
    with pytest.raises(ReportParseError) as caught:
        section.blocks()
    error = caught.value
    assert (error.line, error.section, error.found) == (4, "세출 총괄", "가부서   1   1")
    assert error.detail == "a table row whose cells are separated by spaces, not tabs"


def test_a_table_separated_by_spaces_throughout_is_named_at_its_first_row():
    # the header has no figure: the rows say what the table is
    section = _summary(Line(2, "구분    예산    집행"), Line(3, "계    3    2"),
                       Line(4, "가부서    1    1"), Line(5, "나부서    2    1"))
    with pytest.raises(ReportParseError) as caught:
        section.data_rows()
    assert caught.value.line == 3
    assert caught.value.detail == ("a table row whose cells are separated by spaces, not tabs "
                                   "(so are 2 more lines of the section, the last on line 5)")


def test_a_page_number_between_rows_is_a_page_break_the_table_goes_on_over():
    rows = [Line(3, "계\t3\t2"), Line(6, "가부서\t1\t1"), Line(7, "나부서\t2\t1")]
    section = _summary(HEADER, rows[0], Line(4, ""), Line(5, "", 7), *rows[1:])
    [block] = section.blocks()
    assert (block.header, block.rows) == ([HEADER], rows)


def test_a_blank_line_between_rows_without_a_page_number_is_refused():
    section = _summary(HEADER, Line(3, "계\t3\t2"), Line(4, ""), Line(5, "가부서\t1\t1"))
    with pytest.raises(ReportParseError) as caught:
        section.blocks()
    assert caught.value.line == 4
    assert caught.value.found == "an empty line between the table's rows on lines 3 and 5"


def test_a_page_number_followed_by_an_unknown_header_is_named_as_a_page_break():
    # line 6 has no figure and does not start like the header on line 2 ('구분')
    section = _summary(HEADER, Line(3, "계\t3\t2"), Line(4, "", 7), Line(5, ""),
                       Line(6, "부서\t예산\t집행"), Line(7, "가부서\t1\t1"))
    with pytest.raises(ReportParseError) as caught:
        section.blocks()
    assert (caught.value.line, caught.value.detail) == (4, "a page break inside the table")
    assert caught.value.found == ("page number 7 between the table's rows on lines 3 and 6, "
                                  "then a header unlike the table's")

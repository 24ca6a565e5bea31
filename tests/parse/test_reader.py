"""parse/reader.py: the report's 기준 date is read from its note lines (the cover's date line
and the tables' '(… 기준, 단위: …)' lines), all of which must agree; a 기준 date inside a
sentence dates that sentence's figure only."""

from __future__ import annotations

import pytest
from damage import edit_line, write_report

import seoul_budget as sb
from seoul_budget import ReportParseError
from seoul_budget.parse.reader import printed_as_of
from seoul_budget.parse.text import Line


def test_the_cover_and_the_table_notes_give_the_date():
    lines = [Line(1, "(2031. 4. 30. 기준)"), Line(2, "('31. 4. 30. 기준, 단위: 천원, %)"),
             Line(3, "(’31. 4. 30.기준, 단위 : 천원)")]
    assert printed_as_of(lines, "r.txt").isoformat() == "2031-04-30"


def test_a_figure_dated_in_a_sentence_is_not_the_reports_date():
    # a later month keeps a figure counted at an earlier date in its text
    lines = [Line(1, "(2031. 4. 30. 기준)"), Line(2, "- 상담인원 1,234명('31.3.31. 기준)")]
    assert printed_as_of(lines, "r.txt").isoformat() == "2031-04-30"


def test_two_note_lines_that_disagree_are_refused_at_the_second():
    lines = [Line(1, "(2031. 4. 30. 기준)"), Line(7, "('31. 3. 31. 기준, 단위: 천원)")]
    with pytest.raises(ReportParseError, match="two different 기준 dates") as caught:
        printed_as_of(lines, "r.txt")
    assert caught.value.line == 7


def test_a_report_with_only_a_sentence_date_has_no_date():
    with pytest.raises(ReportParseError, match="no 기준 date"):
        printed_as_of([Line(1, "- 상담인원 1,234명('31.3.31. 기준)")], "r.txt")


def test_the_bundled_report_with_its_visitor_count_dated_a_month_earlier(tmp_path):
    # line 141 '- 상반기 디지털 안내사 상담인원 90,060명('23.5.31. 기준)'; the notes on lines
    # 19, 56, 83, 405 and 480 say 5. 31.
    text = edit_line(141, "('23.5.31. 기준)", "('23.4.30. 기준)")
    report = sb.load_report(write_report(tmp_path / "2023-05-31", text))
    assert report.as_of.isoformat() == "2023-05-31"

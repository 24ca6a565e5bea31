"""seoul_budget.parse.text: lines as extraction tools leave them (NBSP, full-width digits,
spaced-out Hangul) read as the report means them. Expected strings are written by hand."""

from __future__ import annotations

import pytest

from seoul_budget.parse.text import (
    Line,
    clean_label,
    collapse_spaced_hangul,
    label_key,
    normalise_line,
    page_marker,
    printed_pages,
    read_lines,
    spaced_cells,
)


def test_extraction_artefacts_become_plain_characters():
    # NBSP, ideographic space, full-width digits, comma, percent and minus; a trailing CR
    assert normalise_line("계\u00a0\uff11\uff12\uff0c\uff13\uff14\uff15\u3000\uff05\r") == \
        "계 12,345 %"
    assert normalise_line("\ufeff\u2212\uff15") == "-5"


def test_cells_are_tab_separated_stripped_and_trailing_empties_dropped():
    line = Line(25, "디지털정책담당관\t 35 \t\t36\t\t")
    assert line.cells == ["디지털정책담당관", "35", "", "36"]
    assert line.is_table_row and not Line(1, "Ⅰ. 일반현황").is_table_row


@pytest.mark.parametrize(("text", "cells"), [
    ("   녹색건축 보급   1,261,644   950,326   266,151   75.3%   21.1%",
     ["녹색건축 보급", "1,261,644", "950,326", "266,151", "75.3%", "21.1%"]),
    ("계    80,847,598    △8,023,548    △9.0%", ["계", "80,847,598", "△8,023,548", "△9.0%"]),
    ("일 반 회 계  -  -", ["일 반 회 계", "-", "-"]),
])
def test_a_row_printed_with_runs_of_spaces_for_tabs_is_told_by_its_figures(text, cells):
    assert spaced_cells(text) == cells


@pytest.mark.parametrize("text", [
    "\t녹색건축 보급\t1,261,644\t950,326",  # a row with tabs
    "녹색건축 보급 1,261,644 950,326",  # one space: no cell ends there
    "구분    2023 예산액    2022 최종예산",  # a header: no figures
    "합계  1,261,644",  # one figure after a word: prose as often as a row
    "  ○ 사업기간  2023. 1.  ~  12.",
    "- 7 -",
    "",
])
def test_lines_that_are_no_row_printed_with_spaces(text):
    assert spaced_cells(text) is None


def test_a_page_number_is_read_as_a_blank_line_that_keeps_its_number(tmp_path):
    path = tmp_path / "2023-05-31" / "report.txt"
    path.parent.mkdir()
    path.write_text("계\t1\n- 7 -\n가\t1\n", encoding="utf-8")
    assert read_lines(path) == [Line(1, "계\t1"), Line(2, "", 7), Line(3, "가\t1")]


@pytest.mark.parametrize(("text", "joined"), [
    ("일 반 회 계", "일반회계"),  # the template spaces account names letter by letter
    ("데 이 터 센 터 소계", "데이터센터 소계"),
    ("기후 정책 담당관", "기후 정책 담당관"),  # words of several syllables keep their spaces
    ("가 나다", "가 나다"),  # one lone syllable is no run
])
def test_spaced_out_hangul_is_joined_only_in_runs_of_single_syllables(text, joined):
    assert collapse_spaced_hangul(text) == joined


def test_labels_are_cleaned_for_readers_and_keyed_for_lookups():
    assert clean_label("  서울 디지털 재단   출연 ( 정 보 화 ) ") == \
        "서울 디지털 재단 출연 (정보화)"
    assert label_key("행정 · 기술직군") == "행정기술직군"
    assert label_key("전산, 방송통신ㆍ지적") == "전산방송통신지적"


@pytest.mark.parametrize(("text", "page"), [
    ("- 3 -", 3), ("  – 12 –  ", 12), ("－ 7 －", 7), ("-1-", 1),
    ("- 3", None), ("- 3 - 4 -", None), ("3", None), ("- 상반기 3 -", None), ("\t- 3 -\t", 3)])
def test_a_page_number_is_a_line_of_its_own_between_dashes(text, page):
    assert page_marker(text) == page


def test_page_numbers_under_a_page_number_the_lines_above_them():
    # footers: lines 1-3 on page 1 (its number on line 3), 4-5 on page 2, line 6 after the
    # last footer on page 3
    texts = ["표지", "본문", "- 1 -", "본문", "- 2 -", "끝"]
    assert printed_pages(texts) == [1, 1, 1, 2, 2, 3]


def test_page_numbers_above_any_text_head_their_pages():
    texts = ["", "- 1 -", "본문", "- 2 -", "본문", "본문"]
    assert printed_pages(texts) == [None, 1, 1, 2, 2, 2]


def test_a_report_without_page_numbers_has_no_pages():
    assert printed_pages(["본문", "- 상반기 3명", ""]) == [None, None, None]

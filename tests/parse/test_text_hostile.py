"""Text from the report as a reader must see it: invisible format characters (bidi controls,
zero-width spaces) removed with a warning naming the line, digits of other scripts refused at
their line, decomposed Hangul (macOS NFD) read as composed."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
from bundled import DAY, LEDGER, REPORT
from damage import edit_line, report_text, write_report

import seoul_budget as sb
from seoul_budget.errors import ReportParseError
from seoul_budget.parse.text import INVISIBLE, displayable, read_lines, text_lines

RLO, ZWSP = "\u202e", "\u200b"


def test_the_pattern_holds_every_format_character():
    for code in range(0x110000):
        char = chr(code)
        assert (INVISIBLE.fullmatch(char) is not None) == (unicodedata.category(char) == "Cf")


def test_a_bidi_control_in_a_department_is_removed_with_a_warning(tmp_path):
    # line 26: 빅데이터담당관, 정원 28 — with U+202E the page showed its figures reversed
    spoofed = "빅데이터" + RLO + "담당관"
    path = write_report(tmp_path / DAY, edit_line(26, "빅데이터담당관", spoofed))
    report = sb.load_report(path, errata=None)
    assert "빅데이터담당관" in report.departments
    assert not report.staffing["department"].str.contains(RLO).any()
    text = report.findings[report.findings["check"] == "text"]
    assert text["source_line"].tolist() == [26]
    assert text["severity"].tolist() == ["warning"]
    assert "U+202E" in text["message_en"].iloc[0]


def test_a_zero_width_space_makes_no_second_program(tmp_path):
    # line 492: the program 취약계층 디지털 격차 해소, budget 3,989,404 천원
    path = write_report(tmp_path / DAY, edit_line(492, "디지털 격차", "디지털" + ZWSP + " 격차"))
    programs = sb.load_report(path, errata=None).expenditure
    row = programs[programs["source_line"] == 492]
    assert row["program"].tolist() == ["취약계층 디지털 격차 해소"]
    assert row["budget"].tolist() == [3_989_404_000]


def test_an_arabic_indic_digit_is_refused_at_its_line(tmp_path):
    path = write_report(tmp_path / DAY, edit_line(492, "3,989,404", "٣,989,404"))
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(path, errata=None)
    assert caught.value.line == 492
    assert "U+0663" in str(caught.value)


def test_decomposed_hangul_reads_as_the_composed_report(tmp_path, report):
    path = write_report(tmp_path / DAY, unicodedata.normalize("NFD", report_text()))
    nfd = sb.load_report(path, errata=None)
    assert nfd.departments == report.departments
    assert nfd.expenditure["budget"].sum() == report.expenditure["budget"].sum()


def test_a_ledger_reason_shows_as_written(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(LEDGER.parent, data)
    ledger = data / "errata.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(
        "서울기록원 기본경비 원인행위액이", RLO + "서울기록원 기본경비 원인행위액이", 1),
        encoding="utf-8")
    report = sb.load_report(data / DAY / "report.txt")
    assert not report.corrections["reason"].str.contains(RLO).any()
    assert displayable("가" + ZWSP + "나") == "가나"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c",
                                       "\x1d", "\x1e", "\r"])
def test_lines_are_counted_as_editors_count_them(separator):
    assert text_lines("가" + separator + "나\r\n다\n") == ["가 나", "다"]


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\r"])
def test_a_pasted_separator_does_not_move_later_line_numbers(tmp_path, separator):
    # a separator pasted into line 100's prose; line 484 (디지털정책관's budget) misprinted
    lines = report_text().split("\n")
    lines[99] = lines[99][:5] + separator + lines[99][5:]
    lines[483] = lines[483].replace("163,848,799", "163,848,79x", 1)
    path = write_report(tmp_path / DAY, "\n".join(lines))
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(path, errata=None)
    assert caught.value.line == 484


def test_a_report_whose_lines_end_in_cr_alone_says_so(tmp_path):
    # a lone CR inside a line is text (above); a file with no LF at all is one line to an
    # editor, and 'a section is missing' would send its reader the wrong way
    path = tmp_path / "report.txt"
    path.write_text(REPORT.read_text(encoding="utf-8").replace("\n", "\r"), encoding="utf-8")
    with pytest.raises(ReportParseError, match="CR alone") as caught:
        read_lines(path)
    assert caught.value.line == 1

"""Damaged input gets one clear error naming file, line and section — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from damage import edit_line, report_lines, report_text, write_report

import seoul_budget as sb
from seoul_budget import ReportParseError


def lines_without(*numbers: int) -> str:
    drop = set(numbers)
    return "\n".join(line for i, line in enumerate(report_lines(), 1) if i not in drop)


def load(tmp_path: Path, text: str | bytes) -> ReportParseError:
    path = write_report(tmp_path / "2023-05-31", text)
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(path)
    error = caught.value
    assert error.path == str(path)
    assert str(path) in str(error)
    return error


def test_empty_file(tmp_path):
    error = load(tmp_path, b"")
    assert "empty" in str(error)


def test_binary_file(tmp_path):
    error = load(tmp_path, bytes(range(256)) * 64)
    assert "binary" in str(error)


def test_not_a_report(tmp_path):
    error = load(tmp_path, "hello\tworld\n" * 10)
    assert error.expected  # says what it was looking for


def test_truncated_in_the_last_table(tmp_path):
    text = "\n".join(report_lines()[:609])  # ends at line 609, mid 2022 세출결산
    error = load(tmp_path, text)
    assert error.section == "세출결산"
    assert "공간정보담당관" in error.found and "missing" not in (error.expected or "")


def test_truncated_after_an_account_row_says_where_the_file_ends(tmp_path):
    # cut after line 501, 빅데이터담당관's 일반회계 row in 세출예산 집행현황: no program under it
    error = load(tmp_path, "\n".join(report_lines()[:501]))
    assert (error.line, error.section) == (501, "세출예산 집행현황")
    assert "the file ends at line 501 (a truncated file?)" in str(error)


def test_truncated_before_later_sections_reads_the_sections_before(tmp_path):
    """A file cut at line 400 (after 주요 현안업무, before 'IV. 2023 세입 · 세출예산
    세부현황') lacks the five sections after it: each is missing, looked for after the heading
    before it up to the end of the file; the tables before the cut are read."""
    path = write_report(tmp_path / "2023-05-31", "\n".join(report_lines()[:400]))
    report = sb.load_report(path)
    missing = report.missing_sections
    assert list(missing) == ["revenue", "expenditure", "settlement", "settlement_revenue",
                             "settlement_expenditure"]
    error = missing["revenue"]
    # the last line of the file: the 400th is empty, so the text ends on line 399
    assert (error.path, error.line, error.section) == (str(path), 399, "세입 예산 세부내역")
    assert error.expected == "a heading '□ 세입 예산 세부내역' after 'II. 주요 현안업무' (line 105)"
    assert error.found == "the end of the file"
    assert len(report.staffing) == 8 and len(report.expenditure_summary) == 10
    assert report.revenue.empty and list(report.revenue.columns)[:2] == ["category",
                                                                         "subcategory"]
    assert "fiscal_year" in report.revenue.columns  # an empty table keeps its columns


def test_section_missing(tmp_path):
    path = write_report(tmp_path / "2023-05-31", lines_without(584))  # '□ 세입결산'
    report = sb.load_report(path)
    assert list(report.missing_sections) == ["settlement_revenue"]
    error = report.missing_sections["settlement_revenue"]
    # looked for after 'V. 2022 세입 · 세출 결산 현황' (line 582), up to '□ 세출결산' (598,
    # 597 once line 584 is gone)
    assert (error.section, error.line) == ("세입결산", 597)
    assert "after 'V. 2022 세입 · 세출 결산 현황' (line 582)" in error.expected
    assert report.missing_tables == ("settlement_revenue",)
    # 8 departments, 정보통신보안담당관 in two accounts
    assert report.settlement_revenue.empty and len(report.settlement_expenditure) == 9


def test_table_missing(tmp_path):
    error = load(tmp_path, lines_without(*range(588, 597)))  # the 세입결산 table
    assert error.section == "세입결산"
    assert error.line == 584


def test_row_with_too_few_cells(tmp_path):
    error = load(tmp_path, edit_line(505, "\t629,013", " 629,013"))
    assert (error.line, error.section) == (505, "세출예산 집행현황")
    assert "cells" in error.expected


def test_row_with_cells_separated_by_spaces(tmp_path):
    # 열린 데이터 광장 운영 (line 505) with runs of spaces for its tabs: read as no row, its
    # program would be lost and only its department's sums would be off
    lines = report_lines()
    lines[504] = lines[504].replace("\t", "   ")
    error = load(tmp_path, "\n".join(lines))
    assert (error.line, error.section) == (505, "세출예산 집행현황")
    assert "separated by spaces, not tabs" in str(error)
    assert error.found == "열린 데이터 광장 운영   629,013   576,370   192,790   91.6%   30.6%"


def test_table_with_cells_separated_by_spaces(tmp_path):
    # 세출 총괄 (header lines 85-86, rows 87-99) with four spaces for each tab: the rows are
    # there, so the error names the first one (계, line 87), not 'no table' at the heading
    lines = report_lines()
    lines[84:99] = [line.replace("\t", "    ") for line in lines[84:99]]
    error = load(tmp_path, "\n".join(lines))
    assert (error.line, error.section) == (87, "세출 총괄")
    assert "separated by spaces, not tabs (so are 12 more lines of the section, the last " \
        "on line 99)" in str(error)


def test_row_with_too_many_cells(tmp_path):
    error = load(tmp_path, edit_line(87, "\t51.6%", "\t51.6%\t12"))
    assert (error.line, error.section) == (87, "세출 총괄")


def test_non_numeric_cell(tmp_path):
    error = load(tmp_path, edit_line(99, "5,025,131", "5,O25,131"))
    assert (error.line, error.section) == (99, "세출 총괄")
    assert error.found == "5,O25,131"


def test_duplicated_section(tmp_path):
    lines = report_lines()
    text = "\n".join(lines[:100] + lines[80:99] + lines[100:])  # 세출 총괄 twice
    error = load(tmp_path, text)
    assert error.section == "세출 총괄"
    assert error.line == 101 and "twice" in str(error)


def test_unknown_department(tmp_path):
    # The staffing table defines the report's departments: renamed there alone, the next table
    # that names the old department (duties, line 47) is where the report contradicts itself.
    error = load(tmp_path, edit_line(29, "공간정보담당관", "우주정보담당관"))
    assert (error.line, error.section) == (47, "부서별 주요업무")
    assert error.found == "공간정보담당관"
    assert "우주정보담당관 (line 29)" in error.expected and "서울기록원" in error.expected


def test_department_missing_from_one_table(tmp_path):
    # 세출 총괄 without its 서울기록원 row (line 99): the message names the department and the
    # staffing line that lists it, and does not blame a truncated file (the file goes on).
    error = load(tmp_path, lines_without(99))
    assert (error.line, error.section) == (87, "세출 총괄")
    assert error.found == "no row for 서울기록원 (인력 현황 line 32)"
    assert "truncated" not in str(error)


def test_duplicated_program_row(tmp_path):
    lines = report_lines()
    text = "\n".join(lines[:505] + [lines[504]] + lines[505:])
    error = load(tmp_path, text)
    assert error.section == "세출예산 집행현황" and error.line == 506


def test_snapshot_folder_date_must_match_printed_date(tmp_path):
    path = write_report(tmp_path / "2023-06-30", report_text())
    with pytest.raises(ReportParseError, match="2023-06-30"):
        sb.load_report(path)


def test_huge_file_is_refused_with_bounded_memory(tmp_path):
    path = tmp_path / "2023-05-31" / "report.txt"
    path.parent.mkdir()
    with path.open("wb") as handle:  # 200 MB, sparse on disk
        handle.write(report_text().encode("utf-8"))
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    with pytest.raises(ReportParseError, match="larger than any work report"):
        sb.load_report(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "seoul_budget.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_prints_one_line_and_exits_2(tmp_path):
    path = write_report(tmp_path / "2023-05-31", edit_line(99, "5,025,131", "5,O25,131"))
    result = run_cli("parse", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{path}:99 [세출 총괄]" in lines[0]
    assert not (tmp_path / "out").exists()
    debug = run_cli("--debug", "parse", str(path), "--out", str(tmp_path / "out"))
    assert debug.returncode == 2 and "Traceback" in debug.stderr

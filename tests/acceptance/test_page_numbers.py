"""A report whose text export prints page numbers ('- 3 -' on a line of its own, where a page
ends) reads exactly as the same report without them, and its pages name the printed page of
every linked line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from damage import report_lines, write_report

import seoul_budget as sb


def numbered(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Return the report with every third blank line printing a page number instead (line
    numbers unchanged) and {line: page} of the markers."""
    out, marks, page, blanks = list(lines), {}, 0, 0
    for index, text in enumerate(lines):
        if not text.strip():
            blanks += 1
            if blanks % 3 == 0:
                page += 1
                out[index] = f"- {page} -"
                marks[index + 1] = page
    return out, marks


def test_page_numbers_change_no_table_and_no_finding(tmp_path, report):
    lines, marks = numbered(report_lines())
    assert len(marks) > 10  # inside tables' page breaks and between prose alike
    path = write_report(tmp_path / "2023-05-31", "\n".join(lines))
    for data_file in Path(report.path).parents[1].glob("*.csv"):  # the map, the links …
        shutil.copy(data_file, tmp_path)
    paged = sb.load_report(path, errata=None)  # as printed, like the fixture
    for name, table in report.tables().items():
        pd.testing.assert_frame_equal(paged.tables()[name], table, obj=name)
    pd.testing.assert_frame_equal(paged.findings, report.findings)


def test_a_page_number_between_two_rows_of_a_table_is_a_page_break(tmp_path, report):
    """'- 7 -' between two program rows of 세출예산 집행현황 (after line 505), no header
    repeated under it: the table goes on; every row after it is one line further down."""
    lines = report_lines()
    path = write_report(tmp_path / "2023-05-31", "\n".join([*lines[:505], "- 7 -",
                                                            *lines[505:]]))
    for data_file in Path(report.path).parents[1].glob("*.csv"):  # the map, the links …
        shutil.copy(data_file, tmp_path)
    paged = sb.load_report(path, errata=None)
    for name, table in report.tables().items():
        moved = table.copy()
        if "source_line" in moved:
            moved["source_line"] = moved["source_line"].where(moved["source_line"] <= 505,
                                                              moved["source_line"] + 1)
        pd.testing.assert_frame_equal(paged.tables()[name], moved, obj=name)
    same = ["check", "severity", "table", "key", "column", "expected", "actual", "suggestion"]
    pd.testing.assert_frame_equal(paged.findings[same], report.findings[same])

"""errors: every error is one readable line, however long the text the data put in it."""

from __future__ import annotations

import shutil

import pytest
from bundled import ALIASES, DAY, REPORT

import seoul_budget as sb
from seoul_budget.errors import MAX_PART, ErrataError, ReportParseError, bounded


def test_a_long_part_is_cut_with_what_is_left_counted():
    assert bounded("가" * 10, limit=4) == "가가가가… and 6 characters more"
    assert bounded("가" * 4, limit=4) == "가가가가"


def test_each_part_of_an_error_is_bounded():
    error = ReportParseError("x" * 10_000, path="r.txt", line=3, expected="y" * 10_000,
                             found="z" * 10_000)
    assert len(str(error)) < 3 * MAX_PART + 200
    assert "8,500 characters more" in str(error)
    assert len(str(ErrataError("w" * 10_000, path="e.csv"))) < MAX_PART + 100


def test_a_department_named_by_200000_syllables_gives_a_one_line_error(tmp_path):
    # the staffing table's first department (line 25) renamed: every other table's name for
    # it is unknown, and the error lists the report's departments, that name among them
    text = REPORT.read_text(encoding="utf-8").replace("디지털정책담당관\t35",
                                                      "디" * 200_000 + "\t35", 1)
    (tmp_path / DAY).mkdir()
    (tmp_path / DAY / "report.txt").write_text(text, encoding="utf-8")
    shutil.copy(ALIASES, tmp_path / "aliases.csv")
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(tmp_path / DAY / "report.txt")
    message = str(caught.value)
    assert "\n" not in message and len(message) < 5_000
    assert "characters more" in message

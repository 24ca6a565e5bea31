"""reconciliation/stated.py: the organisation line of any bureau, read as units counted."""

from __future__ import annotations

import pytest

from seoul_budget.reconciliation.stated import organisation_units


@pytest.mark.parametrize(("line", "units"), [
    # the bundled report's line 13: 6 + 2 = its 8 departments
    ("..... 1정책관 6담당관 27팀, 2사업소", [(6, "담당관"), (2, "사업소")]),
    ("..... 1본부 2담당관 1과 20팀, 2사업소", [(2, "담당관"), (1, "과"), (2, "사업소")]),
    ("1실 4과 18팀", [(4, "과")]),
    ("..... 1국 3과 1센터 15팀", [(3, "과"), (1, "센터")]),
    ("1위원회 2담당관 9팀", [(2, "담당관")]),
])
def test_an_organisation_line_counts_its_departments(line, units):
    assert organisation_units(line) == units


@pytest.mark.parametrize("line", [
    "- 교육 인원 80명 목표",  # a figure in prose
    "1. 기후위기 대응",  # a numbered title
    "..... 2정책관 6담당관 27팀",  # the first unit is the bureau: one of it
    "..... 1정책관 6담당관",  # no teams: not the organisation line
    "1정책관 6담당관 27팀 3팀",
])
def test_other_lines_are_no_organisation_line(line):
    assert organisation_units(line) is None

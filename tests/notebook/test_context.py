"""seoul_budget/notebook/context.py: what a page says of the units its tables show."""

from __future__ import annotations

import variants as v

import seoul_budget as sb
from seoul_budget import notebook as nb

FIXED = v.fix_execution_misprint(v.bundled_text())  # line 580 printed in 천원


def _context(report: sb.Report) -> nb.Context:
    return nb.Context(params=nb.setup("", "", "all").params, report=report)


def test_a_table_printed_in_the_unit_its_page_shows_is_said_to_be_as_printed(report):
    # 집행현황 and 세입 예산 are printed in 천원 (lines 480, 405), as the tables show them
    ctx = _context(report)
    assert ctx.unit_phrase("expenditure") == "원문 단위인 **천원**"
    assert ctx.unit_phrase("revenue") == "원문 단위인 **천원**"


def test_a_table_printed_in_another_unit_is_said_to_be_shown_in_thousands(tmp_path):
    # 집행현황 printed in 백만원, its note saying so: the page shows 천원 and names the print's
    million = sb.load_report(v.write(tmp_path, v.set_execution_unit(FIXED, "백만원")))
    assert _context(million).unit_phrase("expenditure") == "**천원**(원문은 백만원)"
    # under a 천원 note (a unit slip) the page reads it in its likely unit, 백만원, too
    slipped = sb.load_report(v.write(tmp_path / "slip", v.set_execution_unit(
        FIXED, "백만원", change_note=False))).in_likely_units()
    assert _context(slipped).unit_phrase("expenditure") == "**천원**(원문은 백만원)"

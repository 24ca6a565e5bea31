"""seoul_budget/parse/settlement.py: a settlement printing its 총계 alone, as a small bureau
may print it. Reports are the bundled one edited (tests/generate.py's
``total_only_settlement``), loaded without the ledger; figures read off its lines by hand:

589  총 계	17,371	19,483	19,116	-	367                      (세입결산, 백만원)
603  총 계	143,205	128,873	5,063	18,571	9,251	93.5%        (세출결산, 백만원)
604  소 계 (일반 회 계)	132,440	122,700	2,384	18,571	7,338	94.5%
605  소 계 (도시개발특별회계)	10,764	6,173	2,678	-	1,913	82.2%
606-615  the eight departments (and 정보통신보안담당관's two accounts)
"""

from __future__ import annotations

from pathlib import Path

import generate as g
import pytest
from damage import report_lines, report_text, write_report

import seoul_budget as sb

MILLION = 1_000_000
SPENDING_TOTAL = {"budget": 143_205 * MILLION, "spent": 128_873 * MILLION,
                  "carried_over": 5_063 * MILLION, "subsidy_returned": 18_571 * MILLION,
                  "unspent": 9_251 * MILLION}
REVENUE_TOTAL = {"budget": 17_371 * MILLION, "assessed": 19_483 * MILLION,
                 "collected": 19_116 * MILLION, "written_off": 0,
                 "outstanding": 367 * MILLION}


def load(tmp_path: Path, text: str) -> sb.Report:
    return sb.load_report(write_report(tmp_path / "2023-05-31", text))


def printed(report: sb.Report, table: str, key: str = "계") -> dict[str, object]:
    """Return {column: figure} of one printed total row (rates as printed), and its line."""
    rows = report.printed_totals[(report.printed_totals["table"] == table)
                                 & (report.printed_totals["key"] == key)]
    figures: dict[str, object] = {
        row.column: row.rate_printed if row.unit == "percent" else int(row.value)
        for row in rows.itertuples()}
    figures["line"] = set(rows["source_line"])
    return figures


@pytest.mark.parametrize(("table", "line", "total"), [
    ("settlement_expenditure", 603, {**SPENDING_TOTAL, "execution_rate_printed": 93.5}),
    ("settlement_revenue", 589, REVENUE_TOTAL),
])
def test_a_settlement_table_printing_its_total_alone_is_that_total(tmp_path, table, line,
                                                                   total):
    """A reader would see the report refused at the 총계 row ('expected a department or
    account row') although every figure it prints is readable."""
    text = g.total_only_settlement(report_text(), table)
    assert text.split("\n")[line - 1].startswith("총 계\t")
    assert text.split("\n")[line] == ""  # nothing under it
    report = load(tmp_path, text)
    assert report.tables()[table].empty  # no department's, no category's row
    assert printed(report, table) == {**total, "line": {line}}


def test_a_total_and_its_account_subtotals_without_departments(tmp_path):
    """총계 and its 소계 by account, no department: the subtotals are printed totals too."""
    lines = report_lines()
    assert lines[605].startswith("디 지 털 정 책 담 당 관\t") and lines[615] == ""
    report = load(tmp_path, "\n".join(lines[:605] + lines[615:]))
    assert report.settlement_expenditure.empty
    assert printed(report, "settlement_expenditure") == {
        **SPENDING_TOTAL, "execution_rate_printed": 93.5, "line": {603}}
    assert printed(report, "settlement_expenditure", "소계 > 도시개발특별회계") == {
        "budget": 10_764 * MILLION, "spent": 6_173 * MILLION, "carried_over": 2_678 * MILLION,
        "subsidy_returned": 0, "unspent": 1_913 * MILLION, "execution_rate_printed": 82.2,
        "line": {605}}
    # what is flagged is the report's own slip, 보조금반납액 18,571 for 18.571 on 603 and 604
    # (132,440 − 122,700 − 2,384 − 18,571 = △11,215, not 7,338): nothing of the departments
    flagged = report.findings[report.findings["severity"].isin(["error", "warning"])
                              & (report.findings["table"] == "settlement_expenditure")]
    assert sorted(zip(flagged["check"], flagged["key"], flagged["column"], strict=True)) == [
        ("formula", "계", "subsidy_returned"),
        ("formula", "소계 > 일반회계", "subsidy_returned")]


def test_a_total_alone_at_the_end_of_the_file_may_be_a_file_cut_short(tmp_path):
    """The file ending right after 세출결산's 총계: that is also what a file cut there looks
    like, so the departments it lacks are named, with where the file ends."""
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path, "\n".join(report_lines()[:603]))
    assert caught.value.section == "세출결산"
    assert "the file ends at line 603 (a truncated file?)" in str(caught.value)
    assert "디지털정책담당관 (인력 현황 line 25)" in caught.value.found

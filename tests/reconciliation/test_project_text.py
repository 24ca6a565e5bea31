"""seoul_budget.reconciliation.project_text: a key project's budget line the parser could not
read is a warning naming the project and quoting the line, on copies of the bundled report
(project 3's budget line is 208, project 5's 275)."""

from __future__ import annotations

from bundled import edited_copy

import seoul_budget as sb


def budget_warnings(report: sb.Report) -> list[tuple[str, int, str]]:
    found = report.findings
    rows = found[(found.table == "projects") & (found.column == "budget")
                 & (found.severity == "warning")]
    return [(r.key, int(r.source_line), r.message) for r in rows.itertuples()]


def test_an_unread_budget_line_is_a_warning_quoting_it(tmp_path):
    path = edited_copy(tmp_path / "raw", {208: "- (사업예산) 총사업비 2,081백만원"})
    ((key, line, message),) = budget_warnings(sb.load_report(path, errata=None))
    assert (key, line) == ("3. 민·관 데이터 융·결합 분석", 208)
    assert "208행: - (사업예산) 총사업비 2,081백만원" in message and "비예산이 아님" in message


def test_no_budget_line_and_bidyesan_are_no_warning(tmp_path, report):
    """Project 5 without its budget line, project 4 비예산 (245): nothing unread to name."""
    path = edited_copy(tmp_path / "raw", {275: ""})
    assert budget_warnings(sb.load_report(path, errata=None)) == []
    assert budget_warnings(report) == []

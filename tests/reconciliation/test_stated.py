"""seoul_budget.reconciliation.stated: what the text states about the staff and the
organisation agrees with the tables. Facts as the bundled report states them (lines 34-36:
'5급 팀장 이상 43명 … 관련분야 직렬 36명(83.7%)', '전체 직원 255명'), worked by hand."""

from __future__ import annotations

import pandas as pd
from sheets import sheet_of, totals

from seoul_budget.reconciliation.checks import FAIL, OK
from seoul_budget.reconciliation.stated import organisation_findings, stated_staff_checks


def facts(share: float, staff: int) -> pd.DataFrame:
    return pd.DataFrame({
        "metric": ["5급 팀장 이상", "5급 팀장 이상 > 관련분야 직렬", "전체 직원"],
        "label": ["5급 팀장 이상", "관련분야 직렬(전산·방송통신·지적 등)", "전체 직원"],
        "value": [43, 36, staff], "share_printed": [None, share, None], "unit": ["명"] * 3,
        "source_line": [34, 34, 36]}).astype({"share_printed": "Float64"})


STAFF_TOTAL = totals(("staffing", "계", "total", "current", 255, "persons", 24))


def states(sheet) -> dict[str, str]:
    return {c.name: c.state(sheet.value) for c in stated_staff_checks(sheet)}


def test_a_stated_share_and_the_staff_total_agree_with_the_tables():
    # 36 ÷ 43 = 83.72 % → 83.7; 전체 직원 255 = 인력 현황 계 현원 255
    sheet = sheet_of(staffing_facts=facts(83.7, 255), printed_totals=STAFF_TOTAL)
    assert states(sheet) == {"share": OK, "staff_total": OK}


def test_a_wrong_share_or_staff_total_fails():
    sheet = sheet_of(staffing_facts=facts(87.3, 256), printed_totals=STAFF_TOTAL)
    assert states(sheet) == {"share": FAIL, "staff_total": FAIL}


def staffing(departments: int) -> pd.DataFrame:
    return pd.DataFrame({"department": [f"부서{k}" for k in range(departments)],
                         "authorized": [1] * departments, "current": [1] * departments,
                         "shortage": [0] * departments, "surplus_printed": [0] * departments,
                         "source_line": range(10, 10 + departments)})


def test_the_organisation_line_counts_the_departments_listed(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("표지\n1정책관 6담당관(24팀) 2사업소\n", encoding="utf-8")
    assert organisation_findings(sheet_of(path, staffing=staffing(8))) == []  # 6 + 2 = 8
    [finding] = organisation_findings(sheet_of(path, staffing=staffing(7)))
    assert (finding.severity, finding.expected, finding.actual, finding.source_line) == \
        ("error", 7, 8, 2)
    assert "6담당관 + 2사업소 = 8개 부서이나 인력 현황에는 7개 부서" in finding.message

"""notebook/findings_view.py: corrections are the analysts' own list, with who and when."""

from __future__ import annotations

import pandas as pd

from seoul_budget.notebook.findings_view import findings_section_html

CORRECTION = {"table": "expenditure", "source_line": 580, "key": "계", "column": "committed",
              "unit": "KRW", "printed": 1_000_000, "corrected": 1_000,
              "printed_rate": None, "corrected_rate": None,
              "printed_text": "1,000천원", "corrected_text": "1천원", "reason": "단위 착오",
              "ledger_line": 3, "decided_by": "분석팀", "decided_on": "2031-06-02"}
NO_FINDINGS = pd.DataFrame(columns=["check", "severity", "table", "key", "column", "expected",
                                    "actual", "difference", "source_line", "message",
                                    "message_en", "suggestion", "suggestion_kind"])


def test_a_correction_names_the_ledger_row_who_decided_it_and_when():
    html = findings_section_html(NO_FINDINGS, pd.DataFrame([CORRECTION]))
    assert "분석 정정 목록 3행 · 결정: 분석팀, 2031. 6. 2." in html
    assert "정오표" not in html  # never an errata sheet the publisher issued


def test_a_correction_from_a_ledger_without_decisions_says_so():
    row = {**CORRECTION, "decided_by": "", "decided_on": ""}
    html = findings_section_html(NO_FINDINGS, pd.DataFrame([row]))
    assert "분석 정정 목록 3행 · 결정한 사람·날짜 기록 없음" in html

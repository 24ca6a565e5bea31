"""Work that stays bounded below the size limits: a table of hundreds of programs is read and
reconciled in seconds; a sum over more figures than one slip can be found among is reported
unexplained, not searched figure by figure."""

from __future__ import annotations

import signal

import pytest
from bundled import DAY
from damage import report_lines, write_report

import seoul_budget as sb
from seoul_budget.reconciliation.attribute import MAX_ATTRIBUTED_TERMS

EXTRA = 4 * MAX_ATTRIBUTED_TERMS  # programs added under one account


@pytest.fixture
def within(request):
    """Fail (rather than run on for minutes) when the test takes more than 120 seconds."""
    def alarm(signum, frame):
        raise TimeoutError("unbounded work")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_hundreds_of_programs_are_reconciled_in_bounded_time(tmp_path, within):
    lines = report_lines()
    # after line 487 (엠보팅 서비스 운영, under 디지털정책담당관 > 일반회계 at line 486): programs
    # of 1,000 천원 each that the account's printed 21,468,739 천원 does not include
    extra = [f"\t시험사업 {chr(0xAC00 + i)}\t1,000\t500\t250\t50.0%\t25.0%"
             for i in range(EXTRA)]
    path = write_report(tmp_path / DAY, "\n".join(lines[:487] + extra + lines[487:]))
    report = sb.load_report(path, errata=None)
    assert len(report.expenditure) > EXTRA
    findings = report.findings
    account = findings[(findings["source_line"] == 486) & (findings["check"] == "sum")]
    # the account's budget: printed 21,468,739 천원, its programs now sum EXTRA × 1,000 천원
    # more; too many figures to name one slip, so the error stands unexplained
    assert "error" in set(account["severity"])
    assert account["suggestion"].isna().all()

"""Execution order: money is committed (원인행위) before it is spent (지출), so a program's
지출액 above its 원인행위액 is a figure to question. A ``warning``, not an ``error``: it reads
the tables after the errata ledger's corrections, and a legitimate cause (a payment made
against a commitment booked elsewhere) cannot be ruled out from the report alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..parse.keys import row_keys
from .findings import WARNING, Finding

if TYPE_CHECKING:
    from ..report import Report


def _thousand_won(krw: int) -> str:
    """Return KRW as the budget tables print it: '30,080천원' (rounded to 1 천원)."""
    return f"{round(krw / 1000):,}천원"


def spent_over_committed(report: Report) -> list[Finding]:
    """Return a warning for each program whose spent (지출액) exceeds its committed amount
    (원인행위액), figures as corrected (KRW; ``difference`` = spent − committed)."""
    programs = report.tables()["expenditure"]
    over = programs[(programs["spent"] > programs["committed"]).fillna(False)]
    findings = []
    for (_, row), key in zip(over.iterrows(), row_keys("expenditure", over), strict=True):
        committed, spent = int(row["committed"]), int(row["spent"])
        findings.append(Finding(
            "definition", WARNING, "expenditure", key, "spent",
            f"지출액 {_thousand_won(spent)}이 원인행위액 {_thousand_won(committed)}보다 "
            f"{_thousand_won(spent - committed)} 많음: 지출은 원인행위(계약 등) 안에서 "
            "이루어지므로 두 수치 가운데 하나가 잘못 인쇄되었을 수 있음(분석 정정 목록 적용 후).",
            f"Spent ({spent:,} won) exceeds committed ({committed:,} won) by "
            f"{spent - committed:,} won: spending follows a commitment, so one of the two "
            "printed figures may be wrong (after the errata ledger).",
            unit="KRW", expected=float(committed), actual=float(spent),
            source_line=int(row["source_line"])))
    return findings

"""seoul_budget/catalog.py: catalog texts filled from a report's subject, or said without it."""

from __future__ import annotations

from seoul_budget.catalog import titled
from seoul_budget.subject import Subject


def test_a_placeholder_is_filled_from_the_reports_years():
    text = "{fiscal_year} 세입 예산을 {previous_year}년과 비교"
    assert titled(text, Subject("녹색정책관", 2031, 2030)) == "2031 세입 예산을 2030년과 비교"
    assert titled("{projects}대 현안업무", {"projects": 7}) == "7대 현안업무"


def test_without_a_value_the_placeholder_goes_with_the_word_written_onto_it():
    # an unreadable report has no years: never '세입 예산을 년과 비교' or '대 현안업무'
    assert titled("{fiscal_year} 세입 예산을 {previous_year}년과 비교") == "세입 예산을 비교"
    assert titled("{projects}대 현안업무의 예산", {"projects": None}) == "현안업무의 예산"
    assert titled("04. {settlement_year} 회계연도 결산") == "04. 회계연도 결산"

"""seoul_budget.parse.dates: dates as the report's prose writes them, read as ISO periods.

Every expectation is the date as a reader reads the quoted text, the year of a date written
without one being the year given (2031 here, a year no report of ours has)."""

from __future__ import annotations

from datetime import date

import pytest

from seoul_budget.parse.dates import find_periods, period_end, period_year

CASES = [
    # a day, its 기준 mark kept; a month; a year; a half year
    ("상담인원 1,234명('31.5.31. 기준)", [("'31.5.31.", "2031-05-31")]),
    ("접수('31.6월 중)", [("'31.6월", "2031-06")]),
    ("(노선) '30년 총 20개 → '31년 총 30개", [("'30년", "2030"), ("'31년", "2031")]),
    ("'30년 하반기 100명", [("'30년 하반기", "2030H2")]),
    ("'31년 상·하반기 각 150명", [("'31년 상·하반기", "2031")]),
    # spans: full, the end sharing the start's year or month, open at either end
    ("활동기간 : 2031. 7. 1. ~ 12. 20.", [("2031. 7. 1. ~ 12. 20.", "2031-07-01/2031-12-20")]),
    ("(1.16. ~ 6.1.)", [("1.16. ~ 6.1.", "2031-01-16/2031-06-01")]),
    ("('30.10.~'31.1월)", [("'30.10.~'31.1월", "2030-10/2031-01")]),
    ("공동연구('31.6.~11.)", [("'31.6.~11.", "2031-06/2031-11")]),
    ("분석('31.4.~)", [("'31.4.~", "2031-04/..")]),
    ("준비(~'31.5.)", [("~'31.5.", "../2031-05")]),
    ("입찰공고(5.8.~5.30)", [("5.8.~5.30", "2031-05-08/2031-05-30")]),
    ("(사업기간) '31~'35년", [("'31~'35년", "2031/2035")]),
    ("교육(5~6월 150명)", [("5~6월", "2031-05/2031-06")]),
    ("회의 개최(2회, 4.28·6.1)", [("4.28·6.1", "2031-04-28/2031-06-01")]),
    # months and days without a year
    ("1월(13,097) 2월(14,013)", [("1월", "2031-01"), ("2월", "2031-02")]),
    ("[5.25.(781명) ⇒ 6. 1.(1,266명)]", [("5.25.", "2031-05-25"), ("6. 1.", "2031-06-01")]),
    # what only looks like a date
    ("스마트폰(41.8%), 만족도 4.107점(5점만점)", []),
    ("근무시간 : 9:30 ~ 16:30, 지하철 5개 노선(2,5~8호선)", []),
    ("2030세대 50개 팀(팀당 2~5명)", []),
    ("13.5. 31.2. 2.30.", []),  # month 13, 31 February and 30 February
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_find_periods_reads_each_date_as_written(text, expected):
    found = find_periods(text, 2031)
    assert [(text[f.start:f.end].strip(), f.period) for f in found] == expected


def test_a_basis_date_is_marked():
    as_of, event = find_periods("1,234명('31.5.31. 기준), 오픈('31.1.16.)", 2031)
    assert as_of.as_of and not event.as_of
    assert [f.explicit_year for f in find_periods("'31.1. 및 5.4.", 2031)] == [True, False]


@pytest.mark.parametrize(("period", "end"), [
    ("2031", date(2031, 12, 31)), ("2031H1", date(2031, 6, 30)), ("2030H2", date(2030, 12, 31)),
    ("2032-02", date(2032, 2, 29)), ("2031-05-31", date(2031, 5, 31)),
    ("2031-01-16/2031-06-01", date(2031, 6, 1)), ("2031-03/..", None), ("", None)])
def test_period_end_is_the_last_day_covered(period, end):
    assert period_end(period) == end
    assert period_year(period) == (end.year if end else None)

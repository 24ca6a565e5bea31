"""What the pages call a report and its whole bureau (seoul_budget/subject.py)."""

from __future__ import annotations

from seoul_budget.subject import Subject


def test_the_whole_bureau_is_named_after_the_bureau_of_any_kind():
    # a 국, a 본부 and a 관 alike: the cover's own name, never a kind of bureau assumed
    assert Subject("기후환경본부", 2024, 2023).whole_bureau == "기후환경본부 전체"
    assert Subject("디지털정책관", 2023, 2022).whole_bureau == "디지털정책관 전체"
    assert Subject("기후환경본부", 2024, 2023).title == "기후환경본부 업무보고"


def test_a_subject_read_from_tables_alone_says_whole():
    assert Subject("", 2023, None).whole_bureau == "전체"

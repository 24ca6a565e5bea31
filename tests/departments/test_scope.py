"""``seoul_budget.departments.scope.check_department``: the one tolerant rule — every
department's short 관 form and any spacing resolve; a name that resolves to none says which
departments it may have meant. Departments: the bundled report's staffing table (lines 36-44).
"""

from __future__ import annotations

import pytest
from bundled import DEPARTMENTS

from seoul_budget.departments import check_department
from seoul_budget.errors import ParameterError


@pytest.mark.parametrize("name", [name for name in DEPARTMENTS if name.endswith("담당관")])
def test_every_division_resolves_by_its_short_form_and_spaced(name):
    short = name.removesuffix("담당관") + "관"  # 공간정보담당관 → 공간정보관
    assert check_department(short, DEPARTMENTS) == name
    assert check_department(" ".join(name), DEPARTMENTS) == name


@pytest.mark.parametrize("value", ["all", "ALL", " 전체 ", "", None])
def test_all_is_the_whole_bureau(value):
    assert check_department(value, DEPARTMENTS) is None


@pytest.mark.parametrize(("value", "meant"), [
    ("기록원", "서울기록원"),           # a part of the name
    ("공강정보담당관", "공간정보담당관"),  # one syllable garbled (rejected: not a known alias)
    ("데이타센타", "데이터센터"),         # two syllables off
])
def test_an_unknown_name_says_did_you_mean(value, meant):
    with pytest.raises(ParameterError, match=f"did you mean '{meant}'") as caught:
        check_department(value, DEPARTMENTS)
    assert "choose 'all' or one of: " + ", ".join(DEPARTMENTS) in str(caught.value)


def test_a_name_like_none_gets_no_guess():
    with pytest.raises(ParameterError) as caught:
        check_department("우주항공청", DEPARTMENTS)
    assert "did you mean" not in str(caught.value)

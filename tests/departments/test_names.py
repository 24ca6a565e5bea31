"""The tolerant match of a printed department name: at most one syllable garbled, judged in
time and memory linear in the name's length (a long name costs no matrix)."""

from __future__ import annotations

import tracemalloc

import pytest

from seoul_budget.departments.names import Organisation, close_department


@pytest.mark.parametrize("printed, expected", [
    ("기후졍책담당관", "기후정책담당관"),   # one syllable changed
    ("기후책담당관", "기후정책담당관"),     # one missing
    ("기후정정책담당관", "기후정책담당관"),  # one extra
    ("기후책정담당관", "기후정책담당관"),   # two neighbours swapped
    ("기후정책담당관관관", None),          # two extra: not close
    ("후기책정담당관", None),             # two swaps: not close
])
def test_one_edit_is_close_two_are_not(printed, expected):
    assert close_department(printed, ["기후정책담당관", "환경연구원"]) == expected


def test_a_long_name_is_matched_in_linear_memory():
    # 2,000 syllables printed with one garbled: a matrix would hold 4,000,000 cells
    long = "가나다라" * 500 + "담당관"
    garbled = long[:1000] + "하" + long[1001:]
    organisation = Organisation((long, "기후정책담당관"))
    tracemalloc.start()
    try:
        assert organisation.resolve(garbled) == long
        assert organisation.resolve("나" * 4_000) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak

"""The data dictionary's lookups (seoul_budget/schemas/lookups.py): one title per figure."""

from __future__ import annotations

from seoul_budget.schemas import COMPUTED, column_header, column_title


def test_a_rate_and_its_printed_twin_have_one_name():
    # The report heads both rates '집행률 (%)' over '원인행위' and '지출액' (line 482): a
    # reader sees the pair as 집행률(원인행위) and 집행률(지출) whether the page recomputes
    # the rate or shows it as printed — never '지출률' on one page and '집행률(지출)' on another.
    for rate, title in (("committed_rate", "집행률(원인행위)"), ("spent_rate", "집행률(지출)")):
        assert column_title(COMPUTED, rate) == title
        assert column_title("expenditure", f"{rate}_printed") == title


def test_a_header_carries_the_unit():
    assert column_header(COMPUTED, "spent_rate") == "집행률(지출) (%)"
    assert column_header("staffing", "authorized") == "정원 (명)"

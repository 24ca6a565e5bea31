"""The errata ledger's rows: a figure no budget prints is refused at its row."""

from __future__ import annotations

import pytest
from bundled import LEDGER

from seoul_budget.errata.ledger import figure_value, read_ledger
from seoul_budget.errors import ErrataError


@pytest.mark.parametrize("figure", ["12345678901234567890원", "1" + "0" * 308 + "%",
                                    "999,999,999,999,999백만원"])
def test_a_figure_that_fits_no_budget_is_refused_at_its_row(tmp_path, figure):
    text = LEDGER.read_text(encoding="utf-8").replace('"30,048,210원"', f'"{figure}"', 1)
    ledger = tmp_path / "errata.csv"
    ledger.write_text(text, encoding="utf-8")
    with pytest.raises(ErrataError) as caught:
        read_ledger(ledger)
    assert caught.value.line == 2  # the first row after the header


def test_figure_value_refuses_an_amount_past_int64():
    with pytest.raises(ValueError):
        figure_value("9,999,999,999,999백만원", "KRW")  # 9.99 × 10^18 won
    assert figure_value("30,048,210천원", "KRW") == 30_048_210_000

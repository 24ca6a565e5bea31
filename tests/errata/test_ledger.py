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


def test_a_long_list_of_idle_rows_is_cut_with_a_count(tmp_path):
    from datetime import date

    import pandas as pd

    from seoul_budget.errata import check_ledger

    # 10,000 rows that correct a figure no snapshot prints: one line names the first row
    # (line 2), the next ten, and counts the other 9,989
    header = "table,key,column,printed,corrected,as_of,from,to,reason\n"
    rows = "".join(f"expenditure,가 > 일반회계 > 사업{i},budget,{i + 1}천원,{i + 2}천원,,,,오타\n"
                   for i in range(10_000))
    ledger = tmp_path / "errata.csv"
    ledger.write_text(header + rows, encoding="utf-8")
    nothing = pd.DataFrame({"ledger_line": pd.array([], dtype="Int64")})
    with pytest.raises(ErrataError) as caught:
        check_ledger(ledger, {date(2023, 5, 31): nothing}, [date(2023, 5, 31)])
    message = str(caught.value)
    assert caught.value.line == 2
    assert "also lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 9,989 more" in message
    assert len(message) < 600

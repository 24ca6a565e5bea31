"""errata/ledger.py: the ledger's rows — a figure no budget prints is refused at its row;
who decided a correction and when (decided_by, decided_on)."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from bundled import LEDGER

from seoul_budget.errata.ledger import figure_value, read_ledger
from seoul_budget.errors import ErrataError

HEADER = "table,key,column,printed,corrected,as_of,from,to,reason,decided_by,decided_on\n"
ROW = 'expenditure,계,committed,"1,000천원","100천원",,,,단위 착오,분석팀,2031-06-02\n'


def test_a_row_names_who_decided_it_and_when(tmp_path):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER + ROW, encoding="utf-8")
    (row,) = read_ledger(ledger)
    assert (row.decided_by, row.decided_on) == ("분석팀", date(2031, 6, 2))


@pytest.mark.parametrize("cells, problem", [
    (",2031-06-02", "who decided it"), ("분석팀,", "who decided it"),
    ("분석팀,2031-13-02", "not a date")])
def test_a_row_without_a_decision_is_refused_at_its_line(tmp_path, cells, problem):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER + ROW.replace("분석팀,2031-06-02", cells), encoding="utf-8")
    with pytest.raises(ErrataError, match=problem) as caught:
        read_ledger(ledger)
    assert caught.value.line == 2


def test_one_decision_column_without_the_other_is_refused(tmp_path):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER.replace(",decided_on", "") + ROW.replace(",2031-06-02", ""),
                      encoding="utf-8")
    with pytest.raises(ErrataError, match="decided_by and decided_on"):
        read_ledger(ledger)


def test_a_ledger_without_the_decision_columns_still_reads(tmp_path):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER.replace(",decided_by,decided_on", "")
                      + ROW.replace(",분석팀,2031-06-02", ""), encoding="utf-8")
    (row,) = read_ledger(ledger)
    assert (row.decided_by, row.decided_on) == ("", None)


def test_every_shipped_row_says_who_decided_it_and_when():
    with LEDGER.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["decided_by"].strip() and r["decided_on"].strip() for r in rows)
    assert [(c.decided_by, c.decided_on) for c in read_ledger(LEDGER)] == \
        [(r["decided_by"].strip(), date.fromisoformat(r["decided_on"])) for r in rows]


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

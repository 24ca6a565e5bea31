"""seoul_budget.parse.numbers: figures as the report prints them ('1,348,543', '△816,160',
'-', '순증', '59 (23.1%)') read into KRW, counts and percent. Cells are the bundled report's
where a comment names the line; the expected values are the cells read by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seoul_budget.parse.numbers import (
    likely_unit,
    looks_numeric,
    numeric_tokens,
    parse_count_with_share,
    parse_decimal,
    parse_rate,
    round_half_up,
    to_count,
    to_krw,
)


@pytest.mark.parametrize(("cell", "value"), [
    ("1,348,543", Decimal(1348543)), ("△816,160", Decimal(-816160)), ("-", Decimal(0)),
    ("  42 ", Decimal(42)), ("2.5", Decimal("2.5")), ("", None), ("－", Decimal(0))])
def test_a_printed_number_reads_with_its_sign_and_zero_marks(cell, value):
    assert parse_decimal(cell) == value


@pytest.mark.parametrize("cell", ["1,34,8", "12a", "△", "1.2.3"])
def test_what_is_not_a_printed_number_is_refused(cell):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(cell)


def test_money_becomes_whole_won_in_its_printed_unit():
    assert to_krw("21,468,739", "천원") == 21_468_739_000  # line 89, 천원
    assert to_krw("18,321", "백만원") == 18_321_000_000  # line 606, 백만원
    assert to_krw("△816,160", "천원") == -816_160_000
    assert to_krw("", "천원") is None
    assert to_krw("18.571", "백만원") == 18_571_000  # three decimals of 백만원: whole won
    with pytest.raises(ValueError, match="whole number of won"):
        to_krw("0.5", "원")


def test_counts_are_whole():
    assert to_count("255") == 255 and to_count("-") == 0 and to_count("") is None
    with pytest.raises(ValueError, match="whole count"):
        to_count("2.5")


@pytest.mark.parametrize(("cell", "rate"), [
    ("20.2", None), ("49.0%", 49.0), ("△38.0%", -38.0), ("(23.1%)", 23.1), ("순증", None),
    ("-", 0.0), ("", None)])
def test_rates_are_percent(cell, rate):
    if cell == "20.2":  # a bare number is no rate
        with pytest.raises(ValueError, match="not a rate"):
            parse_rate(cell)
    else:
        assert parse_rate(cell) == rate


def test_a_count_may_carry_its_printed_share():
    assert parse_count_with_share("59 (23.1%)") == (59, 23.1)
    assert parse_count_with_share("1,024 (7.5 %)") == (1024, 7.5)
    assert parse_count_with_share("61") == (61, None)
    assert numeric_tokens("59 (24.1%)") == ["59", "24.1"]


def test_what_looks_numeric():
    assert all(looks_numeric(c) for c in ("1,000", "-", "순증", "12.5%", "△3"))
    assert not any(looks_numeric(c) for c in ("", "계", "일반회계", "1,0,0"))


@pytest.mark.parametrize(("value", "decimals", "rounded"), [
    (0.05, 1, "0.1"), (0.15, 1, "0.2"), (2.5, 0, "3"), (-2.5, 0, "-3"), (93.3306, 1, "93.3"),
    (20.16, 1, "20.2")])
def test_rounding_is_half_away_from_zero_as_printed(value, decimals, rounded):
    # Python's round(2.5) is 2 and round(0.15, 1) is 0.1 (0.15 is 0.1499… in binary): the
    # report rounds the decimal it prints, half up.
    assert round_half_up(value, decimals) == Decimal(rounded)


def test_a_table_read_1000_times_off_names_the_unit_it_is_in():
    assert likely_unit("천원", 1_000) == "백만원"
    assert likely_unit("천원", 1 / 1_000) == "원"
    assert likely_unit("백만원", 1_000) == "1,000,000,000원"

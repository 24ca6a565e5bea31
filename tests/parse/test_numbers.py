"""seoul_budget.parse.numbers: figures as the report prints them ('1,348,543', '△816,160',
'-', '순증', '59 (23.1%)') read into KRW, counts and percent. Cells are the bundled report's
where a comment names the line; the expected values are the cells read by hand.

Numbers that do not fit any budget (a figure longer than 15 digits, in any unit) are refused
at their line; huge, tiny and malformed numbers thrown at every number of the report give
tables or a ReportParseError, never another exception."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from damage import edit_line, report_lines, write_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seoul_budget as sb
from seoul_budget.parse.numbers import (
    likely_unit,
    looks_numeric,
    numeric_tokens,
    oversized_number,
    parse_count_with_share,
    parse_decimal,
    parse_rate,
    round_half_up,
    to_count,
    to_krw,
)

TWENTY = "12345678901234567890"


@pytest.mark.parametrize("cell", [TWENTY, "123,456,789,012,345,678", "1" * 16 + ".5",
                                  "△" + "9" * 309])
def test_a_number_over_fifteen_digits_is_no_figure(cell):
    with pytest.raises(ValueError, match="more than 15 digits"):
        parse_decimal(cell)


def test_fifteen_digits_still_read():
    # 999조 9,999억…: the largest figure accepted, digit for digit
    assert parse_decimal("999,999,999,999,999") == 999_999_999_999_999


def test_an_amount_past_any_budget_in_its_unit_is_refused():
    # 999,999,999,999,999 백만원 = 9.99 × 10^20 won, past Int64's 9.2 × 10^18
    with pytest.raises(ValueError, match="more than any budget"):
        to_krw("999,999,999,999,999", "백만원")
    assert to_krw("999,999,999,999", "백만원") == 999_999_999_999 * 10**6


def test_a_rate_of_309_digits_is_refused():
    with pytest.raises(ValueError):
        parse_rate("1" + "0" * 308 + "%")


def test_a_share_beside_a_count_must_fit_and_be_one_number():
    with pytest.raises(ValueError):
        parse_count_with_share("59 (" + "1" * 309 + "%)")
    with pytest.raises(ValueError):
        parse_count_with_share("59 (2.3.1%)")
    assert parse_count_with_share("59 (23.1%)") == (59, 23.1)


def test_the_first_long_number_is_named_with_its_line():
    text = "첫째 줄 1,234\n둘째 줄\n셋째 줄 " + TWENTY + " 원\n"
    assert oversized_number(text) == (3, TWENTY)
    assert oversized_number("999,999,999,999,999 and 2023-05-31") is None


def test_a_twenty_digit_figure_in_the_report_is_a_located_parse_error(tmp_path):
    # line 484: 디지털정책관's budget, 163,848,799 천원, printed with 20 digits
    path = write_report(tmp_path / "2023-05-31", edit_line(484, "163,848,799", TWENTY))
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(path)
    assert caught.value.line == 484
    assert caught.value.found == TWENTY


# Every number of the report (table cells and prose): a digit run with its separators.
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
LINES = report_lines()
PLACES = [(index, match.start(), match.end()) for index, line in enumerate(LINES)
          for match in NUMBER.finditer(line)]
huge = st.integers(min_value=16, max_value=400).map(lambda n: "9" * n)
fitting_huge = st.integers(min_value=10, max_value=15).map(lambda n: "9" * n)
tiny = st.integers(min_value=1, max_value=400).map(lambda n: "0." + "0" * n + "1")
malformed = st.sampled_from(["1,2,3", "1..2", "△△1", "1e400", "12,34", ",5", "5,", ".5", "5.",
                             "inf", "NaN", "1_000", "0x10", "--1", "1.2.3", "%", "(%)"])
payloads = st.one_of(huge, fitting_huge, tiny, malformed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), payloads)
def test_any_number_replaced_parses_or_fails_at_its_line(place, payload):
    index, start, end = place
    lines = list(LINES)
    lines[index] = lines[index][:start] + payload + lines[index][end:]
    with tempfile.TemporaryDirectory() as folder:
        path = write_report(Path(folder) / "2023-05-31", "\n".join(lines))
        try:
            sb.load_report(path)
        except sb.ReportParseError as error:
            assert error.path == str(path)
            assert error.line is not None and 1 <= error.line <= len(lines), str(error)


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

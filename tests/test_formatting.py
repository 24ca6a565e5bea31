"""Money, persons and percentages as a Korean reader expects them.

Expected strings are written by hand from the report's own printing (e.g. the 세입 총괄 prints
the 2023 − 2022 change as △3,428,943 천원) and from hand arithmetic.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seoul_budget import formatting as fmt
from seoul_budget.parse.numbers import parse_decimal
from seoul_budget.schemas import column_unit


@pytest.mark.parametrize(("krw", "unit", "decimals", "expected"), [
    (13_941_956_000, "천원", 0, "13,941,956"),        # 세입 총괄 계, 2023
    (-3_428_943_000, "천원", 0, "△3,428,943"),        # 세입 총괄 증감액
    (163_848_799_000, "백만원", 0, "163,849"),        # 163,848.799 rounds up
    (163_848_799_000, "억원", 1, "1,638.5"),
    (143_205_000_000, "백만원", 0, "143,205"),        # 2022 세출결산 총계
    (0, "천원", 0, "0"),
    (999, "원", 0, "999"),
])
def test_format_money(krw, unit, decimals, expected):
    assert fmt.format_money(krw, unit, decimals) == expected


def test_money_rounds_half_away_from_zero_not_to_even():
    # Python's round() would give 2 for 2.5 (banker's rounding); printed reports give 3.
    assert fmt.format_money(2_500, "천원") == "3"
    assert fmt.format_money(-2_500, "천원") == "△3"
    assert fmt.format_money(1_500, "천원") == "2"
    assert fmt.format_money(2_499, "천원") == "2"


def test_a_negative_that_rounds_to_zero_has_no_triangle():
    assert fmt.format_money(-400, "천원") == "0"
    assert fmt.format_percent(-0.04) == "0.0%"


def test_money_suffix_zero_mark_and_missing():
    assert fmt.format_money(163_848_799_000, "억원", 1, suffix=True) == "1,638.5억원"
    assert fmt.format_money(0, "천원", zero="-") == "-"
    assert fmt.format_money(0, "천원", zero="-", suffix=True) == "-"
    for missing in (None, pd.NA, float("nan")):
        assert fmt.format_money(missing) == ""
        assert fmt.format_money(missing, missing="–") == "–"


def test_money_accepts_numpy_and_nullable_integers_exactly():
    big = 9_007_199_254_740_993_000  # beyond float precision: must not be rounded via float
    assert fmt.format_money(np.int64(big // 1000), "원") == f"{big // 1000:,}"
    series = pd.Series([1_000, None], dtype="Int64")
    assert [fmt.format_money(v) for v in series] == ["1", ""]


def test_unknown_unit_is_an_error_naming_the_choices():
    with pytest.raises(ValueError, match="천원"):
        fmt.format_money(1, "만원")


@pytest.mark.parametrize(("krw", "expected"), [
    (163_848_799_000, "1,638억 4,880만원"),   # 세출 총괄 계: 163,848,799 천원
    (13_941_956_000, "139억 4,196만원"),      # 13,941,956 천원: 4,195.6만 rounds up
    (1_234_567_890_000, "1조 2,345억 6,789만원"),
    (100_000_000, "1억원"),
    (-13_941_956_000, "△139억 4,196만원"),
    (9_999, "9,999원"),
])
def test_korean_amount(krw, expected):
    assert fmt.korean_amount(krw) == expected


def test_money_decimals_shows_exact_figures():
    assert fmt.money_decimals(30_048_210, "천원") == 2      # 30,048.21
    assert fmt.money_decimals(18_571_000, "백만원") == 3    # 18.571
    assert fmt.money_decimals(143_205_000_000, "백만원") == 0
    assert fmt.money_decimals(1, "백만원") == 3             # capped: 0.000001 → 3 places
    assert fmt.money_decimals(None, "천원") == 0


def test_persons_and_signed_persons():
    assert fmt.format_persons(255) == "255명"
    assert fmt.format_persons(-11) == "△11명"
    assert fmt.format_persons(None) == ""
    # The report's 과부족 column: +1, △2, and '-' for none.
    assert fmt.format_signed_persons(1) == "+1명"
    assert fmt.format_signed_persons(-2) == "△2명"
    assert fmt.format_signed_persons(0) == "-"
    assert fmt.format_signed_persons(-8, suffix=False) == "△8"


def test_percent_and_points():
    assert fmt.format_percent(-19.74) == "△19.7%"
    assert fmt.format_percent(151 / 365 * 100) == "41.4%"
    assert fmt.format_percent(83.72, 0) == "84%"
    assert fmt.format_points(-9.94) == "△9.9%p"
    assert fmt.format_points(3) == "+3.0%p"
    assert fmt.format_points(0.04) == "0.0%p"


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (41.8, "%", ("41.8", "%")),                       # 스마트폰(41.8%)
    (4.107, "점", ("4.107", "점")),                    # 만족도 4.107점
    (90_060.0, "명", ("90,060", "명")),
    (2_062_000_000, "원", ("2,062", "백만원")),         # 2단계구축 2,062백만원
    (1_347_000, "원", ("1,347", "천원")),               # 월급여 1,347천원
    (500, "원", ("500", "원")),
    (None, "명", ("", "명")),
])
def test_format_measure(value, unit, expected):
    assert fmt.format_measure(value, unit) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2023H1", "2023년 상반기"), ("2022H2", "2022년 하반기"), ("2023-05", "2023년 5월"),
    ("2023-05-25", "2023. 5. 25."), ("2023", "2023년"), ("", ""), ("'23~'28년", "'23~'28년"),
])
def test_format_period(period, expected):
    assert fmt.format_period(period) == expected


def test_needed_decimals():
    assert [fmt.needed_decimals(v) for v in (41.8, 4.107, 90_060.0, 1 / 3)] == [1, 3, 0, 3]


def test_header_carries_the_unit():
    assert fmt.header("예산현액", "천원") == "예산현액 (천원)"


def test_column_units_come_from_the_data_dictionary():
    assert column_unit("expenditure", "budget") == "KRW"
    assert column_unit("staffing", "current") == "persons"
    assert column_unit("expenditure", "spent_rate_printed") == "percent"
    assert column_unit("expenditure", "program") is None
    # A column only printed totals carry: named like a rate.
    assert column_unit("staffing_by_category", "share_printed") == "percent"


@given(st.integers(min_value=-(10**15 - 1), max_value=10**15 - 1))  # 15 digits: the parser's cap
def test_formatted_integers_read_back_through_the_report_parser(value):
    """What we print, the parser of the report's number format reads back unchanged."""
    assert parse_decimal(fmt.format_number(value)) == value


@given(st.decimals(min_value=-10**9, max_value=10**9, places=1, allow_nan=False,
                   allow_infinity=False))
def test_formatted_decimals_read_back_through_the_report_parser(value):
    assert parse_decimal(fmt.format_number(value, 1)) == Decimal(value).quantize(Decimal("0.1"))


def test_whole_unit_is_the_largest_in_which_every_figure_is_whole():
    # 2022 세출결산 (백만원, line 603): 143,205 and the ledger's corrected 보조금반납액
    # 18,571천원 (18.571백만원) — one table, one unit: 천원
    assert fmt.whole_unit([143_205_000_000, 18_571_000], "백만원") == "천원"
    assert fmt.whole_unit([143_205_000_000, 5_063_000_000, None], "백만원") == "백만원"
    assert fmt.whole_unit([30_048_210], "천원") == "원"  # 30,048.21천원
    assert fmt.whole_unit([], "억원") == "억원"
    with pytest.raises(ValueError):
        fmt.whole_unit([1], "달러")


def test_a_points_change_is_taken_between_the_rates_as_shown():
    # 54.35 and 40.84 are shown 54.4 and 40.8 (half away from zero): 13.6 %p, not 13.51
    assert fmt.shown_points(54.35, 40.84) == 13.6
    assert fmt.shown_points(40.84, 54.35) == -13.6
    assert math.isnan(fmt.shown_points(None, 40.0))
    assert math.isnan(fmt.shown_points(51.6, float("nan")))


def test_a_day_reads_the_same_from_a_date_a_timestamp_and_iso_text():
    for value in (date(2023, 5, 31), pd.Timestamp("2023-05-31"), "2023-05-31"):
        assert fmt.format_day(value) == "2023. 5. 31."


def test_a_share_is_bracketed_only_when_there_is_one():
    assert fmt.bracketed(fmt.format_percent(51.55)) == "(51.6%)"
    assert fmt.bracketed(fmt.format_percent(float("nan"))) == ""  # a share of a budget of 0

"""Figures as a Korean reader expects them: 천원 / 백만원 / 억원, thousands separators, △.

Every table in the package holds money as whole KRW (원); these functions turn those values into
the strings a reviewer reads. Rounding is half away from zero (as printed reports round), never
banker's rounding, and a figure that rounds to zero never shows a △.

>>> format_money(-3_428_943_000, "천원")
'△3,428,943'
>>> format_money(163_848_799_000, "억원", decimals=1, suffix=True)
'1,638.5억원'
>>> korean_amount(163_848_799_000)
'1,638억 4,880만원'

No pandas at import: the build's index formats its %p with this module, and a build with
nothing to do must not pay pandas' import.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from .parse.numbers import UNIT_TO_KRW, as_decimal, round_half_up

NEGATIVE = "△"
MONEY_UNITS: tuple[str, ...] = ("원", "천원", "백만원", "억원")
PERSONS = "명"
PERCENT = "%"
POINTS = "%p"


def is_missing(value: Any) -> bool:
    """Return True for None, pd.NA and NaN (a cell with no figure)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")  # pd.NA exists only once pandas is loaded
    return pandas is not None and value is pandas.NA


def format_number(value: Any, decimals: int = 0, *, zero: str | None = None,
                  missing: str = "") -> str:
    """Return ``value`` with thousands separators and △ for a negative.

    ``decimals`` digits follow the point (rounded half away from zero). A value that rounds to
    zero prints as ``zero`` when given (e.g. '-', as the report prints it), else as 0.
    ``missing`` is printed for None, NA and NaN.
    """
    if is_missing(value):
        return missing
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        if zero is not None:
            return zero
        rounded = abs(rounded)
    text = f"{abs(rounded):,.{decimals}f}"
    return f"{NEGATIVE}{text}" if rounded < 0 else text


def check_unit(unit: str) -> int:
    """Return how many KRW one ``unit`` is (원 1, 천원 1,000 …); ValueError for another unit."""
    if unit not in MONEY_UNITS:
        raise ValueError(f"unit {unit!r} is not a money unit; choose one of "
                         f"{', '.join(MONEY_UNITS)}")
    return UNIT_TO_KRW[unit]


def to_unit(value_krw: Any, unit: str) -> Decimal | None:
    """Return a KRW amount expressed in ``unit`` (exact, not rounded); None when missing."""
    factor = check_unit(unit)
    if is_missing(value_krw):
        return None
    return as_decimal(value_krw) / factor


def format_money(value_krw: Any, unit: str = "천원", decimals: int = 0, *,
                 suffix: bool = False, zero: str | None = None, missing: str = "") -> str:
    """Return a KRW amount in ``unit`` (천원, 백만원, 억원 or 원) as a Korean reader reads it.

    Thousands separators, △ for a negative, rounded half away from zero to ``decimals``
    places; ``suffix`` appends the unit ('1,638.5억원'), otherwise the unit belongs in the
    column header or axis label (see :func:`header`).
    """
    amount = to_unit(value_krw, unit)
    if amount is None:
        return missing
    text = format_number(amount, decimals, zero=zero)
    return f"{text}{unit}" if suffix and text != zero else text


def needed_decimals(value: Any, max_decimals: int = 3) -> int:
    """Return how many decimals ``value`` needs to be shown exactly (at most
    ``max_decimals``): 41.8 needs 1, 4.107 needs 3, 90060.0 needs 0."""
    if is_missing(value):
        return 0
    amount = as_decimal(value)
    for decimals in range(max_decimals + 1):
        if amount == round_half_up(amount, decimals):
            return decimals
    return max_decimals


def money_decimals(value_krw: Any, unit: str, max_decimals: int = 3) -> int:
    """Return how many decimals ``value_krw`` needs in ``unit`` to be shown exactly (at most
    ``max_decimals``): 30,048,210원 is 30,048.21천원, so 2."""
    amount = to_unit(value_krw, unit)
    return 0 if amount is None else needed_decimals(amount, max_decimals)


def whole_unit(values_krw: Iterable[Any], unit: str) -> str:
    """Return ``unit``, or the largest smaller money unit in which every one of
    ``values_krw`` (KRW; missing ones ignored) is a whole number: the one unit a table or
    headline shows all its figures in, so no '18.571' stands among integers (18,571,000원
    in a 백만원 table gives 천원)."""
    amounts = [as_decimal(value) for value in values_krw if not is_missing(value)]
    smaller = [u for u in MONEY_UNITS if UNIT_TO_KRW[u] <= check_unit(unit)]
    for candidate in sorted(smaller, key=UNIT_TO_KRW.__getitem__, reverse=True):
        if all(amount % UNIT_TO_KRW[candidate] == 0 for amount in amounts):
            return candidate
    return "원"


def korean_amount(value_krw: Any, *, missing: str = "") -> str:
    """Return a KRW amount in words-and-figures as said aloud: '1,638억 4,880만원'.

    Rounded half away from zero to 만원 (10,000 KRW); amounts under 만원 print in 원.
    """
    if is_missing(value_krw):
        return missing
    value = as_decimal(value_krw)
    sign = NEGATIVE if value < 0 else ""
    value = abs(value)
    if value < 10_000:
        return f"{sign}{format_number(value)}원"
    man = int(round_half_up(value / 10_000))  # in 만원
    eok, rest = divmod(man, 10_000)
    jo, eok = divmod(eok, 10_000)
    parts = []
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if rest:
        parts.append(f"{rest:,}만")
    return sign + " ".join(parts) + "원"


def format_persons(value: Any, *, suffix: bool = True, zero: str | None = None,
                   missing: str = "") -> str:
    """Return a head count: '255명' (△ for a shortage, e.g. '△11명')."""
    text = format_number(value, 0, zero=zero, missing=missing)
    return f"{text}{PERSONS}" if suffix and text not in (missing, zero) else text


def format_signed_persons(value: Any, *, suffix: bool = True, missing: str = "") -> str:
    """Return a surplus or shortage as the report prints it: '+1명', '△2명', '-' for none."""
    if is_missing(value):
        return missing
    if int(value) == 0:
        return "-"
    text = format_persons(value, suffix=suffix)
    return f"+{text}" if int(value) > 0 else text


def format_percent(value_pct: Any, decimals: int = 1, *, suffix: bool = True,
                   missing: str = "") -> str:
    """Return a percentage (given in percent, 0-100) such as '41.4%' or '△19.7%'."""
    text = format_number(value_pct, decimals, missing=missing)
    return f"{text}{PERCENT}" if suffix and text != missing else text


def bracketed(text: str) -> str:
    """Return ``text`` in brackets after the figure it qualifies, '(51.6%)', or nothing for
    no text (a share of a budget of 0, which has none)."""
    return f"({text})" if text else ""


def shown_points(now_pct: Any, before_pct: Any, decimals: int = 1) -> float:
    """Return ``now_pct − before_pct`` in percentage points from the two rates as they are
    shown: each rounded half away from zero to ``decimals`` places first, so 54.44 against
    40.76 (shown 54.4 and 40.8) is 13.6, never 13.7; NaN where either is missing. The rule
    of every %p change (:func:`seoul_budget.metrics.points_change` applies it to Series)."""
    if is_missing(now_pct) or is_missing(before_pct):
        return float("nan")
    # in Decimal, so 54.4 − 40.8 is 13.6 and not 13.600000000000001
    return float(round_half_up(now_pct, decimals) - round_half_up(before_pct, decimals))


def format_points(value_pp: Any, decimals: int = 1, *, missing: str = "") -> str:
    """Return a difference of two percentages in percentage points: '△9.9%p', '+3.0%p'."""
    text = format_number(value_pp, decimals, missing=missing)
    if text == missing:
        return text
    plus = "+" if not text.startswith(NEGATIVE) and round_half_up(value_pp, decimals) != 0 else ""
    return f"{plus}{text}{POINTS}"


def header(label: str, unit: str) -> str:
    """Return a column header or axis label with its unit: '예산현액 (천원)'."""
    return f"{label} ({unit})"


def format_measure(value: Any, unit: str) -> tuple[str, str]:
    """Return (figure, unit) for a figure stated in prose with its unit (명, 건, %, 원 …):
    exact decimals only as needed ('41.8', '4.107'); won amounts in the largest of 백만원 /
    천원 that shows them exactly ('2,062백만원', '1,347천원')."""
    if is_missing(value):
        return "", unit
    if unit == "원":
        for money_unit in ("백만원", "천원"):
            factor = UNIT_TO_KRW[money_unit]
            if as_decimal(value) % factor == 0 and abs(as_decimal(value)) >= factor:
                return format_money(value, money_unit), money_unit
    return format_number(value, needed_decimals(value)), unit


def join_measure(value: Any, unit: str) -> str:
    """Return a figure stated in prose with its unit as one text: '1,234명', '2,000백만원'
    (:func:`format_measure`)."""
    return "".join(format_measure(value, unit))


def in_printed_unit(values: pd.Series, unit: str, printed_unit: str) -> tuple[pd.Series, str]:
    """Return figures stated in prose in the unit the text printed them in: amounts in 원
    back in 천원 or 백만원 (any other unit as it is), with that unit."""
    if unit == "원" and printed_unit in UNIT_TO_KRW:
        return values.astype("float64") / UNIT_TO_KRW[printed_unit], printed_unit
    return values.astype("float64"), unit


def format_period(period: str) -> str:
    """Return a period as a Korean reader writes it: '2031H1' → '2031년 상반기',
    '2031-05' → '2031년 5월', '2031-05-25' → '2031. 5. 25.', '2031' → '2031년'; a span
    'start/end' as 'start ~ end' ('..' an open end: '2031년 3월 ~')."""
    text = str(period or "").strip()
    if "/" in text:
        start, _, end = text.partition("/")
        return " ~ ".join(format_period(p) if p != ".." else "" for p in (start, end)).strip()
    if len(text) == 6 and text[:4].isdigit() and text[4:] in ("H1", "H2"):
        return f"{text[:4]}년 {'상' if text[5] == '1' else '하'}반기"
    parts = text.split("-")
    if all(p.isdigit() for p in parts) and parts and len(parts[0]) == 4:
        if len(parts) == 1:
            return f"{parts[0]}년"
        if len(parts) == 2:
            return f"{parts[0]}년 {int(parts[1])}월"
        if len(parts) == 3:
            return f"{parts[0]}. {int(parts[1])}. {int(parts[2])}."
    return text


def format_day(value: Any) -> str:
    """Return a date (date, Timestamp or ISO text) as a Korean reader writes it: '2031. 5. 31.'."""
    day = value.date() if isinstance(value, datetime) else value  # a Timestamp is a datetime
    if not isinstance(day, date):
        day = date.fromisoformat(str(value).strip()[:10])
    return format_period(day.isoformat())

"""Numbers as the report prints them: thousands separators, △ for negatives, '-' for zero."""

from __future__ import annotations

import numbers
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# Multipliers from the source unit to KRW (원).
UNIT_TO_KRW: dict[str, int] = {"원": 1, "천원": 1_000, "백만원": 1_000_000, "억원": 100_000_000}

# The largest figure any input may print or any amount may come to, in digits before the point:
# 15 digits (999조) is beyond every budget Korea prints, and every integer below 10**15 is exact
# as a float (reconciliation compares in floats) and far inside Int64, so sums of thousands of
# them still fit. A longer number is refused at its line, never carried on to overflow.
MAX_FIGURE_DIGITS = 15
MAX_KRW = 10 ** 18  # an amount in KRW after its unit (a 15-digit 백만원 figure is 10**21)
_LONG_NUMBER = re.compile(r"\d(?:,?\d){" + str(MAX_FIGURE_DIGITS) + ",}")


def oversized_number(text: str) -> tuple[int, str] | None:
    """Return (1-based line, number) of the first number in ``text`` with more than
    :data:`MAX_FIGURE_DIGITS` digits before its point (thousands separators aside), lines
    counted by '\\n'; None when every number fits."""
    match = _LONG_NUMBER.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, match.group()


def fits(value: Decimal, what: str) -> Decimal:
    """Return ``value`` when it has at most :data:`MAX_FIGURE_DIGITS` digits before its point;
    ValueError naming ``what`` when it has more."""
    if value.is_finite() and abs(value) < Decimal(10) ** MAX_FIGURE_DIGITS:
        return value
    raise ValueError(f"{what} has more than {MAX_FIGURE_DIGITS} digits; no figure is that large")


def likely_unit(printed: str, factor: float) -> str:
    """Return the unit a table's figures are in when its note says ``printed`` and they read
    ``factor`` times larger in it ('천원', 1,000 → '백만원'; '천원', 1/1,000 → '원'), or the
    won it stands for when no unit name fits ('1,000,000,000원')."""
    krw = UNIT_TO_KRW.get(printed, 1) * factor
    return next((unit for unit, value in UNIT_TO_KRW.items() if value == krw), f"{krw:,.0f}원")

_NUMBER = re.compile(r"^(?P<sign>[△▲+\-]?)\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?$")
_RATE = re.compile(r"^\(?\s*(?P<num>[△+\-]?\s*[\d.,]+)\s*%\s*\)?$")
NEW_MARK = "순증"  # "new this year": a change with no base to compare
ZERO_MARKS = {"-", "－", "―", "—"}


def as_decimal(value: Any) -> Decimal:
    """Return a number as a Decimal (a float through its shortest repr: 0.1 is 0.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


def round_half_up(value: Any, decimals: int = 0) -> Decimal:
    """Return ``value`` rounded half away from zero to ``decimals`` places, as printed reports
    round (never banker's rounding); a Decimal."""
    quantum = Decimal(1).scaleb(-decimals)
    return as_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def parse_decimal(cell: str) -> Decimal | None:
    """Return the number printed in ``cell`` as a Decimal; '-' is 0, an empty cell is None.

    Raises ValueError when the cell is not a number as this report prints numbers.
    """
    text = cell.strip().replace(" ", "")
    if text == "":
        return None
    if text in ZERO_MARKS:
        return Decimal(0)
    match = _NUMBER.match(text)
    if not match:
        raise ValueError(f"not a number: {cell!r}")
    value = fits(Decimal(match["digits"].replace(",", "") + (match["frac"] or "")), repr(cell))
    return -value if match["sign"] in ("△", "▲", "-") else value


def looks_numeric(cell: str) -> bool:
    """Return True if ``cell`` parses as a number, a rate, '-' or 순증."""
    text = cell.strip()
    if text == "":
        return False
    if text in ZERO_MARKS or text == NEW_MARK:
        return True
    try:
        parse_decimal(text)
        return True
    except ValueError:
        pass
    return parse_rate_or_none(text) is not None


def to_krw(cell: str, unit: str) -> int | None:
    """Return the money in ``cell`` converted from ``unit`` (천원, 백만원 …) to whole KRW.

    An empty cell gives None (the caller decides whether it means zero).
    """
    value = parse_decimal(cell)
    if value is None:
        return None
    krw = value * UNIT_TO_KRW[unit]
    if krw != krw.to_integral_value():
        raise ValueError(f"{cell!r} {unit} is not a whole number of won")
    if abs(krw) >= MAX_KRW:
        raise ValueError(f"{cell!r} {unit} is {abs(krw):.1e} won, more than any budget")
    return int(krw)


def to_count(cell: str) -> int | None:
    """Return a head count or other count printed in ``cell``; '-' is 0, empty is None."""
    value = parse_decimal(cell)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise ValueError(f"not a whole count: {cell!r}")
    return int(value)


def parse_rate_or_none(cell: str) -> float | None:
    """Return a printed percentage ('△19.7%', '(23.1%)', '79.70%') as a float, else None."""
    match = _RATE.match(cell.strip())
    if not match:
        return None
    try:
        value = parse_decimal(match["num"])
    except ValueError:
        return None
    return None if value is None else float(value)


def parse_rate(cell: str) -> float | None:
    """Return a printed rate in percent; 순증 or an empty cell give None.

    Raises ValueError for anything else that is not a percentage.
    """
    text = cell.strip()
    if text == "" or text == NEW_MARK:
        return None
    if text in ZERO_MARKS:
        return 0.0
    value = parse_rate_or_none(text)
    if value is None:
        raise ValueError(f"not a rate: {cell!r}")
    return value


_COUNT_WITH_SHARE = re.compile(r"^(?P<count>[\d,]+)\s*\((?P<share>[\d.]+)\s*%\)$")


def is_count_with_share(cell: str) -> bool:
    """Return True for a cell like '59 (23.1%)': a count with its printed share."""
    return bool(_COUNT_WITH_SHARE.match(cell.strip()))


def parse_count_with_share(cell: str) -> tuple[int | None, float | None]:
    """Return (count, share in percent) from a cell like '59 (23.1%)' (a plain count: no share)."""
    text = cell.strip()
    match = _COUNT_WITH_SHARE.match(text)
    if match:
        try:  # the share's digits hold at most one point ('41.5')
            share = fits(Decimal(match["share"]), repr(cell))
        except InvalidOperation:
            raise ValueError(f"not a number: {cell!r}") from None
        return int(fits(Decimal(match["count"].replace(",", "")), repr(cell))), float(share)
    return to_count(text), None


_TOKEN = re.compile(r"[△+\-]?\d[\d,]*(?:\.\d+)?")


def numeric_tokens(cell: str) -> list[str]:
    """Return every number printed in a cell ('59 (24.1%)' gives ['59', '24.1'])."""
    return _TOKEN.findall(cell)

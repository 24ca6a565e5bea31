"""Dates and periods as a work report writes them in prose, read as ISO periods.

The text dates things the way Korean officials write them: "'31.5.31." (a day), "'31.6." or
"'31.6월" (a month), "'30년" (a year), "'30년 하반기" (a half year), "1.16. ~ 6.1." and
"'30.10.~'31.1월" (spans), "('31.4.~)" and "(~'31.5.)" (open spans), "5~6월" (months),
"4.28·6.1" (two days). A two-digit year is 20YY; a date without a year takes the year given
(the report's fiscal year, or the year of the span it ends).

A period is returned as ISO 8601 text: '2031', '2031-05', '2031-05-31', a half year '2031H1'
or '2031H2', a span 'start/end' ('2031-01-16/2031-06-01'), open at one end with '..'
('2031-03/..'). :func:`period_end` gives the last day a period covers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_APOSTROPHE = "['’‘`]"
# One point in time, most specific first. 'y4'/'y2': a four- or two-digit year; 'half':
# 상반기/하반기; 'm' and 'd': month and day; 'mo': a month written 'N월'; 'y' alone: a year
# followed by '~' ("'31~'35년").
_POINT = re.compile(
    rf"(?:(?<![\d.,]){_APOSTROPHE}(?P<y2>\d{{2}})|(?<![\d.,])(?P<y4>(?:19|20)\d{{2}})(?=\s*[.년~]))"
    r"(?:\s*년\s*(?P<half>상·하반기|상반기|하반기)?"
    r"|\s*\.\s*(?P<m>\d{1,2})(?:\s*월|\s*\.\s*(?:(?P<d>\d{1,2})(?!\d))?\.?|(?![\d,]))"
    r"|(?=\s*~))"
    r"|(?<![\d.,'’‘])(?P<dm>\d{1,2})\.\s?(?P<dd>\d{1,2})\.?(?![\d,%]|\s*(?:[%명건개회점원대팀곳]))"
    r"|(?<![\d.,'’‘~])(?P<mo>\d{1,2})\s*월"
    r"|(?P<bare_half>상·하반기|상반기|하반기)")
# A span's end written after '~' without what it shares with the start: '5.' (a month),
# '6.1.' (month and day), '30' (a day, after a day), "'31.1월" (a full date), '9월'.
_TAIL = re.compile(
    rf"\s*~\s*(?:(?:{_APOSTROPHE}(?P<y2>\d{{2}})|(?P<y4>(?:19|20)\d{{2}}))\s*(?:년|\.)?)?"
    r"\s*(?:(?P<a>\d{1,2})(?:\s*\.\s*(?P<b>\d{1,2})(?!\d))?\s*[.월]?)?")
_MONTH_SPAN = re.compile(r"(?<![\d.,])(?P<a>\d{1,2})\s*~\s*(?P<b>\d{1,2})\s*월")
_AS_OF = re.compile(r"^\s*\.?\s*기준")


@dataclass(frozen=True)
class Point:
    """A date the text gives, at its precision: year, half, month or day (None: not given)."""

    year: int
    month: int | None = None
    day: int | None = None
    half: int | None = None  # 1 or 2

    def iso(self) -> str:
        """Return the point as an ISO period ('2031', '2031H1', '2031-05', '2031-05-31')."""
        if self.month is None:
            return f"{self.year}H{self.half}" if self.half else str(self.year)
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Found:
    """A period found in a text: where (``start``, ``end`` offsets), the ISO ``period``, its
    ``year`` (the first year it names) and whether the text calls it a 기준 date (``as_of``)."""

    start: int
    end: int
    period: str
    year: int
    as_of: bool = False
    explicit_year: bool = True


def _year(y2: str | None, y4: str | None, default: int) -> int:
    if y4:
        return int(y4)
    return 2000 + int(y2) if y2 else default


def _valid(point: Point) -> bool:
    if point.month is not None and not 1 <= point.month <= 12:
        return False
    if point.day is not None:  # read only with its month (every pattern with a day has one)
        return 1 <= point.day <= calendar.monthrange(point.year, point.month)[1]
    return True


def _point(match: re.Match[str], year: int) -> tuple[Point, bool] | None:
    """Return (the point a match names, whether it names its year), or None if it is none."""
    if match["bare_half"]:
        half = {"상반기": 1, "하반기": 2}.get(match["bare_half"])
        return Point(year, half=half), False
    if match["mo"]:
        return Point(year, int(match["mo"])), False
    if match["dm"]:
        return Point(year, int(match["dm"]), int(match["dd"])), False
    named = _year(match["y2"], match["y4"], year)
    if match["m"]:
        return Point(named, int(match["m"]), int(match["d"]) if match["d"] else None), True
    half = {"상반기": 1, "하반기": 2}.get(match["half"] or "")
    return Point(named, half=half), True


def _tail(text: str, position: int, start: Point) -> tuple[Point | None, int]:
    """Return the end of a span written after '~' at ``position`` (None: the span is open)
    and where it ends."""
    match = _TAIL.match(text, position)
    if match is None or "~" not in match.group(0):
        return None, position
    year = _year(match["y2"], match["y4"], start.year)
    a, b = match["a"], match["b"]
    if a is None:
        explicit = match["y2"] or match["y4"]
        return (Point(year), match.end()) if explicit else (None, match.end())
    if b is not None:
        return Point(year, int(a), int(b)), match.end()
    if start.day is not None and not (match["y2"] or match["y4"]) and \
            not match.group(0).rstrip().endswith(("월", ".")):
        return Point(year, start.month, int(a)), match.end()  # '5.8.~5.30' style day
    if start.month is None and start.half is None and not match.group(0).rstrip().endswith("월"):
        return Point(year), match.end()
    return Point(year, int(a)), match.end()


def find_periods(text: str, year: int) -> list[Found]:
    """Return every period ``text`` gives, in order, each as an ISO period (see the module's
    docstring); dates without a year take ``year``. Spans ('A ~ B', 'A~', '~B'), two days
    joined by '·' and months '5~6월' are one period each. Text that only looks like a date
    (a month 13, 31 February, a figure with its unit such as '12.5%') is no period."""
    return list(_periods(text, year))


@lru_cache(maxsize=4096)  # a bullet's line is read for its figures and for those under it
def _periods(text: str, year: int) -> tuple[Found, ...]:
    """Return the periods of :func:`find_periods`, as a tuple (cached)."""
    found: list[Found] = []
    for match in _MONTH_SPAN.finditer(text):
        a, b = Point(year, int(match["a"])), Point(year, int(match["b"]))
        if _valid(a) and _valid(b):
            found.append(Found(match.start(), match.end(), f"{a.iso()}/{b.iso()}", year,
                               explicit_year=False))
    taken = [(f.start, f.end) for f in found]
    position = 0
    while True:
        match = _POINT.search(text, position)
        if match is None:
            break
        position = max(match.end(), position + 1)
        if any(s <= match.start() < e for s, e in taken):
            continue
        read = _point(match, year)
        if read is None or not _valid(read[0]):
            continue
        point, explicit = read
        start, end, period = match.start(), match.end(), point.iso()
        opened = re.match(r"\s*~", text[:start][::-1])  # '~' right before: an open start
        last, after = _tail(text, end, point)
        if after > end:
            if last is not None and _valid(last):
                period, end = f"{period}/{last.iso()}", after
            elif last is None:
                period, end = f"{period}/..", after
        elif opened:
            period, start = f"../{period}", start - len(opened.group(0))
        while True:  # '4.28·6.1': two days of one count
            joined = re.match(r"\s*·\s*", text[end:])
            second = _POINT.match(text, end + joined.end()) if joined else None
            read_second = _point(second, point.year) if second else None
            if not read_second or not _valid(read_second[0]):
                break
            period = f"{period.split('/')[0]}/{read_second[0].iso()}"
            end = second.end()
        position = max(position, end)
        as_of = _AS_OF.match(text[end:]) is not None
        found.append(Found(start, end, period, point.year, as_of, explicit))
    return tuple(sorted(found, key=lambda f: f.start))


def period_end(period: str) -> date | None:
    """Return the last day a period covers ('2031-05' → 2031-05-31, '2031H1' → 2031-06-30,
    '2031-01-16/2031-06-01' → 2031-06-01), or None for an open or unreadable period."""
    text = str(period or "").split("/")[-1]
    match = re.fullmatch(r"(\d{4})(?:H([12])|-(\d{2})(?:-(\d{2}))?)?", text)
    if match is None:
        return None
    year = int(match[1])
    if match[2]:
        return date(year, 6, 30) if match[2] == "1" else date(year, 12, 31)
    if match[4]:
        return date(year, int(match[3]), int(match[4]))
    if match[3]:
        month = int(match[3])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def period_year(period: str) -> int | None:
    """Return the year a period ends in ('2030H2' → 2030; a span: its end's year), or None."""
    end = period_end(period)
    return end.year if end is not None else None

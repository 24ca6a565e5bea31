"""The fiscal year (1 January - 31 December): how much of it has gone by at a date. No pandas,
so the build's index uses it too."""

from __future__ import annotations

import calendar

from .snapshots import parse_as_of


def year_elapsed_pct(as_of: object, fiscal_year: int | None = None) -> float:
    """Return the share of the fiscal year (1 Jan - 31 Dec of ``fiscal_year``, by default
    ``as_of``'s year) elapsed at the end of ``as_of`` (any date
    :func:`seoul_budget.snapshots.parse_as_of` takes), in percent: 31 May is day 151 of a
    365-day year, 41.37 %. A date after the fiscal year gives 100, one before it 0.
    """
    as_of = parse_as_of(as_of)
    year = as_of.year if fiscal_year is None else fiscal_year
    if as_of.year != year:
        return 100.0 if as_of.year > year else 0.0
    days_in_year = 366 if calendar.isleap(year) else 365
    return as_of.timetuple().tm_yday / days_in_year * 100.0

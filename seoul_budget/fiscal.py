"""The fiscal year (1 January - 31 December): how much of it has gone by at a date. No pandas,
so the build's index uses it too."""

from __future__ import annotations

import calendar
from datetime import date


def year_elapsed_pct(as_of: date) -> float:
    """Return the share of the fiscal year (1 Jan - 31 Dec) elapsed at the end of ``as_of``,
    in percent: 2023-05-31 is day 151 of 365, 41.37 %.
    """
    days_in_year = 366 if calendar.isleap(as_of.year) else 365
    day_of_year = as_of.timetuple().tm_yday
    return day_of_year / days_in_year * 100.0

"""The overview: the bureau's (or one department's) headline figures and one row per
department across staffing, spending and duties."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..departments import for_department
from .common import fiscal_year_of, rate_pct, year_elapsed_pct
from .execution import execution_by, execution_total
from .staffing import staffing_gaps


def headline_figures(tables: dict[str, pd.DataFrame], as_of: date,
                     department: str | None = None) -> dict[str, float | int]:
    """Return the bureau's (or one department's) headline figures from a report's tables:

    ``authorized``, ``current``, ``shortage`` (persons); ``fill_rate`` (percent);
    ``revenue_budget``, ``revenue_previous_budget`` (KRW, the bureau's, as revenue is not split by
    department); ``budget``, ``previous_budget``, ``committed``, ``spent`` (KRW, from the
    program table; the year before's budget from the summary); ``committed_rate``,
    ``spent_rate``, ``budget_change_rate`` and ``year_elapsed`` (of the programs' fiscal
    year; percent); ``programs`` (count).
    """
    staffing = for_department(tables["staffing"], department)
    programs = for_department(tables["expenditure"], department)
    summary = for_department(tables["expenditure_summary"], department)
    totals = execution_total(programs)
    authorized = int(staffing["authorized"].sum())
    current = int(staffing["current"].sum())
    previous_budget = int(summary["previous_budget"].sum())
    return {
        "authorized": authorized,
        "current": current,
        "shortage": authorized - current,
        "fill_rate": rate_pct(current, authorized),
        "revenue_budget": int(tables["revenue"]["budget"].sum()),
        "revenue_previous_budget": int(tables["revenue"]["previous_budget"].sum()),
        "programs": totals["programs"],
        "budget": totals["budget"],
        "previous_budget": previous_budget,
        "budget_change_rate": rate_pct(totals["budget"] - previous_budget, previous_budget),
        "committed": totals["committed"],
        "spent": totals["spent"],
        "committed_rate": totals["committed_rate"],
        "spent_rate": totals["spent_rate"],
        "year_elapsed": year_elapsed_pct(as_of, fiscal_year_of(tables["expenditure"])),
    }


def department_overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return one row per department (report order): ``authorized``, ``current``,
    ``surplus_printed`` (printed 현원 − 정원), ``shortage`` (정원 − 현원) (persons); ``budget``,
    ``committed``, ``spent`` (KRW, programs summed),
    ``committed_rate``, ``spent_rate`` (percent), ``programs`` and ``duties`` (counts); a
    department no budget table lists has 0 programs and 0원."""
    staffing = staffing_gaps(tables["staffing"])[["department", "authorized", "current",
                                                  "surplus_printed", "shortage"]]
    spending = execution_by(tables["expenditure"], by=["department"])[
        ["department", "programs", "budget", "committed", "spent", "committed_rate",
         "spent_rate"]]
    duties = (tables["duties"].groupby("department", sort=False).size()
              .rename("duties").reset_index())
    # the snapshot's own departments, in its staffing table's order
    frame = pd.DataFrame({"department": list(dict.fromkeys(tables["staffing"]["department"]))})
    for part in (staffing, spending, duties):
        frame = frame.merge(part, on="department", how="left")
    # a department no budget table lists has no budget: no programs, 0원 (its rates: NA)
    frame = frame.fillna({column: 0 for column in ("programs", "budget", "committed", "spent")})
    for column in ("authorized", "current", "surplus_printed", "shortage", "budget", "committed",
                   "spent", "programs", "duties"):
        frame[column] = frame[column].astype("Int64")
    return frame

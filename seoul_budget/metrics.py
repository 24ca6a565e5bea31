"""Figures computed from the tidy tables: execution rates, pace, changes, shortages.

Pure functions: each takes DataFrames (or dates) and returns a new DataFrame or number, never
modifies its input, and never reads the printed rates (``*_printed`` columns), which are claims
for reconciliation, not truth.

Units: money stays whole KRW (``Int64``); head counts are persons (``Int64``); every rate and
share is a float **in percent** (0-100), NaN where its base is zero or missing; differences of
rates are in percentage points.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from .departments import DEPARTMENTS

Basis = Literal["committed", "spent"]
BASES: tuple[str, ...] = ("committed", "spent")
NEW = "순증"  # 2022 base is zero
GONE = "전액 감소"  # 2023 is zero
UP = "증가"
DOWN = "감소"
SAME = "변동 없음"


def rate_pct(numerator: pd.Series | float, denominator: pd.Series | float) -> pd.Series | float:
    """Return ``numerator / denominator`` in percent; NaN where the denominator is 0 or missing.

    Works on scalars and on aligned Series (a float Series is returned).
    """
    if isinstance(numerator, pd.Series) or isinstance(denominator, pd.Series):
        index = numerator.index if isinstance(numerator, pd.Series) else denominator.index
        num = _float_series(numerator, index)
        den = _float_series(denominator, index)
        den = den.where(den != 0)
        return num.div(den).mul(100.0)
    if numerator is None or denominator is None or pd.isna(numerator) or pd.isna(denominator):
        return float("nan")
    if float(denominator) == 0:
        return float("nan")
    return float(numerator) / float(denominator) * 100.0


def _float_series(value: pd.Series | float, index: pd.Index) -> pd.Series:
    if isinstance(value, pd.Series):
        return pd.to_numeric(value, errors="coerce").astype("float64")
    scalar = float("nan") if value is None or pd.isna(value) else float(value)
    return pd.Series(scalar, index=index, dtype="float64")


def year_elapsed_pct(as_of: date) -> float:
    """Return the share of the fiscal year (1 Jan - 31 Dec) elapsed at the end of ``as_of``,
    in percent: 2023-05-31 is day 151 of 365, 41.37 %.
    """
    days_in_year = 366 if calendar.isleap(as_of.year) else 365
    day_of_year = as_of.timetuple().tm_yday
    return day_of_year / days_in_year * 100.0


def department_rank(values: pd.Series) -> pd.Series:
    """Return each canonical department's position in the report (0-7); unknown names last."""
    order = {name: i for i, name in enumerate(DEPARTMENTS)}
    return values.map(lambda name: order.get(name, len(order))).astype("int64")


def order_by_department(frame: pd.DataFrame, column: str = "department") -> pd.DataFrame:
    """Return ``frame`` sorted by the report's department order (stable within a department)."""
    ranks = department_rank(frame[column])
    return frame.iloc[np.argsort(ranks.to_numpy(), kind="stable")]


def for_department(frame: pd.DataFrame, department: str | None) -> pd.DataFrame:
    """Return the rows of ``department`` (a canonical name); all rows when it is None.

    Raises KeyError when a department is asked of a table that has no ``department`` column.
    """
    if department is None:
        return frame.copy()
    if "department" not in frame:
        raise KeyError("this table has no department column; it covers the whole bureau")
    return frame[frame["department"] == department].copy()


def with_execution_rates(expenditure: pd.DataFrame) -> pd.DataFrame:
    """Return the programs with ``committed_rate`` and ``spent_rate`` (percent of budget)."""
    out = expenditure.copy()
    out["committed_rate"] = rate_pct(out["committed"], out["budget"])
    out["spent_rate"] = rate_pct(out["spent"], out["budget"])
    return out


def execution_by(expenditure: pd.DataFrame,
                 by: Sequence[str] = ("department", "account")) -> pd.DataFrame:
    """Return budget, committed and spent (KRW) summed over ``by``, with the number of
    programs and the committed and spent rates (percent), departments in report order.
    """
    keys = list(by)
    grouped = (expenditure.groupby(keys, sort=False, observed=True)
               .agg(programs=("program", "size"), budget=("budget", "sum"),
                    committed=("committed", "sum"), spent=("spent", "sum"))
               .reset_index())
    for column in ("budget", "committed", "spent"):
        grouped[column] = grouped[column].astype("Int64")
    grouped["programs"] = grouped["programs"].astype("Int64")
    grouped = with_execution_rates(grouped)
    if "department" in keys:
        grouped = order_by_department(grouped)
    return grouped.reset_index(drop=True)


def execution_total(expenditure: pd.DataFrame) -> dict[str, float | int]:
    """Return the bureau's totals: budget, committed, spent (KRW), programs, and the
    committed and spent rates (percent)."""
    budget = int(expenditure["budget"].sum())
    committed = int(expenditure["committed"].sum())
    spent = int(expenditure["spent"].sum())
    return {"programs": len(expenditure), "budget": budget, "committed": committed,
            "spent": spent, "committed_rate": rate_pct(committed, budget),
            "spent_rate": rate_pct(spent, budget)}


def check_basis(basis: str) -> str:
    """Return ``basis`` if it is 'committed' or 'spent'; ValueError naming the choices."""
    if basis not in BASES:
        raise ValueError(f"basis {basis!r} is not an execution basis; choose one of "
                         f"{', '.join(BASES)}")
    return basis


def pace_table(expenditure: pd.DataFrame, as_of: date, basis: str = "committed") -> pd.DataFrame:
    """Return every program with its execution ``rate`` on ``basis`` (percent), the share of
    the year ``elapsed`` (percent) and ``gap_pp`` = rate − elapsed (percentage points;
    negative: behind pace). Programs with no budget have NaN rate and gap.
    """
    check_basis(basis)
    out = with_execution_rates(expenditure)
    out["rate"] = out[f"{basis}_rate"]
    out["elapsed"] = year_elapsed_pct(as_of)
    out["gap_pp"] = out["rate"] - out["elapsed"]
    return out


def behind_pace(expenditure: pd.DataFrame, as_of: date, threshold_pp: float = 20.0,
                basis: str = "committed") -> pd.DataFrame:
    """Return the programs whose execution rate trails the share of the year elapsed at
    ``as_of`` by more than ``threshold_pp`` percentage points, furthest behind first
    (ties: larger budget first). Columns as :func:`pace_table`.

    Raises ValueError for a negative or non-finite threshold or an unknown basis.
    """
    threshold = float(threshold_pp)
    if not np.isfinite(threshold) or threshold < 0:
        raise ValueError(f"threshold_pp {threshold_pp!r} must be a number of percentage "
                         "points ≥ 0 (e.g. 20)")
    table = pace_table(expenditure, as_of, basis)
    flagged = table[table["gap_pp"] < -threshold]
    return flagged.sort_values(["gap_pp", "budget"], ascending=[True, False],
                               kind="stable").reset_index(drop=True)


def change_status(new: float | int, old: float | int) -> str:
    """Return how a figure moved from 2022 (``old``) to 2023 (``new``): '순증' (new, no 2022
    base), '전액 감소' (gone in 2023), '증가', '감소' or '변동 없음'."""
    if old == 0 and new != 0:
        return NEW
    if new == 0 and old != 0:
        return GONE
    if new > old:
        return UP
    if new < old:
        return DOWN
    return SAME


def with_changes(frame: pd.DataFrame, new: str = "budget_2023",
                 old: str = "budget_2022") -> pd.DataFrame:
    """Return ``frame`` with ``change`` = new − old (same unit), ``change_rate`` (percent of
    old; NaN where old is 0) and ``status`` (see :func:`change_status`)."""
    out = frame.copy()
    out["change"] = (out[new] - out[old]).astype("Int64")
    out["change_rate"] = rate_pct(out["change"], out[old])
    out["status"] = [change_status(n, o) for n, o in zip(out[new], out[old], strict=True)]
    return out


def budget_changes(expenditure_summary: pd.DataFrame,
                   by: Sequence[str] = ("department",)) -> pd.DataFrame:
    """Return the 2023 and 2022 budgets (KRW) summed over ``by`` with their change
    (KRW), change rate (percent) and status, departments in report order."""
    keys = list(by)
    grouped = (expenditure_summary.groupby(keys, sort=False)[["budget_2023", "budget_2022"]]
               .sum().reset_index())
    grouped = with_changes(grouped)
    if "department" in keys:
        grouped = order_by_department(grouped)
    return grouped.reset_index(drop=True)


REVENUE_LEVELS: tuple[str, ...] = ("category", "subcategory", "detail_category", "item")


def revenue_changes(revenue: pd.DataFrame, level: str = "detail_category") -> pd.DataFrame:
    """Return revenue budgets (KRW) summed down to ``level`` (category, subcategory,
    detail_category or item) with change, change rate (percent) and status, in report order.
    At the item level every line stays a row (with its ``source_line``).
    """
    if level not in REVENUE_LEVELS:
        raise ValueError(f"level {level!r} is not a revenue level; choose one of "
                         f"{', '.join(REVENUE_LEVELS)}")
    keys = list(REVENUE_LEVELS[: REVENUE_LEVELS.index(level) + 1])
    if level == "item":
        # Line items are the finest level: keep every row, even two the source prints
        # without a label under the same category (they are different lines).
        return with_changes(revenue[[*keys, "budget_2023", "budget_2022", "source_line"]]
                            ).reset_index(drop=True)
    grouped = (revenue.groupby(keys, sort=False)[["budget_2023", "budget_2022"]]
               .sum().reset_index())
    return with_changes(grouped).reset_index(drop=True)


def biggest_changes(changes: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` rows of a :func:`with_changes` table with the largest absolute change
    (ties keep their order), largest first."""
    magnitude = changes["change"].astype("float64").abs()
    order = np.argsort(-magnitude.to_numpy(), kind="stable")
    return changes.iloc[order[:n]].reset_index(drop=True)


def staffing_gaps(staffing: pd.DataFrame) -> pd.DataFrame:
    """Return staffing with ``shortage`` = 정원 − 현원 (persons; positive: posts unfilled,
    negative: over strength) and ``fill_rate`` = 현원 / 정원 (percent), in report order."""
    out = order_by_department(staffing).copy()
    out["shortage"] = (out["authorized"] - out["current"]).astype("Int64")
    out["fill_rate"] = rate_pct(out["current"], out["authorized"])
    return out.reset_index(drop=True)


def headcount_matrix(staffing_by_category: pd.DataFrame) -> pd.DataFrame:
    """Return staff in post (persons) as a department × job category table: departments in
    report order as rows, job categories in the report's column order as columns."""
    categories = list(dict.fromkeys(staffing_by_category["job_category"]))
    matrix = staffing_by_category.pivot_table(index="department", columns="job_category",
                                              values="headcount", aggfunc="sum",
                                              fill_value=0, sort=False)
    rows = [d for d in DEPARTMENTS if d in matrix.index]
    matrix = matrix.reindex(index=rows, columns=categories).fillna(0).astype("int64")
    matrix.index.name = "department"
    matrix.columns.name = "job_category"
    return matrix


def job_category_totals(staffing_by_category: pd.DataFrame) -> pd.DataFrame:
    """Return staff in post per job group and category (persons) and each one's share of all
    staff (percent), in the report's column order."""
    totals = (staffing_by_category.groupby(["job_group", "job_category"], sort=False)
              ["headcount"].sum().reset_index())
    totals["headcount"] = totals["headcount"].astype("Int64")
    totals["share"] = rate_pct(totals["headcount"], float(totals["headcount"].sum()))
    return totals


SETTLEMENT_MONEY: tuple[str, ...] = ("budget", "spent", "carried_over", "subsidy_returned",
                                     "unspent")


def settlement_rates(settlement: pd.DataFrame,
                     by: Sequence[str] = ("department", "account")) -> pd.DataFrame:
    """Return the 2022 settlement summed over ``by`` (KRW) with:

    - ``unspent_recomputed`` = A − B − C − D (KRW), the formula the header prints;
    - ``spent_rate`` = B / A, ``carried_over_share`` = C / A, ``subsidy_share`` = D / A and
      ``unspent_share`` = E / A (percent);
    - ``execution_rate`` = (A − E) / A (percent): the definition the document's printed
      집행률 follows row by row (its header's 'F=B/C/A' is garbled).
    """
    keys = list(by)
    grouped = (settlement.groupby(keys, sort=False)[list(SETTLEMENT_MONEY)].sum()
               .reset_index())
    for column in SETTLEMENT_MONEY:
        grouped[column] = grouped[column].astype("Int64")
    grouped["unspent_recomputed"] = (grouped["budget"] - grouped["spent"]
                                     - grouped["carried_over"]
                                     - grouped["subsidy_returned"]).astype("Int64")
    grouped["spent_rate"] = rate_pct(grouped["spent"], grouped["budget"])
    grouped["carried_over_share"] = rate_pct(grouped["carried_over"], grouped["budget"])
    grouped["subsidy_share"] = rate_pct(grouped["subsidy_returned"], grouped["budget"])
    grouped["unspent_share"] = rate_pct(grouped["unspent"], grouped["budget"])
    grouped["execution_rate"] = rate_pct(grouped["budget"] - grouped["unspent"],
                                         grouped["budget"])
    if "department" in keys:
        grouped = order_by_department(grouped)
    return grouped.reset_index(drop=True)


def collection_rates(settlement_revenue: pd.DataFrame) -> pd.DataFrame:
    """Return 2022 revenue lines with ``collection_rate`` = collected / assessed and
    ``assessed_vs_budget`` = assessed / budget (percent)."""
    out = settlement_revenue.copy()
    out["collection_rate"] = rate_pct(out["collected"], out["assessed"])
    out["assessed_vs_budget"] = rate_pct(out["assessed"], out["budget"])
    return out


def headline_figures(tables: dict[str, pd.DataFrame], as_of: date,
                     department: str | None = None) -> dict[str, float | int]:
    """Return the bureau's (or one department's) headline figures from a report's tables:

    ``authorized``, ``current``, ``shortage`` (persons); ``fill_rate`` (percent);
    ``revenue_2023``, ``revenue_2022`` (KRW, the bureau's, as revenue is not split by
    department); ``budget_2023``, ``budget_2022``, ``committed``, ``spent`` (KRW, from the
    program table; the 2022 budget from the summary); ``committed_rate``, ``spent_rate``,
    ``budget_change_rate`` and ``year_elapsed`` (percent); ``programs`` (count).
    """
    staffing = for_department(tables["staffing"], department)
    programs = for_department(tables["expenditure"], department)
    summary = for_department(tables["expenditure_summary"], department)
    totals = execution_total(programs)
    authorized = int(staffing["authorized"].sum())
    current = int(staffing["current"].sum())
    budget_2022 = int(summary["budget_2022"].sum())
    return {
        "authorized": authorized,
        "current": current,
        "shortage": authorized - current,
        "fill_rate": rate_pct(current, authorized),
        "revenue_2023": int(tables["revenue"]["budget_2023"].sum()),
        "revenue_2022": int(tables["revenue"]["budget_2022"].sum()),
        "programs": totals["programs"],
        "budget_2023": totals["budget"],
        "budget_2022": budget_2022,
        "budget_change_rate": rate_pct(totals["budget"] - budget_2022, budget_2022),
        "committed": totals["committed"],
        "spent": totals["spent"],
        "committed_rate": totals["committed_rate"],
        "spent_rate": totals["spent_rate"],
        "year_elapsed": year_elapsed_pct(as_of),
    }


# Job categories of technical and specialist series (직렬) in the staffing table.
SPECIALIST_CATEGORIES: tuple[str, ...] = ("전산", "방송통신", "지적", "연구직", "전문경력관")


def specialist_share(staffing_by_category: pd.DataFrame,
                     categories: Sequence[str] = SPECIALIST_CATEGORIES) -> pd.DataFrame:
    """Return per department (report order) ``headcount`` (all staff in post), ``specialists``
    (persons in ``categories``) and ``specialist_share`` (percent of headcount)."""
    frame = staffing_by_category.assign(
        specialist=staffing_by_category["headcount"].where(
            staffing_by_category["job_category"].isin(list(categories)), 0))
    grouped = (frame.groupby("department", sort=False)
               .agg(headcount=("headcount", "sum"), specialists=("specialist", "sum"))
               .reset_index())
    grouped["headcount"] = grouped["headcount"].astype("Int64")
    grouped["specialists"] = grouped["specialists"].astype("Int64")
    grouped["specialist_share"] = rate_pct(grouped["specialists"], grouped["headcount"])
    return order_by_department(grouped).reset_index(drop=True)


def largest_programs(expenditure: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` programs with the largest budget (ties: report order), with
    ``budget_share`` = budget / all programs' budget in ``expenditure`` (percent) and the
    execution rates (percent)."""
    out = with_execution_rates(expenditure)
    out["budget_share"] = rate_pct(out["budget"], float(out["budget"].sum()))
    order = np.argsort(-out["budget"].astype("float64").to_numpy(), kind="stable")
    return out.iloc[order[:n]].reset_index(drop=True)


def department_overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return one row per department (report order): ``authorized``, ``current``,
    ``surplus`` (printed 현원 − 정원), ``shortage`` (정원 − 현원) (persons); ``budget``,
    ``committed``, ``spent`` (KRW, programs summed),
    ``committed_rate``, ``spent_rate`` (percent), ``programs`` and ``duties`` (counts)."""
    staffing = staffing_gaps(tables["staffing"])[["department", "authorized", "current",
                                                  "surplus", "shortage"]]
    spending = execution_by(tables["expenditure"], by=["department"])[
        ["department", "programs", "budget", "committed", "spent", "committed_rate",
         "spent_rate"]]
    duties = (tables["duties"].groupby("department", sort=False).size()
              .rename("duties").reset_index())
    frame = pd.DataFrame({"department": list(DEPARTMENTS)})
    for part in (staffing, spending, duties):
        frame = frame.merge(part, on="department", how="left")
    for column in ("authorized", "current", "surplus", "shortage", "budget", "committed",
                   "spent", "programs", "duties"):
        frame[column] = frame[column].astype("Int64")
    return frame

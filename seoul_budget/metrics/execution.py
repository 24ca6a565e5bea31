"""세출 execution: budgets, committed and spent by program and department, execution rates
against the share of the year elapsed, programs behind pace and the largest programs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from .common import (
    fiscal_year_of,
    order_by_department,
    points_change,
    rate_pct,
    year_elapsed_pct,
)

BASES: tuple[str, ...] = ("committed", "spent")


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


def pace_table(expenditure: pd.DataFrame, as_of: date, basis: str = "committed") -> pd.DataFrame:
    """Return every program with its execution ``rate`` on ``basis`` (percent), the share of
    its fiscal year ``elapsed`` at ``as_of`` (percent) and ``gap_pp`` = rate − elapsed
    (percentage points, from the two rates as shown: :func:`points_change`; negative: behind
    pace). Programs with no budget have NaN rate and gap.
    """
    if basis not in BASES:
        raise ValueError(f"basis {basis!r} is not an execution basis; choose one of "
                         f"{', '.join(BASES)}")
    out = with_execution_rates(expenditure)
    out["rate"] = out[f"{basis}_rate"]
    out["elapsed"] = year_elapsed_pct(as_of, fiscal_year_of(expenditure))
    out["gap_pp"] = points_change(out["rate"], out["elapsed"])
    return out


def behind_pace(expenditure: pd.DataFrame, as_of: date, threshold_pp: float = 20.0,
                basis: str = "committed") -> pd.DataFrame:
    """Return the programs whose execution rate trails the share of the year elapsed at
    ``as_of`` by more than ``threshold_pp`` percentage points, furthest behind first (the
    gap as shown, then the lower rate, then the larger budget). Columns as
    :func:`pace_table`.

    Raises ValueError for a negative or non-finite threshold or an unknown basis.
    """
    threshold = float(threshold_pp)
    if not np.isfinite(threshold) or threshold < 0:
        raise ValueError(f"threshold_pp {threshold_pp!r} must be a number of percentage "
                         "points ≥ 0 (e.g. 20)")
    table = pace_table(expenditure, as_of, basis)
    flagged = table[table["gap_pp"] < -threshold]
    # the gap as shown ties where the rates differ in a hidden decimal: the lower rate first
    return flagged.sort_values(["gap_pp", "rate", "budget"], ascending=[True, True, False],
                               kind="stable").reset_index(drop=True)


def largest_programs(expenditure: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` programs with the largest budget (ties: report order), with
    ``budget_share`` = budget / all programs' budget in ``expenditure`` (percent) and the
    execution rates (percent)."""
    out = with_execution_rates(expenditure)
    out["budget_share"] = rate_pct(out["budget"], float(out["budget"].sum()))
    order = np.argsort(-out["budget"].astype("float64").to_numpy(), kind="stable")
    return out.iloc[order[:n]].reset_index(drop=True)

"""The 2022 settlement: where each department's budget went (spent, carried over, returned,
unspent) and how much assessed revenue was collected."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .common import order_by_department, rate_pct

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

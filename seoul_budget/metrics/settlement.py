"""The settlement (of the year before the budget's): where each department's budget went
(spent, carried over, returned, unspent) and how much assessed revenue was collected.

A small bureau's 세출결산 may print its 총계 row alone (:func:`prints_total_only`): the
bureau's figures are that row's, and no department has any."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .common import order_by_department, rate_pct
from .printed import TotalRow, printed_row, total_row

SETTLEMENT_MONEY: tuple[str, ...] = ("budget", "spent", "carried_over", "subsidy_returned",
                                     "unspent")


def settlement_rates(settlement: pd.DataFrame,
                     by: Sequence[str] = ("department", "account")) -> pd.DataFrame:
    """Return the settlement summed over ``by`` (KRW) with:

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
    grouped = with_settlement_figures(grouped)
    if "department" in keys:
        grouped = order_by_department(grouped)
    return grouped.reset_index(drop=True)


def with_settlement_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` (columns A–E in KRW) with the recomputed unspent and the rates of
    :func:`settlement_rates`."""
    out = frame.copy()
    out["unspent_recomputed"] = (out["budget"] - out["spent"] - out["carried_over"]
                                 - out["subsidy_returned"])
    out["spent_rate"] = rate_pct(out["spent"], out["budget"])
    out["carried_over_share"] = rate_pct(out["carried_over"], out["budget"])
    out["subsidy_share"] = rate_pct(out["subsidy_returned"], out["budget"])
    out["unspent_share"] = rate_pct(out["unspent"], out["budget"])
    out["execution_rate"] = rate_pct(out["budget"] - out["unspent"], out["budget"])
    return out


def settlement_total(printed_totals: pd.DataFrame, lines: pd.DataFrame, key: str = "계",
                     corrections: pd.DataFrame | None = None) -> TotalRow:
    """Return the settlement's 계 row (or subtotal ``key``) as printed, errata applied
    (see :func:`~.printed.total_row`), with the figures of :func:`with_settlement_figures`
    computed from it."""
    row = total_row(printed_totals, "settlement_expenditure", lines,
                    list(SETTLEMENT_MONEY), key=key, corrections=corrections)
    figures = with_settlement_figures(pd.DataFrame(
        [{column: float(row.value(column) or 0) for column in SETTLEMENT_MONEY}]))
    row.values.update({column: float(figures[column].iloc[0]) for column in figures
                       if column not in SETTLEMENT_MONEY})
    return row


def prints_total_only(rows: pd.DataFrame, printed_totals: pd.DataFrame,
                      table: str = "settlement_expenditure") -> bool:
    """Return True when a settlement table (세출결산, or ``table`` 'settlement_revenue')
    prints its 계 row and no other row: ``rows`` is the whole table (not one department's
    rows), ``printed_totals`` the report's."""
    return not len(rows) and printed_row(printed_totals, table)[1] is not None


def split_by_account(by_account: pd.DataFrame) -> list[str]:
    """Return the departments a department × account table holds more than one row for (the
    settlement prints their accounts separately), in the table's order."""
    split = by_account[by_account.duplicated("department", keep=False)]
    return [str(name) for name in dict.fromkeys(split["department"])]


def collection_rates(settlement_revenue: pd.DataFrame) -> pd.DataFrame:
    """Return the settled revenue lines with ``collection_rate`` = collected / assessed and
    ``assessed_vs_budget`` = assessed / budget (percent)."""
    out = settlement_revenue.copy()
    out["collection_rate"] = rate_pct(out["collected"], out["assessed"])
    out["assessed_vs_budget"] = rate_pct(out["assessed"], out["budget"])
    return out

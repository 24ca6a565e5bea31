"""This year's budget against the year before's (the fiscal year's ``budget`` against its
``previous_budget``): changes by department and revenue line, with a status a reader
understands (순증, 전액 감소, 증가, 감소, 변동 없음)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .common import order_by_department, rate_pct

NEW = "순증"  # the year before's base is zero
GONE = "전액 감소"  # this year's figure is zero
UP = "증가"
DOWN = "감소"
SAME = "변동 없음"


def change_status(new: float | int, old: float | int) -> str:
    """Return how a figure moved from the year before (``old``) to this year (``new``):
    '순증' (new, no base the year before), '전액 감소' (gone this year), '증가', '감소' or
    '변동 없음'."""
    if old == 0 and new != 0:
        return NEW
    if new == 0 and old != 0:
        return GONE
    if new > old:
        return UP
    if new < old:
        return DOWN
    return SAME


def with_changes(frame: pd.DataFrame, new: str = "budget",
                 old: str = "previous_budget") -> pd.DataFrame:
    """Return ``frame`` with ``change`` = new − old (same unit), ``change_rate`` (percent of
    old; NaN where old is 0) and ``status`` (see :func:`change_status`)."""
    out = frame.copy()
    out["change"] = (out[new] - out[old]).astype("Int64")
    out["change_rate"] = rate_pct(out["change"], out[old])
    out["status"] = [change_status(n, o) for n, o in zip(out[new], out[old], strict=True)]
    return out


def budget_changes(expenditure_summary: pd.DataFrame,
                   by: Sequence[str] = ("department",)) -> pd.DataFrame:
    """Return this year's and the year before's budgets (``budget``, ``previous_budget``,
    KRW) summed over ``by`` with their change (KRW), change rate (percent) and status,
    departments in report order."""
    keys = list(by)
    grouped = (expenditure_summary.groupby(keys, sort=False)[["budget", "previous_budget"]]
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
        return with_changes(revenue[[*keys, "budget", "previous_budget", "source_line"]]
                            ).reset_index(drop=True)
    grouped = (revenue.groupby(keys, sort=False, dropna=False)[["budget", "previous_budget"]]
               .sum().reset_index())
    return with_changes(grouped).reset_index(drop=True)


def biggest_changes(changes: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` rows of a :func:`with_changes` table with the largest absolute change
    (ties keep their order), largest first."""
    magnitude = changes["change"].astype("float64").abs()
    order = np.argsort(-magnitude.to_numpy(), kind="stable")
    return changes.iloc[order[:n]].reset_index(drop=True)

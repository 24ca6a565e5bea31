"""What every metric shares: rates in percent, the share of the year elapsed, and the report's
department order (narrowing to one department: :func:`seoul_budget.departments.for_department`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..departments import department_choices
from ..fiscal import year_elapsed_pct
from ..formatting import shown_points

__all__ = ["change_pct", "department_rank", "fiscal_year_of", "order_by_department",
           "points_change", "rate_pct", "year_elapsed_pct"]

RATE_DECIMALS = 1  # rates are shown with one decimal, as the report prints them


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


def points_change(now_pct: pd.Series | float, before_pct: pd.Series | float,
                  decimals: int = RATE_DECIMALS) -> pd.Series | float:
    """Return ``now_pct − before_pct`` in percentage points, computed from the two rates as a
    table beside the change shows them (:func:`seoul_budget.formatting.shown_points`): each
    rounded half away from zero to ``decimals`` places first, so 54.44 against 40.76 (shown
    54.4 and 40.8) is 13.6, never 13.7.

    Works on scalars (a float, NaN where either rate is missing) and on aligned Series (a
    float Series). Every %p change a page or a table shows comes from here; the build's
    index, which loads no pandas, calls ``shown_points`` itself.
    """
    if isinstance(now_pct, pd.Series) or isinstance(before_pct, pd.Series):
        index = now_pct.index if isinstance(now_pct, pd.Series) else before_pct.index
        now = _float_series(now_pct, index)
        before = _float_series(before_pct, index)
        return pd.Series([points_change(a, b, decimals) for a, b in zip(now, before, strict=True)],
                         index=index, dtype="float64")
    return shown_points(now_pct, before_pct, decimals)


def fiscal_year_of(table: pd.DataFrame) -> int | None:
    """Return the fiscal year a table's rows are for (its ``fiscal_year`` column), or None
    when it has no such column or no row.

    Raises ValueError for rows of two fiscal years (compare them year on year instead).
    """
    if "fiscal_year" not in table or not len(table):
        return None
    years = sorted({int(year) for year in table["fiscal_year"].dropna()})
    if len(years) > 1:
        raise ValueError(f"the rows are of fiscal years {years}, not of one")
    return years[0] if years else None


def change_pct(after: float, before: float) -> float:
    """Return the change from ``before`` to ``after`` in percent of ``before`` (NaN when
    ``before`` is 0 or missing): last year's budget to this year's, 순증 has no base."""
    if after is None or before is None or pd.isna(after) or pd.isna(before):
        return float("nan")
    return rate_pct(float(after) - float(before), before)


def _float_series(value: pd.Series | float, index: pd.Index) -> pd.Series:
    if isinstance(value, pd.Series):
        return pd.to_numeric(value, errors="coerce").astype("float64")
    scalar = float("nan") if value is None or pd.isna(value) else float(value)
    return pd.Series(scalar, index=index, dtype="float64")


def department_rank(values: pd.Series) -> pd.Series:
    """Return each department's position in the report: the column's categories (the
    snapshot's own order) when it is categorical, else as
    :func:`seoul_budget.departments.department_choices` orders plain names."""
    order = {name: i for i, name in enumerate(department_choices(values))}
    return values.map(lambda name: order.get(name, len(order))).astype("int64")


def order_by_department(frame: pd.DataFrame, column: str = "department") -> pd.DataFrame:
    """Return ``frame`` sorted by the report's department order (stable within a department)."""
    ranks = department_rank(frame[column])
    return frame.iloc[np.argsort(ranks.to_numpy(), kind="stable")]

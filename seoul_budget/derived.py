"""Columns a table derives from its own printed figures, the same way whether a row comes from
the parser or from an errata correction: ``staffing.shortage`` (정원 − 현원),
``settlement_expenditure.unspent_rate`` (집행잔액 ÷ 예산현액) and
``expenditure.is_basic_expense`` (기본경비). Pure functions over one row's figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .parse.text import label_key

BASIC_EXPENSE = "기본경비"  # a department's running costs, printed as a program of each account


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def shortage(authorized: Any, current: Any) -> int | None:
    """Return 정원 − 현원 in persons (positive: posts unfilled), None if either is missing."""
    a, c = _number(authorized), _number(current)
    return None if a is None or c is None else int(a - c)


def unspent_rate(unspent: Any, budget: Any) -> float | None:
    """Return 집행잔액(불용) ÷ 예산현액 in percent, None when the budget is 0 or missing."""
    u, b = _number(unspent), _number(budget)
    return None if u is None or not b else u / b * 100.0


def is_basic_expense(program: Any) -> bool:
    """Return True for a department's 기본경비 (running costs; spacing ignored)."""
    return isinstance(program, str) and label_key(program) == BASIC_EXPENSE


# {table: ((derived column, function, the printed columns it reads), …)}
RULES: dict[str, tuple[tuple[str, Callable[..., Any], tuple[str, ...]], ...]] = {
    "staffing": (("shortage", shortage, ("authorized", "current")),),
    "settlement_expenditure": (("unspent_rate", unspent_rate, ("unspent", "budget")),),
    "expenditure": (("is_basic_expense", is_basic_expense, ("program",)),),
}
# {table: the columns derived here}
DERIVED: dict[str, tuple[str, ...]] = {
    table: tuple(column for column, _, _ in rules) for table, rules in RULES.items()}


def with_derived(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows (new dicts) with ``table``'s derived columns set from their figures."""
    rules = RULES.get(table, ())
    return [{**row, **{column: function(*(row.get(name) for name in inputs))
                       for column, function, inputs in rules}} for row in rows]


def rederived(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with ``table``'s derived columns computed again from its
    figures (as corrected), row by row as :func:`with_derived` computes them."""
    return frame.assign(**{
        column: [function(*args) for args in zip(*(frame[name].tolist() for name in inputs),
                                                 strict=True)]
        for column, function, inputs in RULES.get(table, ())})

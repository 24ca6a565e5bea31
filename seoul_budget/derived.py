"""Columns a table derives from its own printed figures, the same way whether a row comes from
the parser or from an errata correction: ``staffing.shortage`` (정원 − 현원),
``settlement_expenditure_2022.unspent_rate`` (집행잔액 ÷ 예산현액) and
``expenditure.is_basic_expense`` (기본경비). Pure functions over one row (a dict)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .parse.text import label_key

BASIC_EXPENSE = "기본경비"  # a department's running costs, printed as a program of each account

# {table: the columns derived here}
DERIVED: dict[str, tuple[str, ...]] = {
    "staffing": ("shortage",),
    "settlement_expenditure_2022": ("unspent_rate",),
    "expenditure": ("is_basic_expense",),
}
# {table: the printed columns they are derived from}
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "staffing": ("authorized", "current"),
    "settlement_expenditure_2022": ("unspent", "budget"),
    "expenditure": ("program",),
}


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


def derived_values(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Return {column: value} of the columns ``table`` derives, computed from one row."""
    if table == "staffing":
        return {"shortage": shortage(row.get("authorized"), row.get("current"))}
    if table == "settlement_expenditure_2022":
        return {"unspent_rate": unspent_rate(row.get("unspent"), row.get("budget"))}
    if table == "expenditure":
        return {"is_basic_expense": is_basic_expense(row.get("program"))}
    return {}


def with_derived(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows (new dicts) with ``table``'s derived columns set from their figures."""
    if table not in DERIVED:
        return rows
    return [{**row, **derived_values(table, row)} for row in rows]

"""Row keys: a readable path that names one row of a line-item table.

Findings and the errata ledger name a figure by ``table``, ``key``, ``column`` and
``source_line``; the key is the row's place in its table's hierarchy, joined by ' > ' the way
``printed_totals`` keys are ('기후센터 > 일반회계 > 기본경비').
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

SEP = " > "
UNLABELLED = "(항목명 없음)"  # a line item the source prints without a label


def _join(*parts: Any) -> str:
    """Return the texts among ``parts`` joined (an empty or missing part left out)."""
    return SEP.join(str(p) for p in parts if isinstance(p, str) and p)


def _revenue(row: pd.Series) -> str:
    return _join(row["category"], row["subcategory"], row["detail_category"], row["item"])


def _settlement_revenue(row: pd.Series) -> str:
    item = row["item"] if row["item"] != row["category"] else ""
    return _join(row["account"], row["category"], item)


_KEYS: dict[str, Callable[[pd.Series], str]] = {
    "staffing": lambda r: r["department"],
    "staffing_by_category": lambda r: _join(r["department"], r["job_category"]),
    "staffing_facts": lambda r: r["metric"],
    "duties": lambda r: _join(r["department"], str(r["duty_number"])),
    "revenue": _revenue,
    "revenue_summary": _revenue,
    "expenditure": lambda r: _join(r["department"], r["account"], r["program"]),
    "expenditure_summary": lambda r: _join(r["department"], r["account"]),
    "settlement_revenue": _settlement_revenue,
    "settlement_expenditure": lambda r: _join(r["department"], r["account"]),
    "projects": lambda r: f"{int(r['number'])}. {r['title']}",
    "project_metrics": lambda r: _join(str(int(r["project"])), r["metric"], r["period"]),
}

KEYED_TABLES = frozenset(_KEYS)  # the tables whose rows have a key


def row_keys(table: str, frame: pd.DataFrame,
             printed_keys: set[str] | None = None) -> pd.Series:
    """Return the key of every row of a line-item table (a Series of str, same index).

    A revenue item printed without a label is keyed '<category path> > (항목명 없음)': a row
    with no item whose category path is also a printed subtotal (``printed_keys``, which every
    caller keying revenue passes) is an item beneath that subtotal, not the category itself.
    """
    if table == "printed_totals":
        return frame["key"].astype(str)
    make = _KEYS[table]
    # a list over the rows as dicts built from each column's list: DataFrame.apply, and even
    # to_dict("records"), cost more than the keys themselves
    names = list(frame.columns)
    columns = [frame[name].tolist() for name in names]
    rows = (dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True))
    keys = pd.Series([make(row) for row in rows], index=frame.index, dtype=object)
    if table == "revenue" and len(frame):
        item = frame["item"].astype("string").fillna("")
        unlabelled = item.eq("").to_numpy() & keys.isin(printed_keys or set()).to_numpy()
        keys = keys.where(~unlabelled, keys + SEP + UNLABELLED)
    return keys.astype(str)

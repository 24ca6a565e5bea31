"""The ``departments`` table of a snapshot: its departments in report order, with the spellings
the aliases file maps to each and the reorganisation map's dates — what a DuckDB or polars
reader joins to get the report's order (``ORDER BY d."order"``) and what the data package's
foreign keys point at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .reorganisation import Reorganisation

SEPARATOR = " | "


def departments_table(departments: Sequence[str], spellings: Mapping[str, str],
                      changes: Sequence[Reorganisation]) -> pd.DataFrame:
    """Return one row per department in the given (report) order: ``order`` (1-based),
    ``department``, ``spellings`` (the aliases' printed forms ``spellings`` {form: canonical}
    maps to it), ``former_names`` (names the map renamed or merged into it), ``valid_from``
    (the latest change that gave it its name) and ``valid_to`` (the first change that took
    its name away), dates at midnight; missing text and dates as <NA>/NaT. Not validated
    here: :func:`seoul_budget.validate.validate` does that."""
    rows = []
    for position, name in enumerate(departments, start=1):
        forms = [form for form, canonical in spellings.items() if canonical == name]
        former = [c.old for c in changes if c.new == name and c.old != name]
        starts = [c.effective for c in changes if c.new == name]
        ends = [c.effective for c in changes if c.old == name and c.new != name]
        rows.append({"order": position, "department": name,
                     "spellings": SEPARATOR.join(forms) or None,
                     "former_names": SEPARATOR.join(dict.fromkeys(former)) or None,
                     "valid_from": pd.Timestamp(max(starts)) if starts else pd.NaT,
                     "valid_to": pd.Timestamp(min(ends)) if ends else pd.NaT})
    return pd.DataFrame(rows, columns=["order", "department", "spellings", "former_names",
                                       "valid_from", "valid_to"])

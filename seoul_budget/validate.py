"""Validating a table: pandera checks it against its model in the data dictionary
(:mod:`seoul_budget.schemas`), with the report's own departments, and a failure is named by its
first offending row, so the report's loader can point at that row's line.

Every value takes its column's dtype (an empty text becomes <NA> where a column may be
missing), no value is missing where none is allowed, ``ge``, ``isin``, minimum length, the
report's departments and the row key hold, and the columns are exactly the model's, in order.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from .schemas import ALL_SCHEMAS, DEPARTMENT, column_spec, columns, table_key


class SchemaViolation(ValueError):
    """A table breaks its schema: which table, column and row (index label), which check and
    the offending value as the table held it. ``report.py`` turns it into a located
    ReportParseError."""

    def __init__(self, table: str, check: str, column: str | None = None,
                 row: Hashable | None = None, value: object | None = None,
                 rows: tuple[Hashable, ...] = ()) -> None:
        self.table, self.check, self.column, self.row, self.value = table, check, column, row, value
        self.rows = rows  # for a repeated key: every row that shares it
        where = f"{table}.{column}" if column else table
        super().__init__(f"{where} breaks {check}"
                         + (f" at row {row!r}: {value!r}" if row is not None else ""))


@functools.cache
def table_schema(table: str, departments: tuple[str, ...] | None = None) -> pa.DataFrameSchema:
    """Return the pandera schema a table is validated with: its model's (strict, ordered,
    coercing) and, with ``departments``, its ``department`` column an ordered Categorical of
    them in their order (a name outside them cannot be coerced). KeyError for an unknown
    table."""
    schema = ALL_SCHEMAS[table].to_schema()
    if departments is None or DEPARTMENT not in schema.columns:
        return schema
    return schema.update_column(DEPARTMENT, dtype=pd.CategoricalDtype(
        list(dict.fromkeys(departments)), ordered=True))


def validate(table: str, frame: pd.DataFrame,
             departments: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return a copy of ``frame`` validated by its table's schema (:func:`table_schema`), every
    column in its dtype and the index kept; ``departments``: the names a ``department``
    column may hold (None: any text). Raises SchemaViolation for the first broken rule: a
    column's in column order (its first offending row), then a repeated row key, then
    columns that are not exactly the schema's."""
    schema = table_schema(table, departments)
    try:
        return schema.validate(_missing_text(table, frame), lazy=True)
    except pandera.errors.SchemaErrors as errors:
        raise _violation(table, frame, errors.failure_cases, departments) from None


def from_records(table: str, records: Iterable[Mapping[str, Any]],
                 departments: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return the table built from parsed records (dicts, a missing key a missing value) and
    validated (see :func:`validate`), index 0, 1, …"""
    items = list(records)
    frame = pd.DataFrame({name: pd.Series([item.get(name) for item in items], dtype=object)
                          for name in columns(table)}, index=pd.RangeIndex(len(items)))
    return validate(table, frame, departments)


def _missing_text(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with '' as <NA> in the text columns that may be missing (a copy when
    one changes)."""
    out = frame
    for name in frame.columns:
        spec = column_spec(table, name)
        if spec is None or spec.dtype != "str" or not spec.nullable:
            continue
        empty = frame[name].map(lambda value: isinstance(value, str) and value == "")
        if empty.any():
            out = out.copy() if out is frame else out
            out[name] = frame[name].astype(object).mask(empty, None)
    return out


def _violation(table: str, frame: pd.DataFrame, cases: pd.DataFrame,
               departments: tuple[str, ...] | None) -> SchemaViolation:
    """Return the first failure among pandera's failure cases as a SchemaViolation."""
    order = {name: position for position, name in enumerate(columns(table))}
    positions = {label: position for position, label in enumerate(frame.index)}
    found = cases[(cases["schema_context"] == "Column") & cases["column"].isin(list(order))]
    if len(found):
        first = min(found.to_dict("records"), key=lambda case: (
            order[case["column"]], positions.get(case["index"], len(positions))))
        column = str(first["column"])
        row = (frame.index[positions[first["index"]]] if first["index"] in positions
               else _misfit(table, frame, column, departments))
        value = frame.at[row, column] if row is not None else None
        check = _check_name(table, column, str(first["check"]), departments)
        return SchemaViolation(table, check, column, row, value)
    if (cases["check"] == "multiple_fields_uniqueness").any():
        return _repeated(table, frame)
    return SchemaViolation(table, f"columns {columns(table)}", value=list(frame.columns))


def _check_name(table: str, column: str, check: str,
                departments: tuple[str, ...] | None) -> str:
    """Return how a broken check is named: pandera's name, a value that cannot take its
    column's dtype as ``dtype('Int64')``, a department outside the report's as ``isin``."""
    if check.startswith(("coerce_dtype", "dtype")):
        if column == DEPARTMENT and departments is not None:
            return f"isin({sorted(set(departments))})"
        spec = column_spec(table, column)
        return f"dtype('{spec.dtype if spec is not None else check}')"
    return check


def _misfit(table: str, frame: pd.DataFrame, column: str,
            departments: tuple[str, ...] | None) -> Hashable | None:
    """Return the first row whose value alone cannot take its column's dtype (pandera names
    no row when a whole column fails to coerce), or None."""
    dtype = table_schema(table, departments).columns[column].dtype
    for row, value in frame[column].items():
        try:
            dtype.try_coerce(pd.Series([value], dtype=object))
        except pandera.errors.ParserError:
            return row
    return None


def _repeated(table: str, frame: pd.DataFrame) -> SchemaViolation:
    """Return the violation of the first row key that repeats, naming every row that has it."""
    key = list(table_key(table))
    keys = list(frame[key].itertuples(index=False, name=None))
    seen: set[tuple[Any, ...]] = set()
    for position, values in enumerate(keys):
        if values in seen:
            rows = tuple(frame.index[p] for p, other in enumerate(keys) if other == values)
            return SchemaViolation(table, f"unique {key}", row=frame.index[position], rows=rows)
        seen.add(values)
    return SchemaViolation(table, f"unique {key}")

"""Check a table against its schema in the data dictionary, fast, while building it: every
value takes its column's dtype (an empty text becomes <NA> where a column may be missing), no
value is missing where none is allowed, and ``ge``,
``isin``, minimum length, the report's own departments and the row key hold.

The same guarantees as pandera's ``DataFrameSchema(strict=True, ordered=True, coerce=True)``
built from the same dictionary (:func:`seoul_budget.schemas.table_schema`, which the tests
validate with). A report's tables hold a few thousand values, so the checks run on Python
lists — pandas' per-call overhead would cost more than the work — and each DataFrame is
built once, from typed arrays.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .schemas import ALL_SCHEMAS, ColumnSpec


class SchemaViolation(ValueError):
    """A table breaks its schema: which table, column and row (index label), which check and
    the offending value. ``report.py`` turns it into a located ReportParseError."""

    def __init__(self, table: str, check: str, column: str | None = None,
                 row: Hashable | None = None, value: object | None = None,
                 rows: tuple[Hashable, ...] = ()) -> None:
        self.table, self.check, self.column, self.row, self.value = table, check, column, row, value
        self.rows = rows  # for a repeated key: every row that shares it
        where = f"{table}.{column}" if column else table
        super().__init__(f"{where} breaks {check}"
                         + (f" at row {row!r}: {value!r}" if row is not None else ""))


def is_missing(value: object) -> bool:
    """Return True for None, pd.NA and NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


@functools.lru_cache(maxsize=64)
def _department_dtype(departments: tuple[str, ...]) -> tuple[pd.CategoricalDtype,
                                                               dict[str, int]]:
    """Return the ordered categorical dtype of a report's departments (in its order) and
    each department's code: built once per organisation, not for every table."""
    names = list(dict.fromkeys(departments))
    return (pd.CategoricalDtype(names, ordered=True),
            {name: code for code, name in enumerate(names)})


def _typed(spec: ColumnSpec, values: list[Any],
           departments: tuple[str, ...] | None = None) -> Any:
    """Return the values as an array of the column's dtype (TypeError/ValueError if one
    cannot take it); a department column with its ``departments`` known becomes an ordered
    Categorical in their (the report's) order."""
    if spec.department and departments is not None:
        dtype, codes = _department_dtype(departments)
        try:
            return pd.Categorical.from_codes(
                [-1 if is_missing(v) else codes[v] for v in values], dtype=dtype)
        except (KeyError, TypeError):
            raise ValueError("a department outside the report's organisation") from None
    if spec.dtype == "bool":
        return np.array(values, dtype=bool)
    if spec.dtype == "str":
        if not all(type(v) is str for v in values):
            values = [v if is_missing(v) or isinstance(v, str) else str(v) for v in values]
        return pd.array(values, dtype="str")
    if spec.dtype == "Int64" and all(type(v) is int for v in values):
        # the common case, every value a Python int: no per-value inference (pd.array would
        # give the same array; a value too large for int64 raises OverflowError as there)
        return pd.arrays.IntegerArray(np.array(values, dtype=np.int64),
                                      np.zeros(len(values), dtype=bool))
    return pd.array(values, dtype=spec.dtype)


def _check_values(table: str, spec: ColumnSpec, values: list[Any], index: Sequence[Hashable],
                  departments: tuple[str, ...] | None) -> None:
    """Raise SchemaViolation at the first value of a column that breaks one of its checks."""
    allowed: Iterable[str] | None = spec.isin
    if spec.department and departments is not None:
        allowed = departments
    allowed_set = frozenset(allowed) if allowed is not None else None
    for row, value in zip(index, values, strict=True):
        if is_missing(value):
            if not spec.nullable:
                raise SchemaViolation(table, "not_nullable", spec.name, row, value)
            continue
        if spec.ge is not None and value < spec.ge:
            raise SchemaViolation(table, f"greater_than_or_equal_to({spec.ge:g})", spec.name,
                                  row, value)
        if allowed_set is not None and value not in allowed_set:
            raise SchemaViolation(table, f"isin({sorted(allowed_set)})", spec.name, row, value)
        if spec.min_length is not None and len(value) < spec.min_length:
            raise SchemaViolation(table, f"str_length({spec.min_length}, None)", spec.name,
                                  row, value)


def _check_unique(table: str, key: tuple[str, ...], arrays: Mapping[str, list[Any]],
                  index: Sequence[Hashable]) -> None:
    """Raise SchemaViolation naming every row of the first key that repeats."""
    seen: dict[tuple[Any, ...], Hashable] = {}
    for position, values in enumerate(zip(*(arrays[c] for c in key), strict=True)):
        row = index[position]
        if values in seen:
            rows = tuple(index[p] for p, other in
                         enumerate(zip(*(arrays[c] for c in key), strict=True))
                         if other == values)
            raise SchemaViolation(table, f"unique {list(key)}", row=row, rows=rows)
        seen[values] = row


def build(table: str, columns: Mapping[str, list[Any]], index: Sequence[Hashable] | None = None,
          departments: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return the table as a DataFrame with every column in its schema dtype, from one list
    of values per column (all of the schema's columns, in any order); ``departments`` are
    the names a ``department`` column may hold. Raises SchemaViolation for the first broken
    rule (see the module docstring)."""
    schema = ALL_SCHEMAS[table]
    length = len(next(iter(columns.values()), []))
    rows: Sequence[Hashable] = index if index is not None else range(length)
    arrays = {}
    for name, spec in schema.columns.items():
        values = columns[name]
        if spec.dtype == "str" and spec.nullable:  # missing text is <NA>, never ''
            values = [None if isinstance(v, str) and v == "" else v for v in values]
        _check_values(table, spec, values, rows, departments)
        try:
            arrays[name] = _typed(spec, values, departments)
        except (TypeError, ValueError, OverflowError):
            bad = next((row for row, value in zip(rows, values, strict=True)
                        if not _fits(spec, value)), None)
            raise SchemaViolation(table, f"dtype('{spec.dtype}')", name, bad,
                                  values[list(rows).index(bad)] if bad is not None else None
                                  ) from None
    if schema.unique and length:
        _check_unique(table, schema.unique, columns, rows)
    return pd.DataFrame(arrays, index=pd.RangeIndex(length) if index is None else index)


def _fits(spec: ColumnSpec, value: Any) -> bool:
    try:
        _typed(spec, [value])
    except (TypeError, ValueError, OverflowError):
        return False
    return True


def from_records(table: str, records: Iterable[Mapping[str, Any]],
                 departments: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return the table built from parsed records (dicts) and checked (see :func:`build`);
    a key a record lacks is a missing value."""
    items = list(records)
    names = list(ALL_SCHEMAS[table].columns)
    return build(table, {name: [item.get(name) for item in items] for name in names},
                 departments=departments)


def validate(table: str, frame: pd.DataFrame,
             departments: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return ``frame`` checked against its table's schema, every column in its schema dtype
    and the index kept. Raises SchemaViolation when its columns are not exactly the schema's
    (names and order) or for the first broken rule (see :func:`build`)."""
    schema = ALL_SCHEMAS[table]
    if list(frame.columns) != list(schema.columns):
        raise SchemaViolation(table, f"columns {list(schema.columns)}",
                              value=list(frame.columns))
    columns = {name: frame[name].tolist() for name in schema.columns}
    return build(table, columns, frame.index, departments)

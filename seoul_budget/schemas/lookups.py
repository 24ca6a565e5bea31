"""The only way the rest of the package reads the data dictionary: the tables' models by
name, and per column its Korean title, description, unit and dtype."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..catalog import titled
from ..subject import Subject
from .base import UNIT_LABELS, Table
from .results import Computed, Corrections, Departments, Findings
from .tables import SCHEMAS

# Every table with a schema: the parsed ones, then reconciliation's outputs (not parsed, so
# kept out of SCHEMAS, which build_tables fills).
ALL_SCHEMAS: dict[str, type[Table]] = {**SCHEMAS, "findings": Findings,
                                       "corrections": Corrections,
                                       "departments": Departments}
# The columns metrics add, looked up as if they were a table's (labels and units for display).
COMPUTED = "computed"
_MODELS: dict[str, type[Table]] = {**ALL_SCHEMAS, COMPUTED: Computed}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the data dictionary, as its model declares it: dtype ('str', 'Int64',
    'Float64', 'bool', 'date'), title, description, unit and whether it may be missing."""

    name: str
    dtype: str
    title: str
    description: str
    unit: str | None
    nullable: bool


@functools.cache
def _specs(table: str) -> dict[str, ColumnSpec]:
    """Return {column: its dictionary entry} of a table, read from its model."""
    specs = {}
    for name, column in _MODELS[table].to_schema().columns.items():
        dtype = str(column.dtype)
        kind = ("date" if dtype.startswith("datetime64") else
                dtype if dtype in ("Int64", "Float64", "bool") else "str")
        specs[name] = ColumnSpec(name, kind,
                                 column.title or name, column.description or "",
                                 (column.metadata or {}).get("unit"), column.nullable)
    return specs


def columns(table: str) -> list[str]:
    """Return the column names of a table, in schema order (KeyError for an unknown table)."""
    return list(_specs(table))


def table_key(table: str) -> tuple[str, ...]:
    """Return the columns that identify a row of a table (empty when none do)."""
    return tuple(ALL_SCHEMAS[table].to_schema().unique or ())


def column_spec(table: str, column: str) -> ColumnSpec | None:
    """Return the data dictionary's entry for ``table.column`` (dtype, title, description,
    unit), or None when the table or the column has none; ``table`` COMPUTED: a column the
    metrics add."""
    return _specs(table).get(column) if table in _MODELS else None


def column_unit(table: str, column: str) -> str | None:
    """Return the unit of a column: 'KRW', 'persons', 'percent', or None when it carries no
    unit (names, line numbers); a column only printed totals have is percent when it is named
    ``*rate*`` or ``share*``."""
    spec = column_spec(table, column)
    if spec is not None:
        return spec.unit
    if "rate" in column or column.startswith("share"):
        return "percent"
    return None


def column_title(table: str, column: str, subject: Subject | None = None) -> str:
    """Return a column's Korean label ('원인행위액'), or the column name when it has none; a
    year in it is the report's (``subject``: '<fiscal year> 예산현액'), or left out without
    one ('예산현액')."""
    spec = column_spec(table, column)
    return titled(spec.title, subject) if spec is not None else column


def column_labels(table: str, subject: Subject | None = None) -> dict[str, str]:
    """Return {column: Korean label} for a table (what notebooks show readers), years from
    ``subject`` as :func:`column_title` fills them."""
    return {name: titled(spec.title, subject) for name, spec in _specs(table).items()}


def column_header(table: str, column: str, subject: Subject | None = None) -> str:
    """Return a column's Korean label with its unit, as a reader sees it: '예산현액 (원)',
    '정원 (명)'; the bare label for a column with no unit ('부서'); years as
    :func:`column_title` fills them."""
    unit = UNIT_LABELS.get(column_unit(table, column) or "")
    title = column_title(table, column, subject)
    return f"{title} ({unit})" if unit else title

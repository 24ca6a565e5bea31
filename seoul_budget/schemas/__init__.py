"""The data dictionary: one pandera model per table, a Korean title, English description and
unit for every column, and the only column lookups (``column_spec``, ``column_unit``,
``column_title``, ``column_labels``, ``column_header``, ``columns``, ``table_key``).

Each table is a ``pandera.DataFrameModel`` (strict, ordered, coercing): its annotated attributes
are its columns, in order; ``pa.Field`` gives each its checks, ``title``, ``description`` and
``metadata={"unit": ...}``. Money is whole KRW (원) in ``Int64`` whatever the source unit; counts
are ``Int64``; missing text is <NA>, never ''; rates the source prints are kept in ``*_printed``
columns (percent) and never used as truth; every row keeps ``source_line``, the 1-based line of
the raw file that holds its figures. A ``department`` column holds the report's own departments
(its staffing table), supplied at validation (:func:`seoul_budget.validate.table_schema`).

Modules: ``base`` (the base model and a column's Field), ``tables`` (the parsed tables),
``results`` (findings, corrections, the columns metrics add), ``lookups``.
"""

from .base import DEPARTMENT, UNIT_LABELS
from .lookups import (
    ALL_SCHEMAS,
    COMPUTED,
    ColumnSpec,
    column_header,
    column_labels,
    column_spec,
    column_title,
    column_unit,
    columns,
    table_key,
)
from .results import Computed, Corrections, Findings
from .tables import SCHEMAS

__all__ = ["ALL_SCHEMAS", "COMPUTED", "DEPARTMENT", "SCHEMAS", "UNIT_LABELS", "ColumnSpec",
           "Computed", "Corrections", "Findings", "column_header", "column_labels",
           "column_spec", "column_title", "column_unit", "columns", "table_key"]

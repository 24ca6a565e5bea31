"""What every model of the data dictionary is built from: the base model (strict, ordered,
coercing), the dtypes of its columns and the Field of a column with its Korean title, English
description and unit."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.typing import Series

# How a unit reads in Korean headers: '예산현액 (원)'.
UNIT_LABELS = {"KRW": "원", "persons": "명", "percent": "%"}
DEPARTMENT = "department"  # the column that names a department of the report
# Column annotations: pandas dtypes of pandera's typed Series.
# Text: pandas' "string" dtype, missing text <NA> (the README's rule). pandas 3's default str
# dtype, and pandera's STRING under pandas 3, mark it NaN instead: a registered dtype keeps NA.
TEXT_DTYPE = pd.StringDtype()  # default storage; na_value pd.NA in pandas 2 and 3


@pandas_engine.Engine.register_dtype(equivalents=[TEXT_DTYPE])
@dataclasses.dataclass(frozen=True)
class TextWithNA(pandas_engine.DataType):
    """pandera's data type of a text column: pandas "string" whose missing value is pd.NA."""

    type = TEXT_DTYPE

    def coerce(self, data_container: Any) -> Any:
        """Return the column as text, missing values pd.NA (None and NaN alike)."""
        return data_container.astype(TEXT_DTYPE)


Text = Series[TextWithNA]
Int = Series[pd.Int64Dtype]
Day = Series[pd.Timestamp]  # a calendar date at midnight (date32 on disk)
Float = Series[pd.Float64Dtype]
Flag = Series[bool]


def described(title: str, description: str, unit: str | None = None, **checks: Any) -> Any:
    """Return a column's pandera Field: Korean title (a year in it as a placeholder,
    ``{fiscal_year}`` or ``{previous_year}``, filled from the report it is shown for by
    :func:`seoul_budget.schemas.column_title`), English description, unit ('KRW',
    'persons', 'percent' or None) and checks (``ge``, ``isin``, ``nullable``, ``str_length``)."""
    return pa.Field(title=title, description=description,
                    metadata={"unit": unit} if unit else None, **checks)


def money(title: str, description: str, **checks: Any) -> Any:
    """Return a money column's Field (KRW)."""
    return described(title, description + " (KRW)", "KRW", **checks)


def rate(title: str, description: str) -> Any:
    """Return the Field of a rate the source prints (percent, never used as truth)."""
    return described(title, description + " (percent, as printed; never used as truth)", "percent",
                     nullable=True)


def department_column() -> Any:
    """Return the Field of a column naming a department of the report."""
    # Which names are departments is the report's own: supplied when a table is validated.
    return described("부서", "Department, as the report's staffing table (인력 현황) names it")


def fiscal_year_column(kind: str = "budget") -> Any:
    """Return the Field of ``fiscal_year``: the year a row's figures are for, as the report
    prints it (``kind`` 'budget': the report's fiscal year; 'settlement': the year its
    settlement closes)."""
    what = ("the fiscal year of the settlement (its section's heading)" if kind == "settlement"
            else "the report's fiscal year (its title, headings and budget headers)")
    return described("회계연도", f"Year the row's figures are for: {what}", ge=1)


def source_line_column() -> Any:
    """Return the Field of ``source_line``: the line of the raw report a row was read from."""
    return described("원문 행", "1-based line of the raw report that holds this row's figures",
                     ge=1)


class Table(pa.DataFrameModel):
    """Every table: exactly its columns, in order, each coerced to its dtype."""

    class Config:
        strict = True
        ordered = True
        coerce = True

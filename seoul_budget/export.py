"""Export formats for people who do not use Python: Parquet, CSV and a Frictionless Data
Package describing every field (the Excel workbook is :mod:`seoul_budget.workbook`).

Each function returns bytes (or a descriptor) and writes nothing; the same tables always give
the same bytes. :mod:`seoul_budget.processed` writes them to ``data/processed/<as_of>/``.
Text from the report is data, never a formula: a text cell that a spreadsheet would evaluate
(starting with = + - @, a tab or a carriage return) is written with a leading apostrophe.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .catalog import table_title, titled
from .schemas import (
    ALL_SCHEMAS,
    COMPUTED,
    DEPARTMENT,
    ColumnSpec,
    column_spec,
    column_unit,
    table_key,
)
from .subject import Subject
from .version import __version__

if TYPE_CHECKING:
    from .report import Report

DTYPE_TO_FRICTIONLESS = {"Int64": "integer", "Float64": "number", "bool": "boolean",
                         "date": "date"}
# What spreadsheets read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns that hold a snapshot's date: a calendar date on disk (Parquet date32, CSV
# 'YYYY-MM-DD'), datetime64 at midnight in pandas.
AS_OF = "as_of"
DATE_COLUMNS = (AS_OF, "valid_from", "valid_to")
DATE_DTYPE = "datetime64[ns]"
DEPARTMENTS = "departments"  # the table every department column refers to


def source_title(subject: Subject) -> str:
    """Return the source report's title as its cover gives it: '<year>년 주요 업무보고
    (서울특별시 <bureau>)'."""
    return f"{subject.fiscal_year}년 주요 업무보고 (서울특별시 {subject.bureau})"


def as_text_cell(value: object) -> object:
    """Return a text value a spreadsheet will show as text: '=1+2' becomes "'=1+2"; other
    values (numbers, missing, ordinary text) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns of ``frame`` that hold text (object or string dtype, or a
    Categorical of text such as ``department``)."""
    return [c for c in frame.columns
            if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])
            or (isinstance(frame[c].dtype, pd.CategoricalDtype)
                and pd.api.types.is_string_dtype(frame[c].cat.categories))]


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells cannot run as spreadsheet formulas."""
    out = frame.copy()
    for column in text_columns(out):
        out[column] = out[column].map(as_text_cell, na_action="ignore")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as CSV bytes: UTF-8 with BOM (Excel opens Korean correctly), LF lines,
    text cells neutralised against formula injection."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\n") \
        .encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as Parquet bytes (pyarrow, no index; text exactly as in the table; a
    snapshot's date, :data:`DATE_COLUMNS`, as ``date32`` so DuckDB, polars and Arrow read a
    date, not a timestamp)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in DATE_COLUMNS:
        index = table.schema.get_field_index(name)
        if index >= 0 and pa.types.is_timestamp(table.schema.field(index).type):
            table = table.set_column(index, pa.field(name, pa.date32()),
                                     table[name].cast(pa.date32()))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def read_parquet(path: str | Path) -> pd.DataFrame:
    """Return a table :func:`parquet_bytes` wrote with the dtypes it had: a snapshot's date
    (``date32`` on disk) as datetime64 at midnight, every other column as pandas reads it."""
    frame = pd.read_parquet(path)
    for name in DATE_COLUMNS:
        if name in frame and not pd.api.types.is_datetime64_any_dtype(frame[name]):
            frame[name] = pd.to_datetime(frame[name]).astype(DATE_DTYPE)
    return frame


def _field_type(dtype: object) -> str:
    name = str(dtype)
    return DTYPE_TO_FRICTIONLESS.get(name, "integer" if "int" in name.lower() else "string")


def _field_spec(name: str, column: str) -> ColumnSpec | None:
    """Return a column's dictionary entry; a snapshot's date (history's ``as_of``) is the
    computed columns' ``as_of``, a date."""
    spec = column_spec(name, column)
    if spec is None and column in DATE_COLUMNS:
        computed = column_spec(COMPUTED, column)
        return dataclasses.replace(computed, dtype="date") if computed is not None else None
    return spec


def table_fields(name: str, frame: pd.DataFrame,
                 subject: Subject | None = None) -> list[dict[str, object]]:
    """Return a table's Frictionless field descriptors: name, type, Korean title (its years
    the report's, ``subject``), English description and unit ('KRW', 'persons', 'percent')
    where the data dictionary gives one."""
    fields = []
    for column in frame.columns:
        spec = _field_spec(name, column)
        field: dict[str, object] = {
            "name": column,
            "type": _field_type(spec.dtype if spec is not None else frame[column].dtype),
            "title": (titled(spec.title, subject) if spec is not None and spec.title
                      else column),
            "description": (spec.description if spec is not None else "") or "",
        }
        unit = column_unit(name, column) if column_spec(name, column) is not None else None
        if unit:
            field["unit"] = unit
        fields.append(field)
    return fields


def table_description(name: str) -> str:
    """Return a table's description from the data dictionary (its model's docstring)."""
    model = ALL_SCHEMAS.get(name)
    return (model.__doc__ or "").strip() if model else ""


def resources(tables: dict[str, pd.DataFrame], subject: Subject,
              key_prefix: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Return the Frictionless tabular resources of ``tables`` (one CSV each): fields with
    types, units and Korean titles, English descriptions, the primary key (``key_prefix``
    first: history's ``as_of``) and, for a ``department`` column, a foreign key into the
    ``departments`` table."""
    out = []
    for name, frame in tables.items():
        schema: dict[str, object] = {"fields": table_fields(name, frame, subject)}
        unique = table_key(name) if name in ALL_SCHEMAS else ()
        if unique:
            schema["primaryKey"] = [*key_prefix, *unique]
        if name != DEPARTMENTS and DEPARTMENTS in tables and DEPARTMENT in frame:
            # every department named is a row of the departments table (of its snapshot)
            keys = [*key_prefix, DEPARTMENT]
            schema["foreignKeys"] = [{"fields": keys,
                                      "reference": {"resource": DEPARTMENTS, "fields": keys}}]
        out.append({
            "name": name, "profile": "tabular-data-resource",
            "title": table_title(name, subject),
            "description": table_description(name),
            "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema,
        })
    return out


def history_datapackage(tables: dict[str, pd.DataFrame], subject: Subject,
                        days: list[date]) -> dict[str, object]:
    """Return the Frictionless Data Package descriptor of the history folder: one resource
    per table stacked over the snapshots ``days`` (``as_of`` first, a date, in the key);
    titles with the newest snapshot's ``subject``."""
    first, last = min(days).isoformat(), max(days).isoformat()
    return {
        "profile": "tabular-data-package",
        "name": "seoul-work-report-history",
        "title": f"서울시 {subject.bureau} 업무보고 시계열 ({first} ~ {last})",
        "description": f"Every table of the work reports of a Seoul Metropolitan Government "
                       f"bureau ({subject.bureau}), stacked over {len(days)} snapshots: as_of "
                       "(the snapshot's date) first. Money is whole KRW (원). / 금액 단위: 원.",
        "version": __version__,
        "sources": [{"title": f"{source_title(subject)}, {day.isoformat()} 기준"}
                    for day in sorted(days)],
        "resources": resources(tables, subject, (AS_OF,)),
    }


def datapackage(report: Report, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Return the Frictionless Data Package descriptor: one tabular resource per CSV, fields
    with types, units and Korean titles, English descriptions."""
    return {
        "profile": "tabular-data-package",
        "name": f"seoul-work-report-{report.as_of.isoformat()}",
        "title": f"서울시 {report.bureau} {report.fiscal_year} 업무보고 "
                 f"({report.as_of.isoformat()} 기준)",
        "description": f"Tidy tables parsed from the {report.fiscal_year} work report of a "
                       f"Seoul Metropolitan Government bureau ({report.bureau}). "
                       "Money is whole KRW (원); every row keeps source_line, the line of the "
                       "raw report it was read from. / 금액 단위: 원, source_line: 원문 행 번호.",
        "version": __version__,
        # The raw text is not in this folder (data/raw/<as_of>/report.txt in the project).
        "sources": [{"title": f"{source_title(report.subject)}, "
                              f"{report.as_of.isoformat()} 기준"}],
        "resources": resources(tables, report.subject),
    }

"""Export formats for people who do not use Python: Parquet, CSV, one Excel workbook and a
Frictionless Data Package describing every field.

Each function returns bytes (or a descriptor) and writes nothing; the same tables always give
the same bytes. :mod:`seoul_budget.processed` writes them to ``data/processed/<as_of>/``.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from .catalog import table_title
from .schemas import ALL_SCHEMAS, column_spec, column_unit
from .version import __version__

if TYPE_CHECKING:
    from .report import Report

PANDERA_TO_FRICTIONLESS = {"Int64": "integer", "Float64": "number", "bool": "boolean"}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as CSV bytes: UTF-8 with BOM (Excel opens Korean correctly), LF lines."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as Parquet bytes (pyarrow, no index)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def _field_type(dtype: object) -> str:
    name = str(dtype)
    return PANDERA_TO_FRICTIONLESS.get(name, "integer" if "int" in name.lower() else "string")


def datapackage(report: Report, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Return the Frictionless Data Package descriptor: fields, types, units, KO/EN text."""
    resources = []
    for name, frame in tables.items():
        fields = []
        for column in frame.columns:
            spec = column_spec(name, column)
            field: dict[str, object] = {
                "name": column,
                "type": _field_type(spec.dtype if spec is not None else frame[column].dtype),
                "title": (spec.title if spec is not None and spec.title else column),
                "description": (spec.description if spec is not None else "") or "",
            }
            unit = column_unit(name, column) if spec is not None else None
            if unit:
                field["unit"] = unit
            fields.append(field)
        schema: dict[str, object] = {"fields": fields}
        model = ALL_SCHEMAS.get(name)
        unique = getattr(getattr(model, "Config", None), "unique", None) if model else None
        if unique:
            schema["primaryKey"] = list(unique)
        resources.append({
            "name": name, "title": table_title(name),
            "description": (model.__doc__ or "").strip() if model else "",
            "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": f"seoul-digital-policy-bureau-{report.as_of.isoformat()}",
        "title": f"서울시 디지털정책관 2023 업무보고 ({report.as_of.isoformat()} 기준)",
        "description": "Tidy tables parsed from the Seoul Digital Policy Bureau's 2023 work "
                       "report. "
                       "Money is whole KRW (원); every row keeps source_line, the line of the "
                       "raw report it was read from. / 금액 단위: 원, source_line: 원문 행 번호.",
        "version": __version__,
        "sources": [{"title": "2023년 주요 업무보고 (디지털정책관)", "path": "report.txt"}],
        "resources": resources,
    }


def workbook_bytes(report: Report, tables: dict[str, pd.DataFrame]) -> bytes:
    """Return an Excel workbook, one sheet per table, with Korean headers and number formats.

    Timestamps inside the file are fixed to the as-of date so the bytes are reproducible.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        sheet = book.create_sheet(title=name[:31])
        for col_index, column in enumerate(frame.columns, start=1):
            spec = column_spec(name, column)
            unit = column_unit(name, column) if spec is not None else None
            label = spec.title if spec is not None and spec.title else column
            header = f"{label} ({'원' if unit == 'KRW' else '%' if unit == 'percent' else unit})" \
                if unit in ("KRW", "percent") else label
            cell = sheet.cell(row=1, column=col_index, value=header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
            sheet.cell(row=2, column=col_index, value=column).font = Font(italic=True,
                                                                           color="808080")
            number_format = "#,##0;[Red]△#,##0" if unit in ("KRW", "persons") else \
                "0.0" if unit == "percent" else None
            for row_index, value in enumerate(frame[column].tolist(), start=3):
                value = None if value is pd.NA or (isinstance(value, float) and value != value) \
                    else value
                target = sheet.cell(row=row_index, column=col_index, value=value)
                if number_format and value is not None:
                    target.number_format = number_format
            width = max([len(str(header)) * 2] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[get_column_letter(col_index)].width = min(max(width, 8), 60)
        sheet.freeze_panes = "A3"
    stamp = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "seoul_budget"
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_zip(buffer.getvalue(), report.as_of)


def _normalise_zip(data: bytes, day: date) -> bytes:
    """Return the zip with every entry's timestamp set to ``day`` (reproducible bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename,
                                    date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with now
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                                 + f"{day.isoformat()}T00:00:00Z".encode(), content)
            target.writestr(entry, content)
    return out.getvalue()

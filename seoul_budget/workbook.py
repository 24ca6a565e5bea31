"""The Excel workbook of a snapshot, and of the history: one sheet per table with one Korean
header row (label and unit), number formats on every figure, an autofilter, a frozen header
and key column, and widths that fit Hangul; then a last sheet (설명) that says what the
workbook is.

``pandas.read_excel`` with its defaults reads the first table's sheet (a data sheet, the one
the workbook opens on), and every table sheet by name: one header row, money as integers,
a snapshot's date as a date. Text is always a string cell, never a formula (see
:func:`export.as_text_cell`). The bytes are reproducible: timestamps inside the file are the
as-of date.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from .catalog import table_title
from .export import as_text_cell, source_title, table_description, table_fields
from .schemas import UNIT_LABELS
from .subject import Subject
from .textwidth import text_units
from .version import __version__

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from .report import Report

ABOUT_SHEET = "설명"
DATE_FORMAT = "yyyy-mm-dd"
NUMBER_FORMATS = {"KRW": "#,##0;[Red]△#,##0", "persons": "#,##0;[Red]△#,##0",
                  "percent": "0.0#"}
MIN_WIDTH, MAX_WIDTH, SAMPLE_ROWS = 6, 60, 500
# Characters an XML cell cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def header_label(field: dict[str, object]) -> str:
    """Return a column's header: its Korean title with the unit, '예산현액 (원)'."""
    unit = UNIT_LABELS.get(str(field.get("unit", "")))
    return f"{field['title']} ({unit})" if unit else str(field["title"])


def cell_value(value: Any) -> Any:
    """Return a table value as a workbook cell holds it: None for missing, plain int/float/bool
    for figures, neutralised text for strings."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):  # history's as_of: a date cell
        return value.date()
    if isinstance(value, str):
        return _ILLEGAL.sub("", str(as_text_cell(value)))
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _figure_format(unit: str | None, value: Any) -> str | None:
    if unit in NUMBER_FORMATS:
        return NUMBER_FORMATS[unit]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return "#,##0" if float(value).is_integer() else "#,##0.0##"


def write_table(sheet: Worksheet, table: str, frame: pd.DataFrame,
                subject: Subject | None = None) -> None:
    """Fill a sheet with one table: header row (years the report's, ``subject``), cells,
    formats, filter, frozen panes, widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    fields = table_fields(table, frame, subject)
    for col_index, (column, field) in enumerate(zip(frame.columns, fields, strict=True),
                                                start=1):
        header = header_label(field)
        cell = sheet.cell(row=1, column=col_index, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        unit = field.get("unit")
        widths = [text_units(header)]
        for row_index, raw in enumerate(frame[column].tolist(), start=2):
            value = cell_value(raw)
            target = sheet.cell(row=row_index, column=col_index, value=value)
            if isinstance(value, str):
                target.data_type = "s"  # text, whatever it starts with
            elif isinstance(value, date):
                target.number_format = DATE_FORMAT
            elif value is not None:
                number_format = _figure_format(str(unit) if unit else None, value)
                if number_format:
                    target.number_format = number_format
            if row_index <= SAMPLE_ROWS:
                widths.append(text_units(f"{value:,}" if isinstance(value, int) and
                                            not isinstance(value, bool) else str(value or "")))
        width = min(max(max(widths) + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col_index)].width = width
    sheet.freeze_panes = "B2"  # header row and key column stay in view
    if len(frame.columns):
        last = get_column_letter(len(frame.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(1, len(frame) + 1)}"


def about_rows(report: Report, tables: dict[str, pd.DataFrame]) -> list[list[Any]]:
    """Return the 설명 sheet's rows: what the workbook is, its source, date, units, the
    corrections applied, the tables and every column (English name, Korean label, unit)."""
    from .hashing import file_sha256

    corrections = tables.get("corrections", pd.DataFrame())
    source = source_title(report.subject)
    rows: list[list[Any]] = [
        [f"{source} — 정리된 표 ({report.as_of.isoformat()} 기준)"],
        [],
        ["원문", f"{source}, 텍스트 추출본 {report.path.name}"],
        ["원문 SHA-256", file_sha256(report.path)],
        ["기준일", report.as_of.isoformat()],
        *UNIT_ROWS,
        ["정오표", f"{len(corrections)}건 적용 (corrections 시트: 원문 값, 정정 값, 사유)"],
        ["만든 도구", f"seoul_budget {__version__}"],
    ]
    return rows + catalogue_rows(tables, report.subject)


def history_about_rows(tables: dict[str, pd.DataFrame], subject: Subject,
                       days: list[date]) -> list[list[Any]]:
    """Return the 설명 sheet's rows of the history workbook: what it is, the snapshots it
    stacks, units, the tables and every column."""
    rows: list[list[Any]] = [
        [f"서울시 {subject.bureau} 업무보고 — 시계열 ({min(days).isoformat()} ~ "
         f"{max(days).isoformat()})"],
        [],
        ["기준일", ", ".join(day.isoformat() for day in sorted(days))],
        ["as_of", "각 행이 속한 스냅숏의 기준일 (날짜)"],
        *UNIT_ROWS,
        ["만든 도구", f"seoul_budget {__version__}"],
    ]
    return rows + catalogue_rows(tables, subject)


# What the figures are in, said once for both workbooks.
UNIT_ROWS: list[list[Any]] = [
    ["금액 단위", "원 (KRW). 원문은 천원·백만원 단위이나 모든 금액을 원 단위 정수로 바꿨습니다."],
    ["인원 단위", "명"],
    ["비율", "% (원문에 인쇄된 비율은 *_printed 열에 그대로 두었습니다)"],
    ["원문 행", "source_line: 각 행의 수치가 있는 원문 텍스트의 행 번호"],
]


def catalogue_rows(tables: dict[str, pd.DataFrame], subject: Subject) -> list[list[Any]]:
    """Return the 설명 sheet's list of sheets (table, title, rows, description) and of every
    column (English name, Korean label, unit, description)."""
    rows: list[list[Any]] = [[], ["시트", "표", "행 수", "설명"]]
    rows += [[name[:31], table_title(name, subject), len(frame), table_description(name)]
             for name, frame in tables.items()]
    rows += [[], ["시트", "열 (영문 이름)", "열 이름", "단위", "설명"]]
    for name, frame in tables.items():
        for field in table_fields(name, frame, subject):
            rows.append([name[:31], field["name"], field["title"],
                         UNIT_LABELS.get(str(field.get("unit", "")), ""), field["description"]])
    return rows


def write_about(sheet: Worksheet, rows: list[list[Any]]) -> None:
    """Fill the 설명 sheet: bold title and section headers, widths that fit."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row_index, row in enumerate(rows, start=1):
        for col_index, raw in enumerate(row, start=1):
            value = cell_value(raw)
            cell = sheet.cell(row=row_index, column=col_index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if row_index == 1 or (row and row[0] == "시트"):
                cell.font = Font(bold=True)
            if row_index > 1:
                widths[col_index] = max(widths.get(col_index, 0),
                                        text_units(str(value or "")))
    for col_index, width in widths.items():
        sheet.column_dimensions[get_column_letter(col_index)].width = \
            min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def workbook_bytes(report: Report, tables: dict[str, pd.DataFrame]) -> bytes:
    """Return the snapshot's Excel workbook: one sheet per table, 설명 last."""
    return book_bytes(tables, about_rows(report, tables), report.subject, report.as_of)


def history_workbook_bytes(tables: dict[str, pd.DataFrame], subject: Subject,
                           days: list[date]) -> bytes:
    """Return the history's Excel workbook (each table stacked over the snapshots ``days``,
    ``as_of`` first): one sheet per table, 설명 last; stamped with the newest snapshot."""
    return book_bytes(tables, history_about_rows(tables, subject, days), subject, max(days))


def book_bytes(tables: dict[str, pd.DataFrame], about: list[list[Any]], subject: Subject,
               day: date) -> bytes:
    """Return a workbook of one sheet per table then the 설명 sheet ``about``, opening on the
    first table (so ``pandas.read_excel``'s default sheet is data); timestamps ``day``."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        write_table(book.create_sheet(title=name[:31]), name, frame, subject)
    write_about(book.create_sheet(title=ABOUT_SHEET), about)
    book.active = 0
    stamp = datetime(day.year, day.month, day.day)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "seoul_budget"
    buffer = io.BytesIO()
    book.save(buffer)
    return _normalise_zip(buffer.getvalue(), day)


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

"""Processed outputs for people who do not use Python: Parquet, CSV, one Excel workbook and a
Frictionless Data Package describing every field, per snapshot (``<out>/<as_of>/``).

Every file is written atomically and deterministically (same inputs, same bytes).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from . import __version__
from .atomic import write_bytes_atomic, write_text_atomic
from .report import Report
from .schemas import SCHEMAS, TABLE_TITLES

SOURCE_FILE = "_source.json"
PANDERA_TO_FRICTIONLESS = {"Int64": "integer", "Float64": "number", "bool": "boolean"}


def file_sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source_stamp(report: Report) -> dict[str, str]:
    """Return what the processed files were made from: report hash, errata hash, version."""
    stamp = {"report_sha256": file_sha256(report.path), "package_version": __version__,
             "as_of": report.as_of.isoformat()}
    errata = report.errata_path
    stamp["errata_sha256"] = file_sha256(errata) if errata is not None else ""
    return stamp


def exported_tables(report: Report) -> dict[str, pd.DataFrame]:
    """Return the tables written for a report: every schema table, plus the corrections."""
    return {**report.tables(), "corrections": report.corrections}


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
        model = SCHEMAS.get(name)
        columns = model.to_schema().columns if model else {}
        for column in frame.columns:
            spec = columns.get(column)
            field: dict[str, object] = {
                "name": column,
                "type": _field_type(spec.dtype if spec is not None else frame[column].dtype),
                "title": (spec.title if spec is not None and spec.title else column),
                "description": (spec.description if spec is not None else "") or "",
            }
            unit = (spec.metadata or {}).get("unit") if spec is not None else None
            if unit:
                field["unit"] = unit
            fields.append(field)
        schema: dict[str, object] = {"fields": fields}
        unique = getattr(getattr(model, "Config", None), "unique", None) if model else None
        if unique:
            schema["primaryKey"] = list(unique)
        resources.append({
            "name": name, "title": TABLE_TITLES.get(name, name),
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
        model = SCHEMAS.get(name)
        specs = model.to_schema().columns if model else {}
        for col_index, column in enumerate(frame.columns, start=1):
            spec = specs.get(column)
            unit = (spec.metadata or {}).get("unit") if spec is not None else None
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


def write_processed(report: Report, out_dir: str | Path) -> Path:
    """Write a report's tables to ``out_dir/<as_of>/`` and return that folder.

    Writes ``<table>.parquet`` and ``<table>.csv`` per table, ``seoul_budget_<as_of>.xlsx``,
    ``datapackage.json`` and ``_source.json`` (what they were made from), each atomically.
    The stamp is written last, so a folder whose stamp matches is complete.
    """
    folder = Path(out_dir) / report.as_of.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    tables = exported_tables(report)
    for name, frame in tables.items():
        write_bytes_atomic(folder / f"{name}.parquet", parquet_bytes(frame))
        write_bytes_atomic(folder / f"{name}.csv", csv_bytes(frame))
    write_bytes_atomic(folder / f"seoul_budget_{report.as_of.isoformat()}.xlsx",
                       workbook_bytes(report, tables))
    write_text_atomic(folder / "datapackage.json",
                      json.dumps(datapackage(report, tables), ensure_ascii=False, indent=2) + "\n")
    write_text_atomic(folder / SOURCE_FILE,
                      json.dumps(source_stamp(report), ensure_ascii=False, indent=2) + "\n")
    return folder


def read_processed(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Return {table: DataFrame} from a processed folder's Parquet files."""
    folder = Path(folder)
    return {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def processed_is_fresh(folder: str | Path, report_path: Path, errata: Path | None) -> bool:
    """Return True if ``folder`` was written from this report, errata and package version."""
    stamp_file = Path(folder) / SOURCE_FILE
    if not stamp_file.exists():
        return False
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    errata_hash = file_sha256(errata) if errata and errata.exists() else ""
    return (stamp.get("report_sha256") == file_sha256(report_path)
            and stamp.get("errata_sha256", "") == errata_hash
            and stamp.get("package_version") == __version__)


def run_parse(args: argparse.Namespace) -> int:
    """Run ``seoul-budget parse``: write processed files, or print coverage; return 0."""
    from .report import load_report
    from .snapshots import default_processed_dir, discover_snapshots

    paths = [Path(p) for p in args.paths] or list(discover_snapshots(args.data_dir).values())
    if not paths:
        print("seoul-budget: no snapshot found", file=sys.stderr)
        return 2
    if args.coverage:
        from .coverage import coverage_report, format_coverage

        status = 0
        for path in paths:
            result = coverage_report(path)
            print(format_coverage(path, result))
            status |= 0 if result.complete else 1
        return status
    out = Path(args.out) if args.out else default_processed_dir()
    # Parse every snapshot before writing any: a bad one leaves the outputs untouched.
    reports = [load_report(path) for path in paths]
    for path, report in zip(paths, reports, strict=True):
        folder = write_processed(report, out)
        print(f"{path}: {len(exported_tables(report))} tables -> {folder}")
    return 0

"""Findings as people read them outside a notebook: text grouped by report section, CSV and
JSON (what ``seoul-budget check`` prints)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .findings import ERROR, INFO, WARNING

if TYPE_CHECKING:
    from ..report import Report

Result = tuple[Path, "Report"]  # a report and the path it was read from

_LABEL = {ERROR: "오류 ERROR", WARNING: "주의 WARNING", INFO: "참고 INFO"}


def _rows(results: list[Result]) -> pd.DataFrame:
    frames = []
    for path, report in results:
        frame = report.findings
        frame.insert(0, "as_of", report.as_of.isoformat())
        frame.insert(1, "path", str(path))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def findings_json(results: list[Result]) -> str:
    """Return every report's findings as one JSON array (as_of and path first)."""
    frame = _rows(results)
    records = json.loads(frame.to_json(orient="records", force_ascii=False)) if len(frame) else []
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def findings_csv(results: list[Result]) -> str:
    """Return every report's findings as one CSV table (as_of and path first)."""
    frame = _rows(results)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _figure(value: Any) -> str:
    if value is None or pd.isna(value):
        return "—"
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4g}"


def format_text(path: Path, report: Report) -> str:
    """Return the findings of one report as text, grouped by section, errors first."""
    findings = report.findings
    applied = len(report.corrections)
    counts = {s: int((findings["severity"] == s).sum()) for s in (ERROR, WARNING, INFO)}
    lines = [f"== {report.as_of.isoformat()}  {path}  "
             f"(정오표 적용 {applied}건 / errata applied: {applied}) ==",
             f"   오류 {counts[ERROR]} · 주의 {counts[WARNING]} · 참고 {counts[INFO]}  "
             f"(errors {counts[ERROR]}, warnings {counts[WARNING]}, info {counts[INFO]})"]
    for section, group in findings.groupby("section", sort=False):
        lines.append("")
        lines.append(f"[{section}]")
        for row in group.itertuples(index=False):
            line = "" if pd.isna(row.source_line) else f"{int(row.source_line)}행"
            head = f"  {_LABEL[row.severity]:<12} {line:>6}  {row.table} · {row.key} · {row.column}"
            lines.append(head)
            if not pd.isna(row.suggestion):
                lines.append(f"      인쇄값 {_figure(row.actual)} → 정정 제안 "
                             f"{_figure(row.suggestion)} {row.unit} "
                             f"({row.suggestion_kind or 'derived'})")
            lines.append(f"      {row.message}")
            lines.append(f"      {row.message_en}")
    return "\n".join(lines) + "\n\n"

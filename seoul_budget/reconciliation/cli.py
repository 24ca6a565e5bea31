"""``seoul-budget check``: print every snapshot's findings, grouped by report section.

Exit status: 0 when no ``error`` finding remains, 1 when one does (the CLI maps a report it
cannot parse, and a ledger that does not match, to 2).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from ..errors import ParameterError
from .findings import ERROR, INFO, WARNING

if TYPE_CHECKING:
    from ..report import Report

Result = tuple[Path, pd.DataFrame, "Report"]

_LABEL = {ERROR: "오류 ERROR", WARNING: "주의 WARNING", INFO: "참고 INFO"}


def report_paths(args: argparse.Namespace) -> list[Path]:
    """Return the report files to check: the PATHs given, else every snapshot in data_dir."""
    from ..snapshots import discover_snapshots

    if args.paths:
        return [Path(p) for p in args.paths]
    paths = list(discover_snapshots(args.data_dir).values())
    if not paths:
        where = args.data_dir or "data/raw"
        raise ParameterError(f"no snapshot <YYYY-MM-DD>/report.txt in {where}")
    return paths


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the findings of every report; return 1 if an ``error`` remains, else 0."""
    from ..report import DEFAULT_ERRATA, load_report

    out = out or sys.stdout
    results: list[Result] = []
    for path in report_paths(args):
        report = load_report(path, errata=None if args.no_errata else DEFAULT_ERRATA)
        results.append((path, report.findings, report))
    fmt = getattr(args, "format", "text")
    if fmt == "json":
        out.write(_json(results))
    elif fmt == "csv":
        out.write(_csv(results))
    else:
        for path, findings, report in results:
            out.write(format_text(path, findings, report))
    errors = sum(int((findings["severity"] == ERROR).sum()) for _, findings, _ in results)
    return 1 if errors else 0


def _rows(results: list[Result]) -> pd.DataFrame:
    frames = []
    for path, findings, report in results:
        frame = findings.copy()
        frame.insert(0, "as_of", report.as_of.isoformat())
        frame.insert(1, "path", str(path))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _json(results: list[Result]) -> str:
    frame = _rows(results)
    records = json.loads(frame.to_json(orient="records", force_ascii=False)) if len(frame) else []
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _csv(results: list[Result]) -> str:
    frame = _rows(results)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _figure(value: Any) -> str:
    if value is None or pd.isna(value):
        return "—"
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4g}"


def format_text(path: Path, findings: pd.DataFrame, report: Report) -> str:
    """Return the findings of one report as text, grouped by section, errors first."""
    corrections = getattr(report, "corrections", None)
    applied = 0 if corrections is None else len(corrections)
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

"""Findings and corrections as a reader sees them: filtered to a section and department,
counted, and laid out with the printed figure beside the one the other figures imply, in the
unit the report prints it in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..catalog import NOTEBOOKS, printed_unit, table_title
from ..schemas import column_title, column_unit
from .html import table_html

SEVERITIES: dict[str, str] = {"error": "오류", "warning": "경고", "info": "참고"}

def findings_for(findings: pd.DataFrame, tables: Sequence[str] | None,
                 department: str | None = None) -> pd.DataFrame:
    """Return the findings about ``tables`` (all when None), those naming ``department`` in
    their key when one is given, most severe first (then by source line)."""
    out = findings if tables is None else findings[findings["table"].isin(list(tables))]
    if department:
        out = out[out["key"].astype("string").str.contains(department, regex=False,
                                                           na=False)]
    rank = out["severity"].map({s: i for i, s in enumerate(SEVERITIES)}).fillna(len(SEVERITIES))
    line = pd.to_numeric(out["source_line"], errors="coerce")
    order = pd.DataFrame({"rank": rank, "line": line}).sort_values(["rank", "line"],
                                                                  kind="stable").index
    return out.loc[order].reset_index(drop=True)


def corrections_for(corrections: pd.DataFrame, tables: Sequence[str] | None,
                    department: str | None = None) -> pd.DataFrame:
    """Return the corrections to ``tables`` (all when None) and, for a department, those whose
    key names it (or that have no key)."""
    out = corrections if tables is None else corrections[corrections["table"].isin(list(tables))]
    if department and "key" in out:
        keys = out["key"].astype("string").fillna("")
        out = out[keys.str.contains(department, regex=False) | (keys == "")]
    return out.reset_index(drop=True)


def severity_counts(findings: pd.DataFrame) -> dict[str, int]:
    """Return {severity: count} for error, warning and info (zeros included)."""
    counts = findings["severity"].value_counts()
    return {severity: int(counts.get(severity, 0)) for severity in SEVERITIES}


def source_money_unit(table: str) -> str:
    """Return the money unit the report prints a table in (천원 unless the catalog says
    otherwise, e.g. 백만원 for the 2022 settlement)."""
    unit = printed_unit(table)
    return unit if unit in fmt.MONEY_UNITS else "천원"


def _unit_of(record: Mapping[str, Any], table: str, column: str) -> str | None:
    unit = record.get("unit")
    if isinstance(unit, str) and unit:
        return unit
    return column_unit(table, column)


def figure_text(value: Any, unit: str | None, table: str, decimals: int = 1) -> str:
    """Return one figure of a finding or correction in the unit the report prints it in:
    money in the table's source unit with as many decimals as it needs (up to 3, e.g.
    '30,048.21천원'), persons in 명, percent with ``decimals``; '' when missing."""
    if fmt.is_missing(value) or (isinstance(value, str) and value.strip() == ""):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if unit == "KRW":
        money_unit = source_money_unit(table)
        return fmt.format_money(number, money_unit, fmt.money_decimals(number, money_unit),
                                suffix=True)
    if unit == "persons":
        return fmt.format_persons(number, zero="0명")
    if unit == "percent":
        return fmt.format_percent(number, decimals)
    return fmt.format_number(number, 0 if number.is_integer() else 2)


FINDING_DISPLAY_COLUMNS = ["심각도", "표", "위치", "항목", "원문 값", "계산 값", "차이",
                           "정정 제안", "원문 행", "설명"]
CORRECTION_DISPLAY_COLUMNS = ["표", "원문 행", "위치", "항목", "원문(인쇄) 값", "정정 값", "사유"]


def findings_display(findings: pd.DataFrame) -> pd.DataFrame:
    """Return findings as a reader sees them: Korean labels, the printed figure beside the
    figure the other printed figures imply and the suggested correction, each in the unit
    the report prints it in."""
    rows = []
    for f in findings.to_dict("records"):
        table, column = str(f.get("table", "")), str(f.get("column", ""))
        unit = _unit_of(f, table, column)
        rows.append({
            "심각도": SEVERITIES.get(str(f.get("severity")), str(f.get("severity"))),
            "표": table_title(table),
            "위치": str(f.get("key") or ""),
            "항목": column_title(table, column),
            "원문 값": figure_text(f.get("actual"), unit, table),
            "계산 값": figure_text(f.get("expected"), unit, table, 2),
            "차이": figure_text(f.get("difference"), unit, table, 2),
            "정정 제안": figure_text(f.get("suggestion"), unit, table),
            "원문 행": "" if fmt.is_missing(f.get("source_line")) else str(int(f["source_line"])),
            "설명": str(f.get("message") or ""),
        })
    return pd.DataFrame(rows, columns=FINDING_DISPLAY_COLUMNS)


def corrections_display(corrections: pd.DataFrame) -> pd.DataFrame:
    """Return applied errata with the printed and corrected figures side by side, in the unit
    the report prints them in."""
    rows = []
    for c in corrections.to_dict("records"):
        table, column = str(c.get("table", "")), str(c.get("column", ""))
        unit = _unit_of(c, table, column)
        rows.append({
            "표": table_title(table),
            "원문 행": "" if fmt.is_missing(c.get("source_line")) else str(int(c["source_line"])),
            "위치": str(c.get("key") or ""),
            "항목": column_title(table, column),
            "원문(인쇄) 값": figure_text(c.get("printed"), unit, table),
            "정정 값": figure_text(c.get("corrected"), unit, table),
            "사유": str(c.get("reason") or ""),
        })
    return pd.DataFrame(rows, columns=CORRECTION_DISPLAY_COLUMNS)


def findings_summary(findings: pd.DataFrame, corrections: pd.DataFrame) -> str:
    """Return one Korean sentence counting findings by severity and corrections applied."""
    counts = severity_counts(findings)
    parts = [f"{SEVERITIES[s]} {counts[s]}건" for s in SEVERITIES]
    return (" · ".join(parts) + f" · 정오표 정정 {len(corrections)}건")


FIGURE_COLUMNS = ("원문 값", "계산 값", "차이", "정정 제안", "원문 행", "원문(인쇄) 값", "정정 값")


def findings_html(frame: pd.DataFrame, caption: str) -> str:
    """Return a findings or corrections display table as HTML: figures right-aligned on one
    line, text wrapped."""
    return table_html(frame, units=dict.fromkeys(frame.columns, None), caption=caption,
                      align_right=[c for c in frame.columns if c in FIGURE_COLUMNS])


def findings_overview(findings: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """Return, per section in reading order, the number of findings by severity and of
    corrections (a table for the overview notebook)."""
    rows = []
    for section in NOTEBOOKS.values():
        if not section.tables:
            continue
        sub = findings[findings["table"].isin(list(section.tables))]
        counts = severity_counts(sub)
        fixed = corrections[corrections["table"].isin(list(section.tables))] \
            if len(corrections) else corrections
        rows.append({"section": section.title, **counts, "corrections": len(fixed)})
    return pd.DataFrame(rows, columns=["section", *SEVERITIES, "corrections"])



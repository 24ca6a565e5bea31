"""Findings and corrections as a reader sees them: filtered to a section and department,
sorted into kinds a reader tells apart (misprints the ledger corrected, errors and warnings
that remain, rounding differences, explained notes), counted, and worded with a location a
reader can find (section › table › row label — the text line only as a small reference) and
figures in the table's unit without invented decimals."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..catalog import NOTEBOOKS, TABLES, printed_unit, table_title, titled
from ..departments import for_department
from ..errata import correction_figure
from ..parse.keys import SEP
from ..schemas import column_title, column_unit
from ..subject import Subject

SEVERITIES: dict[str, str] = {"error": "오류", "warning": "경고", "info": "참고"}
CORRECTED, ERROR, WARNING, ROUNDING, NOTE = "corrected", "error", "warning", "rounding", "note"
KIND_TITLES: dict[str, str] = {CORRECTED: "원문 오류 정정", ERROR: "남은 오류", WARNING: "경고",
                               ROUNDING: "반올림 차이", NOTE: "참고"}
ERRATA_CHECK = "errata"  # a finding that repeats a correction (shown once, as the correction)
ROUNDING_CHECKS = frozenset({"sum", "rate", "formula"})
_ENGLISH = re.compile(r"[A-Za-z]")
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_HANGUL = re.compile(r"[가-힣]")


def findings_for(findings: pd.DataFrame, tables: Sequence[str] | None,
                 department: str | None = None,
                 owners: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Return the findings about ``tables`` (all when None), for a department those about its
    rows (:func:`seoul_budget.departments.for_department`: ``owners``, the report's tables,
    tell whose a key project is), most severe first (then by source line)."""
    out = findings if tables is None else findings[findings["table"].isin(list(tables))]
    out = for_department(out, department, by="key", owners=owners)
    rank = out["severity"].map({s: i for i, s in enumerate(SEVERITIES)}).fillna(len(SEVERITIES))
    line = pd.to_numeric(out["source_line"], errors="coerce")
    order = pd.DataFrame({"rank": rank, "line": line}).sort_values(["rank", "line"],
                                                                  kind="stable").index
    return out.loc[order].reset_index(drop=True)


def corrections_for(corrections: pd.DataFrame, tables: Sequence[str] | None,
                    department: str | None = None,
                    owners: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Return the corrections to ``tables`` (all when None) and, for a department, those to
    its rows (as :func:`findings_for` narrows findings), index reset."""
    out = corrections if tables is None else corrections[corrections["table"].isin(list(tables))]
    return for_department(out, department, by="key", owners=owners)


def finding_kind(finding: Mapping[str, Any]) -> str:
    """Return what a finding is to a reader: a remaining error or warning, a rounding
    difference, an explained note, or a correction already shown as such (``corrected``)."""
    if finding.get("check") == ERRATA_CHECK:
        return CORRECTED
    severity = finding.get("severity")
    if severity in (ERROR, WARNING):
        return str(severity)
    return ROUNDING if finding.get("check") in ROUNDING_CHECKS else NOTE


def quality_counts(findings: pd.DataFrame, corrections: pd.DataFrame) -> dict[str, int]:
    """Return how many misprints were corrected and how many findings remain of each kind."""
    counts = dict.fromkeys(KIND_TITLES, 0)
    for record in findings.to_dict("records"):
        kind = finding_kind(record)
        if kind != CORRECTED:
            counts[kind] += 1
    counts[CORRECTED] = len(corrections)
    return counts


def quality_sentence(counts: Mapping[str, int]) -> str:
    """Return the reader's one-line verdict: '원문 오류 5건 정정, 남은 오류 0건.' and, apart,
    the rounding differences and notes (neither is an error)."""
    text = f"원문 오류 {counts[CORRECTED]}건 정정, 남은 오류 {counts[ERROR]}건."
    if counts[WARNING]:
        text += f" 확인이 필요한 경고 {counts[WARNING]}건."
    rest = [f"반올림 차이 {counts[ROUNDING]}건"] if counts[ROUNDING] else []
    rest += [f"참고 사항 {counts[NOTE]}건"] if counts[NOTE] else []
    if rest:
        text += " 오류가 아닌 " + "과 ".join(rest) + "은 따로 적었습니다."
    return text


def section_of(table: str, subject: Subject | None = None) -> str:
    """Return the title of the section page that shows ``table`` ('' if none does), years
    from the report's ``subject``."""
    for spec in NOTEBOOKS.values():
        if table in spec.tables:
            return titled(spec.title, subject)
    return ""


def row_label(table: str, key: str, column: str = "", subject: Subject | None = None) -> str:
    """Return a figure's row label and column label ('센터 · 일반회계 · 기본경비 ›
    원인행위액')."""
    parts = [" · ".join(str(key).split(SEP))]
    if column:
        parts.append(column_title(table, column, subject))
    return " › ".join(p for p in parts if p)


def location(table: str, key: str, column: str = "", subject: Subject | None = None) -> str:
    """Return where a figure is, as a reader looks for it: 'section › table › row · label
    › column' ('세출 예산과 집행 › 세출예산 집행현황 › 센터 · 일반회계 · 기본경비 ›
    원인행위액'); years from the report's ``subject``."""
    parts = [section_of(table, subject), table_title(table, subject),
             row_label(table, key, column, subject)]
    return " › ".join(p for p in parts if p)


def exact_money(value_krw: Any, unit: str) -> str:
    """Return KRW in ``unit`` when it is a whole number of it, else in the largest smaller
    unit that shows it whole — never with decimals ('30,048,210원', '18,571천원')."""
    if fmt.is_missing(value_krw):
        return ""
    amount = int(round(float(value_krw)))
    return fmt.format_money(amount, fmt.whole_unit([amount], unit), suffix=True)


def figure_text(value: Any, unit: str | None, table: str, decimals: int = 1) -> str:
    """Return one figure of a finding or correction: money in the table's printed unit (천원
    unless the catalog says otherwise, e.g. 백만원 for the settlement; a smaller one where it
    is not whole), persons in 명, percent with ``decimals``."""
    if fmt.is_missing(value) or (isinstance(value, str) and value.strip() == ""):
        return ""
    number = float(value)
    if unit == "KRW":
        printed = printed_unit(table)
        return exact_money(number, printed if printed in fmt.MONEY_UNITS else "천원")
    if unit == "persons":
        return fmt.format_persons(number, zero="0명")
    if unit == "percent":
        return fmt.format_percent(number, decimals)
    return fmt.format_number(number, 0 if number.is_integer() else 2)


def unit_of(record: Mapping[str, Any], table: str, column: str) -> str | None:
    """Return a finding's or correction's unit: its own, else its column's."""
    unit = record.get("unit")
    if isinstance(unit, str) and unit:
        return unit
    return column_unit(table, column)


def split_languages(text: str) -> tuple[str, str]:
    """Return (Korean, English) of a text written 'Korean … / English …' (English '' when
    there is none)."""
    head, sep, tail = str(text or "").rpartition(" / ")
    if sep and _ENGLISH.search(tail) and not _HANGUL.search(tail[:40]):
        return head.strip(), tail.strip()
    return str(text or "").strip(), ""


def readable(text: str, table: str, subject: Subject | None = None) -> str:
    """Return ``text`` with the package's table and column names replaced by what a reader
    knows them as ('settlement_revenue' → '<settlement year> 세입결산', 'committed_rate_printed'
    → '집행률(원인행위)'), years from the report's ``subject``."""
    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in TABLES:
            return table_title(word, subject)
        title = column_title(table, word, subject)
        return title if title != word else word.replace("_", " ")
    return _IDENTIFIER.sub(name, text)


@dataclass(frozen=True)
class ReaderFinding:
    """One finding or correction as a reader sees it."""

    kind: str
    where: str
    table: str
    row: str
    line: str
    printed: str
    expected: str
    text_ko: str
    text_en: str
    difference: str = ""
    suggestion: str = ""
    decided: str = ""  # a correction's ledger row, who decided it and when


def _line(value: Any) -> str:
    return "" if fmt.is_missing(value) else f"원문 {int(value)}행"


def _reader(record: Mapping[str, Any], kind: str, korean: str, english: str,
            figures: Mapping[str, tuple[Any, int]], subject: Subject | None,
            decided: str = "") -> ReaderFinding:
    """Return a finding or correction (``record``) as a reader sees it: where it is, its
    ``figures`` ({field: (value, decimals)}, in its unit) and its texts in a reader's names."""
    table, column = str(record.get("table", "")), str(record.get("column", ""))
    unit, key = unit_of(record, table, column), str(record.get("key") or "")
    shown = {name: figure_text(value, unit, table, decimals)
             for name, (value, decimals) in figures.items()}
    return ReaderFinding(
        kind=kind, where=location(table, key, column, subject),
        table=table_title(table, subject), row=row_label(table, key, column, subject),
        line=_line(record.get("source_line")), text_ko=readable(korean, table, subject),
        text_en=readable(english, table, subject), decided=decided, **shown)


def reader_findings(findings: pd.DataFrame,
                    subject: Subject | None = None) -> list[ReaderFinding]:
    """Return the findings a reader is shown (corrections' repeats left out), in order;
    titles with the years of the report's ``subject``."""
    return [_reader(f, finding_kind(f), str(f.get("message") or ""),
                    str(f.get("message_en") or ""),
                    {"printed": (f.get("actual"), 1), "expected": (f.get("expected"), 2),
                     "difference": (f.get("difference"), 2),
                     "suggestion": (f.get("suggestion"), 1)}, subject)
            for f in findings.to_dict("records") if finding_kind(f) != CORRECTED]


def reader_corrections(corrections: pd.DataFrame,
                       subject: Subject | None = None) -> list[ReaderFinding]:
    """Return the ledger's corrections as a reader sees them, each once: printed → corrected
    figure, the reason in Korean, its English apart; titles with the years of the report's
    ``subject``."""
    return [_reader(c, CORRECTED, *split_languages(str(c.get("reason") or "")),
                    {"printed": (correction_figure(c, "printed"), 1),
                     "expected": (correction_figure(c, "corrected"), 1)}, subject,
                    decision_text(c))
            for c in corrections.to_dict("records")]


def decision_text(correction: Mapping[str, Any]) -> str:
    """Return who decided a correction and when, as a page says it: '분석 정정 목록 2행 ·
    결정: 분석팀, 2031. 6. 2.' ('결정한 사람·날짜 기록 없음' for a ledger without them)."""
    line = correction.get("ledger_line")
    where = "분석 정정 목록" + ("" if fmt.is_missing(line) else f" {int(line)}행")
    who = str(correction.get("decided_by") or "").strip()
    day = str(correction.get("decided_on") or "").strip()
    if not who:
        return f"{where} · 결정한 사람·날짜 기록 없음"
    return f"{where} · 결정: {who}" + (f", {fmt.format_period(day)}" if day else "")


def findings_overview(findings: pd.DataFrame, corrections: pd.DataFrame,
                      subject: Subject | None = None) -> pd.DataFrame:
    """Return, per section in reading order (titles with the years of the report's
    ``subject``), the misprints corrected and the findings of each kind (a table for the
    overview notebook)."""
    rows = []
    for section in NOTEBOOKS.values():
        if not section.tables:
            continue
        sub = findings[findings["table"].isin(list(section.tables))]
        fixed = corrections[corrections["table"].isin(list(section.tables))] \
            if len(corrections) else corrections
        rows.append({"section": titled(section.title, subject), **quality_counts(sub, fixed)})
    return pd.DataFrame(rows, columns=["section", *KIND_TITLES])

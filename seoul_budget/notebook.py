"""Helpers the section notebooks call: parameters, data access, tables, charts and findings.

Every notebook starts with::

    ctx = nb.setup(as_of, data_dir, department)

which checks the parameters (a bad value raises ParameterError naming the valid choices), loads
the snapshot through the library (the one place data is read, so switching to processed files
happens here) and applies the display defaults. What a notebook needs twice lives here or in
:mod:`seoul_budget.metrics`, :mod:`seoul_budget.formatting` and :mod:`seoul_budget.plotting`.

IPython is imported lazily, inside the functions that display something, so the library can be
imported without Jupyter.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from . import formatting as fmt
from . import plotting
from .departments import BUREAU, DEPARTMENTS
from .errors import ParameterError
from .params import Parameters, check_parameters
from .report import Report
from .schemas import TABLE_TITLES, column_labels
from .snapshots import load_snapshot, project_root


@dataclass(frozen=True)
class Section:
    """A notebook of the report: its file stem, Korean title and the tables it covers."""

    key: str
    stem: str
    title: str
    tables: tuple[str, ...]


SECTIONS: dict[str, Section] = {s.key: s for s in (
    Section("overview", "00_overview", "한눈에 보기", ()),
    Section("staffing", "01_staffing", "인력 현황",
            ("staffing", "staffing_by_category", "staffing_facts", "duties")),
    Section("revenue", "02_revenue", "세입 예산", ("revenue_summary", "revenue")),
    Section("expenditure", "03_expenditure", "세출 예산과 집행",
            ("expenditure_summary", "expenditure")),
    Section("settlement_2022", "04_settlement_2022", "2022 회계연도 결산",
            ("settlement_revenue_2022", "settlement_expenditure_2022")),
    Section("key_projects", "05_key_projects", "주요 현안업무", ("projects", "project_metrics")),
)}

FINDING_COLUMNS: tuple[str, ...] = ("check", "severity", "table", "key", "column", "expected",
                                    "actual", "difference", "source_line", "message",
                                    "suggestion")
CORRECTION_COLUMNS: tuple[str, ...] = ("table", "source_line", "column", "printed",
                                       "corrected", "reason")
SEVERITIES: dict[str, str] = {"error": "오류", "warning": "경고", "info": "참고"}

UNIT_SUFFIX = {"KRW": None, "persons": "명", "signed": "명", "percent": "%", "points": "%p"}

# Korean labels and units of the columns metrics add (the data dictionary covers the rest).
COMPUTED_LABELS: dict[str, str] = {
    "programs": "사업 수", "committed_rate": "집행률(원인행위)", "spent_rate": "지출률",
    "rate": "집행률", "elapsed": "연간 경과율", "gap_pp": "경과율 대비",
    "shortage": "부족 인원", "fill_rate": "충원율", "share": "비율",
    "change": "증감액", "change_rate": "증감률", "status": "구분",
    "budget_share": "예산 비중", "specialists": "기술·전문 직렬", "specialist_share":
    "기술·전문 직렬 비율", "unspent_recomputed": "집행잔액 재계산 (A−B−C−D)",
    "carried_over_share": "이월 비율", "subsidy_share": "보조금반납 비율",
    "unspent_share": "집행잔액 비율", "execution_rate": "집행률 (A−E)/A",
    "collection_rate": "수납률 (수납/징수결정)", "assessed_vs_budget": "징수결정/예산현액",
    "duties": "주요업무 수",
}
COMPUTED_UNITS: dict[str, str] = {
    "programs": "count", "committed_rate": "percent", "spent_rate": "percent",
    "rate": "percent", "elapsed": "percent", "gap_pp": "points", "shortage": "persons",
    "fill_rate": "percent", "share": "percent", "change": "KRW", "change_rate": "percent",
    "budget_share": "percent", "specialists": "persons", "specialist_share": "percent",
    "unspent_recomputed": "KRW", "carried_over_share": "percent", "subsidy_share": "percent",
    "unspent_share": "percent", "execution_rate": "percent", "collection_rate": "percent",
    "assessed_vs_budget": "percent", "duties": "count",
}


def section_of(table: str) -> str:
    """Return the key of the section that reports on ``table`` ('overview' if none does)."""
    for section in SECTIONS.values():
        if table in section.tables:
            return section.key
    return "overview"


@dataclass
class Context:
    """A notebook's validated parameters and the loaded Report, narrowed to a department."""

    params: Parameters
    report: Report
    _findings: pd.DataFrame | None = field(default=None, repr=False)
    _reconcile_note: str = field(default="", repr=False)

    @property
    def as_of(self) -> date:
        """Return the snapshot's as-of date."""
        return self.params.as_of

    @property
    def department(self) -> str | None:
        """Return the canonical department the notebook is narrowed to, or None for all."""
        return self.params.department

    @property
    def scope(self) -> str:
        """Return the Korean name of what the notebook covers ('디지털정책관 전체' or a
        department)."""
        return self.department or f"{BUREAU} 전체"

    @property
    def departments(self) -> tuple[str, ...]:
        """Return the departments in scope, in report order."""
        return (self.department,) if self.department else DEPARTMENTS

    def table(self, name: str) -> pd.DataFrame:
        """Return a copy of table ``name``, narrowed to the department when one is chosen and
        the table has a ``department`` column (revenue tables cover the whole bureau)."""
        frame = self.report.tables()[name]
        if self.department and "department" in frame:
            return frame[frame["department"] == self.department].reset_index(drop=True)
        return frame.copy()

    def correction_note(self, *tables: str) -> str:
        """Return a note for a table whose figures include errata corrections ('' if none)."""
        fixed = corrections_for(self.corrections, tables, self.department)
        if not len(fixed):
            return ""
        lines = ", ".join(str(int(v)) for v in sorted(set(fixed["source_line"].dropna())))
        return (f"※ 정오표에 따라 고친 수치 {len(fixed)}개(원문 {lines}행)를 반영했습니다. "
                "원문 값과 정정 값은 이 보고서 끝의 데이터 검증 결과에 있습니다.")

    def has_department_column(self, name: str) -> bool:
        """Return True if table ``name`` can be narrowed to a department."""
        return "department" in self.report.tables()[name]

    @property
    def findings(self) -> pd.DataFrame:
        """Return the report's reconciliation findings (empty when reconciliation is not
        available), computed once."""
        if self._findings is None:
            self._findings, self._reconcile_note = load_findings(self.report)
        return self._findings

    @property
    def reconcile_note(self) -> str:
        """Return why findings are unavailable ('' when they are)."""
        _ = self.findings
        return self._reconcile_note

    @property
    def corrections(self) -> pd.DataFrame:
        """Return the errata applied to the report (printed vs corrected), possibly empty."""
        return load_corrections(self.report)


def load(params: Parameters, processed_dir: str | Path | None = None) -> Report:
    """Return the Report for validated parameters: the one place notebooks read data.

    With ``processed_dir``, fresh processed tables of the snapshot are read instead of parsing
    the text again (:func:`seoul_budget.snapshots.load_snapshot` decides what is fresh).
    """
    return load_snapshot(params.as_of, params.data_dir, processed_dir or None)


def setup(as_of: str | date | None = "", data_dir: str | Path | None = "",
          department: str | None = "all", processed_dir: str | Path | None = "") -> Context:
    """Check a notebook's parameters, load its snapshot and apply display defaults.

    ``as_of`` '' means the newest snapshot; ``data_dir`` '' the project's ``data/raw``;
    ``department`` 'all' the whole bureau, else any spelling of one of the eight departments;
    ``processed_dir`` '' parses the report text, a folder reads its fresh processed tables.
    Raises ParameterError naming the bad value and the valid choices.
    """
    params = check_parameters(as_of or None, data_dir or None, department)
    display_defaults()
    return Context(params=params, report=load(params, processed_dir))


def display_defaults() -> None:
    """Apply pandas display options and the chart style used by every notebook."""
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 160)
    plotting.use_style()


def check_number(name: str, value: Any, minimum: float | None = None,
                 maximum: float | None = None) -> float:
    """Return a numeric notebook parameter as float; ParameterError names the value and the
    valid range when it is not a number or out of range."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    low = "-∞" if minimum is None else f"{minimum:g}"
    high = "∞" if maximum is None else f"{maximum:g}"
    if (not math.isfinite(number) or (minimum is not None and number < minimum)
            or (maximum is not None and number > maximum)):
        raise ParameterError(f"{name} {value!r} is not valid; expected a number from {low} "
                             f"to {high}")
    return number


def check_choice(name: str, value: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; ParameterError naming them otherwise."""
    if value not in choices:
        raise ParameterError(f"{name} {value!r} is not valid; choose one of: "
                             f"{', '.join(choices)}")
    return value


def input_fingerprint(path: Path) -> str:
    """Return the first 12 hex digits of the SHA-256 of a file (shown for provenance)."""
    from .export import file_sha256

    return file_sha256(Path(path))[:12]


def display_path(path: Path) -> str:
    """Return ``path`` relative to the project folder when it is inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- display


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def md(text: str) -> None:
    """Display Markdown (narrative computed from the data)."""
    from IPython.display import Markdown

    _display(Markdown(text))


def show(fig: Any) -> None:
    """Display a matplotlib figure once and release it."""
    _display(fig)
    plotting.close(fig)


def header_block(ctx: Context, section: str) -> str:
    """Return the Markdown shown under a notebook's title: snapshot, scope and source file."""
    path = ctx.params.report_path
    lines = [
        f"**기준일** {ctx.as_of.year}. {ctx.as_of.month}. {ctx.as_of.day}. · "
        f"**범위** {ctx.scope} · **원문** `{display_path(path)}` "
        f"(SHA-256 `{input_fingerprint(path)}`)",
    ]
    if ctx.department:
        lines.append("")
        lines.append(f"> 이 보고서는 **{ctx.department}** 한 부서로 좁혀 보여 줍니다. "
                     "부서로 나뉘지 않는 표(세입 등)는 국 전체 수치입니다.")
    return "\n".join(lines)


def show_header(ctx: Context, section: str) -> None:
    """Display the header block of a section notebook."""
    md(header_block(ctx, section))


def _unit_label(unit: str | None, money_unit: str) -> str | None:
    if unit == "KRW":
        return money_unit
    return UNIT_SUFFIX.get(unit or "")


def cards_html(cards: Sequence[tuple[str, str, str]]) -> str:
    """Return headline figures as a row of cards: (label, figure, note) each, HTML-escaped."""
    items = []
    for label, figure, note in cards:
        items.append(
            '<div style="flex: 1 1 180px; border: 1px solid #D9DEE4; border-radius: 6px; '
            'padding: 10px 14px; background: #F7F9FB;">'
            f'<div style="font-size: 0.85em; color: #555;">{html.escape(label)}</div>'
            f'<div style="font-size: 1.45em; font-weight: bold; color: #2F5D8C;">'
            f'{html.escape(figure)}</div>'
            f'<div style="font-size: 0.8em; color: #555;">{html.escape(note)}</div></div>')
    return ('<div style="display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0;">'
            + "".join(items) + "</div>")


def show_cards(cards: Sequence[tuple[str, str, str]]) -> None:
    """Display :func:`cards_html`."""
    from IPython.display import HTML

    _display(HTML(cards_html(cards)))


def _formatter(unit: str | None, money_unit: str, decimals: int | None) -> Callable[[Any], str]:
    if unit == "KRW":
        return fmt.money_formatter(money_unit, decimals or 0)
    if unit in ("persons", "count"):
        return lambda v: fmt.format_number(v, decimals or 0)
    if unit == "percent":
        return lambda v: fmt.format_number(v, 1 if decimals is None else decimals)
    if unit == "signed":
        return lambda v: fmt.format_signed_persons(v, suffix=False)
    if unit == "points":
        return lambda v: fmt.format_points(v, 1 if decimals is None else decimals)[:-2] \
            if not fmt.is_missing(v) else ""
    return lambda v: "" if fmt.is_missing(v) else str(v)


def _schema_units(table: str | None) -> dict[str, str | None]:
    if not table:
        return {}
    from .schemas import SCHEMAS

    model = SCHEMAS.get(table)
    if model is None:
        return {}
    return {name: (col.metadata or {}).get("unit")
            for name, col in model.to_schema().columns.items()}


SHORT_TEXT = 16  # text columns no longer than this stay on one line


def table_html(frame: pd.DataFrame, *, table: str | None = None,
               labels: Mapping[str, str] | None = None,
               units: Mapping[str, str | None] | None = None, money_unit: str = "천원",
               decimals: Mapping[str, int] | None = None, caption: str | None = None,
               highlight: Iterable[bool] | None = None, note: str | None = None,
               align_right: Sequence[str] = ()) -> str:
    """Return a reader's HTML table: Korean headers with units, formatted figures.

    A column's label comes from ``labels``, else from the data dictionary of ``table``
    (:func:`seoul_budget.schemas.column_labels`); its unit ('KRW', 'persons', 'percent' or
    None) from ``units``, else from the data dictionary. Money is shown in ``money_unit``;
    headers carry the unit ('예산현액 (천원)'). ``highlight`` marks rows to emphasise;
    ``align_right`` names text columns holding figures (right-aligned like numbers). All text
    is HTML-escaped. Output is deterministic (ids derive from the content).
    """
    labels = dict(labels or {})
    units = dict(units or {})
    decimals = dict(decimals or {})
    known = column_labels(table) if table else {}
    known_units = _schema_units(table)
    shown = pd.DataFrame(index=range(len(frame)))
    numeric: list[str] = []
    for column in frame.columns:
        if column in units:
            unit = units[column]
        elif column in known_units:
            unit = known_units[column]
        else:
            unit = COMPUTED_UNITS.get(column)
        label = labels.get(column) or known.get(column) or COMPUTED_LABELS.get(column) or column
        suffix = _unit_label(unit, money_unit)
        heading = fmt.header(label, suffix) if suffix else label
        values = frame[column].tolist()
        shown[heading] = [_formatter(unit, money_unit, decimals.get(column))(v) for v in values]
        if unit is not None or column in align_right:
            numeric.append(heading)
    digest = hashlib.sha256((caption or "").encode() + repr(list(shown.columns)).encode()
                            + repr(shown.to_numpy().tolist()).encode()).hexdigest()[:10]
    styler = shown.style.hide(axis="index").format(escape="html")
    styler = styler.format_index(escape="html", axis="columns").set_uuid(f"sb{digest}")
    styler = styler.set_table_attributes('class="sb-table"')
    styles: list[dict[str, Any]] = [
        {"selector": "", "props": "border-collapse: collapse; font-size: 0.92em;"},
        {"selector": "caption", "props": "caption-side: top; text-align: left; "
                                         "font-weight: bold; padding: 4px 0;"},
        {"selector": "th", "props": "background: #EEF2F6; padding: 4px 8px; "
                                    "text-align: center; white-space: nowrap;"},
        {"selector": "td", "props": "padding: 3px 8px; border-bottom: 1px solid #E6E9ED;"},
    ]
    styler = styler.set_table_styles(styles)
    text_columns = [c for c in shown.columns if c not in numeric]
    short_text = [c for c in text_columns
                  if shown[c].map(len).max(skipna=True) <= SHORT_TEXT] if len(shown) else []
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right",
                                                          "white-space": "nowrap"})
    if text_columns:
        styler = styler.set_properties(subset=text_columns, **{"text-align": "left"})
    if short_text:
        styler = styler.set_properties(subset=short_text, **{"white-space": "nowrap"})
    if highlight is not None:
        flags = list(highlight)
        styler = styler.apply(lambda row: ["background: #FCEBDD; font-weight: bold;"
                                           if flags[row.name] else "" for _ in row], axis=1)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    out = styler.to_html()
    if note:
        out += f'<p style="font-size: 0.85em; color: #555;">{html.escape(note)}</p>'
    return out


def show_table(frame: pd.DataFrame, **kwargs: Any) -> None:
    """Display :func:`table_html` of ``frame`` (same arguments)."""
    from IPython.display import HTML

    _display(HTML(table_html(frame, **kwargs)))


# --------------------------------------------------------------------------- findings


def empty_findings() -> pd.DataFrame:
    """Return an empty findings frame with the contract's columns."""
    return pd.DataFrame({column: pd.Series(dtype="object") for column in FINDING_COLUMNS})


def empty_corrections() -> pd.DataFrame:
    """Return an empty corrections frame with the contract's columns."""
    return pd.DataFrame({column: pd.Series(dtype="object") for column in CORRECTION_COLUMNS})


def load_findings(report: Report) -> tuple[pd.DataFrame, str]:
    """Return (findings, note): the report's reconciliation findings, and '' or a note
    saying why there are none to show (the reconciliation module is not installed).

    Any other failure of reconciliation propagates: a notebook never hides it.
    """
    try:
        module = importlib.import_module(f"{__package__}.reconciliation")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.reconciliation":
            raise
        return empty_findings(), ("데이터 검증 모듈(seoul_budget.reconciliation)이 없어 "
                                  "검증 결과를 표시하지 않습니다.")
    if isinstance(getattr(type(report), "findings", None), property):
        frame = report.findings  # computed once per Report
    else:
        frame = module.reconcile(report)
    return frame.reset_index(drop=True), ""


def load_corrections(report: Report) -> pd.DataFrame:
    """Return the errata applied to ``report`` (empty when none were applied)."""
    corrections = getattr(report, "corrections", None)
    if corrections is None:
        return empty_corrections()
    return pd.DataFrame(corrections).reset_index(drop=True)


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


# The unit each table prints money in (what a reader compares a finding with).
SOURCE_MONEY_UNITS: dict[str, str] = {"settlement_revenue_2022": "백만원",
                                      "settlement_expenditure_2022": "백만원",
                                      "projects": "백만원"}


def source_money_unit(table: str) -> str:
    """Return the unit the report prints a table's money in (천원, or 백만원 for 2022)."""
    return SOURCE_MONEY_UNITS.get(table, "천원")


def _unit_of(record: Mapping[str, Any], table: str, column: str) -> str | None:
    unit = record.get("unit")
    if isinstance(unit, str) and unit:
        return unit
    return fmt.column_unit(table, column)


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


def _column_label(table: str, column: str) -> str:
    try:
        labels = column_labels(table)
    except KeyError:
        labels = {}
    return labels.get(column, column)


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
            "표": TABLE_TITLES.get(table, table),
            "위치": str(f.get("key") or ""),
            "항목": _column_label(table, column),
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
            "표": TABLE_TITLES.get(table, table),
            "원문 행": "" if fmt.is_missing(c.get("source_line")) else str(int(c["source_line"])),
            "위치": str(c.get("key") or ""),
            "항목": _column_label(table, column),
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


def show_findings(ctx: Context, section: str,
                  severities: Sequence[str] | None = None) -> pd.DataFrame:
    """Display a section's data-quality findings (of ``severities``; all by default) and the
    corrections applied to its tables, printed and corrected figures side by side; return the
    findings shown. ``section`` 'overview' covers every table."""
    from IPython.display import HTML

    tables = None if section == "overview" else SECTIONS[section].tables
    if ctx.reconcile_note:
        md(f"> {ctx.reconcile_note}")
        return empty_findings()
    every = findings_for(ctx.findings, tables, ctx.department)
    findings = every if severities is None else every[every["severity"].isin(list(severities))]
    corrections = corrections_for(ctx.corrections, tables, ctx.department)
    md(f"**검증 요약** — {findings_summary(every, corrections)}")
    if len(findings):
        _display(HTML(findings_html(findings_display(findings),
                                    "원문 수치 검증 결과 (원문 값과 계산 값 대조)")))
    elif severities is not None:
        shown = "·".join(SEVERITIES[s] for s in severities)
        rest = len(every)
        md(f"{shown}에 해당하는 불일치는 없습니다."
           + (f" 참고 사항 {rest}건은 각 절의 보고서에 있습니다." if rest else ""))
    else:
        md("이 절의 표에서 맞지 않는 수치는 발견되지 않았습니다.")
    if len(corrections):
        _display(HTML(findings_html(corrections_display(corrections),
                                    "정오표로 정정한 수치 (원문 값 → 정정 값)")))
    return findings.reset_index(drop=True)


def findings_html(frame: pd.DataFrame, caption: str) -> str:
    """Return a findings or corrections display table as HTML: figures right-aligned on one
    line, text wrapped."""
    return table_html(frame, units=dict.fromkeys(frame.columns, None), caption=caption,
                      align_right=[c for c in frame.columns if c in FIGURE_COLUMNS])


def findings_overview(findings: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """Return, per section in reading order, the number of findings by severity and of
    corrections (a table for the overview notebook)."""
    rows = []
    for section in SECTIONS.values():
        if not section.tables:
            continue
        sub = findings[findings["table"].isin(list(section.tables))]
        counts = severity_counts(sub)
        fixed = corrections[corrections["table"].isin(list(section.tables))] \
            if len(corrections) else corrections
        rows.append({"section": section.title, **counts, "corrections": len(fixed)})
    return pd.DataFrame(rows, columns=["section", *SEVERITIES, "corrections"])


def project_metric(project_metrics: pd.DataFrame, project: int, metric: str) -> pd.DataFrame:
    """Return the rows of one key-project figure (e.g. project 2, 'monthly_visits'), sorted
    by period; empty when the report does not state it."""
    rows = project_metrics[(project_metrics["project"] == project)
                           & (project_metrics["metric"] == metric)]
    return rows.sort_values("period", kind="stable").reset_index(drop=True)


def section_links(current: str = "overview") -> str:
    """Return Markdown links to every section's HTML report (same folder), in reading order."""
    lines = []
    for section in SECTIONS.values():
        if section.key == current:
            continue
        lines.append(f"- [{section.title}]({section.stem}.html)")
    return "\n".join(lines)

"""The catalog: one record per report section, table and section notebook.

Each fact about a table or a notebook is stated here once — its Korean title, the report
section it is read from, the unit the report prints its figures in, the notebook that shows
it — and every other module looks it up (pudl keeps one resource record per table the same
way). Column-level facts (label, unit, description) live in :mod:`seoul_budget.schemas`.

Nothing here names a report: a title that carries a year says which one by a placeholder
(``{settlement_year}``, ``{fiscal_year}``, ``{previous_year}``, ``{projects}`` for the number
of key projects), filled from a report's own :class:`~seoul_budget.subject.Subject` by
:func:`titled`, and dropped when no report is at hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .subject import FISCAL, SETTLEMENT, Subject

OVERVIEW = "overview"
# The output metadata by which a section notebook declares its page's key figure for the index
# (written by notebook.display.show_takeaways, read by build.worker).
KEY_FIGURE_METADATA = "seoul_budget_key_figure"
KEY_LINES_METADATA = "seoul_budget_key_lines"  # the report lines behind the key figure
# A placeholder and the Hangul written onto it ('{previous_year}년과'): without a value, both go.
_PLACEHOLDER = re.compile(r"\{(\w+)\}([가-힣]*)")


@dataclass(frozen=True)
class ReportSection:
    """A section of the work report: key and Korean title (its heading text is the parser's)."""

    key: str
    title: str


@dataclass(frozen=True)
class TableSpec:
    """A table of the package: Korean title, report section, the unit the report prints
    its figures in ('천원', '백만원', '명'; '' when rows carry their own unit or none) and
    which year its figures are for (``year``: FISCAL, SETTLEMENT, or '' for none: its rows
    then carry no ``fiscal_year``)."""

    name: str
    title: str
    section: str
    unit: str
    year: str = ""


@dataclass(frozen=True)
class NotebookSpec:
    """A section notebook: key, file stem, Korean title, the tables it reports on, in one
    line what its page holds (the index shows it), and whether it reads the snapshots before
    its own (``reads_history``: its page of month M depends on every snapshot up to M, so
    the build rebuilds it when an earlier one changes). A notebook the catalog does not list
    reads only its own snapshot."""

    key: str
    stem: str
    title: str
    tables: tuple[str, ...]
    holds: str = ""
    reads_history: bool = False


REPORT_SECTIONS: dict[str, ReportSection] = {s.key: s for s in (
    ReportSection("general", "일반 현황"),
    ReportSection("staffing", "인력 현황"),
    ReportSection("duties", "부서별 주요업무"),
    ReportSection("budget_overview", "{fiscal_year}년도 세입·세출 예산현황"),
    ReportSection("revenue_summary", "세입 총괄"),
    ReportSection("expenditure_summary", "세출 총괄"),
    ReportSection("projects", "주요 현안업무"),
    ReportSection("budget_detail", "{fiscal_year} 세입·세출예산 세부현황"),
    ReportSection("revenue", "세입 예산 세부내역"),
    ReportSection("expenditure", "세출예산 집행현황"),
    ReportSection("settlement", "{settlement_year} 세입·세출 결산 현황"),
    ReportSection("settlement_revenue", "{settlement_year} 세입결산"),
    ReportSection("settlement_expenditure", "{settlement_year} 세출결산"),
    ReportSection("glossary", "용어 설명"),
)}

TABLES: dict[str, TableSpec] = {t.name: t for t in (
    TableSpec("staffing", "인력 현황", "staffing", "명"),
    TableSpec("staffing_by_category", "직종별 현원", "staffing", "명"),
    TableSpec("staffing_facts", "인력 관련 수치", "staffing", "명"),
    TableSpec("duties", "부서별 주요업무", "duties", ""),
    TableSpec("revenue_summary", "세입 총괄", "revenue_summary", "천원", FISCAL),
    TableSpec("revenue", "세입 예산 세부내역", "revenue", "천원", FISCAL),
    TableSpec("expenditure_summary", "세출 총괄", "expenditure_summary", "천원", FISCAL),
    TableSpec("expenditure", "세출예산 집행현황", "expenditure", "천원", FISCAL),
    TableSpec("settlement_revenue", "{settlement_year} 세입결산", "settlement_revenue",
              "백만원", SETTLEMENT),
    TableSpec("settlement_expenditure", "{settlement_year} 세출결산",
              "settlement_expenditure", "백만원", SETTLEMENT),
    TableSpec("projects", "주요 현안업무", "projects", "백만원", FISCAL),
    TableSpec("project_metrics", "주요 현안업무 수치", "projects", ""),
    TableSpec("printed_totals", "원문 합계·소계", "", ""),
    TableSpec("findings", "검증 결과", "", ""),
    TableSpec("corrections", "정오표 적용 내역", "", ""),
    TableSpec("departments", "부서", "", ""),
)}

NOTEBOOKS: dict[str, NotebookSpec] = {n.key: n for n in (
    NotebookSpec(OVERVIEW, "00_overview", "한눈에 보기", (),
                 "인력·세입·세출·집행의 핵심 수치, 부서별 요약, 원문 오류와 정정"),
    NotebookSpec("staffing", "01_staffing", "인력 현황",
                 ("staffing", "staffing_by_category", "staffing_facts", "duties"),
                 "부서별 정원·현원과 부족 인원, 직종 구성, 기술·전문 인력, 주요업무"),
    NotebookSpec("revenue", "02_revenue", "세입 예산", ("revenue_summary", "revenue"),
                 "{fiscal_year} 세입 예산을 {previous_year}년과 비교: 수입 종류별, 크게 달라진 "
                 "항목, 세부내역"),
    NotebookSpec("expenditure", "03_expenditure", "세출 예산과 집행",
                 ("expenditure_summary", "expenditure"),
                 "부서·회계·사업별 예산현액과 집행률, 집행이 더딘 사업, {previous_year} 대비 증감"),
    NotebookSpec("settlement", "04_settlement", "{settlement_year} 회계연도 결산",
                 ("settlement_revenue", "settlement_expenditure"),
                 "{settlement_year} 세출 결산(지출·이월·보조금 반납·집행잔액)과 세입 결산(징수결정 "
                 "대비 수납)"),
    NotebookSpec("key_projects", "05_key_projects", "주요 현안업무",
                 ("projects", "project_metrics"),
                 "{projects}대 현안업무의 예산·기간과 본문에 적힌 성과 지표"),
    # Over the snapshots up to its own: no table of its own, like the overview.
    NotebookSpec("trends", "06_trends", "월별 추이", (),
                 "달마다 집행률이 어떻게 움직였는지, 지난달보다 달라진 사업·예산·부서·검증 결과",
                 reads_history=True),
)}
NOTEBOOKS_BY_STEM: dict[str, NotebookSpec] = {n.stem: n for n in NOTEBOOKS.values()}


def titled(text: str, values: Subject | Mapping[str, object] | None = None) -> str:
    """Return a catalog text with its placeholders filled from a report's subject (its years)
    or from ``values`` ({'projects': 8} …); a placeholder with no value is dropped with the
    Hangul written onto it and the space after it ('{settlement_year} 세입결산' → '세입결산',
    '{previous_year}년과 비교' → '비교' when no report is at hand)."""
    known = values.years() if isinstance(values, Subject) else dict(values or {})

    def fill(match: re.Match[str]) -> str:
        value = known.get(match.group(1))
        return "" if value is None else str(value) + match.group(2)

    filled = _PLACEHOLDER.sub(fill, text)
    return " ".join(filled.split()) if filled != text else text


def table_title(table: str, subject: Subject | None = None) -> str:
    """Return a table's Korean title ('세출예산 집행현황'; a settlement table's with the
    settlement's year when a report's subject is given), or its name if it is unknown."""
    spec = TABLES.get(table)
    return titled(spec.title, subject) if spec is not None else table


def section_title(table: str, subject: Subject | None = None) -> str:
    """Return the Korean title of the report section a table is read from (its own title
    when it comes from no one section), years filled from ``subject``."""
    spec = TABLES.get(table)
    if spec is None or spec.section not in REPORT_SECTIONS:
        return table_title(table, subject)
    return titled(REPORT_SECTIONS[spec.section].title, subject)


def table_year(table: str, subject: Subject) -> int | None:
    """Return the year a table's figures are for in a report (None: a table of no year)."""
    spec = TABLES.get(table)
    years = {FISCAL: subject.fiscal_year, SETTLEMENT: subject.settlement_year}
    return years.get(spec.year) if spec is not None else None


def printed_unit(table: str) -> str:
    """Return the unit the report usually prints a table's figures in ('' if none or per row).

    A report may print a table in another unit: ``Report.table_units``, the unit record, holds
    what each snapshot actually prints and the unit its figures are likely in.
    """
    spec = TABLES.get(table)
    return spec.unit if spec is not None else ""

"""The catalog: one record per report section, table and section notebook.

Each fact about a table or a notebook is stated here once — its Korean title, the report
section it is read from, the unit the report prints its figures in, the notebook that shows
it — and every other module looks it up (pudl keeps one resource record per table the same
way). Column-level facts (label, unit, description) live in :mod:`seoul_budget.schemas`.
"""

from __future__ import annotations

from dataclasses import dataclass

BUREAU_TITLE = "디지털정책관 업무보고"
OVERVIEW = "overview"


@dataclass(frozen=True)
class ReportSection:
    """A section of the work report: key and Korean title (its heading text is the parser's)."""

    key: str
    title: str


@dataclass(frozen=True)
class TableSpec:
    """A table of the package: Korean title, report section and the unit the report prints
    its figures in ('천원', '백만원', '명'; '' when rows carry their own unit or none)."""

    name: str
    title: str
    section: str
    unit: str


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
    ReportSection("staffing", "인력 현황"),
    ReportSection("duties", "부서별 주요업무"),
    ReportSection("budget_overview", "2023년도 세입·세출 예산현황"),
    ReportSection("revenue_summary", "세입 총괄"),
    ReportSection("expenditure_summary", "세출 총괄"),
    ReportSection("projects", "주요 현안업무"),
    ReportSection("budget_detail", "2023 세입·세출예산 세부현황"),
    ReportSection("revenue", "세입 예산 세부내역"),
    ReportSection("expenditure", "세출예산 집행현황"),
    ReportSection("settlement", "2022 세입·세출 결산 현황"),
    ReportSection("settlement_revenue", "2022 세입결산"),
    ReportSection("settlement_expenditure", "2022 세출결산"),
    ReportSection("glossary", "용어 설명"),
)}

TABLES: dict[str, TableSpec] = {t.name: t for t in (
    TableSpec("staffing", "인력 현황", "staffing", "명"),
    TableSpec("staffing_by_category", "직종별 현원", "staffing", "명"),
    TableSpec("staffing_facts", "인력 관련 수치", "staffing", "명"),
    TableSpec("duties", "부서별 주요업무", "duties", ""),
    TableSpec("revenue_summary", "세입 총괄", "revenue_summary", "천원"),
    TableSpec("revenue", "세입 예산 세부내역", "revenue", "천원"),
    TableSpec("expenditure_summary", "세출 총괄", "expenditure_summary", "천원"),
    TableSpec("expenditure", "세출예산 집행현황", "expenditure", "천원"),
    TableSpec("settlement_revenue", "2022 세입결산", "settlement_revenue", "백만원"),
    TableSpec("settlement_expenditure", "2022 세출결산", "settlement_expenditure",
              "백만원"),
    TableSpec("projects", "주요 현안업무", "projects", "백만원"),
    TableSpec("project_metrics", "주요 현안업무 수치", "projects", ""),
    TableSpec("printed_totals", "원문 합계·소계", "", ""),
    TableSpec("findings", "검증 결과", "", ""),
    TableSpec("corrections", "정오표 적용 내역", "", ""),
)}

NOTEBOOKS: dict[str, NotebookSpec] = {n.key: n for n in (
    NotebookSpec(OVERVIEW, "00_overview", "한눈에 보기", (),
                 "인력·세입·세출·집행의 핵심 수치, 부서별 요약, 원문 오류와 정정"),
    NotebookSpec("staffing", "01_staffing", "인력 현황",
                 ("staffing", "staffing_by_category", "staffing_facts", "duties"),
                 "부서별 정원·현원과 부족 인원, 직종 구성, 기술·전문 인력, 주요업무"),
    NotebookSpec("revenue", "02_revenue", "세입 예산", ("revenue_summary", "revenue"),
                 "2023 세입 예산을 2022년과 비교: 수입 종류별, 크게 달라진 항목, 세부내역"),
    NotebookSpec("expenditure", "03_expenditure", "세출 예산과 집행",
                 ("expenditure_summary", "expenditure"),
                 "부서·회계·사업별 예산현액과 집행률, 집행이 더딘 사업, 2022 대비 증감"),
    NotebookSpec("settlement", "04_settlement", "2022 회계연도 결산",
                 ("settlement_revenue", "settlement_expenditure"),
                 "2022 세출 결산(지출·이월·보조금 반납·집행잔액)과 세입 결산(징수결정 대비 수납)"),
    NotebookSpec("key_projects", "05_key_projects", "주요 현안업무",
                 ("projects", "project_metrics"),
                 "8대 현안업무의 예산·기간과 본문에 적힌 성과 지표"),
    # Over the snapshots up to its own: no table of its own, like the overview.
    NotebookSpec("trends", "06_trends", "월별 추이", (),
                 "달마다 집행률이 어떻게 움직였는지, 지난달보다 달라진 사업·예산·부서·검증 결과",
                 reads_history=True),
)}
NOTEBOOKS_BY_STEM: dict[str, NotebookSpec] = {n.stem: n for n in NOTEBOOKS.values()}


def table_title(table: str) -> str:
    """Return a table's Korean title ('세출예산 집행현황'), or its name if it is unknown."""
    spec = TABLES.get(table)
    return spec.title if spec is not None else table


def section_title(table: str) -> str:
    """Return the Korean title of the report section a table is read from (its own title
    when it comes from no one section)."""
    spec = TABLES.get(table)
    if spec is None or spec.section not in REPORT_SECTIONS:
        return table_title(table)
    return REPORT_SECTIONS[spec.section].title


def printed_unit(table: str) -> str:
    """Return the unit the report usually prints a table's figures in ('' if none or per row).

    A report may print a table in another unit: ``Report.table_units``, the unit record, holds
    what each snapshot actually prints and the unit its figures are likely in.
    """
    spec = TABLES.get(table)
    return spec.unit if spec is not None else ""

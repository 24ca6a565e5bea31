"""The data dictionary: one pandera model per table, a Korean title, English description and
unit for every column, and the only column lookups (:func:`column_spec`, :func:`column_unit`,
:func:`column_title`, :func:`column_labels`, :func:`column_header`).

Each table is a ``pandera.DataFrameModel`` (strict, ordered, coercing): its annotated attributes
are its columns, in order; ``pa.Field`` gives each its checks, ``title``, ``description`` and
``metadata={"unit": ...}``. Money is whole KRW (원) in ``Int64`` whatever the source unit; counts
are ``Int64``; missing text is <NA>, never ''; rates the source prints are kept in ``*_printed``
columns (percent) and never used as truth; every row keeps ``source_line``, the 1-based line of
the raw file that holds its figures. A ``department`` column holds the report's own departments
(its staffing table), supplied at validation (:func:`seoul_budget.validate.table_schema`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .classification import ACCOUNTS

# How a unit reads in Korean headers: '예산현액 (원)'.
UNIT_LABELS = {"KRW": "원", "persons": "명", "percent": "%"}
DEPARTMENT = "department"  # the column that names a department of the report
# Column annotations: pandas dtypes of pandera's typed Series.
Text = Series[str]
Int = Series[pd.Int64Dtype]
Float = Series[pd.Float64Dtype]
Flag = Series[bool]


def _field(title: str, description: str, unit: str | None = None, **checks: Any) -> Any:
    """Return a column's pandera Field: Korean title, English description, unit ('KRW',
    'persons', 'percent' or None) and checks (``ge``, ``isin``, ``nullable``, ``str_length``)."""
    return pa.Field(title=title, description=description,
                    metadata={"unit": unit} if unit else None, **checks)


def _money(title: str, description: str, **checks: Any) -> Any:
    return _field(title, description + " (KRW)", "KRW", **checks)


def _rate(title: str, description: str) -> Any:
    return _field(title, description + " (percent, as printed; never used as truth)", "percent",
                  nullable=True)


def _department() -> Any:
    # Which names are departments is the report's own: supplied when a table is validated.
    return _field("부서", "Department, as the report's staffing table (인력 현황) names it")


def _source_line() -> Any:
    return _field("원문 행", "1-based line of the raw report that holds this row's figures",
                  ge=1)


class Table(pa.DataFrameModel):
    """Every table: exactly its columns, in order, each coerced to its dtype."""

    class Config:
        strict = True
        ordered = True
        coerce = True


class Staffing(Table):
    """인력 현황: one row per department (persons)."""

    department: Text = _department()
    authorized: Int = _field("정원", "Authorised posts", "persons", ge=0)
    current: Int = _field("현원", "Staff in post", "persons", ge=0)
    shortage: Int = _field("부족 인원", "정원 − 현원: positive where posts are unfilled, "
                           "negative over strength (computed)", "persons")
    surplus_printed: Int = _field("과부족", "Printed 현원 − 정원 (negative: short; as printed, "
                                  "never used as truth)", "persons")
    source_line: Int = _source_line()

    class Config:
        unique = ["department"]


class StaffingByCategory(Table):
    """직종별 현원: one row per department × job category (persons; empty cells are 0)."""

    department: Text = _department()
    job_group: Text = _field("직군", "Job group (행정·기술직군 …)")
    job_category: Text = _field("직종", "Job category (행정, 전산 …)")
    headcount: Int = _field("현원", "Staff in post", "persons", ge=0)
    source_line: Int = _source_line()

    class Config:
        unique = ["department", "job_category"]


class StaffingFacts(Table):
    """Staffing figures stated in prose under the table."""

    metric: Text = _field("지표", "Metric name")
    label: Text = _field("지표명", "Korean label as printed")
    value: Int = _field("인원", "Persons", "persons", nullable=True)
    share_printed: Float = _rate("비율", "Printed share")
    unit: Text = _field("단위", "Unit of value")
    source_line: Int = _source_line()


class Duties(Table):
    """부서별 주요업무: one row per department and duty line (plain text)."""

    department: Text = _department()
    duty_number: Int = _field("순번", "Position in the department's list", ge=1)
    duty: Text = _field("주요업무", "Duty, as plain text", str_length={"min_value": 1})
    source_line: Int = _source_line()


class Revenue(Table):
    """세입 예산 세부내역: one row per finest printed line (item, or category with no items)."""

    category: Text = _field("장", "Top category (세외수입, 보조금 …)")
    subcategory: Text = _field("관", "Second level (경상적세외수입 …); missing if not "
                               "printed", nullable=True)
    detail_category: Text = _field("항", "Third level (공유재산임대료 …); missing if none",
                                   nullable=True)
    item: Text = _field("세부항목", "Line item; missing for a category row with no items, or for "
                        "an item the source prints without a label", nullable=True)
    budget_2023: Int = _money("2023 예산현액", "2023 budget")
    budget_2022: Int = _money("2022 최종예산", "2022 final budget")
    change_printed: Int = _money("증감액", "Printed 2023 − 2022")
    change_rate_printed: Float = _rate("증감률", "Printed change rate")
    new_this_year_printed: Flag = _field("순증", "The source prints 순증 (new this year)")
    source_line: Int = _source_line()


class RevenueSummary(Revenue):
    """세입 총괄: the revenue summary at the finest category level it prints."""


class Expenditure(Table):
    """세출예산 집행현황: one row per program."""

    department: Text = _department()
    account: Text = _field("회계", "Account (일반회계, 특별회계)", isin=list(ACCOUNTS))
    program: Text = _field("사업", "Program (세부사업)", str_length={"min_value": 1})
    budget: Int = _money("예산현액", "Budget available in 2023 (incl. carry-over)")
    committed: Int = _money("원인행위액", "Committed (원인행위)")
    spent: Int = _money("지출액", "Spent")
    committed_rate_printed: Float = _rate("집행률(원인행위)", "Printed committed rate")
    spent_rate_printed: Float = _rate("집행률(지출액)", "Printed spent rate")
    is_basic_expense: Flag = _field("기본경비", "True for a department's 기본경비 (running costs), "
                                    "not a policy program")
    source_line: Int = _source_line()

    class Config:
        unique = ["department", "account", "program"]


class ExpenditureSummary(Table):
    """세출 총괄: one row per department × account (일반회계 where the summary prints none)."""

    department: Text = _department()
    account: Text = _field("회계", "Account; 일반회계 where the summary prints no split",
                           isin=list(ACCOUNTS))
    budget_2023: Int = _money("2023 예산현액", "2023 budget incl. carry-over")
    budget_2022: Int = _money("2022 최종예산", "2022 final budget")
    change_printed: Int = _money("증감액", "Printed 2023 − 2022")
    change_rate_printed: Float = _rate("증감률", "Printed change rate")
    committed: Int = _money("집행액", "Executed (원인행위 basis)")
    execution_rate_printed: Float = _rate("집행률", "Printed execution rate")
    source_line: Int = _source_line()

    class Config:
        unique = ["department", "account"]


class SettlementRevenue2022(Table):
    """2022 세입결산: one row per finest printed category (source unit 백만원)."""

    account: Text = _field("회계", "Account", isin=list(ACCOUNTS))
    category: Text = _field("장", "Top category")
    item: Text = _field("항목", "Finest printed category")
    budget: Int = _money("예산현액", "Budget")
    assessed: Int = _money("징수결정액", "Assessed")
    collected: Int = _money("실제수납액", "Collected")
    written_off: Int = _money("불납결손액", "Written off")
    outstanding: Int = _money("미수납액", "Outstanding")
    source_line: Int = _source_line()


class SettlementExpenditure2022(Table):
    """2022 세출결산: one row per department × account (source unit 백만원)."""

    department: Text = _department()
    account: Text = _field("회계", "Account", isin=list(ACCOUNTS))
    budget: Int = _money("예산현액 (A)", "Budget (A)")
    spent: Int = _money("지출액 (B)", "Spent (B)")
    carried_over: Int = _money("이월액 (C)", "Carried over (C)")
    subsidy_returned: Int = _money("보조금반납액 (D)", "Subsidy returned (D)")
    unspent: Int = _money("집행잔액(불용) (E)", "Unspent balance (집행잔액, lapsed: 불용), as "
                          "printed; E = A − B − C − D")
    unspent_rate: Float = _field("불용률", "Unspent E ÷ budget A (percent, computed; missing "
                                 "where A is 0)", "percent", nullable=True)
    execution_rate_printed: Float = _rate("집행률 (F)", "Printed execution rate")
    source_line: Int = _source_line()

    class Config:
        unique = ["department", "account"]


class Projects(Table):
    """주요 현안업무: one row per key project (no officials' names or phone numbers)."""

    number: Int = _field("번호", "Project number in the report", ge=1)
    title: Text = _field("사업명", "Project title")
    department: Text = _department()
    budget: Int = _money("사업예산", "Project budget; empty for 비예산", nullable=True, ge=0)
    budget_note: Text = _field("예산 비고", "What the source adds to the budget; missing if "
                               "nothing", nullable=True)
    period: Text = _field("사업기간", "Period as printed; missing if none", nullable=True)
    heading_line: Int = _field("제목 행", "Line of the project's heading", ge=1)
    source_line: Int = _source_line()

    class Config:
        unique = ["number"]


class ProjectMetrics(Table):
    """Figures stated in the key projects' text (long format)."""

    project: Int = _field("사업 번호", "Project number", ge=1)
    metric: Text = _field("지표", "Metric name")
    label: Text = _field("지표명", "Korean label")
    period: Text = _field("기간", "YYYY, YYYY-MM, YYYY-MM-DD or YYYYH1/H2; missing if "
                          "the text gives none", nullable=True)
    value: Float = _field("값", "Value in ``unit``")
    unit: Text = _field("단위", "Unit as printed (명, 건, %, 원 …)")
    source_line: Int = _source_line()


class PrintedTotals(Table):
    """Every total and subtotal cell the source prints, kept for reconciliation."""

    table: Text = _field("표", "Table the total belongs to")
    key: Text = _field("구분", "Path of the total ('계', '디지털정책담당관 > 일반회계' …)")
    level: Text = _field("수준", "total, department, account, category …")
    column: Text = _field("열", "Column of the line-item table it totals")
    value: Int = _field("값", "KRW or persons (see unit)", nullable=True)
    rate_printed: Float = _rate("비율", "Printed rate on a total row")
    unit: Text = _field("단위", "KRW, persons or percent", isin=["KRW", "persons", "percent"])
    source_line: Int = _source_line()


SCHEMAS: dict[str, type[Table]] = {
    "staffing": Staffing,
    "staffing_by_category": StaffingByCategory,
    "staffing_facts": StaffingFacts,
    "duties": Duties,
    "revenue_summary": RevenueSummary,
    "revenue": Revenue,
    "expenditure_summary": ExpenditureSummary,
    "expenditure": Expenditure,
    "settlement_revenue_2022": SettlementRevenue2022,
    "settlement_expenditure_2022": SettlementExpenditure2022,
    "projects": Projects,
    "project_metrics": ProjectMetrics,
    "printed_totals": PrintedTotals,
}


class Findings(Table):
    """검증 결과: one row per reconciliation finding (see ``seoul_budget.reconciliation``)."""

    check: Text = _field("검증", "Check family: sum, formula, rate, cross_table, prose, "
                         "definition, unit, errata", isin=["sum", "formula", "rate",
                                                           "cross_table", "prose",
                                                           "definition", "unit", "errata"])
    severity: Text = _field("수준", "error (a printed figure is wrong), warning, info (rounding, "
                            "a legitimate difference, a note)", isin=["error", "warning", "info"])
    section: Text = _field("보고서 장", "Report section (Korean title)")
    table: Text = _field("표", "Table of the figure")
    key: Text = _field("구분", "Row key ('서울기록원 > 일반회계 > 기본경비')")
    column: Text = _field("열", "Column of the figure")
    unit: Text = _field("단위", "Unit of expected, actual, difference and suggestion",
                        isin=["KRW", "persons", "percent", "count", ""])
    expected: Float = _field("기대값", "Value the other figures imply", nullable=True)
    actual: Float = _field("인쇄값", "Value as printed", nullable=True)
    difference: Float = _field("차이", "Printed − expected", nullable=True)
    source_line: Int = _field("원문 행", "1-based line of the figure", nullable=True, ge=1)
    related_lines: Text = _field("관련 행", "Other lines the finding involves")
    message: Text = _field("설명", "What is wrong and why (Korean)")
    message_en: Text = _field("설명 (영문)", "What is wrong and why (English)")
    suggestion: Float = _field("정정 제안", "Most likely correct value; empty if none can be "
                               "named", nullable=True)
    suggestion_kind: Text = _field("제안 근거", "unit_slip, transposition, one_digit, derived, "
                                   "or empty", isin=["", "unit_slip", "transposition",
                                                     "one_digit", "derived"])


class Corrections(Table):
    """정오표 적용 내역: one row per correction from the errata ledger applied to a report."""

    table: Text = _field("표", "Table of the corrected figure")
    source_line: Int = _field("원문 행", "1-based line of the figure", ge=1)
    key: Text = _field("구분", "Row key")
    column: Text = _field("열", "Column of the figure")
    unit: Text = _field("단위", "Unit of printed and corrected", isin=["KRW", "persons", "percent"])
    printed: Float = _field("인쇄값", "Value as printed")
    corrected: Float = _field("정정값", "Value used in the tables")
    printed_text: Text = _field("인쇄값 (정오표)", "As written in the ledger")
    corrected_text: Text = _field("정정값 (정오표)", "As written in the ledger")
    reason: Text = _field("사유", "Why the printed figure is wrong")
    ledger_line: Int = _field("정오표 행", "1-based line of the ledger row that made the "
                              "correction", ge=1)
    printed_krw: Int = _money("인쇄값 (원)", "A money figure as printed; missing for persons and "
                              "percent", nullable=True)
    corrected_krw: Int = _money("정정값 (원)", "A money figure as used in the tables; missing "
                                "for persons and percent", nullable=True)


# Every table with a schema: the parsed ones, then reconciliation's outputs (not parsed, so
# kept out of SCHEMAS, which build_tables fills).
ALL_SCHEMAS: dict[str, type[Table]] = {**SCHEMAS, "findings": Findings,
                                       "corrections": Corrections}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the data dictionary, as its model declares it: dtype ('str', 'Int64',
    'Float64', 'bool'), title, description, unit and whether it may be missing."""

    name: str
    dtype: str
    title: str
    description: str
    unit: str | None
    nullable: bool


@functools.cache
def _specs(table: str) -> dict[str, ColumnSpec]:
    """Return {column: its dictionary entry} of a table, read from its model."""
    specs = {}
    for name, column in ALL_SCHEMAS[table].to_schema().columns.items():
        dtype = str(column.dtype)
        specs[name] = ColumnSpec(name, dtype if dtype in ("Int64", "Float64", "bool") else "str",
                                 column.title or name, column.description or "",
                                 (column.metadata or {}).get("unit"), column.nullable)
    return specs


def columns(table: str) -> list[str]:
    """Return the column names of a table, in schema order (KeyError for an unknown table)."""
    return list(_specs(table))


def table_key(table: str) -> tuple[str, ...]:
    """Return the columns that identify a row of a table (empty when none do)."""
    return tuple(ALL_SCHEMAS[table].to_schema().unique or ())


def column_spec(table: str, column: str) -> ColumnSpec | None:
    """Return the data dictionary's entry for ``table.column`` (dtype, title, description,
    unit), or None when the table or the column has none."""
    return _specs(table).get(column) if table in ALL_SCHEMAS else None


def column_unit(table: str, column: str) -> str | None:
    """Return the unit of a column: 'KRW', 'persons', 'percent', or None when it carries no
    unit (names, line numbers); a column only printed totals have is percent when it is named
    ``*rate*`` or ``share*``."""
    spec = column_spec(table, column)
    if spec is not None:
        return spec.unit
    if "rate" in column or column.startswith("share"):
        return "percent"
    return None


def column_title(table: str, column: str) -> str:
    """Return a column's Korean label ('원인행위액'), or the column name when it has none."""
    spec = column_spec(table, column)
    return spec.title if spec is not None else column


def column_labels(table: str) -> dict[str, str]:
    """Return {column: Korean label} for a table (what notebooks show readers)."""
    return {name: spec.title for name, spec in _specs(table).items()}


def column_header(table: str, column: str) -> str:
    """Return a column's Korean label with its unit, as a reader sees it: '예산현액 (원)',
    '정원 (명)'; the bare label for a column with no unit ('부서')."""
    unit = UNIT_LABELS.get(column_unit(table, column) or "")
    title = column_title(table, column)
    return f"{title} ({unit})" if unit else title

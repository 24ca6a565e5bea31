"""The data dictionary: one schema per table, a Korean label for every column, and the only
column lookups (:func:`column_spec`, :func:`column_unit`, :func:`column_title`).

Money is whole KRW (원) in ``Int64`` whatever the source unit; counts are ``Int64``; missing
text is <NA>, never '' (an empty printed cell of a text column that may be missing is read as
missing, so Parquet and CSV say the same); rates the
source prints are kept in ``*_printed`` columns (percent) and never used as truth; every row
keeps ``source_line``, the 1-based line of the raw file that holds its figures.

Each table is a class whose annotated attributes are its columns, in order (how they are
written: :mod:`seoul_budget.schema_model`). The classes are plain data, no pandera at run time
(importing pandera, and hypothesis through it, costs half a second):
:mod:`seoul_budget.validation` checks a table against its schema, and :func:`table_schema`
builds the same schema as a pandera ``DataFrameSchema`` for the tests to validate with.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from .classification import ACCOUNTS
from .schema_model import ColumnSpec, FieldSpec, TableSchema, pandera_schema

if TYPE_CHECKING:  # the column annotations name pandera's Series; only type checkers read them
    from pandera.typing import Series

# How a unit reads in Korean headers: '예산현액 (원)'.
UNIT_LABELS = {"KRW": "원", "persons": "명", "percent": "%"}

KRW = {"unit": "KRW"}
PERSONS = {"unit": "persons"}
PERCENT = {"unit": "percent"}


def _field(title: str, description: str, unit: dict[str, str] | None = None,
           **checks: Any) -> Any:
    """Return a column's Korean title, English description, unit and checks (``ge``,
    ``isin``, ``nullable``, ``str_length={"min_value": n}``, ``department``)."""
    return FieldSpec(title, description, unit or {}, checks)


def _money(title: str, description: str, **checks: Any) -> Any:
    return _field(title, description + " (KRW)", KRW, **checks)


def _rate(title: str, description: str) -> Any:
    return _field(title, description + " (percent, as printed; never used as truth)", PERCENT,
                  nullable=True)


def _department() -> Any:
    # Which names are departments is the report's own (its staffing table): checked against
    # the departments given to the validator, not fixed here.
    return _field("부서", "Department, as the report's staffing table (인력 현황) names it",
                  department=True)


def _source_line() -> Any:
    return _field("원문 행", "1-based line of the raw report that holds this row's figures",
                  ge=1)


class Staffing(TableSchema):
    """인력 현황: one row per department (persons)."""

    department: Series[str] = _department()
    authorized: Series[pd.Int64Dtype] = _field("정원", "Authorised posts", PERSONS, ge=0)
    current: Series[pd.Int64Dtype] = _field("현원", "Staff in post", PERSONS, ge=0)
    shortage: Series[pd.Int64Dtype] = _field("부족 인원", "정원 − 현원: positive where posts are "
                                             "unfilled, negative over strength (computed)",
                                             PERSONS)
    surplus_printed: Series[pd.Int64Dtype] = _field("과부족", "Printed 현원 − 정원 (negative: "
                                                    "short; as printed, never used as truth)",
                                                    PERSONS)
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("department",)


class StaffingByCategory(TableSchema):
    """직종별 현원: one row per department × job category (persons; empty cells are 0)."""

    department: Series[str] = _department()
    job_group: Series[str] = _field("직군", "Job group (행정·기술직군 …)")
    job_category: Series[str] = _field("직종", "Job category (행정, 전산 …)")
    headcount: Series[pd.Int64Dtype] = _field("현원", "Staff in post", PERSONS, ge=0)
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("department", "job_category")


class StaffingFacts(TableSchema):
    """Staffing figures stated in prose under the table."""

    metric: Series[str] = _field("지표", "Metric name")
    label: Series[str] = _field("지표명", "Korean label as printed")
    value: Series[pd.Int64Dtype] = _field("인원", "Persons", PERSONS, nullable=True)
    share_printed: Series[pd.Float64Dtype] = _rate("비율", "Printed share")
    unit: Series[str] = _field("단위", "Unit of value")
    source_line: Series[pd.Int64Dtype] = _source_line()


class Duties(TableSchema):
    """부서별 주요업무: one row per department and duty line (plain text)."""

    department: Series[str] = _department()
    duty_number: Series[pd.Int64Dtype] = _field("순번", "Position in the department's list", ge=1)
    duty: Series[str] = _field("주요업무", "Duty, as plain text", str_length={"min_value": 1})
    source_line: Series[pd.Int64Dtype] = _source_line()


class Revenue(TableSchema):
    """세입 예산 세부내역: one row per finest printed line (item, or category with no items)."""

    category: Series[str] = _field("장", "Top category (세외수입, 보조금 …)")
    subcategory: Series[str] = _field("관", "Second level (경상적세외수입 …); missing if not "
                                      "printed", nullable=True)
    detail_category: Series[str] = _field("항", "Third level (공유재산임대료 …); missing if none",
                                          nullable=True)
    item: Series[str] = _field("세부항목", "Line item; missing for a category row with no "
                               "items, or for an item the source prints without a label",
                               nullable=True)
    budget_2023: Series[pd.Int64Dtype] = _money("2023 예산현액", "2023 budget")
    budget_2022: Series[pd.Int64Dtype] = _money("2022 최종예산", "2022 final budget")
    change_printed: Series[pd.Int64Dtype] = _money("증감액", "Printed 2023 − 2022")
    change_rate_printed: Series[pd.Float64Dtype] = _rate("증감률", "Printed change rate")
    new_this_year_printed: Series[bool] = _field("순증", "The source prints 순증 (new this year)")
    source_line: Series[pd.Int64Dtype] = _source_line()


class RevenueSummary(Revenue):
    """세입 총괄: the revenue summary at the finest category level it prints."""


class Expenditure(TableSchema):
    """세출예산 집행현황: one row per program."""

    department: Series[str] = _department()
    account: Series[str] = _field("회계", "Account (일반회계, 특별회계)", isin=list(ACCOUNTS))
    program: Series[str] = _field("사업", "Program (세부사업)", str_length={"min_value": 1})
    budget: Series[pd.Int64Dtype] = _money("예산현액",
                                           "Budget available in 2023 (incl. carry-over)")
    committed: Series[pd.Int64Dtype] = _money("원인행위액", "Committed (원인행위)")
    spent: Series[pd.Int64Dtype] = _money("지출액", "Spent")
    committed_rate_printed: Series[pd.Float64Dtype] = _rate("집행률(원인행위)",
                                                            "Printed committed rate")
    spent_rate_printed: Series[pd.Float64Dtype] = _rate("집행률(지출액)", "Printed spent rate")
    is_basic_expense: Series[bool] = _field("기본경비", "True for a department's 기본경비 "
                                            "(running costs), not a policy program")
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("department", "account", "program")


class ExpenditureSummary(TableSchema):
    """세출 총괄: one row per department × account (일반회계 where the summary prints none)."""

    department: Series[str] = _department()
    account: Series[str] = _field("회계", "Account; 일반회계 where the summary prints no split",
                                  isin=list(ACCOUNTS))
    budget_2023: Series[pd.Int64Dtype] = _money("2023 예산현액", "2023 budget incl. carry-over")
    budget_2022: Series[pd.Int64Dtype] = _money("2022 최종예산", "2022 final budget")
    change_printed: Series[pd.Int64Dtype] = _money("증감액", "Printed 2023 − 2022")
    change_rate_printed: Series[pd.Float64Dtype] = _rate("증감률", "Printed change rate")
    committed: Series[pd.Int64Dtype] = _money("집행액", "Executed (원인행위 basis)")
    execution_rate_printed: Series[pd.Float64Dtype] = _rate("집행률", "Printed execution rate")
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("department", "account")


class SettlementRevenue2022(TableSchema):
    """2022 세입결산: one row per finest printed category (source unit 백만원)."""

    account: Series[str] = _field("회계", "Account", isin=list(ACCOUNTS))
    category: Series[str] = _field("장", "Top category")
    item: Series[str] = _field("항목", "Finest printed category")
    budget: Series[pd.Int64Dtype] = _money("예산현액", "Budget")
    assessed: Series[pd.Int64Dtype] = _money("징수결정액", "Assessed")
    collected: Series[pd.Int64Dtype] = _money("실제수납액", "Collected")
    written_off: Series[pd.Int64Dtype] = _money("불납결손액", "Written off")
    outstanding: Series[pd.Int64Dtype] = _money("미수납액", "Outstanding")
    source_line: Series[pd.Int64Dtype] = _source_line()


class SettlementExpenditure2022(TableSchema):
    """2022 세출결산: one row per department × account (source unit 백만원)."""

    department: Series[str] = _department()
    account: Series[str] = _field("회계", "Account", isin=list(ACCOUNTS))
    budget: Series[pd.Int64Dtype] = _money("예산현액 (A)", "Budget (A)")
    spent: Series[pd.Int64Dtype] = _money("지출액 (B)", "Spent (B)")
    carried_over: Series[pd.Int64Dtype] = _money("이월액 (C)", "Carried over (C)")
    subsidy_returned: Series[pd.Int64Dtype] = _money("보조금반납액 (D)", "Subsidy returned (D)")
    unspent: Series[pd.Int64Dtype] = _money("집행잔액(불용) (E)", "Unspent balance (집행잔액, "
                                            "lapsed: 불용), as printed; E = A − B − C − D")
    unspent_rate: Series[pd.Float64Dtype] = _field("불용률", "Unspent E ÷ budget A (percent, "
                                                   "computed; missing where A is 0)", PERCENT,
                                                   nullable=True)
    execution_rate_printed: Series[pd.Float64Dtype] = _rate("집행률 (F)", "Printed execution rate")
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("department", "account")


class Projects(TableSchema):
    """주요 현안업무: one row per key project (no officials' names or phone numbers)."""

    number: Series[pd.Int64Dtype] = _field("번호", "Project number in the report", ge=1)
    title: Series[str] = _field("사업명", "Project title")
    department: Series[str] = _department()
    budget: Series[pd.Int64Dtype] = _money("사업예산", "Project budget; empty for 비예산",
                                           nullable=True, ge=0)
    budget_note: Series[str] = _field("예산 비고", "What the source adds to the budget; missing "
                                      "if nothing", nullable=True)
    period: Series[str] = _field("사업기간", "Period as printed; missing if none", nullable=True)
    heading_line: Series[pd.Int64Dtype] = _field("제목 행", "Line of the project's heading",
                                                 ge=1)
    source_line: Series[pd.Int64Dtype] = _source_line()

    unique = ("number",)


class ProjectMetrics(TableSchema):
    """Figures stated in the key projects' text (long format)."""

    project: Series[pd.Int64Dtype] = _field("사업 번호", "Project number", ge=1)
    metric: Series[str] = _field("지표", "Metric name")
    label: Series[str] = _field("지표명", "Korean label")
    period: Series[str] = _field("기간", "YYYY, YYYY-MM, YYYY-MM-DD or YYYYH1/H2; missing if "
                                 "the text gives none", nullable=True)
    value: Series[pd.Float64Dtype] = _field("값", "Value in ``unit``")
    unit: Series[str] = _field("단위", "Unit as printed (명, 건, %, 원 …)")
    source_line: Series[pd.Int64Dtype] = _source_line()


class PrintedTotals(TableSchema):
    """Every total and subtotal cell the source prints, kept for reconciliation."""

    table: Series[str] = _field("표", "Table the total belongs to")
    key: Series[str] = _field("구분", "Path of the total ('계', '디지털정책담당관 > 일반회계' …)")
    level: Series[str] = _field("수준", "total, department, account, category …")
    column: Series[str] = _field("열", "Column of the line-item table it totals")
    value: Series[pd.Int64Dtype] = _field("값", "KRW or persons (see unit)", nullable=True)
    rate_printed: Series[pd.Float64Dtype] = _rate("비율", "Printed rate on a total row")
    unit: Series[str] = _field("단위", "KRW, persons or percent",
                               isin=["KRW", "persons", "percent"])
    source_line: Series[pd.Int64Dtype] = _source_line()


SCHEMAS: dict[str, type[TableSchema]] = {
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


class Findings(TableSchema):
    """검증 결과: one row per reconciliation finding (see ``seoul_budget.reconciliation``)."""

    check: Series[str] = _field("검증", "Check family: sum, formula, rate, cross_table, prose, "
                                "definition, unit, errata",
                                isin=["sum", "formula", "rate", "cross_table", "prose",
                                      "definition", "unit", "errata"])
    severity: Series[str] = _field("수준", "error (a printed figure is wrong), warning, info "
                                   "(rounding, a legitimate difference, a note)",
                                   isin=["error", "warning", "info"])
    section: Series[str] = _field("보고서 장", "Report section (Korean title)")
    table: Series[str] = _field("표", "Table of the figure")
    key: Series[str] = _field("구분", "Row key ('서울기록원 > 일반회계 > 기본경비')")
    column: Series[str] = _field("열", "Column of the figure")
    unit: Series[str] = _field("단위", "Unit of expected, actual, difference and suggestion",
                               isin=["KRW", "persons", "percent", "count", ""])
    expected: Series[pd.Float64Dtype] = _field("기대값", "Value the other figures imply",
                                               nullable=True)
    actual: Series[pd.Float64Dtype] = _field("인쇄값", "Value as printed", nullable=True)
    difference: Series[pd.Float64Dtype] = _field("차이", "Printed − expected", nullable=True)
    source_line: Series[pd.Int64Dtype] = _field("원문 행", "1-based line of the figure",
                                                nullable=True, ge=1)
    related_lines: Series[str] = _field("관련 행", "Other lines the finding involves")
    message: Series[str] = _field("설명", "What is wrong and why (Korean)")
    message_en: Series[str] = _field("설명 (영문)", "What is wrong and why (English)")
    suggestion: Series[pd.Float64Dtype] = _field("정정 제안", "Most likely correct value; "
                                                 "empty if none can be named", nullable=True)
    suggestion_kind: Series[str] = _field("제안 근거", "unit_slip, transposition, one_digit, "
                                          "derived, or empty",
                                          isin=["", "unit_slip", "transposition", "one_digit",
                                                "derived"])


class Corrections(TableSchema):
    """정오표 적용 내역: one row per correction from the errata ledger applied to a report."""

    table: Series[str] = _field("표", "Table of the corrected figure")
    source_line: Series[pd.Int64Dtype] = _field("원문 행", "1-based line of the figure", ge=1)
    key: Series[str] = _field("구분", "Row key")
    column: Series[str] = _field("열", "Column of the figure")
    unit: Series[str] = _field("단위", "Unit of printed and corrected",
                               isin=["KRW", "persons", "percent"])
    printed: Series[pd.Float64Dtype] = _field("인쇄값", "Value as printed")
    corrected: Series[pd.Float64Dtype] = _field("정정값", "Value used in the tables")
    printed_text: Series[str] = _field("인쇄값 (정오표)", "As written in the ledger")
    corrected_text: Series[str] = _field("정정값 (정오표)", "As written in the ledger")
    reason: Series[str] = _field("사유", "Why the printed figure is wrong")
    ledger_line: Series[pd.Int64Dtype] = _field("정오표 행", "1-based line of the ledger row "
                                                "that made the correction", ge=1)
    printed_krw: Series[pd.Int64Dtype] = _money("인쇄값 (원)", "A money figure as printed; "
                                                "missing for persons and percent",
                                                nullable=True)
    corrected_krw: Series[pd.Int64Dtype] = _money("정정값 (원)", "A money figure as used in "
                                                  "the tables; missing for persons and percent",
                                                  nullable=True)


# Every table with a schema: the parsed ones, then reconciliation's outputs (not parsed, so
# kept out of SCHEMAS, which build_tables fills).
ALL_SCHEMAS: dict[str, type[TableSchema]] = {**SCHEMAS, "findings": Findings,
                                        "corrections": Corrections}


def columns(table: str) -> list[str]:
    """Return the column names of a table, in schema order (KeyError for an unknown table)."""
    return list(ALL_SCHEMAS[table].columns)


def column_spec(table: str, column: str) -> ColumnSpec | None:
    """Return the data dictionary's entry for ``table.column`` (dtype, title, description,
    unit, checks), or None when the table or the column has none."""
    schema = ALL_SCHEMAS.get(table)
    return schema.columns.get(column) if schema is not None else None


def column_unit(table: str, column: str) -> str | None:
    """Return the unit of a column: 'KRW', 'persons', 'percent', or None when it carries no
    unit (names, line numbers).

    Columns that only appear in printed totals fall back on their name: ``*rate*`` and
    ``share*`` are percent.
    """
    spec = column_spec(table, column)
    if spec is not None:
        return spec.unit
    if "rate" in column or column.startswith("share"):
        return "percent"
    return None


def column_title(table: str, column: str) -> str:
    """Return a column's Korean label ('원인행위액'), or the column name when it has none."""
    spec = column_spec(table, column)
    return (spec.title or column) if spec is not None else column


def column_labels(table: str) -> dict[str, str]:
    """Return {column: Korean label} for a table (what notebooks show readers)."""
    return {name: spec.title or name for name, spec in ALL_SCHEMAS[table].columns.items()}


def column_header(table: str, column: str) -> str:
    """Return a column's Korean label with its unit, as a reader sees it: '예산현액 (원)',
    '정원 (명)'; the bare label for a column with no unit ('부서')."""
    unit = UNIT_LABELS.get(column_unit(table, column) or "")
    title = column_title(table, column)
    return f"{title} ({unit})" if unit else title


@cache
def table_schema(table: str, departments: tuple[str, ...] | None = None) -> Any:
    """Return a table's schema as a pandera ``DataFrameSchema`` (strict, ordered, coercing),
    with ``departments`` the names its ``department`` column must hold (an ordered
    Categorical of them). For the tests: pandera validates what
    :func:`seoul_budget.validation.validate` checks at run time, so the two can be compared.
    pandera is imported on first use only (:func:`schema_model.pandera_schema`)."""
    schema = ALL_SCHEMAS[table]
    return pandera_schema(table, schema.columns, schema.unique, departments)

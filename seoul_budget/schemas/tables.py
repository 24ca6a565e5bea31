"""The parsed tables of a report, one pandera model each: staffing, duties, revenue,
expenditure, the previous year's settlement, key projects and the printed totals."""

from __future__ import annotations

from .base import (
    Flag,
    Float,
    Int,
    Table,
    Text,
    department_column,
    described,
    fiscal_year_column,
    money,
    rate,
    source_line_column,
)


class Staffing(Table):
    """인력 현황: one row per department (persons)."""

    department: Text = department_column()
    authorized: Int = described("정원", "Authorised posts", "persons", ge=0)
    current: Int = described("현원", "Staff in post", "persons", ge=0)
    shortage: Int = described("부족 인원", "정원 − 현원: positive where posts are unfilled, "
                              "negative over strength (computed)", "persons")
    surplus_printed: Int = described("과부족", "Printed 현원 − 정원 (negative: short; as printed, "
                                     "never used as truth)", "persons")
    source_line: Int = source_line_column()

    class Config:
        unique = ["department"]


class StaffingByCategory(Table):
    """직종별 현원: one row per department × job category (persons; empty cells are 0)."""

    department: Text = department_column()
    job_group: Text = described("직군", "Job group (행정·기술직군 …)")
    job_category: Text = described("직종", "Job category (행정, 전산 …)")
    headcount: Int = described("현원", "Staff in post", "persons", ge=0)
    source_line: Int = source_line_column()

    class Config:
        unique = ["department", "job_category"]


class StaffingFacts(Table):
    """Staffing figures stated in prose under the table."""

    metric: Text = described("지표", "Metric name")
    label: Text = described("지표명", "Korean label as printed")
    value: Int = described("인원", "Persons", "persons", nullable=True)
    share_printed: Float = rate("비율", "Printed share")
    unit: Text = described("단위", "Unit of value")
    source_line: Int = source_line_column()


class Duties(Table):
    """부서별 주요업무: one row per department and duty line (plain text)."""

    department: Text = department_column()
    duty_number: Int = described("순번", "Position in the department's list", ge=1)
    duty: Text = described("주요업무", "Duty, as plain text", str_length={"min_value": 1})
    source_line: Int = source_line_column()


class Revenue(Table):
    """세입 예산 세부내역: one row per finest printed line (item, or category with no items)."""

    category: Text = described("장", "Top category (세외수입, 보조금 …)")
    subcategory: Text = described("관", "Second level (경상적세외수입 …); missing if not "
                                  "printed", nullable=True)
    detail_category: Text = described("항", "Third level (공유재산임대료 …); missing if none",
                                      nullable=True)
    item: Text = described("세부항목", "Line item; missing for a category row with no items, or "
                           "for an item the source prints without a label", nullable=True)
    budget: Int = money("{fiscal_year} 예산현액", "Budget of the fiscal year")
    previous_budget: Int = money("{previous_year} 최종예산",
                                 "Final budget of the year before the fiscal year")
    change_printed: Int = money("증감액", "Printed budget − previous year's final budget")
    change_rate_printed: Float = rate("증감률", "Printed change rate")
    new_this_year_printed: Flag = described("순증", "The source prints 순증 (new this year)")
    fiscal_year: Int = fiscal_year_column()
    source_line: Int = source_line_column()


class RevenueSummary(Revenue):
    """세입 총괄: the revenue summary at the finest category level it prints."""


class Expenditure(Table):
    """세출예산 집행현황: one row per program."""

    department: Text = department_column()
    account: Text = described("회계", "Account (일반회계, 특별회계 …: as the report names it)",
                              str_length={"min_value": 1})
    program: Text = described("사업", "Program (세부사업)", str_length={"min_value": 1})
    budget: Int = money("예산현액", "Budget available in the fiscal year (incl. carry-over)")
    committed: Int = money("원인행위액", "Committed (원인행위)")
    spent: Int = money("지출액", "Spent")
    committed_rate_printed: Float = rate("집행률(원인행위)", "Printed committed rate")
    spent_rate_printed: Float = rate("집행률(지출)", "Printed spent rate")
    is_basic_expense: Flag = described("기본경비", "True for a department's 기본경비 (running "
                                       "costs), not a policy program")
    fiscal_year: Int = fiscal_year_column()
    source_line: Int = source_line_column()

    class Config:
        unique = ["department", "account", "program"]


class ExpenditureSummary(Table):
    """세출 총괄: one row per department × account (일반회계 where the summary prints none)."""

    department: Text = department_column()
    account: Text = described("회계", "Account; 일반회계 where the summary prints no split",
                              str_length={"min_value": 1})
    budget: Int = money("{fiscal_year} 예산현액", "Budget of the fiscal year incl. carry-over")
    previous_budget: Int = money("{previous_year} 최종예산",
                                 "Final budget of the year before the fiscal year")
    change_printed: Int = money("증감액", "Printed budget − previous year's final budget")
    change_rate_printed: Float = rate("증감률", "Printed change rate")
    committed: Int = money("집행액", "Executed (원인행위 basis)")
    execution_rate_printed: Float = rate("집행률", "Printed execution rate")
    fiscal_year: Int = fiscal_year_column()
    source_line: Int = source_line_column()

    class Config:
        unique = ["department", "account"]


class SettlementRevenue(Table):
    """세입결산 (the settlement of the year before): one row per finest printed category
    (source unit 백만원)."""

    account: Text = described("회계", "Account", str_length={"min_value": 1})
    category: Text = described("장", "Top category")
    item: Text = described("항목", "Finest printed category")
    budget: Int = money("예산현액", "Budget")
    assessed: Int = money("징수결정액", "Assessed")
    collected: Int = money("실제수납액", "Collected")
    written_off: Int = money("불납결손액", "Written off")
    outstanding: Int = money("미수납액", "Outstanding")
    fiscal_year: Int = fiscal_year_column("settlement")
    source_line: Int = source_line_column()


class SettlementExpenditure(Table):
    """세출결산 (the settlement of the year before): one row per department × account
    (source unit 백만원)."""

    department: Text = department_column()
    account: Text = described("회계", "Account", str_length={"min_value": 1})
    budget: Int = money("예산현액 (A)", "Budget (A)")
    spent: Int = money("지출액 (B)", "Spent (B)")
    carried_over: Int = money("이월액 (C)", "Carried over (C)")
    subsidy_returned: Int = money("보조금반납액 (D)", "Subsidy returned (D)")
    unspent: Int = money("집행잔액(불용) (E)", "Unspent balance (집행잔액, lapsed: 불용), as "
                          "printed; E = A − B − C − D")
    unspent_rate: Float = described("불용률", "Unspent E ÷ budget A (percent, computed; missing "
                                    "where A is 0)", "percent", nullable=True)
    execution_rate_printed: Float = rate("집행률 (F)", "Printed execution rate")
    fiscal_year: Int = fiscal_year_column("settlement")
    source_line: Int = source_line_column()

    class Config:
        unique = ["department", "account"]


class Projects(Table):
    """주요 현안업무: one row per key project (no officials' names or phone numbers), with the
    program of 세출예산 집행현황 that funds it where one is known, and how it is known."""

    number: Int = described("번호", "Project number in the report", ge=1)
    title: Text = described("사업명", "Project title")
    department: Text = department_column()
    budget: Int = money("사업예산", "Project budget; empty for 비예산, for no budget line "
                        "(source_line then the heading's) and for a budget line not read "
                        "(source_line then that line, with a warning)", nullable=True, ge=0)
    budget_note: Text = described("예산 비고", "What the source adds to the budget; missing if "
                                  "nothing", nullable=True)
    period: Text = described("사업기간", "Period as printed; missing if none", nullable=True)
    program: Text = described("재원 사업", "The program (단위사업) whose budget the project's "
                              "is: a program of 세출예산 집행현황 (join on program_department, "
                              "program_account, program), or the one the text names; missing "
                              "if none is known (program_note says why)", nullable=True)
    program_department: Text = described("재원 사업 부서", "Department of that program: one of "
                                         "the report's, or another the text names",
                                         nullable=True)
    program_account: Text = described("재원 사업 회계", "Account of that program in 세출예산 "
                                      "집행현황; missing for a program outside the report",
                                      nullable=True)
    program_link: Text = described(
        "연결 근거", "How the program is known: 'declared' (project_programs.csv), 'budget' "
        "(the only program of the department printing the same budget), 'name+budget' (and a "
        "similar name), 'name' (a similar name, the budget one printing slip away), 'text' "
        "(named by the project's own text); missing if none",
        isin=["declared", "budget", "name+budget", "name", "text"], nullable=True)
    program_note: Text = described("연결 비고", "Why no program is linked, or what links it",
                                   nullable=True)
    heading_line: Int = described("제목 행", "Line of the project's heading", ge=1)
    fiscal_year: Int = fiscal_year_column()
    source_line: Int = source_line_column()

    class Config:
        unique = ["number"]


class ProjectMetrics(Table):
    """Figures stated in the key projects' text (long format), read by what the text says."""

    project: Int = described("사업 번호", "Project number", ge=1)
    metric: Text = described("지표", "Stable id of the metric: its label without spaces and "
                             "its unit ('월이용자_명')")
    label: Text = described("지표명", "Korean label: the heading and words the text gives the "
                            "figure")
    period: Text = described("기간", "ISO period from the text's dates: YYYY, YYYYH1/H2, "
                             "YYYY-MM, YYYY-MM-DD, or a span 'start/end' ('..' when open); "
                             "the fiscal year when the text gives none")
    value: Float = described("값", "Value in ``unit``")
    unit: Text = described("단위", "Unit of ``value`` (명, 건, %, 원 …): money in 원, 만명 in 명")
    printed_unit: Text = described("인쇄 단위", "Unit as printed (천원, 백만원, 만명, 명 …)")
    source_line: Int = source_line_column()


class PrintedTotals(Table):
    """Every total and subtotal cell the source prints, kept for reconciliation."""

    table: Text = described("표", "Table the total belongs to")
    key: Text = described("구분", "Path of the total ('계', '<department> > 일반회계' …)")
    level: Text = described("수준", "total, department, account, category …")
    column: Text = described("열", "Column of the line-item table it totals")
    value: Int = described("값", "KRW or persons (see unit)", nullable=True)
    rate_printed: Float = rate("비율", "Printed rate on a total row")
    unit: Text = described("단위", "KRW, persons or percent", isin=["KRW", "persons", "percent"])
    source_line: Int = source_line_column()


SCHEMAS: dict[str, type[Table]] = {
    "staffing": Staffing,
    "staffing_by_category": StaffingByCategory,
    "staffing_facts": StaffingFacts,
    "duties": Duties,
    "revenue_summary": RevenueSummary,
    "revenue": Revenue,
    "expenditure_summary": ExpenditureSummary,
    "expenditure": Expenditure,
    "settlement_revenue": SettlementRevenue,
    "settlement_expenditure": SettlementExpenditure,
    "projects": Projects,
    "project_metrics": ProjectMetrics,
    "printed_totals": PrintedTotals,
}

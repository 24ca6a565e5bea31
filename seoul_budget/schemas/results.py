"""What the package computes rather than parses: reconciliation's findings, the errata
ledger's corrections, and the columns metrics add to tables (labels and units for display)."""

from __future__ import annotations

from .base import Day, Float, Int, Table, Text, described, money


class Findings(Table):
    """검증 결과: one row per reconciliation finding (see ``seoul_budget.reconciliation``)."""

    check: Text = described("검증", "Check family: sum, formula, rate, cross_table, prose, "
                            "definition, unit, errata, text (invisible characters removed)",
                            isin=["sum", "formula", "rate", "cross_table", "prose", "definition",
                                  "unit", "errata", "text"])
    severity: Text = described("수준", "error (a printed figure is wrong), warning, info "
                               "(rounding, a legitimate difference, a note)",
                               isin=["error", "warning", "info"])
    section: Text = described("보고서 장", "Report section (Korean title)")
    table: Text = described("표", "Table of the figure")
    key: Text = described("구분", "Row key ('기후센터 > 일반회계 > 기본경비')")
    column: Text = described("열", "Column of the figure")
    unit: Text = described("단위", "Unit of expected, actual, difference and suggestion",
                           isin=["KRW", "persons", "percent", "count", ""])
    expected: Float = described("기대값", "Value the other figures imply", nullable=True)
    actual: Float = described("인쇄값", "Value as printed", nullable=True)
    difference: Float = described("차이", "Printed − expected", nullable=True)
    source_line: Int = described("원문 행", "1-based line of the figure", nullable=True, ge=1)
    related_lines: Text = described("관련 행", "Other lines the finding involves")
    message: Text = described("설명", "What is wrong and why (Korean)")
    message_en: Text = described("설명 (영문)", "What is wrong and why (English)")
    suggestion: Float = described("정정 제안", "Most likely correct value; empty if none can be "
                                  "named", nullable=True)
    suggestion_kind: Text = described("제안 근거", "unit_slip, transposition, one_digit, derived, "
                                      "or empty", isin=["", "unit_slip", "transposition",
                                                        "one_digit", "derived"])


class Corrections(Table):
    """분석 정정 목록 적용 내역: one row per correction from the errata ledger (the analysts'
    own list, not the publisher's errata sheet) applied to a report."""

    table: Text = described("표", "Table of the corrected figure")
    source_line: Int = described("원문 행", "1-based line of the figure", ge=1)
    key: Text = described("구분", "Row key")
    column: Text = described("열", "Column of the figure")
    unit: Text = described("단위", "Unit of the figure: KRW and persons in printed and "
                           "corrected, percent in printed_rate and corrected_rate",
                           isin=["KRW", "persons", "percent"])
    printed: Int = described("인쇄값", "A whole figure as printed: KRW (원) or persons (명), as "
                             "unit says; missing for a percent", nullable=True)
    corrected: Int = described("정정값", "A whole figure as used in the tables: KRW (원) or "
                               "persons (명), as unit says; missing for a percent",
                               nullable=True)
    printed_rate: Float = described("인쇄값 (%)", "A percent as printed; missing for money and "
                                    "persons", "percent", nullable=True)
    corrected_rate: Float = described("정정값 (%)", "A percent as used in the tables; missing "
                                      "for money and persons", "percent", nullable=True)
    printed_text: Text = described("인쇄값 (정정 목록)", "As written in the ledger")
    corrected_text: Text = described("정정값 (정정 목록)", "As written in the ledger")
    reason: Text = described("사유", "Why the printed figure is wrong")
    ledger_line: Int = described("정정 목록 행", "1-based line of the ledger row that made the "
                                 "correction", ge=1)
    decided_by: Text = described("결정한 사람", "Who decided the correction (the ledger's "
                                 "decided_by); empty if the ledger does not say")
    decided_on: Text = described("결정일", "When the correction was decided (YYYY-MM-DD); "
                                 "empty if the ledger does not say")


class Departments(Table):
    """부서: one row per department of a snapshot (its staffing table's, in its order): the
    order to sort by outside pandas, the spellings the aliases file maps to it, and the
    reorganisation map's dates. Every ``department`` column of the snapshot is one of these."""

    order: Int = described("순서", "1-based position in the report's staffing table: sort by "
                           "it for the report's order", ge=1)
    department: Text = described("부서", "Department, as the report's staffing table names it")
    spellings: Text = described("다른 표기", "Other spellings the aliases file maps to it "
                                "(' | ' between them)", nullable=True)
    former_names: Text = described("이전 이름", "Names the reorganisation map renamed or merged "
                                   "into it (' | ' between them)", nullable=True)
    valid_from: Day = described("시작일", "Date the reorganisation map says it took this name; "
                                "missing: before every change the map records", nullable=True)
    valid_to: Day = described("종료일", "Date the reorganisation map says it was renamed, merged "
                              "or split; missing: still in place", nullable=True)

    class Config:
        unique = ["department"]


class Computed(Table):
    """Columns the metrics add to a table (rates, shares, changes, month-to-month figures):
    not a table of their own, but what a reader sees them as — a label and a unit ('count':
    a number of things; 'points': percentage points)."""

    as_of: Text = described("기준일", "The snapshot's 기준 date")
    programs: Int = described("사업 수", "Number of programs", "count")
    committed_rate: Float = described("집행률(원인행위)", "Committed ÷ budget (percent)", "percent")
    spent_rate: Float = described("집행률(지출)", "Spent ÷ budget (percent)", "percent")
    rate: Float = described("집행률", "Execution rate (percent)", "percent")
    elapsed: Float = described("연간 경과율", "Share of the year elapsed (percent)", "percent")
    gap_pp: Float = described("경과율 대비", "Rate − share of the year elapsed (percentage points)",
                              "points")
    shortage: Int = described("부족 인원", "정원 − 현원 (positive: posts unfilled)", "persons")
    fill_rate: Float = described("충원율", "현원 ÷ 정원 (percent)", "percent")
    share: Float = described("비율", "Share of the total (percent)", "percent")
    change: Int = money("증감액", "This year − last year")
    change_rate: Float = described("증감률", "Change ÷ last year (percent)", "percent")
    status: Text = described("구분", "How a figure changed (new, removed, …)")
    budget_share: Float = described("예산 비중", "Share of the budget (percent)", "percent")
    specialists: Int = described("기술·전문 직렬", "Staff in technical and specialist series",
                                 "persons")
    specialist_share: Float = described("기술·전문 직렬 비율", "Specialists ÷ staff (percent)",
                                        "percent")
    unspent_recomputed: Int = money("집행잔액 재계산 (A−B−C−D)",
                                    "Unspent recomputed: A − B − C − D")
    carried_over_share: Float = described("이월 비율", "Carried over ÷ budget (percent)", "percent")
    subsidy_share: Float = described("보조금반납 비율", "Subsidy returned ÷ budget (percent)",
                                     "percent")
    unspent_share: Float = described("집행잔액 비율", "Unspent ÷ budget (percent)", "percent")
    execution_rate: Float = described("집행률 (A−E)/A", "(Budget − unspent) ÷ budget (percent)",
                                      "percent")
    collection_rate: Float = described("수납률 (수납/징수결정)", "Collected ÷ assessed (percent)",
                                       "percent")
    assessed_vs_budget: Float = described("징수결정/예산현액", "Assessed ÷ budget (percent)",
                                          "percent")
    duties: Int = described("주요업무 수", "Number of duty lines", "count")
    budget_before: Int = money("이전 예산현액", "Budget in the earlier snapshot")
    budget_after: Int = money("예산현액", "Budget in the later snapshot")
    budget_change: Int = money("예산현액 증감", "Budget change between the snapshots")
    committed_before: Int = money("이전 원인행위액", "Committed in the earlier snapshot")
    committed_after: Int = money("원인행위액", "Committed in the later snapshot")
    committed_change: Int = money("원인행위액 증감", "Committed change between the snapshots")
    spent_before: Int = money("이전 지출액", "Spent in the earlier snapshot")
    spent_after: Int = money("지출액", "Spent in the later snapshot")
    spent_change: Int = money("지출액 증감", "Spent change between the snapshots")
    added: Int = money("신규 사업", "Budget of programs added")
    removed: Int = money("삭제 사업", "Budget of programs removed")
    rebudgeted: Int = money("예산 변경", "Budget change of programs re-budgeted")
    new_name: Text = described("개편 뒤 부서", "What a department is in the later snapshot: its "
                               "new name, the department it was merged into, or each "
                               "successor of a split (', ' between them); a new "
                               "department's own name")

"""Formula columns and printed rates: each row's figures agree with each other.

Formulas: 증감액 = this year's budget − the year before's; 과부족 = 현원 − 정원; 세출결산
E = A − B − C − D; 세입결산 미수납액 = 징수결정액 − 실제수납액 − 불납결손액; a 순증 mark means
no base the year before. Labels name the years the report prints (``{fiscal_year}``,
``{previous_year}`` filled from its subject).
Rates: every printed rate equals the rate recomputed from its row's figures, to the printed
precision (see ``checks.rate_tolerances``). A 세출결산 header may print its rate garbled
('F=B/C/A' is no formula): ``settlement_rate_definition`` works out from the rows which
definition they follow (F = (B + C + D) ÷ A = (A − E) ÷ A, say) and says so in a finding.
"""

from __future__ import annotations

from ..catalog import titled
from ..parse.keys import row_keys
from .cells import CellId, Row, Sheet
from .checks import OK, Check, Getter, LinearCheck, linear_check, rate_check
from .findings import INFO, Finding, lines_text

# The change from the year before that the budget tables print (amount and rate)
_CHANGE = (("budget", 1), ("previous_budget", -1))
_CHANGE_EN = "change = {fiscal_year} budget − {previous_year} budget"
_CHANGE_RATE = "증감률 = ({fiscal_year} − {previous_year}) ÷ {previous_year}"
_CHANGE_RATE_EN = "change rate = ({fiscal_year} − {previous_year}) / {previous_year}"

# (table, target, [(column, coefficient)], Korean label, English label): target = Σ coef × column
# (a label's years are placeholders, filled from the report by ``_labels``)
FORMULAS: tuple[tuple[str, str, tuple[tuple[str, float], ...], str, str], ...] = (
    *((table, "change_printed", _CHANGE, "증감액 = {fiscal_year} 예산 − {previous_year} 예산",
       _CHANGE_EN) for table in ("revenue_summary", "revenue")),
    ("expenditure_summary", "change_printed", _CHANGE,
     "증감액 = {fiscal_year} 예산현액 − {previous_year} 최종예산", _CHANGE_EN),
    ("staffing", "surplus_printed", (("current", 1), ("authorized", -1)),
     "과부족 = 현원 − 정원", "surplus = current − authorised"),
    ("settlement_expenditure", "unspent",
     (("budget", 1), ("spent", -1), ("carried_over", -1), ("subsidy_returned", -1)),
     "집행잔액 E = A − B − C − D", "unspent E = A − B − C − D"),
    ("settlement_revenue", "outstanding",
     (("assessed", 1), ("collected", -1), ("written_off", -1)),
     "미수납액 = 징수결정액 − 실제수납액 − 불납결손액",
     "outstanding = assessed − collected − written off"),
)

# (table, rate column, numerator [(column, coef)], denominator [(column, coef)], labels)
RATES: tuple[tuple[str, str, tuple[tuple[str, float], ...], tuple[tuple[str, float], ...],
                   str, str], ...] = (
    *((table, "change_rate_printed", _CHANGE, (("previous_budget", 1),), _CHANGE_RATE,
       _CHANGE_RATE_EN) for table in ("revenue_summary", "revenue", "expenditure_summary")),
    ("expenditure_summary", "execution_rate_printed", (("committed", 1),),
     (("budget", 1),), "집행률 = 집행액 ÷ 예산현액", "execution rate = executed / budget"),
    ("expenditure", "committed_rate_printed", (("committed", 1),), (("budget", 1),),
     "집행률(원인행위) = 원인행위액 ÷ 예산현액", "commitment rate = committed / budget"),
    ("expenditure", "spent_rate_printed", (("spent", 1),), (("budget", 1),),
     "집행률(지출) = 지출액 ÷ 예산현액", "spending rate = spent / budget"),
    ("settlement_expenditure", "execution_rate_printed",
     (("spent", 1), ("carried_over", 1), ("subsidy_returned", 1)), (("budget", 1),),
     "집행률 F = (B + C + D) ÷ A", "execution rate F = (B + C + D) / A"),
)


def _labels(sheet: Sheet, *labels: str) -> list[str]:
    """Return labels with the years of the sheet's report filled in."""
    return [titled(label, sheet.report.subject) for label in labels]


def formula_checks(sheet: Sheet) -> list[Check]:
    """Return the formula-column checks of every row that prints the formula's figures."""
    checks: list[Check] = []
    for table, target, terms, *labels in FORMULAS:
        label_ko, label_en = _labels(sheet, *labels)
        for row in sheet.rows_of(table):
            if target not in row.cells or any(c not in row.cells for c, _ in terms):
                continue
            cells = [(row.cells[c], coef) for c, coef in terms]
            checks.append(linear_check(sheet, "formula", target, row.cells[target], cells,
                                       label_ko, label_en))
    checks += _new_this_year(sheet)
    return checks


def _new_this_year(sheet: Sheet) -> list[Check]:
    """Return 'a 순증 mark has no base the year before' (that year's budget = 0) for each
    marked revenue line."""
    checks: list[Check] = []
    label_ko, label_en = _labels(sheet, "순증 = {previous_year} 예산 없음",
                                 "순증 (new) = no {previous_year} budget")
    report_tables = sheet.report.tables()
    for table in ("revenue_summary", "revenue"):
        frame = report_tables.get(table)
        if frame is None or not len(frame):
            continue
        keys = row_keys(table, frame, {r.key for r in sheet.rows_of(table) if r.level != "item"})
        for (_, row), key in zip(frame.iterrows(), keys, strict=True):
            if not bool(row["new_this_year_printed"]):
                continue
            cell = CellId(table, key, "previous_budget", int(row["source_line"]))
            if cell in sheet.cells:
                checks.append(LinearCheck("formula", "new_this_year", cell, label_ko,
                                          label_en, terms=((cell, 1.0),)))
    return checks


def rate_checks(sheet: Sheet) -> list[Check]:
    """Return a check for every printed rate of the budget tables and the staffing shares."""
    checks: list[Check] = []
    for table, column, numerator, denominator, *labels in RATES:
        label_ko, label_en = _labels(sheet, *labels)
        for row in sheet.rows_of(table):
            if column not in row.cells:
                continue
            needed = [c for c, _ in (*numerator, *denominator)]
            if any(c not in row.cells for c in needed):
                continue
            checks.append(rate_check(sheet, "rate", column, row.cells[column],
                                     [(row.cells[c], k) for c, k in numerator],
                                     [(row.cells[c], k) for c, k in denominator],
                                     label_ko, label_en))
    checks += _staffing_shares(sheet)
    return checks


def _staffing_shares(sheet: Sheet) -> list[Check]:
    """Return 'share = category head count ÷ 계 현원' for the shares printed in the 계 row."""
    total = next((r for r in sheet.rows_of("staffing") if r.level != "item"), None)
    if total is None or "current" not in total.cells:
        return []
    checks: list[Check] = []
    for row in sheet.rows_of("staffing_by_category"):
        if row.level != "item" and "share_printed" in row.cells and "headcount" in row.cells:
            checks.append(rate_check(sheet, "rate", "share", row.cells["share_printed"],
                                     [(row.cells["headcount"], 1.0)],
                                     [(total.cells["current"], 1.0)],
                                     "비율 = 직종 현원 ÷ 전체 현원",
                                     "share = category head count / all staff"))
    return checks


# Candidate readings of the settlement's execution rate F, in the header's letters:
# (numerator, denominator), each [(column, coefficient)]
_A = (("budget", 1.0),)
_F_CANDIDATES: dict[str, tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]] = {
    "B ÷ A": ((("spent", 1.0),), _A),
    "(B + C) ÷ A": ((("spent", 1.0), ("carried_over", 1.0)), _A),
    "(B + C + D) ÷ A": ((("spent", 1.0), ("carried_over", 1.0), ("subsidy_returned", 1.0)), _A),
    "(A − E) ÷ A": ((("budget", 1.0), ("unspent", -1.0)), _A),
    "B ÷ (A − C)": ((("spent", 1.0),), (("budget", 1.0), ("carried_over", -1.0))),
}


def settlement_rate_definition(sheet: Sheet, get: Getter | None = None,
                               corrected: bool = False) -> list[Finding]:
    """Return an info finding naming the rate definition the 세출결산 rows follow.

    The header prints 'F=B/C/A'. Each candidate formula is recomputed for every row that
    prints F (with ``get``'s figures: the printed ones, or those with the suggested
    corrections when ``corrected``); the finding says how many rows each fits within half a
    printed unit.
    """
    get = get or sheet.value
    rows = [r for r in sheet.rows_of("settlement_expenditure")
            if "execution_rate_printed" in r.cells]
    if not rows:
        return []
    fits = {name: _fitting_rows(sheet, rows, name, get) for name in _F_CANDIDATES}
    n = len(rows)
    summary_ko = ", ".join(f"{name}: {len(lines)}/{n}행" for name, lines in fits.items())
    summary_en = ", ".join(f"{name}: {len(lines)} of {n} rows" for name, lines in fits.items())
    best = max(fits, key=lambda name: len(fits[name]))
    basis_ko = " (검증 결과의 정정 제안을 반영한 수치 기준)" if corrected else ""
    basis_en = " (with the suggested corrections of the findings)" if corrected else ""
    header = sheet.header_line("settlement_expenditure", "F=") or rows[0].source_line
    misfits = sorted({r.source_line for r in rows} - set(fits["(B + C + D) ÷ A"]))
    tail_ko = (f" (B + C + D) ÷ A가 맞지 않는 행({lines_text(misfits)})은 해당 행의 검증 결과 참고."
               if misfits else "")
    tail_en = (f" For the rows (B + C + D) / A does not fit ({lines_text(misfits)}), see their "
               "own findings." if misfits else "")
    message = ("표 머리의 집행률 식 'F=B/C/A'는 성립하는 식이 아님. "
               "각 행의 수치로 확인하면 집행률은 F = (B + C + D) ÷ A = (A − E) ÷ A "
               "(지출 + 이월 + 보조금반납을 집행으로 봄). 행별 적합"
               f"{basis_ko}: {summary_ko}. 가장 많이 맞는 식: {best}." + tail_ko)
    message_en = ("The header's rate formula 'F=B/C/A' is garbled. The rows show the execution "
                  "rate is F = (B + C + D) / A = (A − E) / A (spent, carried over and returned "
                  f"subsidies count as executed). Rows fitting each reading{basis_en}: "
                  f"{summary_en}. "
                  f"Best fit: {best}." + tail_en)
    return [Finding("definition", INFO, "settlement_expenditure", "집행률 (F)",
                    "execution_rate_printed", message, message_en, unit="percent",
                    source_line=header, related_lines=lines_text(fits[best]))]


def _fitting_rows(sheet: Sheet, rows: list[Row], name: str, get: Getter) -> list[int]:
    numerator, denominator = _F_CANDIDATES[name]
    lines = []
    for row in rows:
        if any(c not in row.cells for c, _ in (*numerator, *denominator)):
            continue
        check = rate_check(sheet, "rate", "f", row.cells["execution_rate_printed"],
                           [(row.cells[c], k) for c, k in numerator],
                           [(row.cells[c], k) for c, k in denominator], "", "")
        if check.state(get) == OK:
            lines.append(row.source_line)
    return lines


"""Across tables: the same figure printed twice agrees, and legitimate differences are named.

- 세입 총괄 vs 세입 예산 세부내역 (same categories; a category the summary splits out is a
  reclassification, reported as info, and checked as a sum);
- 세출 총괄 vs 세출예산 집행현황 (department × account budgets and executed amounts);
- the previous year's budget printed in the revenue tables vs that year's 세입결산 (백만원,
  rounding);
- the previous year's budget printed in the expenditure summary vs that year's 세출결산:
  different concepts (최종예산 vs 예산현액, which adds carry-overs) and a reorganisation, so
  info only.

Messages name the years the report prints (its subject: the fiscal year and the year before).

Key-project budgets vs the programs that fund them are in :mod:`.funding`.
"""

from __future__ import annotations

from ..catalog import section_title
from ..parse.expenditure import BUDGET_TABLES
from .cells import CellId, Row, Sheet
from .checks import Check, LinearCheck
from .findings import INFO, WARNING, Finding, as_printed, lines_text

_MONEY = ("budget", "previous_budget", "change_printed")


def _printed_rows(sheet: Sheet, table: str) -> dict[tuple[str, ...], Row]:
    """Return {path: row} for a table's category-level rows (items carry '#line')."""
    return {row.path: row for row in sheet.rows_of(table)
            if not (row.path and row.path[-1].startswith("#"))}


def same_figure(sheet: Sheet, name: str, target: CellId, others: list[CellId], label_ko: str,
           label_en: str, severity: str = "error") -> LinearCheck:
    """Return ``target = Σ others`` for one figure printed in two places."""
    steps = [sheet.cells[c].step for c in (target, *others)]
    coarse = max(steps)
    finer = sum(step for step in steps if step < coarse) / 2
    exact = coarse / 2 + finer if len(set(steps)) > 1 else 0.0
    tol = coarse * max(1, len(others)) if len(set(steps)) == 1 else coarse + finer
    if sheet.cells[target].unit in ("persons", "count"):
        exact = tol = 0.0
    terms = ((target, 1.0), *((c, -1.0) for c in others))
    return LinearCheck("cross_table", name, target, label_ko, label_en, severity=severity,
                       terms=terms, exact_tol=exact, tol=tol)


# -- 세입 총괄 vs 세부내역 ---------------------------------------------------------------------

def revenue_summary_vs_detail(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return checks that the summary and the detail print the same category figures."""
    summary = _printed_rows(sheet, "revenue_summary")
    detail = _printed_rows(sheet, "revenue")
    pairs = {path: [row] for path, row in summary.items() if path in detail}
    notes: list[Finding] = []
    for path, row in summary.items():
        if path in detail:
            continue
        sibling = _reclassified_from(sheet, row, summary, detail)
        if sibling is None:
            notes.append(Finding(
                "cross_table", INFO, "revenue_summary", row.key, "budget",
                f"세입 총괄의 '{row.path[-1]}'({row.source_line}행)은 세부내역에 같은 분류가 없어 "
                "대조하지 않음.", f"The summary's '{row.path[-1]}' (line {row.source_line}) "
                "has no category of that name in the detail; not compared.",
                source_line=row.source_line))
            continue
        pairs[sibling].append(row)
        notes.append(_reclassification_note(sheet, row, summary[sibling], detail[sibling]))
    checks: list[Check] = []
    for path, rows in pairs.items():
        for column in _MONEY:
            if all(column in r.cells for r in rows) and column in detail[path].cells:
                checks.append(same_figure(sheet, "summary_vs_detail", detail[path].cells[column],
                                     [r.cells[column] for r in rows],
                                     "세입 총괄과 세부내역의 같은 수치",
                                     "the same figure in the revenue summary and detail"))
    return checks, notes


def _reclassified_from(sheet: Sheet, row: Row, summary: dict[tuple[str, ...], Row],
                       detail: dict[tuple[str, ...], Row]) -> tuple[str, ...] | None:
    """Return the sibling category the summary split ``row`` out of, or None.

    It is the sibling whose detail figure equals the summary's sibling + ``row`` (within two
    printed units) in at least two of the money columns, one of them a non-zero amount of
    ``row``: the detail counts the split-out lines inside the sibling. Two columns, not all
    three, so that one misprinted figure does not hide the reclassification.
    """
    best: tuple[int, tuple[str, ...]] | None = None
    for path, other in summary.items():
        if path == row.path or path[:-1] != row.path[:-1] or path not in detail:
            continue
        matches, informative = 0, False
        for column in _MONEY:
            cells = (detail[path].cells.get(column), other.cells.get(column),
                     row.cells.get(column))
            if any(c is None for c in cells):
                continue
            d, s, r = (sheet.value(c) for c in cells if c is not None)
            # two printed units of the coarsest of the three (the tables may differ in unit)
            if abs(d - s - r) <= 2 * max(sheet.cells[c].step for c in cells if c is not None):
                matches += 1
                informative = informative or abs(r) > 0
        if matches >= 2 and informative and (best is None or matches > best[0]):
            best = (matches, path)
    return None if best is None else best[1]


def _reclassification_note(sheet: Sheet, row: Row, sibling: Row, detail: Row) -> Finding:
    amount = row.cells["budget"]
    cell = sheet.cells[amount]
    item = next((r for r in sheet.rows_of("revenue") if r.level == "item"
                 and r.path[:-1] == detail.path and "budget" in r.cells
                 and abs(sheet.value(r.cells["budget"]) - cell.value) <= cell.step), None)
    item_ko = (f" 세부내역에서는 '{item.key.split(' > ')[-1]}'({item.source_line}행, "
               f"{as_printed(cell, cell.value)})이 '{detail.path[-1]}'에 들어 있음."
               if item else "")
    item_en = (f" In the detail, '{item.key.split(' > ')[-1]}' (line {item.source_line}, "
               f"{as_printed(cell, cell.value, True)}) sits under '{detail.path[-1]}'."
               if item else "")
    s_cell = sheet.cells[sibling.cells["budget"]]
    d_cell = sheet.cells[detail.cells["budget"]]
    message = (f"세입 총괄은 '{row.path[-1]}' {as_printed(cell, cell.value)}"
               f"({row.source_line}행)을 '{sibling.path[-1]}' "
               f"{as_printed(s_cell, s_cell.value)}({sibling.source_line}행)에서 "
               f"따로 떼어 적었고, 세부내역은 둘을 합한 {as_printed(d_cell, d_cell.value)}"
               f"({detail.source_line}행)을 적음.{item_ko} "
               "합계는 같으므로 분류 차이이며 오류가 아님.")
    message_en = (f"The revenue summary lists '{row.path[-1]}' "
                  f"{as_printed(cell, cell.value, True)} (line {row.source_line}) apart from "
                  f"'{sibling.path[-1]}' {as_printed(s_cell, s_cell.value, True)} "
                  f"(line {sibling.source_line}); the detail "
                  f"prints their sum, {as_printed(d_cell, d_cell.value, True)} (line "
                  f"{detail.source_line}).{item_en} The totals agree: a reclassification, not "
                  "an error.")
    related = [sibling.source_line, detail.source_line] + ([item.source_line] if item else [])
    return Finding("cross_table", INFO, "revenue_summary", row.key, "budget", message,
                   message_en, unit="KRW", expected=d_cell.value - s_cell.value,
                   actual=cell.value, source_line=row.source_line,
                   related_lines=lines_text(related))


# -- 세출 총괄 vs 집행현황 ---------------------------------------------------------------------

def expenditure_summary_vs_detail(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return checks that 세출 총괄 and 집행현황 print the same budgets and executed amounts."""
    summary = sheet.rows_of("expenditure_summary")
    detail = {row.path: row for row in sheet.rows_of("expenditure") if row.level != "item"}
    split = {row.path[0] for row in summary if row.level == "department"}
    checks: list[Check] = []
    notes: list[Finding] = []
    for row in summary:
        if row.level == "item" and row.path[0] not in split:
            path: tuple[str, ...] = row.path[:1]  # the summary prints the department only
        else:
            path = row.path
        other = detail.get(path)
        if other is None:
            notes.append(Finding("cross_table", WARNING, "expenditure_summary", row.key,
                                 "budget",
                                 f"세출 총괄의 '{row.key}'({row.source_line}행)에 해당하는 행이 "
                                 "세출예산 집행현황에 없음.",
                                 f"'{row.key}' of the expenditure summary (line "
                                 f"{row.source_line}) has no row in the execution table.",
                                 source_line=row.source_line))
            continue
        for column in ("budget", "committed"):
            if column in row.cells and column in other.cells:
                checks.append(same_figure(sheet, "summary_vs_detail", row.cells[column],
                                     [other.cells[column]], "세출 총괄과 집행현황의 같은 수치",
                                     "the same figure in the expenditure summary and the "
                                     "execution table"))
    return checks, notes


# -- a department of 인력 현황 in no budget table -----------------------------------------------

def unbudgeted_departments(sheet: Sheet) -> list[Finding]:
    """Return a warning at the staffing line of each department of 인력 현황 that no budget
    table the report prints (세출 총괄, 집행현황) has a row for: read as a department with no
    budget, unless its name is misspelt in one of the tables (a reader checks which)."""
    printed = [t for t in BUDGET_TABLES if t not in sheet.report.missing_tables]
    if not printed:
        return []
    named = {row.path[0] for table in printed for row in sheet.rows_of(table)
             if row.level == "item"}
    titles = "과 ".join(section_title(t) for t in printed)
    titles_en = " or ".join(f"the {t.replace('_', ' ')} table" for t in printed)
    return [Finding("cross_table", WARNING, "staffing", row.key, "department",
                    f"인력 현황의 '{row.path[0]}'({row.source_line}행)은 {titles}에 행이 없음: "
                    "예산이 없는 부서로 읽음. 부서명이 표마다 다르게 적힌 것이 아닌지 원문을 "
                    "확인할 것.",
                    f"'{row.path[0]}' of the staffing table (line {row.source_line}) has no "
                    f"row in {titles_en}: read as a department with no budget. "
                    "Check the source in case a table spells its name otherwise.",
                    source_line=row.source_line)
            for row in sheet.rows_of("staffing")
            if row.level == "item" and row.path[0] not in named]


# -- the previous year's budget in the budget tables vs its settlement ------------------------

def _years(sheet: Sheet) -> tuple[int, int]:
    """Return (fiscal year, the year before) of the sheet's report."""
    subject = sheet.report.subject
    return subject.fiscal_year, subject.previous_year


def previous_revenue_vs_settlement(sheet: Sheet) -> list[Check]:
    """Return checks that the revenue tables and the previous year's 세입결산 agree on that
    year's budget.

    Both print it (최종예산 in 천원, 예산현액 in 백만원): equal up to rounding.
    """
    year, before = _years(sheet)
    summary = _printed_rows(sheet, "revenue_summary")
    detail = _printed_rows(sheet, "revenue")
    summary_leaves = [r for r in sheet.rows_of("revenue_summary") if r.level == "item"]
    checks: list[Check] = []
    for row in sheet.rows_of("settlement_revenue"):
        if "budget" not in row.cells or row.level == "account":
            continue
        path = row.path[1:] if row.path else ()
        if path in summary and "previous_budget" in summary[path].cells:
            others = [summary[path].cells["previous_budget"]]
        elif path in detail and "previous_budget" in detail[path].cells:
            others = [detail[path].cells["previous_budget"]]
        else:
            others = [r.cells["previous_budget"] for r in summary_leaves
                      if r.path[: len(path)] == path and "previous_budget" in r.cells]
        if others:
            checks.append(same_figure(sheet, "previous_budget_vs_settlement", row.cells["budget"],
                                      others,
                                      f"{before} 예산: {year} 세입표의 {before} 최종예산 = "
                                      f"{before} 세입결산 예산현액",
                                      f"{before} budget: {year} revenue tables vs the "
                                      f"{before} revenue settlement", severity=WARNING))
    return checks


def _by_account(sheet: Sheet, table: str, column: str) -> dict[tuple[str, str], Row]:
    """Return a table's line items that print ``column``, by (department, 일반회계 or
    특별회계)."""
    return {(row.path[0], "특별회계" if "특별" in row.path[1] else "일반회계"): row
            for row in sheet.rows_of(table) if row.level == "item" and column in row.cells}


def previous_expenditure_vs_settlement(sheet: Sheet) -> list[Finding]:
    """Return info findings comparing the expenditure summary's 최종예산 of the year before
    with that year's 결산 예산현액.

    The two are different figures: 예산현액 = 최종예산 + carry-over from the year before
    (a report's own note on 세출 총괄 says so), and the budget tables follow this year's
    organisation. A department × account that one table has and the other lacks, matched by
    an equal excess elsewhere, is named as a reorganisation.
    """
    final = _by_account(sheet, "expenditure_summary", "previous_budget")
    settled = _by_account(sheet, "settlement_expenditure", "budget")
    if not final or not settled:
        return []
    step = max(sheet.cells[r.cells["budget"]].step for r in settled.values())
    value_final = {k: sheet.value(r.cells["previous_budget"]) for k, r in final.items()}
    value_settled = {k: sheet.value(r.cells["budget"]) for k, r in settled.items()}
    gaps = {k: value_settled.get(k, 0.0) - value_final.get(k, 0.0)
            for k in {*value_final, *value_settled}}
    moved: dict[tuple[str, str], tuple[str, str]] = {}
    for key in value_final:
        if key in value_settled:
            continue
        for other, gap in gaps.items():
            if other != key and other[1] == key[1] and abs(gap - value_final[key]) <= step:
                moved[key] = other
                moved[other] = key
    findings = []
    for key in sorted(gaps, key=lambda k: (final.get(k) or settled[k]).source_line):
        gap = gaps[key]
        if abs(gap) <= step:
            continue
        findings.append(_previous_budget_note(sheet, key, final.get(key), settled.get(key), gap,
                                          moved.get(key), final, settled))
    findings += _previous_total_note(sheet)
    return findings


def _previous_budget_note(sheet: Sheet, key: tuple[str, str], final: Row | None,
                      settled: Row | None, gap: float, partner: tuple[str, str] | None,
                      finals: dict[tuple[str, str], Row],
                      settleds: dict[tuple[str, str], Row]) -> Finding:
    """Return the info finding for one department × account's two budgets of the year
    before."""
    year, before = _years(sheet)
    ref = settled.cells["budget"] if settled else final.cells["previous_budget"]
    cell = sheet.cells[ref]
    f_val = sheet.value(final.cells["previous_budget"]) if final else 0.0
    s_val = sheet.value(settled.cells["budget"]) if settled else 0.0
    f_cell = sheet.cells[final.cells["previous_budget"]] if final else cell
    name = f"{key[0]} {key[1]}"
    f_text = (f"{as_printed(f_cell, f_val)}({final.source_line}행)" if final else "없음")
    s_text = (f"{as_printed(cell, s_val)}({settled.source_line}행)" if settled else "없음")
    f_en = (f"{as_printed(f_cell, f_val, True)} (line {final.source_line})" if final else "none")
    s_en = (f"{as_printed(cell, s_val, True)} (line {settled.source_line})" if settled else "none")
    if partner is not None:
        p_row = settleds.get(partner) or finals.get(partner)
        why_ko = (f" 같은 금액이 {partner[0]} {partner[1]}({p_row.source_line}행)에 있음: "
                  f"{before} 결산은 {before}년 조직 기준, {year} 표는 {year}년 조직 기준(조직 "
                  "개편)으로 보임.")
        why_en = (f" The same amount appears under {partner[0]} {partner[1]} (line "
                  f"{p_row.source_line}): the {before} settlement follows the {before} "
                  f"organisation, the {year} tables the {year} one (a reorganisation).")
    else:
        why_ko = (f" 결산의 예산현액은 최종예산에 전년도 이월액 등을 더한 값이고 {year} 표는 "
                  f"{year}년 조직 기준이므로 두 값은 원래 다를 수 있음(오류 아님).")
        why_en = (" The settlement's budget (예산현액) adds the previous year's carry-over to the "
                  f"final budget, and the {year} tables follow the {year} organisation, so the "
                  "two legitimately differ (not an error).")
    message = (f"{name}의 {before} 예산: {year} 세출 총괄의 {before} 최종예산 {f_text}, "
               f"{before} 세출결산의 예산현액 {s_text}, 차이 {as_printed(cell, gap)}." + why_ko)
    message_en = (f"{name} {before} budget: final budget in the {year} expenditure summary "
                  f"{f_en}, budget in the {before} settlement {s_en}, difference "
                  f"{as_printed(cell, gap, True)}." + why_en)
    table = "settlement_expenditure" if settled else "expenditure_summary"
    row = settled or final
    related = [r.source_line for r in (final, settled) if r is not None and r is not row]
    if partner is not None:
        related.append(p_row.source_line)
    return Finding("cross_table", INFO, table, row.key,
                   "budget" if settled else "previous_budget", message, message_en, unit="KRW",
                   expected=f_val if final else None, actual=s_val if settled else None,
                   difference=gap,
                   source_line=row.source_line,
                   related_lines=", ".join(str(n) for n in related))


def _previous_total_note(sheet: Sheet) -> list[Finding]:
    final = sheet.find("expenditure_summary", "계", "previous_budget")
    settled = sheet.find("settlement_expenditure", "계", "budget")
    if final is None or settled is None:
        return []
    f_val, s_val = sheet.value(final), sheet.value(settled)
    cell = sheet.cells[settled]
    if abs(s_val - f_val) <= cell.step:
        return []
    f_cell = sheet.cells[final]
    year, before = _years(sheet)
    message = (f"{before} 예산 총계: {year} 세출 총괄의 {before} 최종예산 "
               f"{as_printed(f_cell, f_val)}({final.source_line}행), {before} 세출결산 예산현액 "
               f"{as_printed(cell, s_val)}"
               f"({settled.source_line}행), 차이 {as_printed(cell, s_val - f_val)}. "
               "예산현액은 최종예산에 "
               "전년도 이월액 등을 더한 값이라 원래 다름(오류 아님); 부서별 차이는 각 행 참고.")
    message_en = (f"{before} budget, total: final budget {as_printed(f_cell, f_val, True)} "
                  f"(line {final.source_line}) in the {year} expenditure summary vs "
                  f"{as_printed(cell, s_val, True)} (line {settled.source_line}) in the {before} "
                  f"settlement, difference {as_printed(cell, s_val - f_val, True)}: the "
                  "settlement's "
                  "budget adds carry-overs to the final budget, so they differ legitimately; "
                  "see the department rows.")
    return [Finding("cross_table", INFO, "settlement_expenditure", "계", "budget", message,
                    message_en, unit="KRW", expected=f_val, actual=s_val,
                    source_line=settled.source_line,
                    related_lines=str(final.source_line))]

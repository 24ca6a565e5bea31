"""Key projects vs the programs that fund them, as each project is linked
(:mod:`seoul_budget.project_links`: declared, named by its text, by budget or by name).

- a project linked to a program of 세출예산 집행현황: its budget is that program's 예산현액
  (rounded to the unit the project prints), a check like any other: a disagreement is an
  error at the project's budget line, with the program's figure to suggest;
- a project whose text says its budget is another department's (예산 재배정) outside this
  report: info, its budget cannot be compared here;
- a declared program that 집행현황 does not print: a warning (the declaration is stale);
- a project linked to no program: info, its budget only checked to be within its
  department's 예산현액 (a warning when it is larger).
"""

from __future__ import annotations

import pandas as pd

from ..parse.keys import row_keys
from ..parse.projects import NO_SAME_BUDGET
from ..parse.text import label_key
from .cells import CellId, Row, Sheet
from .checks import Check
from .cross import same_figure
from .findings import INFO, WARNING, Finding, as_printed

_CHECKED = ("declared", "budget", "name+budget", "name", "text")


def projects_vs_programs(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return checks that linked key projects' budgets equal their programs', and notes on
    the projects no program of the report can confirm."""
    checks: list[Check] = []
    notes: list[Finding] = []
    programs = {(r.path[0], r.path[1], label_key(r.key.split(" > ")[-1])): r
                for r in sheet.rows_of("expenditure") if r.level == "item"}
    departments = {r.path[0]: r for r in sheet.rows_of("expenditure") if r.level == "department"}
    projects = sheet.report.projects
    links = dict(zip(row_keys("projects", projects), projects.to_dict("records"), strict=True))
    for row in sheet.rows_of("projects"):
        budget = row.cells.get("budget")
        link = links.get(row.key)
        if budget is None or link is None:
            continue
        how = _text(link.get("program_link"))
        account = _text(link.get("program_account"))
        program = programs.get((_text(link.get("program_department")), account,
                                label_key(_text(link.get("program"))))) if account else None
        if program is not None and "budget" in program.cells:
            checks.append(same_figure(
                sheet, "project_vs_program", budget, [program.cells["budget"]],
                f"사업예산 = 세출 사업 '{link['program']}' 예산현액",
                f"project budget = budget of program '{link['program']}'"))
        elif how == "text":
            notes.append(_outside(sheet, row, budget, _text(link.get("program_note"))))
        elif how in _CHECKED:
            notes.append(_missing(row, link))
        else:
            notes += _unlinked(sheet, row, budget, departments.get(_text(link["department"])),
                               _text(link.get("program_note")))
    return checks, notes


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _outside(sheet: Sheet, row: Row, budget: CellId, note: str) -> Finding:
    cell = sheet.cells[budget]
    return Finding(
        "cross_table", INFO, "projects", row.key, "budget",
        f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}은 다른 부서 예산"
        f"({note})이라 이 보고서의 세출표와 대조할 수 없음.",
        f"Key project {row.key}: its budget {as_printed(cell, cell.value, True)} comes from "
        f"another bureau's program ({note}); the report's expenditure tables cannot "
        "confirm it.", unit="KRW", actual=cell.value, source_line=row.source_line)


def _missing(row: Row, link: dict[str, object]) -> Finding:
    return Finding(
        "cross_table", WARNING, "projects", row.key, "budget",
        f"주요 현안업무 {row.key}의 재원 사업 '{link['program']}'이 세출예산 집행현황에 없음 "
        f"({link.get('program_note')}).",
        f"Key project {row.key}: its program '{link['program']}' is not in the execution "
        f"table ({link.get('program_note')}).", source_line=row.source_line)


def _unlinked(sheet: Sheet, row: Row, budget: CellId, department: Row | None,
              note: str) -> list[Finding]:
    """Return the note on a project no program confirms: within its department's budget
    (info), or larger than it (a warning)."""
    if department is None or "budget" not in department.cells:
        return []
    cell = sheet.cells[budget]
    total = sheet.value(department.cells["budget"])
    line = department.source_line
    if cell.value > total:
        return [Finding(
            "cross_table", WARNING, "projects", row.key, "budget",
            f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}이 부서 전체 "
            f"예산현액({line}행)보다 큼.",
            f"Key project {row.key}: budget {as_printed(cell, cell.value, True)} exceeds its "
            f"department's whole budget (line {line}).", unit="KRW", expected=total,
            actual=cell.value, source_line=row.source_line,
            related_lines=str(line))]
    why = ("같은 금액의 세출 사업이 없어(여러 사업에 걸친 예산으로 보임)"
           if note.endswith(NO_SAME_BUDGET) else f"세출 사업과 연결하지 못해({note})")
    return [Finding(
        "cross_table", INFO, "projects", row.key, "budget",
        f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}과 {why} "
        "부서 예산현액 이내인지만 확인함.",
        f"Key project {row.key}: no program prints its budget "
        f"{as_printed(cell, cell.value, True)} (it spans programs); only checked to be within "
        "the department's budget.", unit="KRW", actual=cell.value,
        source_line=row.source_line, related_lines=str(line))]

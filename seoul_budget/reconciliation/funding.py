"""Key projects vs the programs that fund them: a project's budget is the budget of its
program (``PROJECT_FUNDING``), comes from another bureau, or spans programs and is only checked
to be within its department's budget."""

from __future__ import annotations

from dataclasses import dataclass

from .cells import Sheet
from .checks import Check
from .cross import same_figure
from .findings import INFO, WARNING, Finding, as_printed


@dataclass(frozen=True)
class ProjectFunding:
    """How a key project's printed budget relates to the 세출 programs.

    ``relation``: 'program' (the budget is one program's 예산현액, rounded to 백만원),
    'outside' (funded from another bureau's budget), 'none' (비예산), or 'unmatched' (no
    program's figure matches; checked only against the department's total budget).
    """

    relation: str
    department: str = ""
    program: str = ""
    note: str = ""


# Key project number -> funding, read from the report by hand (project text vs 세출 table):
PROJECT_FUNDING: dict[int, ProjectFunding] = {
    # 1. 디지털 안내사: '서울 동행일자리사업(일자리정책과) 예산 재배정' - another bureau's program.
    1: ProjectFunding("outside", note="서울 동행일자리사업(일자리정책과) 예산 재배정"),
    # 2. 메타버스 서울: 2,814백만원 = 메타버스 서울 추진 2,813,953천원 (line 493).
    2: ProjectFunding("program", "디지털정책담당관", "메타버스 서울 추진"),
    # 3. 민·관 데이터 융·결합 분석: 2,081백만원 = 빅 데이터 분석 서비스 2,081,450천원 (line 508).
    3: ProjectFunding("program", "빅데이터담당관", "빅 데이터 분석 서비스"),
    # 4. 소상공인 매출증대 프로젝트: 비예산 (no budget).
    4: ProjectFunding("none"),
    # 5-8: no program prints the project's figure (459, 2,423, 8,256, 150백만원); the budget
    # is part of the department's programs, so it is checked against the department total.
    5: ProjectFunding("unmatched"),
    6: ProjectFunding("unmatched"),
    7: ProjectFunding("unmatched"),
    8: ProjectFunding("unmatched", note="'23년 편성액 기준"),
}


def projects_vs_programs(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return checks that key-project budgets equal their programs, and notes on the rest."""
    checks: list[Check] = []
    notes: list[Finding] = []
    programs = {(r.path[0], r.key.split(" > ")[-1]): r for r in sheet.rows_of("expenditure")
                if r.level == "item"}
    departments = {r.path[0]: r for r in sheet.rows_of("expenditure") if r.level == "department"}
    for row in sheet.rows_of("projects"):
        number = int(row.key.split(".", 1)[0])
        funding = PROJECT_FUNDING.get(number)
        budget = row.cells.get("budget")
        if funding is None or budget is None:
            continue
        if funding.relation == "outside":
            cell = sheet.cells[budget]
            notes.append(Finding(
                "cross_table", INFO, "projects", row.key, "budget",
                f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}은 "
                "다른 부서 예산"
                f"({funding.note})이라 이 보고서의 세출표와 대조할 수 없음.",
                f"Key project {row.key}: its budget {as_printed(cell, cell.value, True)} "
                "comes from "
                f"another bureau's program ({funding.note}); the report's expenditure tables "
                "cannot confirm it.", unit="KRW", actual=cell.value,
                source_line=row.source_line))
        elif funding.relation == "program":
            # the department as this snapshot names it (a reorganisation may rename it)
            named = sheet.report.projects.set_index("number").loc[number, "department"]
            program = (programs.get((named, funding.program))
                       or programs.get((funding.department, funding.program)))
            if program is None or "budget" not in program.cells:
                notes.append(Finding("cross_table", WARNING, "projects", row.key, "budget",
                                     f"주요 현안업무 {row.key}의 재원 사업 '{funding.program}'이 "
                                     "세출예산 집행현황에 없음.",
                                     f"Key project {row.key}: its program '{funding.program}' "
                                     "is not in the execution table.",
                                     source_line=row.source_line))
                continue
            checks.append(same_figure(sheet, "project_vs_program", budget,
                                      [program.cells["budget"]],
                                 f"사업예산 = 세출 사업 '{funding.program}' 예산현액",
                                 f"project budget = budget of program '{funding.program}'"))
        elif funding.relation == "unmatched":
            dept = departments.get(sheet.report.projects.set_index("number")
                                   .loc[number, "department"])
            if dept is None or "budget" not in dept.cells:
                continue
            cell = sheet.cells[budget]
            total = sheet.value(dept.cells["budget"])
            if cell.value > total:
                notes.append(Finding(
                    "cross_table", WARNING, "projects", row.key, "budget",
                    f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}이 "
                    "부서 전체 "
                    f"예산현액({dept.source_line}행)보다 큼.",
                    f"Key project {row.key}: budget {as_printed(cell, cell.value, True)} exceeds "
                    f"its department's whole budget (line {dept.source_line}).",
                    unit="KRW", expected=total, actual=cell.value,
                    difference=cell.value - total, source_line=row.source_line,
                    related_lines=str(dept.source_line)))
            else:
                notes.append(Finding(
                    "cross_table", INFO, "projects", row.key, "budget",
                    f"주요 현안업무 {row.key}의 사업예산 {as_printed(cell, cell.value)}과 "
                    "같은 금액의 "
                    "세출 사업이 없어(여러 사업에 걸친 예산으로 보임) "
                    "부서 예산현액 이내인지만 확인함.",
                    f"Key project {row.key}: no program prints its budget "
                    f"{as_printed(cell, cell.value, True)} (it spans programs); only checked to be "
                    "within the department's budget.", unit="KRW", actual=cell.value,
                    source_line=row.source_line, related_lines=str(dept.source_line)))
    return checks, notes

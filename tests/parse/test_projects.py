"""seoul_budget.parse.projects: each key project's budget line, in the forms bureaus write it,
on the bundled report with one line rewritten (project 3's '- (사업예산) 2,081백만원' on line
208, project 4's '- (사업예산) 비예산' on line 245; the report's fiscal year is 2023)."""

from __future__ import annotations

import pytest
from bundled import DEPARTMENTS

from seoul_budget.departments import Organisation
from seoul_budget.parse.document import split_sections
from seoul_budget.parse.projects import (
    STATED,
    UNFUNDED,
    UNREAD,
    UNSTATED,
    budget_state,
    parse_projects,
    read_budget,
)
from seoul_budget.parse.text import Line

BUDGET_LINE = 208  # project 3's budget line; its heading is line 195
FISCAL_YEAR = 2023


def _projects(report_lines: list[str], line: int, text: str) -> dict[int, dict]:
    """Return the bundled report's projects by number, with ``line`` printed as ``text``."""
    lines = [Line(n, text if n == line else t) for n, t in enumerate(report_lines, start=1)]
    section = split_sections(lines, "report.txt").sections["projects"]
    parsed = parse_projects(section, FISCAL_YEAR, Organisation(DEPARTMENTS))
    return {p["number"]: p for p in parsed["projects"]}


def _state(project: dict) -> str:
    return budget_state(project["budget"], project["budget_note"], project["source_line"],
                        project["heading_line"])


@pytest.mark.parametrize(("printed", "budget", "note"), [
    # 4,447백만원 = 4,447 × 1,000,000 원
    ("총 4,447백만원(국비 1,000, 시비 3,447)", 4_447_000_000, "(국비 1,000, 시비 3,447)"),
    ("총 4,447백만원", 4_447_000_000, ""),
    ("총4,447백만원", 4_447_000_000, ""),
    ("'23년 4,447백만원", 4_447_000_000, ""),
    ("’23년 4,447백만원", 4_447_000_000, ""),  # the typographic apostrophe
    ("2023년 4,447백만원", 4_447_000_000, ""),
    ("2023년도 총 4,447백만원(전액 시비)", 4_447_000_000, "(전액 시비)"),
    ("44.47억원", 4_447_000_000, ""),  # 44.47 × 100,000,000 원
    ("4,447,380천원", 4_447_380_000, ""),  # 4,447,380 × 1,000 원
])
def test_a_budget_line_in_the_forms_bureaus_write_it(report_lines, printed, budget, note):
    project = _projects(report_lines, BUDGET_LINE, f"- (사업예산) {printed}")[3]
    assert (project["budget"], project["budget_note"]) == (budget, note)
    assert project["source_line"] == BUDGET_LINE and _state(project) == STATED


@pytest.mark.parametrize("printed", [
    "'22년 4,447백만원",  # last year's figure, not this year's budget
    "총사업비 4,447백만원",  # the whole cost over the project's years
    "추경 편성 예정",
])
def test_a_budget_line_that_cannot_be_read_is_kept_as_unread(report_lines, printed):
    project = _projects(report_lines, BUDGET_LINE, f"- (사업예산) {printed}")[3]
    assert project["budget"] is None and not project["budget_note"]
    assert project["source_line"] == BUDGET_LINE and _state(project) == UNREAD


def test_a_project_without_a_budget_line_is_not_unfunded(report_lines):
    project = _projects(report_lines, BUDGET_LINE, "")[3]
    assert project["budget"] is None and project["source_line"] == project["heading_line"]
    assert _state(project) == UNSTATED


def test_bidyesan_is_unfunded(report_lines):
    projects = _projects(report_lines, BUDGET_LINE, "- (사업예산) 2,081백만원")
    assert _state(projects[4]) == UNFUNDED and projects[4]["source_line"] == 245
    assert _state(projects[3]) == STATED


def test_read_budget_dates_a_two_digit_year_in_this_century():
    assert read_budget("(사업예산) '31년 10백만원", 2031)["amount"] == "10"
    assert read_budget("(사업예산) '31년 10백만원", 2030) is None
    assert read_budget("(사업예산) 비예산", 2031)["none"] == "비예산"

"""주요 현안업무: the key projects (title, department, budget, period, the funding their text
names) and the figures in their text, however many projects the report lists.

The section lists the projects ('1. …' to 'N. …'), then gives each a body under the same
numbered heading: a contact line naming the department and its officials (only the
department is kept: nothing about a person reaches a table), then 사업개요, 추진실적 and
향후일정. A budget line '(사업예산) 2,000백만원 (…)' gives the budget, its parts and, in a
note such as '※ 녹색 일자리사업(일자리지원과) 예산 재배정', the program and department
whose budget it is; some bureaus write the year or 총 before the figure ("'31년 2,000백만원",
'총 2,000백만원(국비 …)'). Every other figure of the body is read by
:mod:`seoul_budget.parse.project_figures`.

A project's budget is then one of four states (:func:`budget_state`): a figure, 비예산 (the
report says it has none), a budget line this module cannot read (kept empty, the project's
``source_line`` on that line, for reconciliation to name), or no budget line at all.
"""

from __future__ import annotations

import re

import pandas as pd

from ..departments import Organisation
from .common import Record, department
from .document import Section
from .numbers import UNIT_TO_KRW
from .project_figures import Context, bullet_level, line_context, line_figures, metric_id
from .text import Line, clean_label

_HEADING = re.compile(r"^(?P<number>\d{1,2})\.\s*(?P<title>\S.*)$")
BUDGET_LABEL = "(사업예산)"
NO_BUDGET = "비예산"  # what the report prints for a project without a budget
# What a project's row says of its budget (:func:`budget_state`).
STATED, UNFUNDED, UNREAD, UNSTATED = "stated", "unfunded", "unread", "unstated"
# A project without a budget figure, as a reader reads it (a program_note, a page's cell).
BUDGET_STATE_TEXT = {UNFUNDED: NO_BUDGET, UNREAD: "사업예산 행을 읽지 못함",
                     UNSTATED: "사업예산이 원문에 적혀 있지 않음"}
# What some bureaus print before the figure: the year it is of ("'31년", "2031년") and 총 (the
# total the note then splits: '총 4,447백만원(국비 1,000, 시비 3,447)'). '총사업비 …' is
# not one: a project's whole cost over its years, not the year's budget.
_LEAD = r"(?:(?:(?P<y4>(?:19|20)\d{2})|['’‘`]?(?P<y2>\d{2}))\s*년도?\s*)?(?:총\s*)?"
_BUDGET = re.compile(r"\(사업예산\)\s*(?:" + _LEAD + r"(?P<amount>[\d,]+(?:\.\d+)?)\s*"
                     r"(?P<unit>백만원|천원|억원|원)|(?P<none>비예산))\s*(?P<note>.*)$")
_PERIOD = re.compile(r"(?:\(사업기간\)|활동기간\s*:)\s*(?P<period>.+)$")
# '※ 녹색 일자리사업(일자리지원과) 예산 재배정': the budget is another program's, given over.
_FUNDED = re.compile(r"(?P<program>[^※()]*?)\s*\((?P<department>[^()]+)\)\s*(?:예산\s*)?재배정"
                     r"|(?P<named>\S+)\s+예산\s*재배정")
TEXT_LINK = "text"  # a project's funding read from its own text (see project_links)
# the program_note of a project no program of its department prints the budget of
NO_SAME_BUDGET = "부서의 세출 사업 가운데 사업예산과 같은 예산의 사업이 없음"


def parse_projects(section: Section, fiscal_year: int,
                   organisation: Organisation) -> dict[str, list[Record]]:
    """Return projects (one row per key project) and project_metrics (the figures in their
    text); each project's department is one of the report's (``organisation``);
    ``fiscal_year`` dates what the text dates without a year."""
    projects: list[Record] = []
    metrics: list[Record] = []
    for number, heading, lines in _bodies(section):
        contact = _contact(section, heading, lines)
        record: Record = {
            "number": number, "title": clean_label(_HEADING.match(heading.text.strip())["title"]),
            "department": department(section, contact, contact.text.split(":", 1)[0].strip(),
                                     organisation),
            "budget": None, "budget_note": "", "period": "", "program": None,
            "program_department": None, "program_account": None, "program_link": None,
            "program_note": None, "heading_line": heading.number, "source_line": heading.number}
        metrics += _read_body(record, [line for line in lines if line.number > contact.number],
                              fiscal_year)
        projects.append(record)
    return {"projects": projects, "project_metrics": metrics}


def _read_body(record: Record, lines: list[Line], year: int) -> list[Record]:
    """Set a project's budget, period and funding from its body; return its figures."""
    metrics: list[Record] = []
    topics: dict[str, str] = {}
    above = Context()
    for line in lines:
        text = line.text.strip()
        if not text or line.is_table_row:
            continue
        level, body = bullet_level(line.text)
        if level == 0:
            above = line_context(body, year)
        context = above if level else Context()
        budget = read_budget(text, year)
        if budget:
            _set_budget(record, budget, line)
            figures = line_figures(budget["note"] or "", year, context, "사업예산", topics)
        elif BUDGET_LABEL in text:
            _set_unread(record, line)
            figures = line_figures(body, year, context, topics=topics)
        else:
            period = _PERIOD.search(text)
            if period:
                record["period"] = record["period"] or clean_label(period["period"])
                continue
            figures = line_figures(body, year, context, topics=topics)
        for figure in figures:
            label = figure.label()
            metrics.append({"project": record["number"], "metric": metric_id(label, figure.unit),
                            "label": label, "period": figure.period, "value": figure.value,
                            "unit": figure.unit, "printed_unit": figure.printed_unit,
                            "source_line": line.number})
    return metrics


def read_budget(text: str, fiscal_year: int) -> re.Match[str] | None:
    """Return the budget a line states ('(사업예산) 2,000백만원 …', '(사업예산) 비예산'), or
    None: groups ``amount`` and ``unit`` (as printed), ``none`` (비예산) and ``note``. A
    figure dated another year than ``fiscal_year`` ("'30년 …" in a 2031 report) is not
    this year's budget: None."""
    match = _BUDGET.search(text)
    if match is None or not (match["y2"] or match["y4"]):
        return match
    year = int(match["y4"]) if match["y4"] else 2000 + int(match["y2"])
    return match if year == fiscal_year else None


def _set_unread(record: Record, line: Line) -> None:
    """Point a project with no budget yet at a budget line that cannot be read, so its budget
    stays empty without reading as 비예산 or as no line (see :func:`budget_state`)."""
    if record["budget"] is None and not record["budget_note"]:
        record["source_line"] = line.number


def _set_budget(record: Record, budget: re.Match[str], line: Line) -> None:
    """Set a project's budget (KRW; None for 비예산), its note and the funding it names."""
    record["source_line"] = line.number
    note = clean_label(budget["note"] or "")
    record["budget_note"] = f"{NO_BUDGET} {note}".strip() if budget["none"] else note
    if not budget["none"]:
        amount = float(budget["amount"].replace(",", ""))
        record["budget"] = round(amount * UNIT_TO_KRW[budget["unit"]])
    funded = _FUNDED.search(note)
    if funded:
        program = clean_label(funded["program"] or "")
        record.update(program=program or None,
                      program_department=clean_label(funded["department"] or funded["named"]),
                      program_link=TEXT_LINK, program_note=clean_label(funded.group(0)))


def budget_state(budget: object, budget_note: object, source_line: object,
                 heading_line: object) -> str:
    """Return what a project's row (``projects``) says of its budget: STATED (``budget``
    holds it, in KRW), UNFUNDED (the report prints 비예산: ``budget_note`` starts with it),
    UNREAD (a budget line :func:`read_budget` cannot read, on ``source_line``) or UNSTATED
    (the body prints no budget line: ``source_line`` is the heading's)."""
    if budget is not None and not pd.isna(budget):
        return STATED
    if isinstance(budget_note, str) and budget_note.startswith(NO_BUDGET):
        return UNFUNDED
    return UNSTATED if source_line == heading_line else UNREAD


def budget_states(projects: pd.DataFrame) -> pd.Series:
    """Return, per row of ``projects``, what its report says of its budget
    (:func:`budget_state`: STATED, UNFUNDED, UNREAD or UNSTATED)."""
    return pd.Series([budget_state(row.budget, row.budget_note, row.source_line,
                                   row.heading_line) for row in projects.itertuples()],
                     index=projects.index, dtype=object)


def budget_unit(section: Section) -> str:
    """Return the unit of the first project budget the section prints ('백만원'), or ''."""
    for line in section.lines:
        match = _BUDGET.search(line.text.strip())
        if match and match["unit"]:
            return match["unit"]
    return ""


def _bodies(section: Section) -> list[tuple[int, Line, list[Line]]]:
    """Return (number, heading line, body lines) per project, skipping the list of contents."""
    headings = [(int(m["number"]), line) for line in section.lines
                if not line.is_table_row and (m := _HEADING.match(line.text.strip()))]
    numbers = [n for n, _ in headings]
    count = max(numbers, default=0)
    if count == 0 or numbers[:count] != list(range(1, count + 1)):
        raise section.error(section.heading, "a numbered list of key projects (1. … 2. …)",
                            found=", ".join(map(str, numbers[:10])) or "none")
    body_headings = headings[count:]
    if [n for n, _ in body_headings] != list(range(1, count + 1)):
        anchor = body_headings[0][1] if body_headings else section.heading
        raise section.error(anchor, f"a body for each of the {count} listed projects, in order",
                            found=", ".join(str(n) for n, _ in body_headings) or "none")
    bodies = []
    for index, (number, heading) in enumerate(body_headings):
        end = (body_headings[index + 1][1].number if index + 1 < len(body_headings)
               else section.lines[-1].number + 1)
        lines = [line for line in section.lines if heading.number < line.number < end]
        bodies.append((number, heading, lines))
    return bodies


def _contact(section: Section, heading: Line, lines: list[Line]) -> Line:
    """Return the project's contact line (the ☎ line naming its department first)."""
    for line in lines[:5]:
        if "☎" in line.text:
            return line
    raise section.error(heading, "a contact line naming the department (… ☎ …)",
                        found="none")

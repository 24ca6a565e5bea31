"""세출: the expenditure summary (세출 총괄) and execution by program (세출예산 집행현황), in KRW.

Rows are bureau total (계, or the bureau's name as the cover prints it) → department → account →
program. A department is a row naming a department of the report (or standing where one stands:
after a department whose accounts add up to it); an account is a row standing under a
department — right after it, or after an account whose programs add up to it while the
department's accounts do not yet — whatever it is called ('교통사업특별회계' as well as
일반회계); programs
are the rest.

Each table lists a department once. A department of 인력 현황 in neither table is staffed with
no budget (the reconciliation warns of it); one in a table and not the other, or not in a table
that runs to the end of the file (cut short?), is an error (:func:`require_budget_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..aliases import NO_ALIASES, Aliases
from ..classification import account_name, is_total_label, looks_like_account
from ..departments import Organisation
from .accounts import OpenDepartment, department_nodes, not_a_department
from .common import (
    Node,
    Record,
    Row,
    cut_short,
    department_account_row,
    departments_of,
    read_row,
    require_all_departments,
    require_once,
    table_records,
)
from .document import Section
from .hierarchy import adds_up
from .numbers import UNIT_TO_KRW
from .text import Line, clean_label, label_key


def _is_total(label: str, bureau: str) -> bool:
    """Return True for a total row's label: 계 (합계, 총계) or the bureau's own name."""
    return is_total_label(label) or (bool(bureau) and label_key(label) == label_key(bureau))


_SUMMARY_MONEY = (("budget", 1, "예산현액"), ("previous_budget", 2, "전년도 최종예산"),
                  ("change_printed", 3, "증감액"), ("committed", 5, "집행액"))
_SUMMARY_RATES = (("change_rate_printed", 4, "증감률"), ("execution_rate_printed", 6, "집행률"))
_EXECUTION_MONEY = (("budget", 2, "예산현액"), ("committed", 3, "원인행위액"),
                    ("spent", 4, "지출액"))
_EXECUTION_RATES = (("committed_rate_printed", 5, "원인행위 집행률"),
                    ("spent_rate_printed", 6, "지출 집행률"))


def parse_expenditure_summary(section: Section, organisation: Organisation,
                              aliases: Aliases = NO_ALIASES,
                              bureau: str = "") -> dict[str, list[Record]]:
    """Return expenditure_summary (department × account) and its printed totals.

    A total row is 계 or the bureau's name (``bureau``, exactly: a bureau may be named as a
    department's short form, '기후정책관' over 기후정책담당관). A row naming a department of
    the report (any spelling it resolves) is a department; a row under a department whose
    account rows do not yet add up to it, or the first of rows that do, is an account;
    anything else names no department and is an error at its line.
    """
    unit = section.unit()
    read = [read_row(section, line, unit, 7, _SUMMARY_MONEY, _SUMMARY_RATES)
            for line in section.data_rows()]
    names = [None if _is_total(row.label, bureau) else organisation.resolve(row.label)
             for row in read]
    totals = [_is_total(row.label, bureau) or (position == 0 and names[0] is None)
              for position, row in enumerate(read)]
    nodes = department_nodes(section, read, names, totals, unit, organisation, aliases)
    tables = table_records("expenditure_summary", nodes,
                           lambda node: department_account_row(section, node))
    require_once(section, departments_of(nodes), read[0].line)
    return tables


def _execution_row(section: Section, line: Line, unit: str) -> Row:
    """Return a 집행현황 row, labelled by its one label (in the first or second column: pages
    differ)."""
    row = read_row(section, line, unit, 7, _EXECUTION_MONEY, _EXECUTION_RATES)
    labels = [c for c in line.cells[:2] if c]
    if len(labels) != 1:
        raise section.error(line, "one label in the first two columns",
                            found=" | ".join(line.cells[:2]) or "(no label)")
    return Row(line, labels[0], row.values, row.rates)


class _Execution:
    """What is open above a 집행현황 row: the department (with its accounts so far) and the
    account (its printed figures and its programs' sums so far)."""

    def __init__(self, steps: tuple[int, ...]) -> None:
        self.steps = steps
        self.department: OpenDepartment | None = None
        self.account: tuple[int, ...] | None = None
        self.programs = 0  # programs under the open account so far
        self.sums: list[int] = []  # their sums by column, kept as they come (no re-adding)
        self.account_name = ""

    def open(self, account: tuple[int, ...] | None) -> None:
        """Start an account (None: a department, whose account comes next)."""
        self.account, self.programs, self.sums = account, 0, []

    def add_program(self, figures: tuple[int, ...]) -> None:
        """Count a program under the open account."""
        self.sums = [a + b for a, b in zip(self.sums, figures, strict=True)] \
            if self.sums else list(figures)
        self.programs += 1

    def account_complete(self) -> bool:
        """Return True when the programs so far add up to the open account in every column
        (with a column let off, a program printing zeros there would close it too early)."""
        if self.account is None or not self.programs:
            return False
        return adds_up(self.account, self.sums, self.programs, self.steps, misprints=0)

    def level(self, label: str, figures: tuple[int, ...], aliases: Aliases) -> str:
        """Return where a row that names no department of the report stands: 'account',
        'program', or 'department' (the account and the department above add up without it).

        The row right after a department is its account; after an account its programs add
        up to, the next account while the department's accounts do not yet add up to it,
        else a department. Where the figures do not place a row (a misprint, or a row
        printing only zeros), a label ending in 회계 is an account, anything else a program.
        """
        if self.department is None:
            return "program"
        if self.account is None:
            return "account"
        if any(figures) and self.account_complete():
            return "account" if not self.department.complete(self.steps) else "department"
        return "account" if looks_like_account(label, aliases) else "program"


def parse_expenditure(section: Section, organisation: Organisation, bureau: str,
                      aliases: Aliases = NO_ALIASES) -> dict[str, list[Record]]:
    """Return expenditure (one row per program) and its printed totals.

    The first row is the bureau's total (``bureau``, as the cover names it, or 계) or a
    department's row, else an error naming what it could be; a row naming a
    department of the report starts that department; a row standing where a department
    stands (the department above adds up, and account rows from the next row on add up to
    it) is one, and an error if its name is none of the report's; an account is the row
    right after a department, or a row after a complete account while the department's
    accounts do not yet add up to it; programs are the rest.
    """
    unit = section.unit()
    read = [_execution_row(section, line, unit) for line in section.data_rows()]
    state = _Execution((UNIT_TO_KRW[unit],) * len(_EXECUTION_MONEY))
    nodes: list[Node] = []
    for position, (line, label, values, rates) in enumerate(read):
        figures = tuple(values.values())
        total = _is_total(label, bureau)
        name = None if total else organisation.resolve(label, tolerant=False)
        if position == 0 and not total and organisation.resolve(label) is None:
            raise section.error(line, f"the bureau's total ('{bureau}', as the cover names "
                                "it, or 계) or a department's row", found=label,
                                message="the first row of the table is neither")
        level = "department" if name is not None else state.level(label, figures, aliases)
        if total:
            nodes.append(Node(line, (), "total", values, rates))
        elif level == "department":
            name = name or organisation.resolve(label)
            if name is None:
                raise not_a_department(section, line, label, organisation, aliases)
            state.department = OpenDepartment(name, figures)
            state.open(None)
            nodes.append(Node(line, (name,), "department", values, rates))
        elif level == "account":  # (only under a department: see _Execution.level)
            state.department.accounts.append(figures)
            state.open(figures)
            state.account_name = account_name(label, aliases)
            nodes.append(Node(line, (state.department.name, state.account_name), "account",
                              values, rates))
        else:
            if state.department is None or state.account is None:
                raise section.error(line, "a department and an account row before a program",
                                    found=label)
            state.add_program(figures)
            nodes.append(Node(line, (state.department.name, state.account_name,
                                     f"{clean_label(label)}#{line.number}"), "program",
                              values, rates))
    tables = table_records("expenditure", nodes, lambda node: _program(section, node))
    require_once(section, departments_of(nodes), read[0].line)
    return tables


BUDGET_TABLES = ("expenditure_summary", "expenditure")


def require_budget_rows(sections: Mapping[str, Section], tables: Mapping[str, list[Record]],
                        organisation: Organisation) -> None:
    """Raise if a department of 인력 현황 has a row in one budget table (세출 총괄, 집행현황;
    ``sections``: those the report prints, read into ``tables``) and none in the other, or
    none in one that runs to the end of the file (cut short there?): the error at that
    table's first row names the department's staffing line. A department in no budget table
    is staffed with no budget, not an error here (the reconciliation warns of it)."""
    budgeted = {str(row["department"]) for name in BUDGET_TABLES
                for row in tables.get(name, [])}
    for name in BUDGET_TABLES:
        section = sections.get(name)
        if section is None:
            continue
        required = tuple(d for d in organisation.departments
                         if d in budgeted or section.ends_file)
        require_all_departments(section, {str(row["department"]) for row in tables[name]},
                                section.data_rows()[0],
                                replace(organisation, departments=required))


def _program(section: Section, node: Node) -> Record:
    """Return the record of a leaf row of 집행현황, which must be a program."""
    if node.level != "program":
        raise section.error(node.line, "programs under each account", found="none",
                            message="an account with no program under it" + cut_short(section))
    return {"department": node.path[0], "account": node.path[1],
            "program": node.path[2].rsplit("#", 1)[0], **node.values, **node.rates,
            "source_line": node.line.number}

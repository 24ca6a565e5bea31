"""Accounts (회계) under departments, found by structure: a row stands as an account when it
stands under a department whose figures its rows add up to — whatever the account is called.

Tables that print a department and then its accounts (세출 총괄, 세출결산) split a department
only when it has more than one account; its account rows add up to it. A label ending in 회계
is a hint, used only to say what a misplaced row could be (:func:`not_a_department`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..aliases import Aliases
from ..classification import (
    GENERAL_ACCOUNT,
    account_name,
    is_total_label,
    looks_like_account,
    subtotal_account,
)
from ..departments import Organisation
from ..errors import ReportParseError
from .common import Node, Record, Row, unknown_department
from .document import Section
from .hierarchy import adds_up
from .numbers import UNIT_TO_KRW
from .text import Line


@dataclass
class OpenDepartment:
    """A department row open above: its name, its figures and those of its account rows so
    far (the same columns, KRW)."""

    name: str
    figures: tuple[int, ...]
    accounts: list[tuple[int, ...]] = field(default_factory=list)

    def complete(self, steps: Sequence[int]) -> bool:
        """Return True when its account rows add up to it in every column (one printed unit
        per account): with a column let off, an account printing zeros there (no spending
        yet) would close the department before it."""
        if not self.accounts:
            return False
        sums = [sum(column) for column in zip(*self.accounts, strict=True)]
        return adds_up(self.figures, sums, len(self.accounts), steps, misprints=0)


def stands_as_account(department: OpenDepartment, run: Sequence[tuple[int, ...]],
                      steps: Sequence[int]) -> bool:
    """Return True when the row ``run[0]`` stands as an account of the department open above:
    it has account rows that do not yet add up to it, or none yet and the rows from this one
    on (``run``: their figures, up to the next department or total) add up to it (one column
    may be misprinted), or its accounts add up and this row prints only zeros (it adds
    nothing: a department with no budget yet in a second account)."""
    if department.accounts:
        return not department.complete(steps) or not any(run[0])
    sums = [0] * len(department.figures)
    for count, figures in enumerate(run, start=1):
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        if adds_up(department.figures, sums, count, steps):
            return True
    return False


def not_a_department(section: Section, line: Line, label: str, organisation: Organisation,
                     aliases: Aliases) -> ReportParseError:
    """Return the error for a row that names no department of 인력 현황 where the figures put
    a department: a row reading as an account ('…회계') is said to stand where an account or
    a department stands (the department above adds up without it)."""
    if not looks_like_account(label, aliases):
        return unknown_department(section, line, label, organisation)
    return section.error(line, "a department of this report's 인력 현황: "
                         + organisation.listed(), found=label,
                         message=f"{label!r} stands where an account or a department stands; "
                         "it is not a department of 인력 현황 (and the department above adds "
                         "up without it as an account)")


def department_nodes(section: Section, read: Sequence[Row], names: Sequence[str | None],
                     totals: Sequence[bool], unit: str, organisation: Organisation,
                     aliases: Aliases, subtotals: bool = False) -> list[Node]:
    """Return the rows of a table of departments split by account (세출 총괄, 세출결산) as
    nodes: a total (``totals``), a row naming a department (``names``: the department each
    row names, or None), an account of the department open above (:func:`stands_as_account`)
    and, with ``subtotals``, a '소 계 (X회계)' row (a cross-cutting subtotal by account);
    any other row is an error at its line (:func:`not_a_department`)."""
    steps = (UNIT_TO_KRW[unit],) * len(read[0].values)
    nodes: list[Node] = []
    dept: OpenDepartment | None = None
    for position, (line, label, values, rates) in enumerate(read):
        subtotal = subtotal_account(label, aliases) if subtotals else None
        name = names[position]
        if totals[position]:  # a total even with no row under it (a table of the total alone)
            nodes.append(Node(line, (), "total", values, rates, always_total=True))
        elif subtotal is not None:
            nodes.append(Node(line, ("소계", subtotal or GENERAL_ACCOUNT), "account", values,
                              rates, always_total=True))
        elif name is not None:
            dept = OpenDepartment(name, tuple(values.values()))
            nodes.append(Node(line, (name,), "department", values, rates))
        elif dept is not None and stands_as_account(
                dept, _run(read[position:], names[position:], subtotals), steps):
            dept.accounts.append(tuple(values.values()))
            nodes.append(Node(line, (dept.name, account_name(label, aliases)), "account",
                              values, rates))
        else:
            raise not_a_department(section, line, label, organisation, aliases)
    return nodes


def _run(read: Sequence[Row], names: Sequence[str | None],
         subtotals: bool) -> list[tuple[int, ...]]:
    """Return the figures of the rows ``read`` up to the next department (``names``: the
    department each row names, or None), total or (with ``subtotals``) subtotal: the rows that
    may be accounts of the department above."""
    run = []
    for (_, label, values, _), name in zip(read, names, strict=True):
        if is_total_label(label) or name is not None or (
                subtotals and subtotal_account(label) is not None):
            break
        run.append(tuple(values.values()))
    return run


def take_sole_accounts(tables: Mapping[str, list[Record]]) -> None:
    """Give a department that 세출 총괄 or 세출결산 prints on one row, read as 일반회계 for want
    of an account row, the one account 집행현황 files all its programs under (a 사업소 may
    run on a special account alone); records are changed in place, nothing else is."""
    found: dict[str, set[str]] = {}  # each department's accounts in 집행현황 (by program)
    for row in tables.get("expenditure", []):
        found.setdefault(str(row["department"]), set()).add(str(row["account"]))
    accounts = {name: next(iter(names)) for name, names in found.items() if len(names) == 1}
    for name in ("expenditure_summary", "settlement_expenditure"):
        rows = tables.get(name, [])
        count = Counter(str(row["department"]) for row in rows)
        for row in rows:
            department = str(row["department"])
            if count[department] == 1 and row["account"] == GENERAL_ACCOUNT:
                row["account"] = accounts.get(department, GENERAL_ACCOUNT)

"""Accounts (회계) under departments, found by structure: a row stands as an account when it
stands under a department whose figures its rows add up to — whatever the account is called.

Tables that print a department and then its accounts (세출 총괄, 세출결산) split a department
only when it has more than one account; its account rows add up to it. A label ending in 회계
is a hint, used only to say what a misplaced row could be (:func:`misplaced`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..classification import GENERAL_ACCOUNT
from ..departments import Organisation
from ..errors import ReportParseError
from .common import Record
from .document import Section
from .hierarchy import adds_up
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


def stands_as_account(department: OpenDepartment | None, run: Sequence[tuple[int, ...]],
                      steps: Sequence[int]) -> bool:
    """Return True when the row ``run[0]`` stands as an account of the department open above:
    it has account rows that do not yet add up to it, or none yet and the rows from this one
    on (``run``: their figures, up to the next department or total) add up to it (one column
    may be misprinted), or its accounts add up and this row prints only zeros (it adds
    nothing: a department with no budget yet in a second account)."""
    if department is None or not run:
        return False
    if department.accounts:
        return not department.complete(steps) or not any(run[0])
    sums = [0] * len(department.figures)
    for count, figures in enumerate(run, start=1):
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        if adds_up(department.figures, sums, count, steps):
            return True
    return False


def misplaced(section: Section, line: Line, label: str, organisation: Organisation,
              place: str = "an account or a department") -> ReportParseError:
    """Return the error for a row that reads as an account ('…회계') where the figures put a
    department: it stands where ``place`` stands and names no department of 인력 현황."""
    return section.error(line, "a department of this report's 인력 현황: "
                         + organisation.listed(), found=label,
                         message=f"{label!r} stands where {place} stands; it is not a "
                         "department of 인력 현황 (and the department above adds up without "
                         "it as an account)")


# The tables that print a department of one account without its account row, and the table
# that always splits a department by account (its programs stand under their account).
_UNSPLIT_TABLES = ("expenditure_summary", "settlement_expenditure")
_SPLIT_TABLE = "expenditure"


def sole_accounts(expenditure: Sequence[Record]) -> dict[str, str]:
    """Return {department: account} for each department with one account only among
    ``expenditure``'s records (세출예산 집행현황, by program)."""
    accounts: dict[str, set[str]] = {}
    for row in expenditure:
        accounts.setdefault(str(row["department"]), set()).add(str(row["account"]))
    return {name: next(iter(found)) for name, found in accounts.items() if len(found) == 1}


def take_sole_accounts(tables: Mapping[str, list[Record]]) -> None:
    """Give a department that 세출 총괄 or 세출결산 prints on one row, read as 일반회계 for want
    of an account row, the one account 집행현황 files all its programs under (a 사업소 may
    run on a special account alone); records are changed in place, nothing else is."""
    accounts = sole_accounts(tables.get(_SPLIT_TABLE, []))
    for name in _UNSPLIT_TABLES:
        rows = tables.get(name, [])
        count = Counter(str(row["department"]) for row in rows)
        for row in rows:
            department = str(row["department"])
            if count[department] == 1 and row["account"] == GENERAL_ACCOUNT:
                row["account"] = accounts.get(department, GENERAL_ACCOUNT)

"""세출: the expenditure summary (세출 총괄) and execution by program (세출예산 집행현황), in KRW.

Rows are bureau total → department → account (일반회계/특별회계) → program. A row's level comes
from what its label names (indentation differs between pages): the bureau's total names the
bureau (as the cover does) or 계; programs are the rest.
"""

from __future__ import annotations

from ..classification import is_total_label, lookup_account
from ..departments import Organisation
from .common import (
    Node,
    Record,
    check_width,
    department_account_rows,
    departments_of,
    money,
    node_totals,
    rate,
    require_all_departments,
    split_leaves,
    unknown_department,
)
from .document import Section
from .numbers import UNIT_TO_KRW, to_krw
from .text import Line, clean_label, label_key


def _is_total(label: str, bureau: str) -> bool:
    """Return True for a total row's label: 계 (합계, 총계) or the bureau's own name."""
    return is_total_label(label) or (bool(bureau) and label_key(label) == label_key(bureau))


def _classify(section: Section, line: Line, label: str, dept: str | None,
              account: str | None, organisation: Organisation, *,
              department_place: bool, bureau: str = "") -> tuple[str, tuple[str, ...]]:
    """Return (level, path) for a row label given the department and account above it.

    ``department_place``: the row stands where a department row stands (:func:`_stands_as_
    department`), so a name no department of the report matches is an error, not a program.
    In 세출 총괄 every row that is not a total or an account stands there. ``bureau``: the
    report's bureau, whose row is the total.
    """
    if _is_total(label, bureau):
        return "total", ()
    acct = lookup_account(label)
    if acct is not None:
        if dept is None:
            raise section.error(line, "a department row before an account row", found=label)
        return "account", (dept, acct)
    name = organisation.resolve(label, tolerant=department_place)
    if name is not None:
        return "department", (name,)
    if department_place:
        raise unknown_department(section, line, label, organisation)
    if dept is None or account is None:
        raise section.error(line, "a department and an account row before a program",
                            found=label)
    return "program", (dept, account, f"{clean_label(label)}#{line.number}")


def parse_expenditure_summary(section: Section,
                              organisation: Organisation) -> dict[str, list[Record]]:
    """Return expenditure_summary (department × account) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    dept: str | None = None
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        check_width(section, line, cells, 7, 7)
        level, path = _classify(section, line, cells[0], dept, None, organisation,
                                department_place=True)
        if level == "department":
            dept = path[0]
        values = {"budget": money(section, line, cells[1], unit, "예산현액"),
                  "previous_budget": money(section, line, cells[2], unit, "전년도 최종예산"),
                  "change_printed": money(section, line, cells[3], unit, "증감액"),
                  "committed": money(section, line, cells[5], unit, "집행액")}
        rates = {"change_rate_printed": rate(section, line, cells[4], "증감률"),
                 "execution_rate_printed": rate(section, line, cells[6], "집행률")}
        nodes.append(Node(line, path, level, values, rates))
    leaves, parents = split_leaves(nodes)
    items = department_account_rows(section, leaves)
    require_all_departments(section, departments_of(nodes), rows[0], organisation)
    totals = [row for node in parents for row in node_totals("expenditure_summary", node)]
    return {"expenditure_summary": items, "printed_totals": totals}


def _label(section: Section, line: Line) -> str:
    """Return a 집행현황 row's one label (in the first or second column: pages differ)."""
    labels = [c for c in line.cells[:2] if c]
    if len(labels) != 1:
        raise section.error(line, "one label in the first two columns",
                            found=" | ".join(line.cells[:2]) or "(no label)")
    return labels[0]


def _peek(line: Line, unit: str) -> tuple[str, int] | None:
    """Return (label, 예산현액 in KRW) of a row read ahead, or None when it cannot be read (its
    own error is raised when the parser reaches it, at its line)."""
    cells = line.cells
    labels = [c for c in cells[:2] if c]
    if len(cells) != 7 or len(labels) != 1:
        return None
    try:
        budget = to_krw(cells[2], unit)
    except ValueError:
        return None
    return labels[0], budget or 0


def _stands_as_department(rows: list[Line], position: int, unit: str,
                          open_account: tuple[int, int, int] | None, bureau: str) -> bool:
    """Return True if row ``position`` of 집행현황 stands where a department row stands.

    It is followed by account rows whose 예산현액 add up to its own (one printed unit of
    rounding per account), and the account open above it is complete: its programs so far add
    up to its printed 예산현액 (``open_account``: printed budget, programs' sum, programs), so
    the row is not that account's last program (기본경비 above a department's 특별회계).
    """
    step = UNIT_TO_KRW[unit]
    if open_account is not None:
        printed, filled, count = open_account
        if abs(printed - filled) > count * step:
            return False
    row = _peek(rows[position], unit)
    if row is None or position + 1 >= len(rows):
        return False
    first = _peek(rows[position + 1], unit)
    if first is None or lookup_account(first[0]) is None:
        return False
    total, accounts = 0, 0
    for line in rows[position + 1:]:  # read ahead only as far as needed
        peeked = _peek(line, unit)
        if peeked is None or _is_total(peeked[0], bureau):
            break
        if lookup_account(peeked[0]) is None:
            continue  # a program of the account above
        total, accounts = total + peeked[1], accounts + 1
        if abs(total - row[1]) <= accounts * step:
            return True
        if total > row[1]:
            break
    return False


def parse_expenditure(section: Section, organisation: Organisation,
                      bureau: str) -> dict[str, list[Record]]:
    """Return expenditure (one row per program) and its printed totals.

    A row's level comes from its label (``bureau``, the report's, or 계 for the total; an
    account; a department of the report) and, for a label that names no department, from
    where it stands: above account rows that add up to it is a department's place (an
    unknown name there is an error, never a program). A first row that is none of these is
    an error naming what it could be.
    """
    unit = section.unit()
    nodes: list[Node] = []
    dept: str | None = None
    account: str | None = None
    open_account: tuple[int, int, int] | None = None  # printed budget, programs' sum, count
    rows = section.data_rows()
    for position, line in enumerate(rows):
        cells = line.cells
        check_width(section, line, cells, 7, 7)
        label = _label(section, line)
        place = (organisation.resolve(label, tolerant=False) is None
                 and _stands_as_department(rows, position, unit, open_account, bureau))
        if position == 0 and not place and not _is_total(label, bureau) \
                and organisation.resolve(label) is None:
            raise section.error(line, f"the bureau's total ('{bureau}', as the cover names "
                                "it, or 계) or a department's row", found=label,
                                message="the first row of the table is neither")
        level, path = _classify(section, line, label, dept, account, organisation,
                                department_place=place, bureau=bureau)
        values = {"budget": money(section, line, cells[2], unit, "예산현액"),
                  "committed": money(section, line, cells[3], unit, "원인행위액"),
                  "spent": money(section, line, cells[4], unit, "지출액")}
        if level == "department":
            dept, account, open_account = path[0], None, None
        elif level == "account":
            account, open_account = path[1], (values["budget"], 0, 0)
        elif level == "program" and open_account is not None:
            printed, filled, count = open_account
            open_account = (printed, filled + values["budget"], count + 1)
        rates = {"committed_rate_printed": rate(section, line, cells[5], "원인행위 집행률"),
                 "spent_rate_printed": rate(section, line, cells[6], "지출 집행률")}
        nodes.append(Node(line, path, level, values, rates))
    leaves, parents = split_leaves(nodes)
    items = []
    for node in leaves:
        if node.level != "program":
            raise section.error(node.line, "programs under each account", found="none")
        items.append({"department": node.path[0], "account": node.path[1],
                      "program": node.path[2].rsplit("#", 1)[0], **node.values, **node.rates,
                      "source_line": node.line.number})
    require_all_departments(section, departments_of(nodes), rows[0], organisation)
    totals = [row for node in parents for row in node_totals("expenditure", node)]
    return {"expenditure": items, "printed_totals": totals}

"""세출: the expenditure summary (세출 총괄) and execution by program (세출예산 집행현황), in KRW.

Rows are bureau total → department → account (일반회계/특별회계) → program. A row's level comes
from what its label names (indentation differs between pages); programs are the rest.
"""

from __future__ import annotations

from ..classification import is_total_label, lookup_account
from ..departments import is_bureau, lookup_department
from .common import (
    Node,
    Record,
    check_width,
    department,
    department_account_rows,
    departments_of,
    money,
    node_totals,
    rate,
    require_all_departments,
    split_leaves,
)
from .document import Section
from .text import Line, clean_label


def _classify(section: Section, line: Line, label: str, dept: str | None,
              account: str | None, *, programs: bool) -> tuple[str, tuple[str, ...]]:
    """Return (level, path) for a row label given the department and account above it."""
    if is_total_label(label) or is_bureau(label):
        return "total", ()
    name = lookup_department(label)
    if name is not None:
        return "department", (name,)
    acct = lookup_account(label)
    if acct is not None:
        if dept is None:
            raise section.error(line, "a department row before an account row", found=label)
        return "account", (dept, acct)
    if not programs:
        department(section, line, label)  # raises: unknown department
    if dept is None or account is None:
        raise section.error(line, "a department and an account row before a program",
                            found=label)
    return "program", (dept, account, f"{clean_label(label)}#{line.number}")


def parse_expenditure_summary(section: Section) -> dict[str, list[Record]]:
    """Return expenditure_summary (department × account) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    dept: str | None = None
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        check_width(section, line, cells, 7, 7)
        level, path = _classify(section, line, cells[0], dept, None, programs=False)
        if level == "department":
            dept = path[0]
        values = {"budget_2023": money(section, line, cells[1], unit, "2023 예산현액"),
                  "budget_2022": money(section, line, cells[2], unit, "2022 최종예산"),
                  "change_printed": money(section, line, cells[3], unit, "증감액"),
                  "committed": money(section, line, cells[5], unit, "집행액")}
        rates = {"change_rate_printed": rate(section, line, cells[4], "증감률"),
                 "execution_rate_printed": rate(section, line, cells[6], "집행률")}
        nodes.append(Node(line, path, level, values, rates))
    leaves, parents = split_leaves(nodes)
    items = department_account_rows(section, leaves)
    require_all_departments(section, departments_of(nodes), rows[0])
    totals = [row for node in parents for row in node_totals("expenditure_summary", node)]
    return {"expenditure_summary": items, "printed_totals": totals}


def parse_expenditure(section: Section) -> dict[str, list[Record]]:
    """Return expenditure (one row per program) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    dept: str | None = None
    account: str | None = None
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        check_width(section, line, cells, 7, 7)
        labels = [c for c in cells[:2] if c]
        if len(labels) != 1:
            raise section.error(line, "one label in the first two columns",
                                found=" | ".join(cells[:2]) or "(no label)")
        level, path = _classify(section, line, labels[0], dept, account, programs=True)
        if level == "department":
            dept, account = path[0], None
        elif level == "account":
            account = path[1]
        values = {"budget": money(section, line, cells[2], unit, "예산현액"),
                  "committed": money(section, line, cells[3], unit, "원인행위액"),
                  "spent": money(section, line, cells[4], unit, "지출액")}
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
    require_all_departments(section, departments_of(nodes), rows[0])
    totals = [row for node in parents for row in node_totals("expenditure", node)]
    return {"expenditure": items, "printed_totals": totals}

"""결산: revenue collected and expenditure settled in the settlement's year (its section's
heading prints it; source unit 백만원), in KRW.

세입결산 prints 총계, then per account a '소 계 (일반회계)' row and the revenue categories it
holds, placed by what they sum to (parse/hierarchy.py). 세출결산 prints 총계, a '소 계 (X회계)'
row per account (cross-cutting), then each department, split by account where it has more than
one: an account is a row standing under a department — its label ends in 회계, or the rows
from it on add up to the department — whatever the account is called.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..aliases import NO_ALIASES, Aliases
from ..classification import (
    GENERAL_ACCOUNT,
    LEVEL_COLUMNS,
    account_name,
    category_name,
    is_total_label,
    looks_like_account,
    subtotal_account,
)
from ..departments import Organisation
from .accounts import OpenDepartment, misplaced, stands_as_account
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
from .hierarchy import ROOT, Ambiguous, FlatRow, Placed, place
from .numbers import UNIT_TO_KRW
from .text import Line, clean_label

_REVENUE_COLUMNS = (("budget", "예산현액"), ("assessed", "징수결정액"),
                    ("collected", "실제수납액"), ("written_off", "불납결손액"),
                    ("outstanding", "미수납액"))


def parse_settlement_revenue(section: Section,
                             aliases: Aliases = NO_ALIASES) -> dict[str, list[Record]]:
    """Return settlement_revenue (finest printed categories) and its printed totals."""
    unit = section.unit()
    read: list[tuple[Line, str, dict[str, int]]] = []
    for line in section.data_rows():
        cells = line.cells
        check_width(section, line, cells, 6, 6)
        values = {column: money(section, line, cells[i], unit, title)
                  for i, (column, title) in enumerate(_REVENUE_COLUMNS, start=1)}
        read.append((line, cells[0], values))
    nodes: list[Node] = []
    # the account open above, its figures (the 총계's until a 소계 opens one) and its rows
    account, above, group = GENERAL_ACCOUNT, None, []
    for line, label, values in [*read, (None, "", {})]:
        subtotal = subtotal_account(label, aliases) if line is not None else None
        if line is None or is_total_label(label) or subtotal is not None:
            nodes += _categories(section, account, above, group, unit, aliases)
            group = []
        if line is None:
            break
        if is_total_label(label):
            nodes.append(Node(line, (), "total", values, {}))
            above = values
        elif subtotal is not None:
            account, above = subtotal or GENERAL_ACCOUNT, values
            nodes.append(Node(line, (account,), "account", values, {}))
        else:
            group.append((line, label, values))
    leaves, parents = split_leaves(nodes)
    items = [{**node.labels, **node.values, "source_line": node.line.number} for node in leaves]
    totals = [row for node in parents
              for row in node_totals("settlement_revenue", node)]
    return {"settlement_revenue": items, "printed_totals": totals}


def _categories(section: Section, account: str, above: dict[str, int] | None,
                group: list[tuple[Line, str, dict[str, int]]], unit: str,
                aliases: Aliases) -> list[Node]:
    """Return the category rows under one account's 소계 (figures ``above``; None: no total
    printed), placed by what they sum to."""
    if not group:
        return []
    columns = [column for column, _ in _REVENUE_COLUMNS]
    flat = [FlatRow(tuple(values[c] for c in columns)) for _, _, values in group]
    step = UNIT_TO_KRW[unit]
    total = tuple(above[c] for c in columns) if above is not None else None
    found = place(total, flat, (step,) * len(columns), len(LEVEL_COLUMNS), len(LEVEL_COLUMNS),
                  (False, False, False, False, True))
    if isinstance(found, Ambiguous):
        line, label, _ = group[found.row]
        others = ["the 소계" if p == ROOT else repr(clean_label(group[p][1]))
                  for p in found.parents]
        raise section.error(line, "a row whose figures place it under one row",
                            found=clean_label(label), message=f"{clean_label(label)!r} adds "
                            f"up under {others[0]} or under {others[1]}")
    if not isinstance(found, Placed):
        line, label, _ = group[min(found.row, len(group) - 1)]
        raise section.error(line, "rows whose figures add up to the row above them",
                            found=clean_label(label),
                            message="the revenue rows do not add up to a hierarchy")
    names = [category_name(label, aliases) for _, label, _ in group]
    nodes = []
    for index, (line, _, values) in enumerate(group):
        path = tuple(names[i] for i in found.path(index))
        level = LEVEL_COLUMNS[len(path) - 1]
        labels = {"account": account, "category": path[0], "item": path[-1]}
        nodes.append(Node(line, (account, *path), level, values, {}, labels=labels))
    return nodes


def parse_settlement_expenditure(section: Section, organisation: Organisation,
                                 aliases: Aliases = NO_ALIASES) -> dict[str, list[Record]]:
    """Return settlement_expenditure (department × account) and its printed totals.

    The settlement records the previous year's organisation: a department is one of the
    report's or a former name (``Organisation.resolve_former``), and the table need not list
    every department of the report, unless it ends the file (then a missing one means the
    file was cut short there).
    """
    unit = section.unit()
    steps = (UNIT_TO_KRW[unit],) * len(_SPENDING_COLUMNS)
    nodes: list[Node] = []
    dept: OpenDepartment | None = None
    rows = section.data_rows()
    read = [_spending(section, line, unit) for line in rows]
    names = [organisation.resolve_former(label) for _, label, _, _ in read]
    for position, (line, label, values, rates) in enumerate(read):
        subtotal = subtotal_account(label, aliases)
        name = names[position]
        if is_total_label(label):
            nodes.append(Node(line, (), "total", values, rates))
        elif subtotal is not None:
            account = subtotal or GENERAL_ACCOUNT
            nodes.append(Node(line, ("소계", account), "account", values, rates,
                              always_total=True))
        elif name is None and dept is not None and stands_as_account(
                dept, _run(read, names, position), steps):
            dept.accounts.append(_figures(values))
            nodes.append(Node(line, (dept.name, account_name(label, aliases)), "account",
                              values, rates))
        elif name is not None:
            dept = OpenDepartment(name, _figures(values))
            nodes.append(Node(line, (name,), "department", values, rates))
        elif looks_like_account(label, aliases):
            raise misplaced(section, line, label, organisation)
        else:
            raise unknown_department(section, line, label, organisation)
    leaves, parents = split_leaves(nodes)
    items = department_account_rows(section, leaves)
    seen = departments_of(nodes)
    missing = [d for d in organisation.departments if d not in seen]
    former = {d for d in seen if d not in organisation.departments}
    # More departments missing than former names stand for: cut short at the end of the file.
    cut = section.ends_file and len(missing) > len(former)
    require_all_departments(section, seen, rows[0], organisation if cut
                            else Organisation(tuple(dict.fromkeys(seen))))
    totals = [row for node in parents
              for row in node_totals("settlement_expenditure", node)]
    return {"settlement_expenditure": items, "printed_totals": totals}


_SPENDING_COLUMNS = (("budget", "예산현액 (A)"), ("spent", "지출액 (B)"),
                     ("carried_over", "이월액 (C)"), ("subsidy_returned", "보조금반납액 (D)"),
                     ("unspent", "집행잔액 (E)"))


def _spending(section: Section, line: Line, unit: str) -> tuple[
        Line, str, dict[str, int], dict[str, float | None]]:
    cells = line.cells
    check_width(section, line, cells, 7, 7)
    values = {column: money(section, line, cells[i], unit, title)
              for i, (column, title) in enumerate(_SPENDING_COLUMNS, start=1)}
    rates = {"execution_rate_printed": rate(section, line, cells[6], "집행률 (F)")}
    return line, cells[0], values, rates


def _figures(values: dict[str, int]) -> tuple[int, ...]:
    return tuple(values[column] for column, _ in _SPENDING_COLUMNS)


def _run(read: Sequence[tuple[Line, str, dict[str, int], dict[str, float | None]]],
         names: Sequence[str | None], position: int) -> list[tuple[int, ...]]:
    """Return the figures of the rows from ``position`` up to the next department (``names``:
    the department each row names, or None), total or subtotal: the rows that may be accounts
    of the department above."""
    run = []
    for (_, label, values, _), name in zip(read[position:], names[position:], strict=True):
        if is_total_label(label) or subtotal_account(label) is not None or name is not None:
            break
        run.append(_figures(values))
    return run

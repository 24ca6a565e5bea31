"""결산: revenue collected and expenditure settled in the settlement's year (its section's
heading prints it; source unit 백만원), in KRW.

세입결산 prints 총계, then per account a '소 계 (일반회계)' row and the revenue categories it
holds, placed by what they sum to (parse/hierarchy.py). 세출결산 prints 총계, a '소 계 (X회계)'
row per account (cross-cutting), then each department, split by account where it has more than
one: an account is a row standing under a department — its label ends in 회계, or the rows
from it on add up to the department — whatever the account is called.

A small bureau may print either table's 총계 alone: the table then has no rows, and its 총계
is among the printed totals, as always.
"""

from __future__ import annotations

from ..aliases import NO_ALIASES, Aliases
from ..classification import (
    GENERAL_ACCOUNT,
    LEVEL_COLUMNS,
    category_name,
    is_total_label,
    subtotal_account,
)
from ..departments import Organisation
from .accounts import department_nodes
from .common import (
    Node,
    Record,
    Row,
    department_account_row,
    departments_of,
    placed,
    read_row,
    require_all_departments,
    table_records,
)
from .document import Section
from .hierarchy import FlatRow, place
from .numbers import UNIT_TO_KRW

_REVENUE_COLUMNS = (("budget", 1, "예산현액"), ("assessed", 2, "징수결정액"),
                    ("collected", 3, "실제수납액"), ("written_off", 4, "불납결손액"),
                    ("outstanding", 5, "미수납액"))
_SPENDING_COLUMNS = (("budget", 1, "예산현액 (A)"), ("spent", 2, "지출액 (B)"),
                     ("carried_over", 3, "이월액 (C)"), ("subsidy_returned", 4, "보조금반납액 (D)"),
                     ("unspent", 5, "집행잔액 (E)"))
_SPENDING_RATES = (("execution_rate_printed", 6, "집행률 (F)"),)


def parse_settlement_revenue(section: Section,
                             aliases: Aliases = NO_ALIASES) -> dict[str, list[Record]]:
    """Return settlement_revenue (finest printed categories) and its printed totals."""
    unit = section.unit()
    read = [read_row(section, line, unit, 6, _REVENUE_COLUMNS) for line in section.data_rows()]
    nodes: list[Node] = []
    # the account open above, its figures (the 총계's until a 소계 opens one) and its rows
    account, above, group = GENERAL_ACCOUNT, None, []
    for row in [*read, None]:
        subtotal = subtotal_account(row.label, aliases) if row is not None else None
        if row is None or is_total_label(row.label) or subtotal is not None:
            nodes += _categories(section, account, above, group, unit, aliases)
            group = []
        if row is None:
            break
        if is_total_label(row.label):  # a total even with no row under it (총계 alone)
            nodes.append(Node(row.line, (), "total", row.values, {}, always_total=True))
            above = row.values
        elif subtotal is not None:
            account, above = subtotal or GENERAL_ACCOUNT, row.values
            nodes.append(Node(row.line, (account,), "account", row.values, {}))
        else:
            group.append(row)
    return table_records("settlement_revenue", nodes, lambda node: {
        **node.labels, **node.values, "source_line": node.line.number})


def _categories(section: Section, account: str, above: dict[str, int] | None,
                group: list[Row], unit: str, aliases: Aliases) -> list[Node]:
    """Return the category rows under one account's 소계 (figures ``above``; None: no total
    printed), placed by what they sum to."""
    if not group:
        return []
    total = tuple(above.values()) if above is not None else None
    found = placed(section, place(total, [FlatRow(tuple(row.values.values())) for row in group],
                                  (UNIT_TO_KRW[unit],) * len(_REVENUE_COLUMNS),
                                  len(LEVEL_COLUMNS), len(LEVEL_COLUMNS),
                                  (False, False, False, False, True)), group, "the 소계")
    names = [category_name(row.label, aliases) for row in group]
    nodes = []
    for index, row in enumerate(group):
        path = tuple(names[i] for i in found.path(index))
        labels = {"account": account, "category": path[0], "item": path[-1]}
        nodes.append(Node(row.line, (account, *path), LEVEL_COLUMNS[len(path) - 1], row.values,
                          {}, labels=labels))
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
    read = [read_row(section, line, unit, 7, _SPENDING_COLUMNS, _SPENDING_RATES)
            for line in section.data_rows()]
    nodes = department_nodes(section, read, [organisation.resolve_former(row.label)
                                             for row in read],
                             [is_total_label(row.label) for row in read], unit, organisation,
                             aliases, subtotals=True)
    tables = table_records("settlement_expenditure", nodes,
                           lambda node: department_account_row(section, node))
    seen = departments_of(nodes)
    missing = [d for d in organisation.departments if d not in seen]
    former = {d for d in seen if d not in organisation.departments}
    # More departments missing than former names stand for: cut short at the end of the file.
    cut = section.ends_file and len(missing) > len(former)
    require_all_departments(section, seen, read[0].line, organisation if cut
                            else Organisation(tuple(dict.fromkeys(seen))))
    return tables

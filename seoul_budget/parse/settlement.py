"""결산: revenue collected and expenditure settled in the settlement's year (its section's
heading prints it; source unit 백만원), in KRW."""

from __future__ import annotations

from ..classification import category_path, is_total_label, lookup_account, lookup_revenue_category
from ..departments import Organisation
from .common import (
    DEFAULT_ACCOUNT,
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
from .text import label_key


def _is_subtotal(label: str) -> bool:
    return label_key(label).startswith("소계")


def parse_settlement_revenue(section: Section) -> dict[str, list[Record]]:
    """Return settlement_revenue (finest printed categories) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    for line in section.data_rows():
        cells = line.cells
        check_width(section, line, cells, 6, 6)
        values = {"budget": money(section, line, cells[1], unit, "예산현액"),
                  "assessed": money(section, line, cells[2], unit, "징수결정액"),
                  "collected": money(section, line, cells[3], unit, "실제수납액"),
                  "written_off": money(section, line, cells[4], unit, "불납결손액"),
                  "outstanding": money(section, line, cells[5], unit, "미수납액")}
        label = cells[0]
        if is_total_label(label):
            nodes.append(Node(line, (), "total", values, {}))
        elif _is_subtotal(label):
            account = lookup_account(label) or DEFAULT_ACCOUNT
            nodes.append(Node(line, (account,), "account", values, {}))
        else:
            category = lookup_revenue_category(label)
            if category is None:
                raise section.error(line, "a known revenue category (see classification.py)",
                                    found=label, message="unknown revenue category")
            path = tuple(v for v in category_path(category).values() if v)
            labels = {"account": DEFAULT_ACCOUNT, "category": path[0], "item": category.name}
            level = ("category", "subcategory", "detail_category")[category.level - 1]
            nodes.append(Node(line, (DEFAULT_ACCOUNT, *path), level, values, {},
                              labels=labels))
    leaves, parents = split_leaves(nodes)
    items = [{**node.labels, **node.values, "source_line": node.line.number} for node in leaves]
    totals = [row for node in parents
              for row in node_totals("settlement_revenue", node)]
    return {"settlement_revenue": items, "printed_totals": totals}


def parse_settlement_expenditure(section: Section,
                                 organisation: Organisation) -> dict[str, list[Record]]:
    """Return settlement_expenditure (department × account) and its printed totals.

    The settlement records the previous year's organisation: a department is one of the
    report's or a former name (``Organisation.resolve_former``), and the table need not list
    every department of the report, unless it ends the file (then a missing one means the
    file was cut short there).
    """
    unit = section.unit()
    nodes: list[Node] = []
    dept: str | None = None
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        check_width(section, line, cells, 7, 7)
        values = {"budget": money(section, line, cells[1], unit, "예산현액 (A)"),
                  "spent": money(section, line, cells[2], unit, "지출액 (B)"),
                  "carried_over": money(section, line, cells[3], unit, "이월액 (C)"),
                  "subsidy_returned": money(section, line, cells[4], unit, "보조금반납액 (D)"),
                  "unspent": money(section, line, cells[5], unit, "집행잔액 (E)")}
        rates = {"execution_rate_printed": rate(section, line, cells[6], "집행률 (F)")}
        label = cells[0]
        if is_total_label(label):
            nodes.append(Node(line, (), "total", values, rates))
        elif _is_subtotal(label):
            account = lookup_account(label)
            if account is None:
                raise section.error(line, "소계 (일반회계) or 소계 (도시개발특별회계)", found=label)
            nodes.append(Node(line, ("소계", account), "account", values, rates,
                              always_total=True))
        elif lookup_account(label) is not None and dept is not None:
            nodes.append(Node(line, (dept, lookup_account(label)), "account", values, rates))
        elif organisation.resolve_former(label) is not None:
            dept = organisation.resolve_former(label)
            nodes.append(Node(line, (dept,), "department", values, rates))
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

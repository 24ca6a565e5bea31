"""세입: the revenue summary (세입 총괄) and the revenue detail (세입 예산 세부내역), in KRW.

Both print a category hierarchy as flat rows. A label's level comes from the classification
vocabulary (indentation differs between pages); items are the labels that are not categories.
"""

from __future__ import annotations

from ..classification import (
    LEVEL_COLUMNS,
    Category,
    category_path,
    is_total_label,
    lookup_revenue_category,
)
from .common import Node, Record, check_width, money, node_totals, rate, split_leaves
from .document import Block, Section
from .numbers import NEW_MARK
from .text import Line, clean_label

_LEVEL_NAMES = {1: "category", 2: "subcategory", 3: "detail_category"}


def parse_revenue_summary(section: Section) -> dict[str, list[Record]]:
    """Return revenue_summary (finest printed categories) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    for line in section.data_rows():
        cells = line.cells
        check_width(section, line, cells, 5, 5)
        nodes.append(_node(section, line, cells[0], cells[1:5], unit, None, items_allowed=False))
    return _finish(section, "revenue_summary", nodes)


def parse_revenue_detail(section: Section) -> dict[str, list[Record]]:
    """Return revenue (line items with their category path) and its printed totals."""
    unit = section.unit()
    nodes: list[Node] = []
    current: Category | None = None
    for block in section.blocks():
        has_gap = _header_width(section, block) == 7
        for line in block.rows:
            cells = line.cells
            width = 5 if has_gap else 4
            check_width(section, line, cells, width + 1, width + 3)
            values = cells[-width:]
            if has_gap:
                if values[3]:
                    raise section.error(line, "an empty 증감율 column before the printed rate",
                                        found=values[3])
                values = values[:3] + values[4:]
            labels = [c for c in cells[:-width] if c]
            if len(labels) > 1:
                raise section.error(line, "one label per row", found=" | ".join(labels))
            label = labels[0] if labels else ""
            # A label in the first column is a category; items sit further right.
            node = _node(section, line, label, values, unit, current,
                         items_allowed=not cells[0])
            if node.level not in ("total", "item"):
                current = lookup_revenue_category(label)
            nodes.append(node)
    return _finish(section, "revenue", nodes)


def _header_width(section: Section, block: Block) -> int:
    if not block.header:
        raise section.error(block.rows[0], "a header row (구 분 …) at the top of the page")
    return len(block.header[0].cells)


def _node(section: Section, line: Line, label: str, values: list[str], unit: str,
          current: Category | None, *, items_allowed: bool) -> Node:
    figures = {
        "budget": money(section, line, values[0], unit, "예산"),
        "previous_budget": money(section, line, values[1], unit, "전년도 최종예산"),
        "change_printed": money(section, line, values[2], unit, "증감액"),
    }
    rates = {"change_rate_printed": rate(section, line, values[3], "증감률")}
    if is_total_label(label):
        return Node(line, (), "total", figures, rates)
    category = lookup_revenue_category(label) if label else None
    if category is not None:
        labels = {**category_path(category), "item": ""}
        level = _LEVEL_NAMES[category.level]
    elif not items_allowed or current is None:
        raise section.error(line, "a known revenue category (see classification.py)",
                            found=label or "(no label)", message="unknown revenue category")
    else:
        # An item: below the last category row; a row printed without a label is kept.
        labels = {**category_path(current), "item": clean_label(label)}
        level = "item"
    path = tuple(labels[c] for c in LEVEL_COLUMNS if labels[c])
    if level == "item":
        path += (f"#{line.number}",)
    labels["new_this_year_printed"] = values[3].strip() == NEW_MARK
    return Node(line, path, level, figures, rates, labels=labels)


def _finish(section: Section, table: str, nodes: list[Node]) -> dict[str, list[Record]]:
    leaves, parents = split_leaves(nodes)
    items = [{**node.labels, **node.values, **node.rates, "source_line": node.line.number}
             for node in leaves]
    totals = [row for node in parents for row in node_totals(table, node)]
    return {table: items, "printed_totals": totals}

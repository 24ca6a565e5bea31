"""세입: the revenue summary (세입 총괄) and the revenue detail (세입 예산 세부내역), in KRW.

Both print a category hierarchy (장 → 관 → 항 → items) as flat rows. A row's place is found
by structure, never by a list of categories: what it sums to (parse/hierarchy.py) and, on a
page that prints categories and items in two columns, the column of its label (an item stands
under the category row above it). The summary's categories take their full path from the
detail where it prints them (the summary skips levels); a category no list knows is read all
the same (``classification.category_name`` only spells known ones).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..aliases import NO_ALIASES, Aliases
from ..classification import LEVEL_COLUMNS, category_name, is_total_label
from .common import Node, Record, check_width, money, placed, rate, table_records
from .document import Section
from .hierarchy import ROOT, FlatRow, Placed, place
from .numbers import NEW_MARK, UNIT_TO_KRW
from .text import Line, clean_label, label_key

_LEVEL_NAMES = (*LEVEL_COLUMNS, "item")
_SIGNED = (False, False, True)  # budget and previous budget are never negative; a change is


@dataclass(frozen=True)
class RevenueRow:
    """A printed row of a revenue table: its line, label, figures (KRW) and printed rate, and
    whether its label stands in the item column (None: the page prints one label column)."""

    line: Line
    label: str
    figures: dict[str, int]
    rates: dict[str, float | None]
    new_this_year: bool
    item: bool | None

    def flat(self) -> FlatRow:
        """Return the row as the hierarchy places it: budget, previous budget and change; an
        item (or a row without a label) is a leaf under the category above it."""
        values = (self.figures["budget"], self.figures["previous_budget"],
                  self.figures["change_printed"])
        return FlatRow(values, leaf=bool(self.item) or not self.label)


def parse_revenue_summary(section: Section, aliases: Aliases = NO_ALIASES,
                          detail_paths: Mapping[str, tuple[str, ...]] | None = None,
                          ) -> dict[str, list[Record]]:
    """Return revenue_summary (finest printed categories) and its printed totals.

    ``detail_paths`` ({label key: category path}, from :func:`category_paths` of the
    detail) gives a category the levels the summary skips; a category the detail does not
    print takes the path of the summary row it sums into.
    """
    unit = section.unit()
    rows = []
    for line in section.data_rows():
        cells = line.cells
        check_width(section, line, cells, 5, 5)
        rows.append(_row(section, line, cells[0], cells[1:5], unit, None))
    return _finish(section, "revenue_summary", rows, unit, aliases, detail_paths or {})


def parse_revenue_detail(section: Section, aliases: Aliases = NO_ALIASES,
                         ) -> dict[str, list[Record]]:
    """Return revenue (line items with their category path) and its printed totals."""
    unit = section.unit()
    rows: list[RevenueRow] = []
    for block in section.blocks():
        if not block.header:
            raise section.error(block.rows[0], "a header row (구 분 …) at the top of the page")
        has_gap = len(block.header[0].cells) == 7
        width = 5 if has_gap else 4
        read = []
        for line in block.rows:
            cells = line.cells
            check_width(section, line, cells, width + 1, width + 3)
            values = cells[-width:]
            if has_gap:
                if values[3]:
                    raise section.error(line, "an empty 증감율 column before the printed rate",
                                        found=values[3])
                values = values[:3] + values[4:]
            labels = [(i, c) for i, c in enumerate(cells[:-width]) if c]
            if len(labels) > 1:
                raise section.error(line, "one label per row",
                                    found=" | ".join(c for _, c in labels))
            read.append((line, labels[0] if labels else (None, ""), values))
        # A page printing labels in two columns prints categories left, items right.
        columns = sorted({column for _, (column, _), _ in read if column is not None})
        for line, (column, label), values in read:
            item = None if len(columns) < 2 or column is None else column != columns[0]
            rows.append(_row(section, line, label, values, unit, item))
    return _finish(section, "revenue", rows, unit, aliases, {})


def _row(section: Section, line: Line, label: str, values: list[str], unit: str,
         item: bool | None) -> RevenueRow:
    figures = {
        "budget": money(section, line, values[0], unit, "예산"),
        "previous_budget": money(section, line, values[1], unit, "전년도 최종예산"),
        "change_printed": money(section, line, values[2], unit, "증감액"),
    }
    return RevenueRow(line, label, figures,
                      {"change_rate_printed": rate(section, line, values[3], "증감률")},
                      values[3].strip() == NEW_MARK, item)


def _finish(section: Section, table: str, rows: list[RevenueRow], unit: str, aliases: Aliases,
            detail_paths: Mapping[str, tuple[str, ...]]) -> dict[str, list[Record]]:
    """Return the table's records and printed totals, the rows placed in their hierarchy."""
    total = rows[0] if rows and is_total_label(rows[0].label) else None
    body = rows[1:] if total is not None else rows
    for row in body:
        if is_total_label(row.label):
            raise section.error(row.line, "the table's total (계) only on its first row")
    placed = _placed(section, total, body, unit, items=table == "revenue")
    names = [category_name(row.label, aliases) if row.label else "" for row in body]
    nodes = [] if total is None else [Node(total.line, (), "total", total.figures,
                                           total.rates)]
    for index, row in enumerate(body):
        path = tuple(names[i] for i in placed.path(index))
        item = row.item or not row.label or len(path) > len(LEVEL_COLUMNS)
        categories = path[:-1] if item else path
        if not item:
            categories = detail_paths.get(label_key(path[-1]), ()) or _full(
                categories, placed.parents[index], detail_paths, names)
        if len(categories) > len(LEVEL_COLUMNS):
            raise section.error(row.line, f"at most {len(LEVEL_COLUMNS)} levels of categories "
                                "above an item", found=" > ".join(categories))
        labels = dict(zip(LEVEL_COLUMNS, (*categories, "", "", ""), strict=False))
        labels["item"] = clean_label(row.label) if item else ""
        labels["new_this_year_printed"] = row.new_this_year
        node_path = categories + ((f"#{row.line.number}",) if item else ())
        level = "item" if item else _LEVEL_NAMES[len(categories) - 1]
        nodes.append(Node(row.line, node_path, level, row.figures, row.rates, labels=labels))
    return table_records(table, nodes, lambda node: {
        **node.labels, **node.values, **node.rates, "source_line": node.line.number})


def _full(categories: tuple[str, ...], parent: int,
          detail_paths: Mapping[str, tuple[str, ...]], names: list[str]) -> tuple[str, ...]:
    """Return a category's path: the path of the row it sums into (``parent``, an index of
    ``names``) as the detail prints it (the summary skips levels the detail has), then its
    own name."""
    if parent == ROOT:
        return categories
    above = detail_paths.get(label_key(names[parent]))
    return (*above, categories[-1]) if above else categories


def _placed(section: Section, total: RevenueRow | None, rows: Sequence[RevenueRow],
            unit: str, items: bool) -> Placed:
    """Return the rows' tree (ReportParseError naming the label when no tree, or two, fit);
    ``items``: the table prints items below its three levels of categories."""
    flat = [row.flat() for row in rows]
    if flat and flat[0].leaf:
        raise section.error(rows[0].line, "a category above the first item")
    depth = len(LEVEL_COLUMNS)
    return placed(section, place(total.flat().figures if total else None, flat,
                                 (UNIT_TO_KRW[unit],) * 3, depth, depth + 1 if items else depth,
                                 _SIGNED), rows, "the total")


def category_paths(records: Sequence[Record]) -> dict[str, tuple[str, ...]]:
    """Return {label key: category path} of every category the revenue detail's records
    place (a category at each level of each record's path)."""
    paths: dict[str, tuple[str, ...]] = {}
    for record in records:
        levels = tuple(record[c] for c in LEVEL_COLUMNS if record.get(c))
        for depth in range(1, len(levels) + 1):
            paths.setdefault(label_key(levels[depth - 1]), levels[:depth])
    return paths

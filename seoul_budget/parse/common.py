"""Helpers the section parsers share: reading cells into figures with located errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..classification import GENERAL_ACCOUNT
from ..departments import Organisation
from ..errors import ReportParseError
from .document import Section
from .hierarchy import ROOT, Ambiguous, Placed, Unplaced
from .numbers import parse_rate, to_count, to_krw
from .text import Line, clean_label

Record = dict[str, Any]
Column = tuple[str, int, str]  # a figure's column, the index of its cell, its printed title


class Row(NamedTuple):
    """A table row as read: its line, label, money figures (KRW, in their table's column
    order) and printed rates, by column."""

    line: Line
    label: str
    values: dict[str, int]
    rates: dict[str, float | None]


def read_row(section: Section, line: Line, unit: str, width: int, amounts: Sequence[Column],
             rates: Sequence[Column] = ()) -> Row:
    """Return a row of a table ``width`` cells wide, labelled by its first cell: its money
    cells ``amounts`` in KRW and its printed ``rates``, or raise a located error."""
    cells = line.cells
    check_width(section, line, cells, width, width)
    return Row(line, cells[0],
               {column: money(section, line, cells[i], unit, title)
                for column, i, title in amounts},
               {column: rate(section, line, cells[i], title) for column, i, title in rates})


def _convert(section: Section, line: Line, cell: str, what: str,
             convert: Callable[[str], Any]) -> Any:
    try:
        return convert(cell)
    except ValueError as exc:
        raise section.error(line, what, found=cell, message=str(exc)) from None


def money(section: Section, line: Line, cell: str, unit: str, column: str) -> int:
    """Return the KRW amount in a money cell (empty means 0), or raise a located error."""
    value = _convert(section, line, cell, f"an amount in {unit} for {column}",
                     lambda c: to_krw(c, unit))
    return 0 if value is None else value


def count(section: Section, line: Line, cell: str, column: str) -> int:
    """Return the count in a cell (empty means 0), or raise a located error."""
    value = _convert(section, line, cell, f"a count for {column}", to_count)
    return 0 if value is None else value


def rate(section: Section, line: Line, cell: str, column: str) -> float | None:
    """Return the printed percentage in a cell (None for empty or 순증), or raise."""
    return _convert(section, line, cell, f"a percentage for {column}", parse_rate)


def department(section: Section, line: Line, label: str, organisation: Organisation) -> str:
    """Return the department of the report (its staffing table) a row names, or raise naming
    the name and the report's departments."""
    name = organisation.resolve(label)
    if name is None:
        raise unknown_department(section, line, label, organisation)
    return name


def unknown_department(section: Section, line: Line, label: str,
                       organisation: Organisation) -> ReportParseError:
    """Return the error for a name that is no department of the report's staffing table."""
    return section.error(line, "a department of this report's 인력 현황: "
                         + organisation.listed(), found=label,
                         message=f"unknown department name {label!r}")


def check_width(section: Section, line: Line, cells: list[str], minimum: int,
                maximum: int) -> None:
    """Raise a located error if a row has fewer or more cells than its table's columns."""
    if not minimum <= len(cells) <= maximum:
        span = str(minimum) if minimum == maximum else f"{minimum} to {maximum}"
        raise section.error(line, f"{span} cells", found=f"{len(cells)} cells: "
                            + " | ".join(cells), message="a table row with the wrong number "
                            "of cells")


def require_all_departments(section: Section, seen: Iterable[str], anchor: Line,
                            organisation: Organisation) -> None:
    """Raise if a department table does not list each department of the report's staffing
    table exactly once (naming the missing ones and the staffing lines that list them)."""
    seen = list(seen)
    missing = [d for d in organisation.departments if d not in seen]
    if missing:
        listed = ", ".join(f"{d} (인력 현황 line {organisation.lines[d]})"
                           if d in organisation.lines else d for d in missing)
        raise section.error(anchor, "a row for every department of 인력 현황",
                            found="no row for " + listed,
                            message="a department of the report has no row in this table"
                            + cut_short(section))
    require_once(section, seen, anchor)


def require_once(section: Section, seen: Iterable[str], anchor: Line) -> None:
    """Raise if a department table lists a department (``seen``: each department row's, in
    order) more than once, naming the repeated ones."""
    seen = list(seen)
    repeated = sorted({d for d in seen if seen.count(d) > 1})
    if repeated:
        raise section.error(anchor, "one row per department", found="repeated: "
                            + ", ".join(repeated))


def total_record(table: str, key: str, column: str, line: Line, *, value: int | None = None,
                 rate_printed: float | None = None, unit: str = "KRW",
                 level: str = "total") -> Record:
    """Return one ``printed_totals`` row: a total or subtotal cell as the source prints it."""
    return {"table": table, "key": key, "level": level, "column": column, "value": value,
            "rate_printed": rate_printed, "unit": unit, "source_line": line.number}


@dataclass
class Node:
    """A parsed table row placed in its hierarchy, before it is split into leaf or total."""

    line: Line
    path: tuple[str, ...]
    level: str
    values: Record
    rates: Record
    labels: Record = field(default_factory=dict)
    always_total: bool = False


def placed(section: Section, found: Placed | Ambiguous | Unplaced, rows: Sequence[Any],
           top: str) -> Placed:
    """Return the tree :func:`hierarchy.place` found for ``rows`` (each with its ``line`` and
    ``label``; ``top``: what the row they stand under is called), or raise naming the label
    when no tree, or two, fit."""
    if isinstance(found, Placed):
        return found
    if isinstance(found, Ambiguous):
        row = rows[found.row]
        candidates = [top if p == ROOT else repr(clean_label(rows[p].label))
                      for p in found.parents]
        raise section.error(row.line, "a row whose figures place it under one row",
                            found=clean_label(row.label),
                            message=f"{clean_label(row.label)!r} adds up under "
                            f"{candidates[0]} or under {candidates[1]}")
    row = rows[min(found.row, len(rows) - 1)]
    raise section.error(row.line, "rows whose figures add up to the row above them (a category "
                        "is the sum of the rows under it)", found=clean_label(row.label),
                        message="the revenue rows do not add up to a hierarchy")


def split_leaves(nodes: list[Node]) -> tuple[list[Node], list[Node]]:
    """Return (leaves, parents): a node is a leaf unless the next row lies beneath it.

    Line-item tables keep only leaves, so summing a column never double counts; parents are
    printed subtotals, kept for reconciliation. Rows marked ``always_total`` (cross-cutting
    subtotals such as 소계 by account) are parents whatever follows them.
    """
    ordered = [node for node in nodes if not node.always_total]
    leaves: list[Node] = []
    parents: list[Node] = [node for node in nodes if node.always_total]
    for index, node in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        beneath = (following is not None and len(following.path) > len(node.path)
                   and following.path[: len(node.path)] == node.path)
        (parents if beneath else leaves).append(node)
    parents.sort(key=lambda node: node.line.number)
    return leaves, parents


def cut_short(section: Section) -> str:
    """Return what to add to an error about rows missing from a section that runs to the end
    of the file ('; the file ends at line 336 (a truncated file?)'), else ''."""
    if not section.ends_file or not section.lines:
        return ""
    return f"; the file ends at line {section.lines[-1].number} (a truncated file?)"


def table_records(table: str, nodes: list[Node],
                  item: Callable[[Node], Record]) -> dict[str, list[Record]]:
    """Return a table's records (``item`` of each leaf) and its printed totals (each subtotal
    node's figures)."""
    leaves, parents = split_leaves(nodes)
    return {table: [item(node) for node in leaves],
            "printed_totals": [row for node in parents for row in node_totals(table, node)]}


def node_totals(table: str, node: Node) -> list[Record]:
    """Return the printed_totals rows for a subtotal node: one per printed figure."""
    key = " > ".join(node.path) if node.path else "계"
    rows = [total_record(table, key, column, node.line, value=value, level=node.level)
            for column, value in node.values.items()]
    rows += [total_record(table, key, column, node.line, rate_printed=value, unit="percent",
                          level=node.level)
             for column, value in node.rates.items() if value is not None]
    return rows


def departments_of(nodes: list[Node]) -> list[str]:
    """Return the department of each department-level row, in order (repeats kept)."""
    return [node.path[0] for node in nodes if node.level == "department"]


def department_account_row(section: Section, node: Node) -> Record:
    """Return the record of a leaf row of a department × account table (a department or an
    account row)."""
    if node.level not in ("department", "account"):
        raise section.error(node.line, "a department or account row")
    # a department printing no account split: its account is the general one, unless
    # 집행현황 names another (accounts.take_sole_accounts, once every table is read)
    account = node.path[1] if len(node.path) > 1 else GENERAL_ACCOUNT
    return {"department": node.path[0], "account": account, **node.values, **node.rates,
            "source_line": node.line.number}

"""인력 현황: authorised and current staff by department and job category, in persons.

The job categories are the table's own: read from its header (any number of columns between
현원 합계 and 과부족; a group over several categories, '행정·기술직군', or a group of one,
'연구직'), never from a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..aliases import JOB_CATEGORY, NO_ALIASES, Aliases
from ..classification import is_total_label
from ..departments import Organisation, department_name
from .common import Record, check_width, count, total_record
from .document import Block, Section
from .numbers import parse_count_with_share
from .staffing_facts import stated_facts
from .text import Line, label_key

# Header words of the template's staffing table: the columns they head.
_AUTHORIZED, _CURRENT, _SURPLUS = "정원", "합계", "과부족"


@dataclass(frozen=True)
class JobColumn:
    """A job category column of the header: its position, group and category."""

    index: int
    group: str
    category: str


@dataclass(frozen=True)
class Layout:
    """Where the staffing table prints what: 정원, 현원 합계, the job categories, 과부족
    (column indices; 과부족 is the last)."""

    authorized: int
    current: int
    categories: tuple[JobColumn, ...]
    surplus: int


def parse_staffing(section: Section, aliases: Aliases = NO_ALIASES) -> dict[str, list[Record]]:
    """Return staffing, staffing_by_category, staffing_facts and their printed totals (all
    counts in persons).

    The staffing table defines the snapshot's departments (:func:`organisation`): each row
    names one, as printed (an alias gives its name); its header defines the job categories.
    """
    layout = _layout(section, aliases)
    staffing: list[Record] = []
    by_category: list[Record] = []
    totals: list[Record] = []
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        # a row may leave 과부족, its last cell, empty
        check_width(section, line, cells, layout.surplus, layout.surplus + 1)
        label = cells[0]
        counts = {"authorized": count(section, line, cells[layout.authorized], "정원"),
                  "current": count(section, line, cells[layout.current], "현원"),
                  "surplus_printed": count(section, line, cells[layout.surplus]
                                           if len(cells) > layout.surplus else "", "과부족")}
        if is_total_label(label):
            totals += [total_record("staffing", "계", column, line, unit="persons", value=value)
                       for column, value in counts.items()]
            totals += _category_totals(section, line, cells, layout)
            continue
        if not label:
            raise section.error(line, "a department's name", found=label or "(no label)",
                                message="a staffing row that names no department")
        name = department_name(label, aliases.of("department"))
        staffing.append({"department": name, **counts, "source_line": line.number})
        for column in layout.categories:
            by_category.append({"department": name, "job_group": column.group,
                                "job_category": column.category,
                                "headcount": count(section, line, cells[column.index],
                                                   column.category),
                                "source_line": line.number})
    if not staffing:
        raise section.error(rows[0], "a row per department", found="only totals")
    return {"staffing": staffing, "staffing_by_category": by_category, "printed_totals": totals,
            "staffing_facts": stated_facts(section)}


def _layout(section: Section, aliases: Aliases) -> Layout:
    """Return the staffing table's columns, read from its header rows.

    Raises ReportParseError at the header for a table without one, without the columns 정원,
    현원 합계 and 과부족, or with a job category column that names nothing.
    """
    blocks = section.blocks()
    if not blocks:
        raise section.error(section.heading, "the staffing table", found="no table")
    header = blocks[0].header
    if not header:
        raise section.error(blocks[0].rows[0], "the staffing table's header (구 분, 정원, "
                            "직종별 현원, 과부족)")
    rows = [line.cells for line in header]

    def column(word: str) -> int | None:
        return next((i for row in rows for i, cell in enumerate(row)
                     if label_key(cell) == word), None)

    authorized, current, surplus = column(_AUTHORIZED), column(_CURRENT), column(_SURPLUS)
    if authorized is None or current is None or surplus is None or not \
            authorized < current < surplus:
        raise section.error(header[0], "a header naming 정원, 현원 합계 and 과부족, in that "
                            "order", found=" / ".join(line.text.replace("\t", " | ")
                                                      for line in header))
    return Layout(authorized, current,
                  _job_columns(section, blocks[0], range(current + 1, surplus), aliases),
                  surplus)


def _job_columns(section: Section, block: Block, indices: range,
                 aliases: Aliases) -> tuple[JobColumn, ...]:
    """Return the job category columns ``indices`` of the header: a group's name stands
    over its first category (the cells to its right belong to it until the next group); a
    column with no category under its group is a group of one."""

    def cell(row: int, index: int) -> str:
        """Return a header cell as a name: whitespace removed ('전문 경력관' -> '전문경력관')."""
        cells = block.header[row].cells if row < len(block.header) else []
        return re.sub(r"\s+", "", cells[index]) if index < len(cells) else ""

    columns: list[JobColumn] = []
    group = ""
    for index in indices:
        group = cell(1, index) or group
        category = cell(2, index) or cell(1, index)
        if not group or not category:
            raise section.error(block.header[-1], f"a job category over column {index + 1} "
                                "of the staffing table", found="an empty header cell")
        category = aliases.canonical(JOB_CATEGORY, category) or category
        columns.append(JobColumn(index, group, category))
    return tuple(columns)


def _category_totals(section: Section, line: Line, cells: list[str],
                     layout: Layout) -> list[Record]:
    """Return the total row's head count (and printed share) of each job category."""
    rows = []
    for column in layout.categories:
        cell = cells[column.index]
        try:
            headcount, share = parse_count_with_share(cell)
        except ValueError:
            raise section.error(line, f"a head count like '59 (23.1%)' for {column.category}",
                                found=cell) from None
        key = f"계 > {column.category}"
        rows.append(total_record("staffing_by_category", key, "headcount", line,
                                 unit="persons", value=headcount or 0))
        if share is not None:
            rows.append(total_record("staffing_by_category", key, "share_printed", line,
                                     unit="percent", rate_printed=share))
    return rows


def organisation(staffing: list[Record], former: frozenset[str] = frozenset(),
                 aliases: Aliases = NO_ALIASES) -> Organisation:
    """Return the snapshot's organisation: the departments of its staffing records, in order,
    with the line that lists each; ``former`` names of earlier organisations; the department
    ``aliases``."""
    return Organisation(tuple(r["department"] for r in staffing),
                        {r["department"]: r["source_line"] for r in staffing}, former,
                        aliases.of("department"))

"""Reading a whole report: the 기준 date and every section's records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..aliases import NO_ALIASES, Aliases
from ..catalog import TABLES
from ..departments import Organisation, ReorganisationMap, former_names
from ..errors import ReportParseError
from .common import Record
from .document import Section, split_sections
from .duties import parse_duties
from .expenditure import parse_expenditure, parse_expenditure_summary
from .numbers import UNIT_TO_KRW, looks_numeric
from .projects import budget_unit, parse_projects
from .revenue import category_paths, parse_revenue_detail, parse_revenue_summary
from .settlement import parse_settlement_expenditure, parse_settlement_revenue
from .staffing import organisation, parse_staffing
from .text import Line, read_lines

NO_CHANGES = ReorganisationMap()
_AS_OF = re.compile(r"'?(?P<y>\d{4}|\d{2})\.\s*(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?\s*기준")


def printed_as_of(lines: list[Line], path: str) -> date:
    """Return the 기준 date the report prints; every one it prints must agree.

    Raises ReportParseError if none is printed, one is not a date, or two disagree.
    """
    found: tuple[date, Line] | None = None
    for line in lines:
        for match in _AS_OF.finditer(line.text):
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            try:
                value = date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                raise ReportParseError("the 기준 date is not a calendar date", path=path,
                                       line=line.number, expected="a date like 2023. 5. 31.",
                                       found=match.group(0)) from None
            if found is None:
                found = (value, line)
            elif value != found[0]:
                raise ReportParseError(
                    "two different 기준 dates", path=path, line=line.number,
                    expected=f"{found[0].isoformat()} as on line {found[1].number}",
                    found=value.isoformat())
    if found is None:
        raise ReportParseError("no 기준 date", path=path, line=None,
                               expected="a '(2023. 5. 31. 기준)' line")
    return found[0]


class ParsedReport(NamedTuple):
    """What the parser reads from a report: the 기준 date, plain records per table, the unit
    each table's note prints ('천원', '백만원', '명'; '' for none: the printed side of the
    report's unit record, whose likely side is resolved after loading) and the organisation
    (the departments its staffing table lists)."""

    as_of: date
    records: dict[str, list[Record]]
    units: dict[str, str]
    organisation: Organisation


def printed_units(sections: dict[str, Section]) -> dict[str, str]:
    """Return {table: the unit this report prints it in}: money tables from their section's
    '단위' line (key projects from their budget lines), the others from the catalog."""
    units: dict[str, str] = {}
    for name, spec in TABLES.items():
        if spec.section not in sections:
            continue
        if spec.unit not in UNIT_TO_KRW:
            units[name] = spec.unit
        elif name == "projects":
            units[name] = budget_unit(sections[spec.section]) or spec.unit
        else:
            units[name] = sections[spec.section].unit()
    return units


def parse_report(path: str | Path, reorganisation: ReorganisationMap = NO_CHANGES,
                 aliases: Aliases = NO_ALIASES) -> ParsedReport:
    """Return the printed as-of date, records by table name, printed units and organisation
    of the report.

    The staffing table is read first: its departments are the report's, and every other
    table's department names resolve against them. ``reorganisation``: the map's names are
    names departments had in earlier organisations, valid in the previous year's settlement;
    a faulty row of it that names a label this report prints fails the report
    (OrganisationError naming the row). ``aliases``: garbled spellings and what they stand
    for (``aliases.csv``).
    Raises ReportParseError (file, line, section, expected, found) for any input it cannot read.
    """
    path_str = str(path)
    lines = read_lines(path)
    if reorganisation.faults:  # the labels are read only when a faulty row may touch them
        reorganisation.check(printed_labels(lines))
    as_of = printed_as_of(lines, path_str)
    sections = split_sections(lines, path_str)
    staffing = parse_staffing(sections["staffing"], aliases)
    org = organisation(staffing["staffing"], former_names(reorganisation.changes), aliases)
    detail = parse_revenue_detail(sections["revenue"], aliases)
    results = [
        staffing,
        parse_duties(sections["duties"], org),
        parse_revenue_summary(sections["revenue_summary"], aliases,
                              category_paths(detail["revenue"])),
        parse_expenditure_summary(sections["expenditure_summary"], org, aliases),
        parse_projects(sections["projects"], as_of.year, org),
        detail,
        parse_expenditure(sections["expenditure"], org, aliases),
        parse_settlement_revenue(sections["settlement_revenue"], aliases),
        parse_settlement_expenditure(sections["settlement_expenditure"], org, aliases),
    ]
    tables: dict[str, list[Record]] = {}
    for result in results:
        for name, records in result.items():
            tables.setdefault(name, []).extend(records)
    return ParsedReport(as_of, tables, printed_units(sections), org)


def printed_labels(lines: Iterable[Line]) -> set[str]:
    """Return every label a report's tables print (each cell that is not a figure): the
    names a row of a data file beside it may touch."""
    return {cell for line in lines if line.is_table_row for cell in line.cells
            if cell and not looks_numeric(cell)}


def report_departments(path: str | Path, aliases: Aliases = NO_ALIASES) -> tuple[str, ...]:
    """Return the departments a report's staffing table (인력 현황) lists, in its order: the
    snapshot's organisation, read without parsing the other tables.

    Raises ReportParseError as :func:`parse_report` does for a file or staffing table it
    cannot read.
    """
    sections = split_sections(read_lines(path), str(path))
    return organisation(parse_staffing(sections["staffing"], aliases)["staffing"]).departments

"""Reading a whole report: the 기준 date, what it is about (bureau, years) and every section's
records; a missing section is recorded, and the others are read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..aliases import NO_ALIASES, Aliases
from ..catalog import TABLES, table_year
from ..departments import Organisation, ReorganisationMap, former_names
from ..errors import ReportParseError
from ..subject import Subject
from .accounts import take_sole_accounts
from .common import Record
from .cover import read_subject
from .document import Document, MissingSection, Section, split_sections
from .duties import parse_duties
from .expenditure import parse_expenditure, parse_expenditure_summary, require_budget_rows
from .numbers import UNIT_TO_KRW, looks_numeric
from .projects import budget_unit, parse_projects
from .revenue import category_paths, parse_revenue_detail, parse_revenue_summary
from .settlement import parse_settlement_expenditure, parse_settlement_revenue
from .staffing import organisation, parse_staffing
from .text import Line, label_key, read_lines

NO_CHANGES = ReorganisationMap()
_AS_OF = re.compile(r"'?(?P<y>\d{4}|\d{2})\.\s*(?P<m>\d{1,2})\.\s*(?P<d>\d{1,2})\.?\s*기준")
# What may stand before the date of a note line: '(YYYY. M. D. 기준)' on the cover,
# "('YY. M. D. 기준, 단위: 천원)" above a table. A bullet's figure dated in its own words
# ("… N명('YY.M.D. 기준)") has text before it and dates that figure, not the report.
_NOTE_OPENING = re.compile(r"[\s(\['’‘`]*")


def printed_as_of(lines: list[Line], path: str) -> date:
    """Return the 기준 date the report prints on its note lines (the cover's date line, the
    tables' '(… 기준, 단위: …)' lines); every one must agree. A 기준 date inside a sentence
    dates that sentence's figure and is not read here.

    Raises ReportParseError if none is printed, one is not a date, or two disagree.
    """
    found: tuple[date, Line] | None = None
    for line in lines:
        for match in _AS_OF.finditer(line.text):
            if not _NOTE_OPENING.fullmatch(line.text, 0, match.start()):
                continue
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            try:
                value = date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                raise ReportParseError("the 기준 date is not a calendar date", path=path,
                                       line=line.number, expected="a date like YYYY. M. D.",
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
                               expected="a '(YYYY. M. D. 기준)' line")
    return found[0]


class ParsedReport(NamedTuple):
    """What the parser reads from a report: the 기준 date, plain records per table, the unit
    each table's note prints ('천원', '백만원', '명'; '' for none: the printed side of the
    report's unit record, whose likely side is resolved after loading), the organisation
    (the departments its staffing table lists), what the report is about (bureau, fiscal and
    settlement years) and the required sections it does not print (their tables are empty)."""

    as_of: date
    records: dict[str, list[Record]]
    units: dict[str, str]
    organisation: Organisation
    subject: Subject
    missing: tuple[MissingSection, ...] = ()


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


def _organisation(lines: list[Line], path: str, aliases: Aliases, former: Iterable[str] = (),
                  ) -> tuple[Document, dict[str, list[Record]], Organisation]:
    """Return the report's sections, the staffing records and the organisation they define.

    Raises ReportParseError when the staffing table is missing: without it no other table's
    departments can be placed, so nothing useful is left.
    """
    document = split_sections(lines, path)
    section = document.readable("staffing")
    if section is None:
        missing = document.missing_for("staffing")
        raise (missing.error(path) if missing is not None else
               ReportParseError("no staffing table", path=path, expected="인 력"))
    staffing = parse_staffing(section, aliases)
    return document, staffing, organisation(staffing["staffing"], frozenset(former), aliases)


def _check_bureau_not_a_department(staffing: list[Record], subject: Subject,
                                   section: Section) -> None:
    """Raise ReportParseError if a staffing row names the bureau itself (its rows are the
    total, never one of its departments)."""
    for row in staffing:
        if label_key(str(row["department"])) == label_key(subject.bureau):
            raise section.error(int(row["source_line"]), "a department's name (the bureau's "
                                "own row is its total: 계)", found=str(row["department"]),
                                message="a staffing row that names the bureau")


def _with_years(tables: dict[str, list[Record]], subject: Subject) -> None:
    """Add ``fiscal_year`` to the records of every table of a year (the catalog says which
    year); mutates ``tables``."""
    for name, records in tables.items():
        year = table_year(name, subject)
        if year is not None:
            for record in records:
                record["fiscal_year"] = year


def parse_report(path: str | Path, reorganisation: ReorganisationMap = NO_CHANGES,
                 aliases: Aliases = NO_ALIASES) -> ParsedReport:
    """Return the printed as-of date, records by table name, printed units, organisation,
    subject and missing sections of the report.

    The staffing table is read first: its departments are the report's, and every other
    table's department names resolve against them. ``reorganisation``: the map's names are
    names departments had in earlier organisations, valid in the previous year's settlement;
    a faulty row of it that names a label this report prints fails the report
    (OrganisationError naming the row). ``aliases``: garbled spellings and what they stand
    for (``aliases.csv``).
    A required section the report does not print is recorded (its tables stay empty) and the
    others are read. Raises ReportParseError (file, line, section, expected, found) for any
    input it cannot read, a missing staffing table included.
    """
    path_str = str(path)
    lines = read_lines(path)
    if reorganisation.faults:  # the labels are read only when a faulty row may touch them
        reorganisation.check(printed_labels(lines))
    as_of = printed_as_of(lines, path_str)
    document, staffing, org = _organisation(lines, path_str, aliases,
                                            former_names(reorganisation.changes))
    subject = read_subject(lines, document, path_str, org)
    _check_bureau_not_a_department(staffing["staffing"], subject, document.sections["staffing"])
    detail_section = document.readable("revenue")
    detail = parse_revenue_detail(detail_section, aliases) if detail_section else {}
    parsers: dict[str, Callable[[Section], dict[str, list[Record]]]] = {
        "duties": lambda s: parse_duties(s, org),
        "revenue_summary": lambda s: parse_revenue_summary(
            s, aliases, category_paths(detail.get("revenue", []))),
        "expenditure_summary": lambda s: parse_expenditure_summary(s, org, aliases,
                                                                   subject.bureau),
        "projects": lambda s: parse_projects(s, as_of.year, org),
        "revenue": lambda s: detail,
        "expenditure": lambda s: parse_expenditure(s, org, subject.bureau, aliases),
        "settlement_revenue": lambda s: parse_settlement_revenue(s, aliases),
        "settlement_expenditure": lambda s: parse_settlement_expenditure(s, org, aliases),
    }
    results = [staffing]
    readable: dict[str, Section] = {"staffing": document.sections["staffing"]}
    for key, parse in parsers.items():
        section = document.readable(key)
        if section is not None:  # else its tables stay empty: document.missing says why
            readable[key] = section
            results.append(parse(section))
    tables: dict[str, list[Record]] = {}
    for result in results:
        for name, records in result.items():
            tables.setdefault(name, []).extend(records)
    require_budget_rows(readable, tables, org)
    take_sole_accounts(tables)
    _with_years(tables, subject)
    return ParsedReport(as_of, tables, printed_units(readable), org, subject, document.missing)


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
    return _organisation(read_lines(path), str(path), aliases)[2].departments


def report_subject(path: str | Path, aliases: Aliases = NO_ALIASES) -> Subject:
    """Return what a report is about (bureau, fiscal and settlement years), read from its
    cover, headings and headers without parsing its tables' figures.

    Raises ReportParseError as :func:`parse_report` does for what it reads.
    """
    lines = read_lines(path)
    document, _, organisation_ = _organisation(lines, str(path), aliases)
    return read_subject(lines, document, str(path), organisation_)

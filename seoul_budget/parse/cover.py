"""What a report is about, read from the report itself: the bureau (the cover's line under the
title; 세출예산 집행현황's first row, the bureau's total, names it too), the fiscal year (the
cover's title and every heading and budget-table header that prints it) and the settlement's
year (its section's heading). Every place that prints a year must agree; nothing is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..classification import is_total_label
from ..departments import Organisation
from ..errors import ReportParseError
from ..subject import Subject
from .document import Document, Section
from .text import Line, clean_label, label_key

# The cover's title: 'YYYY년 주요 업무보고' (any year).
_TITLE = re.compile(r"(?P<year>\d{4})년주요업무보고")
# A date on the cover ('YYYY. M.', 'YYYY. M. D.(수)' with its weekday), or a 기준 note.
_DATE = re.compile(r"^\(?'?\d{2,4}\.(?:\d{1,2}\.?){0,2}(?:\([월화수목금토일]\))?(?:기준)?\)?$")
# A budget table's header cell (its header rows joined per column, whitespace removed):
# this year's budget ('YYYY 본예산', 'YYYY 예산현액', 'YYYY년 예산 현액') or the year before's
# final budget ('YYYY 최종예산').
_THIS_YEAR = re.compile(r"^(?P<year>\d{4})년?(?:본예산|예산현액|당초예산)")
_LAST_YEAR = re.compile(r"^(?P<year>\d{4})년?최종예산")
# The sections whose tables' headers print the budget year, and the headings that do.
_HEADER_SECTIONS = ("revenue_summary", "expenditure_summary", "revenue")
_YEAR_HEADINGS = ("budget_overview", "budget_detail")


@dataclass(frozen=True)
class _Year:
    """A fiscal year as one place prints it: the year, its line and what that place is."""

    year: int
    line: int
    where: str


def read_subject(lines: list[Line], document: Document, path: str,
                 organisation: Organisation) -> Subject:
    """Return the report's bureau, fiscal year and settlement year; ``organisation`` (its
    departments) tells the bureau's total row from a department's.

    Raises ReportParseError naming both lines when two places print different fiscal years
    (or a previous year's header is not the year before), naming the candidate lines when the
    cover does not say which is the bureau, and when no place prints the fiscal year.
    """
    cover = _cover(lines, document)
    years = _fiscal_years(cover, document)
    if not years:
        raise ReportParseError(
            "the report prints no fiscal year", path=path, line=None,
            expected="a cover title like 'YYYY년 주요 업무보고', a heading "
                     "'YYYY년도 세입·세출 예산현황' or a budget table header 'YYYY 예산현액'")
    first = years[0]
    for other in years[1:]:
        if other.year != first.year:
            raise ReportParseError(
                "two different fiscal years", path=path, line=other.line,
                expected=f"{first.year} as {first.where} prints it on line {first.line}",
                found=f"{other.year} ({other.where})")
    settlement = document.sections.get("settlement")
    return Subject(_bureau(cover, document, organisation, path), first.year,
                   settlement.year if settlement is not None else None)


def _cover(lines: list[Line], document: Document) -> list[Line]:
    """Return the non-blank lines before the first section heading."""
    start = min((s.heading.number for s in document.sections.values()), default=None)
    return [line for line in lines
            if (start is None or line.number < start) and line.text.strip()]


def _fiscal_years(cover: list[Line], document: Document) -> list[_Year]:
    """Return every fiscal year the report prints, in the order of its lines (a header of the
    year before counts as the year after it)."""
    years = []
    for line in cover:
        match = _TITLE.search(label_key(line.text))
        if match:
            years.append(_Year(int(match["year"]), line.number, "the cover's title"))
    for key in _YEAR_HEADINGS:
        section = document.sections.get(key)
        if section is not None and section.year is not None:
            years.append(_Year(section.year, section.heading.number,
                               f"the heading {section.heading.text.strip()!r}"))
    for key in _HEADER_SECTIONS:
        section = document.sections.get(key)
        if section is not None:
            years += _header_years(section)
    return sorted(years, key=lambda y: y.line)


def _header_years(section: Section) -> list[_Year]:
    """Return the years a budget table's header rows print, each header cell read with the
    cells under it (a header spaced over two rows: '2 0 2 3 년' over '예 산 현 액')."""
    years = []
    for block in section.blocks():
        width = max((len(row.cells) for row in block.header), default=0)
        for column in range(width):
            cells = [(row, row.cells[column]) for row in block.header
                     if column < len(row.cells) and row.cells[column].strip()]
            text = "".join(label_key(cell) for _, cell in cells)
            where = f"the header of {section.title}"
            this, last = _THIS_YEAR.match(text), _LAST_YEAR.match(text)
            if this:
                years.append(_Year(int(this["year"]), cells[0][0].number, where))
            elif last:  # the year before's final budget: this year is the year after it
                years.append(_Year(int(last["year"]) + 1, cells[0][0].number,
                                   f"{where} (최종예산 of {last['year']}, the year before)"))
    return years


def _bureau(cover: list[Line], document: Document, organisation: Organisation,
            path: str) -> str:
    """Return the bureau: the cover's one line under the title that is no date (the name
    집행현황's total row gives where the line prefixes it with its city: '서울특별시
    기후환경본부' over '기후환경본부'); where the cover has none, or several, the name
    세출예산 집행현황's first row gives the bureau's total (several: the one of them it
    names)."""
    candidates = [line for line in cover if not _TITLE.search(label_key(line.text))
                  and not _DATE.match(label_key(line.text))]
    total = _total_row_label(document, organisation)
    if len(candidates) == 1:
        line = label_key(candidates[0].text)
        if total is not None and line != label_key(total[1]) \
                and line.endswith(label_key(total[1])):
            return clean_label(total[1])
        return clean_label(candidates[0].text)
    if total is not None:
        named = [line for line in candidates if label_key(line.text) == label_key(total[1])]
        if named or not candidates:
            return clean_label(total[1])
    found = (", ".join(f"{line.text.strip()!r} (line {line.number})" for line in candidates)
             or "no such line")
    raise ReportParseError(
        "the cover does not name one bureau", path=path,
        # the second candidate, or with none the first heading, where the cover ends
        line=candidates[1].number if candidates else min(
            s.heading.number for s in document.sections.values()),
        expected="one line under the title naming the bureau, or the bureau's total row "
                 "heading 세출예산 집행현황 with one of the cover's lines", found=found)


def _total_row_label(document: Document,
                     organisation: Organisation) -> tuple[Line, str] | None:
    """Return (line, label) of 세출예산 집행현황's first row when it names neither 계 nor a
    department (the bureau's total heads the table); None when the section or its first row
    is missing."""
    section = document.sections.get("expenditure")
    if section is None:
        return None
    rows = [row for block in section.blocks() for row in block.rows]
    if not rows:
        return None
    labels = [cell for cell in rows[0].cells[:2] if cell.strip()]
    # a department's own name or known spelling only: a bureau's name may be one syllable off
    # a department's ('...정책관' and '...정책담당관')
    if len(labels) != 1 or is_total_label(labels[0]) or \
            organisation.named(labels[0]) is not None:
        return None
    return rows[0], labels[0]

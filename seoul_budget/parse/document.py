"""The report's sections and the tables inside them.

A section runs from its heading to the next known heading. Inside it, a table is a run of
consecutive tab-separated lines (a page); a table continued on a new page repeats its header,
so each block starts with header rows, which :meth:`Section.blocks` separates from data rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog import REPORT_SECTIONS
from ..errors import ReportParseError
from .numbers import UNIT_TO_KRW, looks_numeric
from .text import Line, label_key

# A unit note: '(단위 : 천원)', "('23. 5. 31. 기준, 단위: 천원, %)", '단위 : 백만 원'.
_UNIT_NOTE = re.compile(r"단위\s*[:：]\s*((?:[가-힣]+\s*)*[가-힣])")


@dataclass(frozen=True)
class SectionSpec:
    """A section of the report as the parser finds it: its key and the heading that opens it."""

    key: str
    heading: str
    parsed: bool = True

    @property
    def title(self) -> str:
        """Return the section's Korean title (from the catalog)."""
        return REPORT_SECTIONS[self.key].title


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("staffing", "인 력"),
    SectionSpec("duties", "부서별 주요업무"),
    SectionSpec("budget_overview", "2023년도 세입·세출 예산현황", parsed=False),
    SectionSpec("revenue_summary", "● 세입 총괄"),
    SectionSpec("expenditure_summary", "● 세출 총괄"),
    SectionSpec("projects", "II. 주요 현안업무"),
    SectionSpec("budget_detail", "IV. 2023 세입 · 세출예산 세부현황", parsed=False),
    SectionSpec("revenue", "□ 세입 예산 세부내역"),
    SectionSpec("expenditure", "□ 세출예산 집행현황"),
    SectionSpec("settlement", "V. 2022 세입 · 세출 결산 현황", parsed=False),
    SectionSpec("settlement_revenue", "□ 세입결산"),
    SectionSpec("settlement_expenditure", "□ 세출결산"),
    SectionSpec("glossary", "용 어 설 명", parsed=False),
)


@dataclass
class Block:
    """One page of a table: its header lines and its data lines."""

    header: list[Line]
    rows: list[Line]


@dataclass
class Section:
    """The lines of one report section, with the context that error messages need.

    ``ends_file``: the section runs to the last line of the file (a table cut short there may
    be a truncated file; anywhere else it is not).
    """

    spec: SectionSpec
    path: str
    heading: Line
    lines: list[Line] = field(default_factory=list)
    ends_file: bool = False

    @property
    def title(self) -> str:
        """Return the section's Korean title."""
        return self.spec.title

    def error(self, line: Line | int | None, expected: str, found: str | None = None,
              message: str = "") -> ReportParseError:
        """Return a ReportParseError located at ``line`` in this section."""
        number = line.number if isinstance(line, Line) else line
        if found is None and isinstance(line, Line):
            found = line.text.replace("\t", " | ")
        return ReportParseError(message, path=self.path, line=number, section=self.title,
                                expected=expected, found=found)

    def blocks(self) -> list[Block]:
        """Return the section's tables, one block per page, header rows split from data rows.

        Raises ReportParseError for a blank line inside a table (rows go on after it without
        the header a new page repeats) and for a header repeated among the data rows (a page
        break whose blank lines were lost): both name the line; neither is guessed around.
        """
        blocks: list[Block] = []
        current: list[Line] = []
        gap: list[Line] = []  # the lines between the last block and the current one
        for line in [*self.lines, Line(-1, "")]:
            if line.is_table_row:
                if not current and blocks and gap and all(not g.text.strip() for g in gap):
                    self._check_continuation(gap[0], line, blocks)
                current.append(line)
                gap = []
                continue
            if current:
                blocks.append(_split_header(current))
                current = []
            gap.append(line)
        self._check_repeated_headers(blocks)
        return blocks

    def _check_continuation(self, blank: Line, line: Line, blocks: list[Block]) -> None:
        """Raise if table rows resume after blank lines without a header of their own: a new
        page's header starts with the first header cell of the table's first page ('구 분')."""
        first = blocks[0].header[0] if blocks[0].header else None
        if first is not None and line.cells and first.cells \
                and label_key(line.cells[0]) == label_key(first.cells[0]):
            return
        if first is None and _split_header([line]).header:
            return
        previous = blocks[-1]
        raise self.error(blank, "no blank line inside a table (a table goes on over a page "
                         "break under its repeated header)",
                         found=f"an empty line between the table's rows on lines "
                         f"{previous.rows[-1].number if previous.rows else blank.number - 1} "
                         f"and {line.number}", message="a blank line inside the table")

    def _check_repeated_headers(self, blocks: list[Block]) -> None:
        """Raise if a data row repeats a header line of the section's tables."""
        headers: dict[str, Line] = {}
        for header in (h for block in blocks for h in block.header):
            headers.setdefault(_row_key(header), header)
        for block in blocks:
            for row in block.rows:
                first = headers.get(_row_key(row))
                if first is not None:
                    raise self.error(row, "data rows (a table's header is repeated only at the "
                                     "top of a new page, after a blank line)",
                                     message=f"the table's header (line {first.number}) is "
                                     "repeated inside the table, without the blank line of "
                                     "a page break")

    def data_rows(self) -> list[Line]:
        """Return every data row of every page of the section's table(s), in order."""
        rows = [row for block in self.blocks() for row in block.rows]
        if not rows:
            raise self.error(self.heading, "a table with at least one data row",
                             found="no table")
        return rows

    def unit(self) -> str:
        """Return the money unit the section declares ('천원', '백만원' …).

        Raises ReportParseError if no '단위' line names a known unit.
        """
        for line in self.lines:
            match = _UNIT_NOTE.search(line.text)
            if not match:
                continue
            # '백만 원' is 백만원 written with a space: the same unit
            unit = re.sub(r"\s+", "", match.group(1))
            if unit in UNIT_TO_KRW:
                return unit
            raise self.error(line, f"a unit among {', '.join(UNIT_TO_KRW)}",
                             found=match.group(1), message="unknown money unit")
        raise self.error(self.heading, "a '(단위 : 천원)' line naming the money unit",
                         found="none")


def _row_key(line: Line) -> str:
    """Return a row's text with every space and tab removed, to compare rows."""
    return label_key(line.text)


def _split_header(lines: list[Line]) -> Block:
    """Split a block's header lines from its data lines.

    The first line is a header when no cell is a figure; the lines after it continue the
    header while their first cell is empty and no cell is a figure.
    """
    index = 0
    while index < len(lines):
        cells = lines[index].cells
        if any(looks_numeric(c) for c in cells[1:]) or (index > 0 and cells and cells[0]):
            break
        index += 1
    return Block(header=lines[:index], rows=lines[index:])


def split_sections(lines: list[Line], path: str) -> dict[str, Section]:
    """Return the report's sections by key.

    Raises ReportParseError for a missing or duplicated section heading.
    """
    by_heading = {label_key(spec.heading): spec for spec in SECTIONS}
    found: dict[str, Section] = {}
    current: Section | None = None
    for line in lines:
        spec = None if line.is_table_row else by_heading.get(label_key(line.text))
        if spec is not None:
            if spec.key in found:
                raise ReportParseError(
                    "the section heading appears twice", path=path, line=line.number,
                    section=spec.title, expected=f"one heading {spec.heading!r}",
                    found=f"a second one (the first is on line {found[spec.key].heading.number})")
            current = Section(spec, path, line)
            found[spec.key] = current
        elif current is not None:
            current.lines.append(line)
    if current is not None:
        current.ends_file = True
    for spec in SECTIONS:
        if spec.parsed and spec.key not in found:
            last = lines[-1].number if lines else None
            raise ReportParseError("a section is missing (a truncated or different file?)",
                                   path=path, line=last, section=spec.title,
                                   expected=f"a heading {spec.heading!r}", found="end of file")
    return found

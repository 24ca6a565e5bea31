"""The report's sections and the tables inside them.

A section runs from its heading to the next known heading; headings that print a year match
any year. A required section the report does not print is recorded with where it was looked
for (:class:`MissingSection`), and the other sections are read as usual. Inside a section, a
table is a run of consecutive tab-separated lines (a page); a table continued on a new page
repeats its header, so each block starts with header rows, which :meth:`Section.blocks`
separates from data rows. A page number between two rows ('- 7 -') is a page break printed
without that header: the rows after it go on in the same block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cached_property

from ..catalog import REPORT_SECTIONS, TABLES, titled
from ..errors import ReportParseError
from .numbers import UNIT_TO_KRW, looks_numeric
from .text import Line, label_key, spaced_cells

# A unit note: '(단위 : 천원)', "('YY. M. D. 기준, 단위: 천원, %)", '단위 : 백만 원'.
_UNIT_NOTE = re.compile(r"단위\s*[:：]\s*((?:[가-힣]+\s*)*[가-힣])")


# A year in a heading as the parser's spec writes it ('V. YYYY 세입 · 세출 결산 현황').
YEAR = "YYYY"
# A chapter's number as a heading prints it: any Roman numeral, its dot optional ('II.',
# 'Ⅱ.', 'III'): reports number their chapters differently (one skips III) and word
# processors write numerals as one character.
_NUMBERING = re.compile(r"^[IVX]+\.")
# ... and how many items the chapter holds may follow ('II. 9대 주요 현안업무').
_ANY_NUMBERING = r"[IVX]+\.?(?:(?P<count>\d+)대)?"
# A subsection's bullet: the template's '□' and '●' and the marks word processors swap in.
_BULLETS = "□■●○◯◆◇"
_BULLET = re.compile(rf"^[{_BULLETS}]")
_ANY_BULLET = rf"[{_BULLETS}]?"


def heading_key(text: str) -> str:
    """Return the key a heading is matched by: :func:`label_key` of the text with Unicode's
    compatibility forms folded ('Ⅱ' is 'II', '２' is '2', '．' is '.')."""
    return label_key(unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class SectionSpec:
    """A section of the report as the parser finds it: its key, the heading that opens it
    (``YYYY`` where the heading prints a year: the heading matches any year), whether the
    parser reads tables from it (``parsed``) and whether a report without it lacks something
    (``required``; by default the sections with tables: a missing one is recorded, never
    guessed around)."""

    key: str
    heading: str
    parsed: bool = True
    required: bool | None = None
    within: str | None = None  # the section whose heading this one's figures need

    @property
    def is_required(self) -> bool:
        """Return True if a report without this section lacks something it should print."""
        return self.parsed if self.required is None else self.required

    @property
    def title(self) -> str:
        """Return the section's Korean title (from the catalog, without a year)."""
        return titled(REPORT_SECTIONS[self.key].title)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Return the pattern a line's :func:`heading_key` matches when it is this heading (any
        chapter numeral, a bullet optional or swapped)."""
        key = label_key(self.heading)
        lead = ""
        if _NUMBERING.match(key):
            lead, key = _ANY_NUMBERING, _NUMBERING.sub("", key)
        elif _BULLET.match(key):
            lead, key = _ANY_BULLET, key[1:]
        return re.compile(lead + re.escape(key).replace(YEAR, r"(?P<year>\d{4})"))


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("general", "I. 일반 현황", parsed=False),
    SectionSpec("staffing", "인 력"),
    SectionSpec("duties", "부서별 주요업무"),
    SectionSpec("budget_overview", f"{YEAR}년도 세입·세출 예산현황", parsed=False),
    SectionSpec("revenue_summary", "● 세입 총괄"),
    SectionSpec("expenditure_summary", "● 세출 총괄"),
    SectionSpec("projects", "II. 주요 현안업무"),
    SectionSpec("budget_detail", f"IV. {YEAR} 세입 · 세출예산 세부현황", parsed=False),
    SectionSpec("revenue", "□ 세입 예산 세부내역"),
    SectionSpec("expenditure", "□ 세출예산 집행현황"),
    # Not a table, but the one place the settlement's year is printed: the tables after it
    # cannot be placed in a year without it.
    SectionSpec("settlement", f"V. {YEAR} 세입 · 세출 결산 현황", parsed=False, required=True),
    SectionSpec("settlement_revenue", "□ 세입결산", within="settlement"),
    SectionSpec("settlement_expenditure", "□ 세출결산", within="settlement"),
    SectionSpec("glossary", "용 어 설 명", parsed=False),
)

SPECS: dict[str, SectionSpec] = {spec.key: spec for spec in SECTIONS}


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
    def year(self) -> int | None:
        """Return the year the section's heading prints (None: it prints none)."""
        match = self.spec.pattern.fullmatch(heading_key(self.heading.text))
        return int(match["year"]) if match and match.groupdict().get("year") else None

    @property
    def count(self) -> int | None:
        """Return how many items the heading says the chapter holds ('9대': 9), or None."""
        match = self.spec.pattern.fullmatch(heading_key(self.heading.text))
        return int(match["count"]) if match and match.groupdict().get("count") else None

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

        A page number ('- 7 -') between a table's rows, blank lines around it or not, is a
        page break the export printed without the header a new page repeats: the data rows
        after it go on in the same block.

        Raises ReportParseError for a blank line inside a table (rows go on after it without
        the header a new page repeats, and no page number says a page ends there), for a
        header repeated among the data rows (a page break whose blank lines were lost) and
        for a row whose cells are separated by spaces, not tabs: each names the line; none
        is guessed around.
        """
        blocks: list[Block] = []
        current: list[Line] = []
        gap: list[Line] = []  # the lines between the last block and the current one
        for line in [*self.lines, Line(-1, "")]:
            if spaced_cells(line.text) is not None:
                raise self._spaced_row_error(line)
            if line.is_table_row:
                if not current and blocks and gap and all(not g.text.strip() for g in gap) \
                        and not self._repeats_header(line, blocks):
                    if all(g.page is None for g in gap) or _split_header([line]).header:
                        raise self._blank_line_error(gap, line, blocks)
                    previous = blocks.pop()  # a page break: the table goes on
                    current = [*previous.header, *previous.rows]
                current.append(line)
                gap = []
                continue
            if current:
                blocks.append(_split_header(current))
                current = []
            gap.append(line)
        self._check_repeated_headers(blocks)
        return blocks

    @staticmethod
    def _repeats_header(line: Line, blocks: list[Block]) -> bool:
        """Return True if ``line`` starts a new page's header: it starts with the first header
        cell of the table's first page ('구 분'), or, where that page has no header, it is a
        header line itself."""
        first = blocks[0].header[0] if blocks[0].header else None
        if first is None:
            return bool(_split_header([line]).header)
        return bool(line.cells and first.cells
                    and label_key(line.cells[0]) == label_key(first.cells[0]))

    def _blank_line_error(self, gap: list[Line], line: Line,
                          blocks: list[Block]) -> ReportParseError:
        """Return the error for table rows that resume at ``line`` after the blank lines
        ``gap`` without a header of their own: at the first of them, saying what it is (an
        empty line, or a page number followed by a row that is neither data nor the table's
        repeated header)."""
        previous, blank = blocks[-1], gap[0]
        before = previous.rows[-1].number if previous.rows else blank.number - 1
        marker = next((g for g in gap if g.page is not None), None)
        if marker is None:
            return self.error(blank, "no blank line inside a table (a table goes on over a "
                              "page break under its repeated header)",
                              found=f"an empty line between the table's rows on lines "
                              f"{before} and {line.number}",
                              message="a blank line inside the table")
        return self.error(marker, "the table's data rows or its repeated header after a page "
                          "break", found=f"page number {marker.page} between the table's "
                          f"rows on lines {before} and {line.number}, then a header unlike "
                          "the table's", message="a page break inside the table")

    def _spaced_row_error(self, line: Line) -> ReportParseError:
        """Return the error for a table row printed with runs of spaces between its cells.

        Such a row is not read: spaces cannot say how many empty cells they stand for (a
        program row's empty first cell sets it under its department), and left out, as a
        line that is no row, its figures would be lost without a word."""
        alike = [other.number for other in self.lines
                 if other.number > line.number and spaced_cells(other.text) is not None]
        more = (f" (so are {len(alike)} more lines of the section, the last on line "
                f"{alike[-1]})" if alike else "")
        return self.error(line, "a table row whose cells are separated by tabs",
                          found=line.text.strip(),
                          message="a table row whose cells are separated by spaces, not tabs"
                          + more)

    def _check_repeated_headers(self, blocks: list[Block]) -> None:
        """Raise if a data row repeats a header line of the section's tables."""
        headers: dict[str, Line] = {}
        for header in (h for block in blocks for h in block.header):
            headers.setdefault(label_key(header.text), header)  # spaces and tabs aside
        for block in blocks:
            for row in block.rows:
                first = headers.get(label_key(row.text))
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


@dataclass(frozen=True)
class MissingSection:
    """A section the report does not print: its key, the heading expected, and where it was
    looked for — after the section before it in reading order (``after``: its heading as
    printed, and its line; None from the top of the file) up to the next section found
    (``until``: its heading and line; None to the end of the file, ``until_line`` its last
    line)."""

    key: str
    heading: str
    after: str | None
    after_line: int | None
    until: str | None
    until_line: int | None

    @property
    def title(self) -> str:
        """Return the missing section's Korean title (without a year)."""
        return SPECS[self.key].title

    def error(self, path: str | None) -> ReportParseError:
        """Return the ReportParseError that says so, located where the heading was looked
        for (the line of the section found after that place, or the file's last line)."""
        looked = (f" after '{self.after}' (line {self.after_line})" if self.after else "")
        found = (f"'{self.until}' on line {self.until_line}" if self.until
                 else "the end of the file")
        return ReportParseError("a section is missing", path=path, line=self.until_line,
                                section=self.title,
                                expected=f"a heading {self.heading!r}{looked}", found=found)

    def to_json(self) -> dict[str, object]:
        """Return the record as plain data (a processed stamp keeps it, without the path)."""
        return asdict(self)


def _missing_from_json(data: object) -> MissingSection | None:
    """Return the record :meth:`MissingSection.to_json` stored, or None when ``data`` is not
    one (a section key this package no longer knows included)."""
    if not isinstance(data, dict) or data.get("key") not in REPORT_SECTIONS:
        return None
    lines = (data.get("after_line"), data.get("until_line"))
    texts = (data.get("heading"), data.get("after"), data.get("until"))
    if not all(v is None or isinstance(v, int) for v in lines) or not isinstance(
            texts[0], str) or not all(v is None or isinstance(v, str) for v in texts[1:]):
        return None
    return MissingSection(str(data["key"]), texts[0], texts[1], lines[0], texts[2], lines[1])


def missing_tables(missing: tuple[MissingSection, ...] | list[MissingSection]) -> tuple[str, ...]:
    """Return the tables a report lacks for its missing sections (a table whose section is
    missing, or lies within one that is), in catalog order."""
    keys = {m.key for m in missing}
    return tuple(name for name, spec in TABLES.items() if spec.section in keys or (
        spec.section in SPECS and SPECS[spec.section].within in keys))


def missing_from_list(data: object) -> tuple[MissingSection, ...]:
    """Return the records a processed stamp lists (``missing_sections``), those it cannot
    read left out; none for anything but a list."""
    if not isinstance(data, list):
        return ()
    return tuple(m for m in (_missing_from_json(item) for item in data) if m is not None)


@dataclass(frozen=True)
class Document:
    """A report's sections by key, and the required sections it does not print."""

    sections: dict[str, Section]
    missing: tuple[MissingSection, ...] = ()

    def readable(self, key: str) -> Section | None:
        """Return a section the parser can read: printed, and the section it lies within (for
        its year) printed too; None otherwise (:meth:`missing_for` says why)."""
        spec = SPECS[key]
        if spec.within is not None and spec.within not in self.sections:
            return None
        return self.sections.get(key)

    def missing_for(self, key: str) -> MissingSection | None:
        """Return why a section cannot be read: its own heading missing, else that of the
        section it lies within; None when it can be read."""
        if self.readable(key) is not None:
            return None
        spec = SPECS[key]
        wanted = key if key not in self.sections else spec.within
        return next((m for m in self.missing if m.key == wanted), None)


def _heading(line: Line) -> SectionSpec | None:
    """Return the section whose heading ``line`` is, or None."""
    if line.is_table_row:
        return None
    key = heading_key(line.text)
    return next((s for s in SECTIONS if s.pattern.fullmatch(key)), None)


def split_sections(lines: list[Line], path: str) -> Document:
    """Return the report's sections by key, and the required sections missing from it (each
    with where its heading was looked for: a report lacking one still reads the others).

    Raises ReportParseError for a duplicated section heading.
    """
    found: dict[str, Section] = {}
    current: Section | None = None
    for line in lines:
        spec = _heading(line)
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
    return Document(found, _missing(found, lines[-1].number if lines else None))


def _missing(found: dict[str, Section], last: int | None) -> tuple[MissingSection, ...]:
    """Return the required sections not in ``found``, each looked for after the section
    before it in reading order and up to the next one found after that."""
    missing = []
    for index, spec in enumerate(SECTIONS):
        if not spec.is_required or spec.key in found:
            continue
        before = next((found[s.key] for s in reversed(SECTIONS[:index]) if s.key in found), None)
        after = [found[s.key] for s in SECTIONS[index + 1:] if s.key in found]
        if before is not None:
            after = [s for s in after if s.heading.number > before.heading.number]
        following = min(after, key=lambda s: s.heading.number, default=None)
        missing.append(MissingSection(
            spec.key, spec.heading,
            before.heading.text.strip() if before else None,
            before.heading.number if before else None,
            following.heading.text.strip() if following else None,
            following.heading.number if following else last))
    return tuple(missing)

"""Coverage: did every number printed in the report's tables land in a table cell?

This re-reads the raw text independently of the section parsers: each figure printed in a
table's data cell is looked up among the values of the table rows (and printed totals) that
carry the same ``source_line``. A figure found nowhere was left behind by the parser.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import ReportParseError
from .parse.document import SECTIONS, split_sections
from .parse.numbers import (
    UNIT_TO_KRW,
    is_count_with_share,
    looks_numeric,
    numeric_tokens,
    parse_decimal,
)
from .parse.text import read_lines
from .report import Report, load_report


@dataclass
class SectionCoverage:
    """Figures printed in one section's tables, and those that reached no table cell."""

    section: str
    title: str
    printed: int = 0
    landed: int = 0
    missing: list[tuple[int, int, str]] = field(default_factory=list)  # line, cell, text


@dataclass
class CoverageResult:
    """Coverage of every parsed section of one report."""

    sections: list[SectionCoverage]

    @property
    def complete(self) -> bool:
        """Return True if every printed table figure landed in a table cell."""
        return all(not s.missing for s in self.sections)

    @property
    def printed(self) -> int:
        """Return how many figures the report's tables print."""
        return sum(s.printed for s in self.sections)

    @property
    def landed(self) -> int:
        """Return how many of them landed in a table cell."""
        return sum(s.landed for s in self.sections)


def _values_by_line(report: Report) -> dict[int, list[float]]:
    """Return {source_line: every numeric value any table holds for that line}."""
    values: dict[int, list[float]] = defaultdict(list)
    for frame in report.tables().values():
        if "source_line" not in frame:
            continue
        # a row's line and year are no printed figure of it
        numeric = frame.select_dtypes(include="number").drop(
            columns=["source_line", "fiscal_year"], errors="ignore")
        for line, row in zip(frame["source_line"], numeric.itertuples(index=False),
                             strict=True):
            values[int(line)].extend(float(v) for v in row if not pd.isna(v))
    return values


def coverage_report(path: str | Path, report: Report | None = None) -> CoverageResult:
    """Return, per section, how many printed table figures landed in a table cell.

    Raises ReportParseError, naming the line, for a report the parser cannot read and for a
    table whose rows it refuses (cells separated by spaces, not tabs; a blank line inside
    it): the figures of such a row reached no table, and counting only the rows it can read
    would call the report complete.
    """
    path = Path(path)
    if report is None:  # figures as printed: errata would move values off the printed ones
        report = load_report(path, errata=None)
    lines = read_lines(path)
    sections = split_sections(lines, str(path)).sections
    by_line = _values_by_line(report)
    results = []
    for spec in SECTIONS:
        section = sections.get(spec.key)
        if section is None or not spec.parsed:
            continue
        try:
            unit = section.unit()
        except ReportParseError:  # a section without money (staffing, duties)
            unit = None
        result = SectionCoverage(spec.key, spec.title)
        for block in section.blocks():
            for line in block.rows:
                for index, cell in enumerate(line.cells):
                    if not (looks_numeric(cell) or is_count_with_share(cell)):
                        continue
                    for token in numeric_tokens(cell):
                        result.printed += 1
                        if _landed(token, unit, by_line.get(line.number, [])):
                            result.landed += 1
                        else:
                            result.missing.append((line.number, index + 1, cell))
        results.append(result)
    return CoverageResult(results)


def _landed(token: str, unit: str | None, values: list[float]) -> bool:
    number = parse_decimal(token)
    if number is None:
        return True
    candidates = {float(number)}
    if unit is not None:
        candidates.add(float(number * UNIT_TO_KRW[unit]))
    return any(math.isclose(c, v, rel_tol=0, abs_tol=1e-6) for c in candidates for v in values)


def format_coverage(path: str | Path, result: CoverageResult) -> str:
    """Return the coverage report as text: one line per section, then any figure left behind."""
    lines = [f"{path}: {result.landed:,} of {result.printed:,} printed table figures "
             "landed in a table cell"]
    for section in result.sections:
        share = 100.0 if section.printed == 0 else 100 * section.landed / section.printed
        lines.append(f"  {section.title:<20} {section.landed:>5,} / {section.printed:<5,} "
                     f"({share:5.1f}%)")
        for number, cell, text in section.missing:
            lines.append(f"    left behind: line {number}, cell {cell}: {text!r}")
    return "\n".join(lines)

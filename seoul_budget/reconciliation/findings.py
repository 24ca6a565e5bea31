"""Findings: what reconciliation reports, and the words and numbers a reader sees.

Figures in messages are shown in the unit the report prints them in (천원, 백만원, 명, %),
with △ for negatives, as a Korean reader expects; the DataFrame keeps KRW, persons and percent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from ..catalog import REPORT_SECTIONS, section_title, table_title, titled
from ..schemas import column_title, columns
from ..subject import Subject
from ..validate import validate
from .cells import Cell, CellId

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
_UNIT_EN = {"천원": "thousand won", "백만원": "million won", "원": "won", "억원": "100 million won",
            "명": "persons", "%": "%"}


@dataclass
class Finding:
    """One reconciliation result (a row of the findings table); ``difference`` is
    ``actual − expected`` unless given."""

    check: str
    severity: str
    table: str
    key: str
    column: str
    message: str
    message_en: str
    unit: str = ""
    expected: float | None = None
    actual: float | None = None
    difference: float | None = None
    source_line: int | None = None
    related_lines: str = ""
    suggestion: float | None = None
    suggestion_kind: str = ""
    section: str = ""

    def __post_init__(self) -> None:
        if self.difference is None and self.expected is not None and self.actual is not None:
            self.difference = self.actual - self.expected


def _number(value: float, decimals: int, strip: bool = False) -> str:
    """Return '30,048.21' / '△3,428,943': separators, △ for a negative, optional strip of 0s."""
    text = f"{abs(value):,.{decimals}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("△" if value < 0 and text.strip("0.,") else "") + text


def as_printed(cell: Cell, value: float | None, english: bool = False) -> str:
    """Return a figure as the report prints it: '30,048,210천원', '32.8%', '255명'."""
    if value is None:
        return "—"
    if cell.unit == "percent":
        return f"{_number(value, cell.decimals)}%"
    if cell.unit == "KRW":
        units = value / cell.step
        text = _number(units, 0 if abs(units - round(units)) < 1e-9 else 3, strip=True)
    else:
        text = _number(value, 0 if float(value).is_integer() else 3, strip=True)
    unit = cell.source_unit
    if english:
        return f"{text} {_UNIT_EN.get(unit, unit)}".strip()
    return f"{text}{unit}"


def where(cell_id: CellId, subject: Subject | None = None) -> str:
    """Return 'table title · key · column label' for messages, years from the report's
    ``subject``."""
    column = column_title(cell_id.table, cell_id.column, subject)
    return f"{table_title(cell_id.table, subject)} · {cell_id.key} · {column}"


def where_en(cell_id: CellId) -> str:
    """Return 'table / key / column' for English messages."""
    return f"{cell_id.table} / {cell_id.key} / {cell_id.column}"


def lines_text(lines: list[int] | set[int]) -> str:
    """Return sorted line numbers as '575, 580'."""
    return ", ".join(str(n) for n in sorted(set(lines)))


def to_frame(findings: list[Finding], subject: Subject | None = None) -> pd.DataFrame:
    """Return the findings as a validated DataFrame, errors first, then by section (in
    reading order; titles with the years of the report's ``subject``) and line."""
    rows = []
    for finding in findings:
        row = asdict(finding)
        row["section"] = row["section"] or section_title(finding.table, subject)
        rows.append(row)
    frame = pd.DataFrame.from_records(rows, columns=columns("findings"))
    if len(frame):
        order = {titled(spec.title, subject): index
                 for index, spec in enumerate(REPORT_SECTIONS.values())}
        frame["_severity"] = frame["severity"].map(SEVERITY_ORDER)
        frame["_section"] = frame["section"].map(order).fillna(len(order))
        frame["_line"] = frame["source_line"].fillna(0)
        frame = frame.sort_values(["_severity", "_section", "_line", "column"], kind="stable")
        frame = frame.drop(columns=["_severity", "_section", "_line"]).reset_index(drop=True)
    return validate("findings", frame)

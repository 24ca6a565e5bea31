"""부서별 주요업무: each department's duties, from the HTML list in the source cell."""

from __future__ import annotations

import html
import re

from ..departments import Organisation
from .common import Record, check_width, department, require_all_departments
from .document import Section

_TAG = re.compile(r"<[^>]*>")
_BULLET = re.compile(r"(?:^|\s)[·•]\s")


def duty_lines(cell: str) -> list[str]:
    """Return the plain-text duty lines in a cell ('<ul> · a · b' gives ['a', 'b']).

    Tags are dropped and entities unescaped; a '·' between words (민·관) is not a bullet.
    """
    text = html.unescape(_TAG.sub(" ", cell))
    parts = _BULLET.split(" " + text)
    return [re.sub(r"\s+", " ", part).strip() for part in parts if part.strip()]


def parse_duties(section: Section, organisation: Organisation) -> dict[str, list[Record]]:
    """Return the duties table: one row per department of the report and duty line."""
    rows: list[Record] = []
    data = section.data_rows()
    departments: list[str] = []
    for line in data:
        cells = line.cells
        check_width(section, line, cells, 2, 2)
        name = department(section, line, cells[0], organisation)
        departments.append(name)
        duties = duty_lines(cells[1])
        if not duties:
            raise section.error(line, "at least one duty", found=cells[1])
        for number, duty in enumerate(duties, start=1):
            rows.append({"department": name, "duty_number": number, "duty": duty,
                         "source_line": line.number})
    require_all_departments(section, departments, data[0], organisation)
    return {"duties": rows}

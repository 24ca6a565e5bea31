"""Counts stated in prose: the text's figures agree with the tables and with each other.

- '6담당관 … 2사업소' on the organisation line = the departments the tables list.

What the staffing text states is :mod:`.stated`'s; what a key project's text adds up is
:mod:`.project_text`'s.
"""

from __future__ import annotations

import re

from .cells import Sheet
from .findings import ERROR, Finding

_ORG = re.compile(r"(?P<bureau>\d+)\s*정책관\s*(?P<divisions>\d+)\s*담당관"
                  r".*?(?P<offices>\d+)\s*사업소")


def organisation_findings(sheet: Sheet) -> list[Finding]:
    """Return an error if the organisation line's 담당관 + 사업소 differ from the departments."""
    staffing = sheet.report.staffing
    for number, text in sorted(sheet.lines.items()):
        match = _ORG.search(text)
        if not match:
            continue
        stated = int(match["divisions"]) + int(match["offices"])
        listed = len(staffing)
        if stated == listed:
            return []
        return [Finding("prose", ERROR, "staffing", "조직", "department",
                        f"조직 현황({number}행)의 {match['divisions']}담당관 + "
                        f"{match['offices']}사업소 = {stated}개 부서이나 인력 현황에는 "
                        f"{listed}개 부서가 있음.",
                        f"The organisation line (line {number}) states {match['divisions']} "
                        f"divisions + {match['offices']} offices = {stated} departments; the "
                        f"staffing table lists {listed}.", unit="count", expected=listed,
                        actual=stated, difference=stated - listed, source_line=number)]
    return []

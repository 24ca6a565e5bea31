"""Counts stated in prose: the text's figures agree with the tables and with each other.

- the organisation line ('1정책관 6담당관 27팀, 2사업소', '1본부 3과 20팀, 1사업소'): its
  units other than the bureau and its teams = the departments the tables list;
- a chapter heading's count ('II. 9대 주요 현안업무') = the key projects the chapter lists.

What the staffing text states is :mod:`.stated`'s; what a key project's text adds up is
:mod:`.project_text`'s.
"""

from __future__ import annotations

import re

from ..parse.document import SPECS, heading_key
from .cells import CellId, Sheet
from .findings import ERROR, Finding

# The organisation line: leading dots, then counted units only ('1정책관 6담당관 27팀, 2사업소'):
# the bureau first (one of it), its teams (팀) among them. What the other units are called
# (담당관, 과, 관, 사업소, 센터 …) differs by bureau; every one of them is a department.
_UNIT = re.compile(r"(?P<count>\d+)\s*(?P<kind>[가-힣]+)")
_ORG = re.compile(r"^[.·…\s]*1\s*[가-힣]+(?:[\s,]+\d+\s*[가-힣]+)+\s*$")
_TEAM = "팀"


def organisation_units(text: str) -> list[tuple[int, str]] | None:
    """Return the departments an organisation line counts, as (count, kind) in printed order
    ('1정책관 6담당관 27팀, 2사업소' -> [(6, '담당관'), (2, '사업소')]), or None when the line
    is no organisation line (not only counted units, the first one the bureau, one 팀)."""
    if not _ORG.match(text):
        return None
    units = [(int(m["count"]), m["kind"]) for m in _UNIT.finditer(text)]
    if [kind for _, kind in units].count(_TEAM) != 1:
        return None
    return [(count, kind) for count, kind in units[1:] if kind != _TEAM]


def _metric(sheet: Sheet, table: str, column: str, key: str) -> CellId | None:
    return sheet.find(table, key, column)


def organisation_findings(sheet: Sheet) -> list[Finding]:
    """Return an error if the organisation line's departments (every unit but the bureau and
    its teams) are not as many as the staffing table lists."""
    staffing = sheet.report.staffing
    for number, text in sorted(sheet.lines.items()):
        units = organisation_units(text)
        if units is None:
            continue
        stated = sum(count for count, _ in units)
        listed = len(staffing)
        if stated == listed:
            return []
        named = " + ".join(f"{count}{kind}" for count, kind in units)
        return [Finding("prose", ERROR, "staffing", "조직", "department",
                        f"조직 현황({number}행)의 {named} = {stated}개 부서이나 인력 현황에는 "
                        f"{listed}개 부서가 있음.",
                        f"The organisation line (line {number}) states {named} = {stated} "
                        f"departments; the staffing table lists {listed}.", unit="count",
                        expected=listed,
                        actual=stated, difference=stated - listed, source_line=number)]
    return []


def project_count_findings(sheet: Sheet) -> list[Finding]:
    """Return an error if the key projects' heading states a count ('9대') other than how
    many key projects the report lists."""
    pattern = SPECS["projects"].pattern
    listed = len(sheet.report.projects)
    for number, text in sorted(sheet.lines.items()):
        match = None if "\t" in text else pattern.fullmatch(heading_key(text))
        if match is None:
            continue
        stated = match.groupdict().get("count")
        if stated is None or int(stated) == listed:
            return []
        return [Finding("prose", ERROR, "projects", "계", "number",
                        f"주요 현안업무 제목({number}행)은 {stated}대이나 현안업무는 "
                        f"{listed}개가 실려 있음.",
                        f"The key projects' heading (line {number}) states {stated}; the "
                        f"report lists {listed} key projects.", unit="count",
                        expected=listed, actual=int(stated),
                        difference=int(stated) - listed, source_line=number)]
    return []

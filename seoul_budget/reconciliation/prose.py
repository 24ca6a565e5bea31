"""Counts stated in prose: the text's figures agree with the tables and with each other.

- 전체 직원 255명 (under the staffing table) = the table's 계 현원;
- '6담당관 … 2사업소' on the organisation line = the departments the tables list;
- shares stated in the text (83.7% of team leaders, 77.6% certified).

What a key project's text adds up is :mod:`.project_text`'s.
"""

from __future__ import annotations

import re

from .cells import CellId, Sheet
from .checks import Check, LinearCheck
from .findings import ERROR, Finding
from .formulas import rate_check

_ORG = re.compile(r"(?P<bureau>\d+)\s*정책관\s*(?P<divisions>\d+)\s*담당관"
                  r".*?(?P<offices>\d+)\s*사업소")


def _metric(sheet: Sheet, table: str, column: str, key: str) -> CellId | None:
    return sheet.find(table, key, column)


def _fact(sheet: Sheet, metric: str) -> CellId | None:
    return sheet.find("staffing_facts", metric, "value")


def _share(sheet: Sheet, metric: str) -> CellId | None:
    return sheet.find("staffing_facts", metric, "share_printed")


def prose_checks(sheet: Sheet) -> list[Check]:
    """Return the checks of figures stated in the text."""
    checks: list[Check] = []
    staff = _fact(sheet, "staff_total")
    current = sheet.find("staffing", "계", "current")
    if staff and current:
        checks.append(LinearCheck("prose", "staff_total", staff,
                                  "본문의 전체 직원 수 = 인력 현황 계",
                                  "staff stated in the text = the staffing table's total",
                                  terms=((staff, 1.0), (current, -1.0))))
    leaders, related, related_share = (_fact(sheet, "team_leaders"),
                                       _fact(sheet, "team_leaders_in_related_series"),
                                       _share(sheet, "team_leaders_in_related_series"))
    if leaders and related and related_share:
        checks.append(rate_check(sheet, "prose", "share", related_share, [(related, 1.0)],
                                 [(leaders, 1.0)], "관련분야 직렬 비율 = 관련분야 ÷ 5급 팀장 이상",
                                 "share of team leaders in related series"))
    certified = _share(sheet, "certified_staff")
    parts = [_fact(sheet, "certified_it"), _fact(sheet, "certified_telecom")]
    if certified and staff and all(parts):
        checks.append(rate_check(sheet, "prose", "share", certified,
                                 [(p, 1.0) for p in parts if p], [(staff, 1.0)],
                                 "전문자격증 소지자 비율 = (전산 + 정보통신) ÷ 전체 직원",
                                 "certified share = (IT + telecom) / all staff"))
    return checks


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

"""Counts stated in the text about the organisation and its staff agree with the staffing
table and with each other.

- the organisation line ('1정책관 6담당관 27팀, 2사업소', '1본부 3과 20팀, 1사업소'): its
  units other than the bureau and its teams = the departments the staffing table lists
  (:func:`organisation_findings`).

The staff counts stated under the staffing table (:func:`stated_staff_checks`): the facts
(``staffing_facts``) are read by the sentence's shape (parse/staffing_facts.py): each is a
whole or a part of the fact its ``metric`` path names above it. So, whatever the text:

- a share printed beside a part is the part ÷ its whole ('총 36명(83.7%)' of '43명'); a part
  printing a share but no count is the sum of its breakdown ('전문자격증 소지자(77.6%) : 전산
  분야 158명, 정보통신 분야 40명' of '전체 직원(255명)');
- a whole that is all the staff ('전체 직원 255명': its label starts with 전체) is the staffing
  table's 계 현원.
"""

from __future__ import annotations

import re

from ..parse.staffing_facts import SEP
from ..parse.text import label_key
from .cells import CellId, Sheet
from .checks import Check, LinearCheck, rate_check
from .findings import ERROR, Finding

TABLE = "staffing_facts"
_ALL = "전체"  # a whole labelled '전체 …' counts every member of staff
# The organisation line: leading dots, then counted units only ('1정책관 6담당관 27팀, 2사업소';
# teams may stand in brackets):
# the bureau first (one of it), its teams (팀) among them. What the other units are called
# (담당관, 과, 관, 사업소, 센터 …) differs by bureau; every one of them is a department.
_UNIT = re.compile(r"(?P<count>\d+)\s*(?P<kind>[가-힣]+)")
_ORG = re.compile(r"^[.·…\s]*1\s*[가-힣]+(?:[\s,()]+\d+\s*[가-힣]+)+[\s)]*$")
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
                        actual=stated, source_line=number)]
    return []


def stated_staff_checks(sheet: Sheet) -> list[Check]:
    """Return the checks of the staffing figures the text states."""
    facts = sheet.report.staffing_facts
    labels = dict(zip(facts["metric"], facts["label"], strict=True))
    checks: list[Check] = []
    current = sheet.find("staffing", "계", "current")
    for metric, label in labels.items():
        path = metric.split(SEP)
        value = sheet.find(TABLE, metric, "value")
        if len(path) == 1 and label_key(label).startswith(_ALL) and value and current:
            checks.append(LinearCheck(
                "prose", "staff_total", value, f"본문의 {label} 수 = 인력 현황 계 현원",
                f"staff stated in the text ({label}) = the staffing table's total",
                terms=((value, 1.0), (current, -1.0))))
        share = sheet.find(TABLE, metric, "share_printed")
        whole = sheet.find(TABLE, SEP.join(path[:-1]), "value") if len(path) > 1 else None
        if share is None or whole is None:
            continue
        parts = _parts(sheet, metric, value, list(labels))
        if parts:
            whole_label = labels[SEP.join(path[:-1])]
            checks.append(rate_check(sheet, "prose", "share", share,
                                     [(part, 1.0) for part in parts], [(whole, 1.0)],
                                     f"{label} 비율 = {label} ÷ {whole_label}",
                                     f"share stated for {label} = its count / {whole_label}"))
    return checks


def _parts(sheet: Sheet, metric: str, value: CellId | None,
           metrics: list[str]) -> list[CellId]:
    """Return the counts a share is of: the fact's own count, else its breakdown's."""
    if value is not None:
        return [value]
    below = [m for m in metrics if m.startswith(metric + SEP)
             and m.count(SEP) == metric.count(SEP) + 1]
    cells = [sheet.find(TABLE, m, "value") for m in below]
    return [cell for cell in cells if cell is not None] if all(cells) else []

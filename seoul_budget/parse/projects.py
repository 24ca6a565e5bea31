"""주요 현안업무: the key projects (title, department, budget, period) and figures in their text.

Each project's contact line names officials and their phone extensions: only the department is
kept, nothing about a person reaches a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..departments import Organisation
from .common import Record, department
from .document import Section
from .numbers import UNIT_TO_KRW
from .text import Line, clean_label

_HEADING = re.compile(r"^(?P<number>\d{1,2})\.\s*(?P<title>\S.*)$")
_BUDGET = re.compile(r"\(사업예산\)\s*(?:(?P<amount>[\d,]+(?:\.\d+)?)\s*"
                     r"(?P<unit>백만원|천원|억원|원)|(?P<none>비예산))\s*(?P<note>.*)$")
_PERIOD = re.compile(r"(?:\(사업기간\)|활동기간\s*:)\s*(?P<period>.+)$")
_COMPONENT = re.compile(r"(?P<label>\d*[가-힣]+)\s*(?P<amount>[\d,]+)\s*백만원")


def parse_projects(section: Section, as_of_year: int,
                   organisation: Organisation) -> dict[str, list[Record]]:
    """Return projects (one row per key project) and project_metrics (figures in their text);
    each project's department is one of the report's (``organisation``)."""
    bodies = _bodies(section)
    projects: list[Record] = []
    metrics: list[Record] = []
    for number, heading, lines in bodies:
        title = clean_label(_HEADING.match(heading.text.strip())["title"])
        dept = _department(section, heading, lines, organisation)
        record: Record = {"number": number, "title": title, "department": dept,
                          "budget": None, "budget_note": "", "period": "",
                          "heading_line": heading.number, "source_line": heading.number}
        for line in lines:
            text = line.text.strip()
            budget = _BUDGET.search(text)
            if budget:
                record["source_line"] = line.number
                record["budget_note"] = clean_label(budget["note"] or "")
                if budget["none"]:
                    record["budget_note"] = "비예산 " + record["budget_note"]
                    record["budget_note"] = record["budget_note"].strip()
                else:
                    amount = float(budget["amount"].replace(",", ""))
                    record["budget"] = round(amount * UNIT_TO_KRW[budget["unit"]])
                    for part in _COMPONENT.finditer(budget["note"] or ""):
                        metrics.append(_metric(number, "budget_component", part["label"], "",
                                               int(part["amount"].replace(",", "")) * 1_000_000,
                                               "원", line))
            period = _PERIOD.search(text)
            if period and not record["period"]:
                record["period"] = clean_label(period["period"])
            metrics += _text_metrics(number, line, as_of_year)
        projects.append(record)
    return {"projects": projects, "project_metrics": metrics}


def budget_unit(section: Section) -> str:
    """Return the unit of the first project budget the section prints ('백만원'), or ''."""
    for line in section.lines:
        match = _BUDGET.search(line.text.strip())
        if match and match["unit"]:
            return match["unit"]
    return ""


def _bodies(section: Section) -> list[tuple[int, Line, list[Line]]]:
    """Return (number, heading line, body lines) per project, skipping the table of contents."""
    headings = [(int(m["number"]), line) for line in section.lines
                if not line.is_table_row and (m := _HEADING.match(line.text.strip()))]
    numbers = [n for n, _ in headings]
    count = max(numbers, default=0)
    if count == 0 or numbers[:count] != list(range(1, count + 1)):
        raise section.error(section.heading, "a numbered list of key projects (1. … 2. …)",
                            found=", ".join(map(str, numbers[:10])) or "none")
    body_headings = headings[count:]
    if [n for n, _ in body_headings] != list(range(1, count + 1)):
        anchor = body_headings[0][1] if body_headings else section.heading
        raise section.error(anchor, f"a body for each of the {count} listed projects, in order",
                            found=", ".join(str(n) for n, _ in body_headings) or "none")
    bodies = []
    for index, (number, heading) in enumerate(body_headings):
        end = (body_headings[index + 1][1].number if index + 1 < len(body_headings)
               else section.lines[-1].number + 1)
        lines = [line for line in section.lines if heading.number < line.number < end]
        bodies.append((number, heading, lines))
    return bodies


def _department(section: Section, heading: Line, lines: list[Line],
                organisation: Organisation) -> str:
    """Return the department named first on the project's contact line (the ☎ line)."""
    for line in lines[:5]:
        if "☎" in line.text:
            role = line.text.split(":", 1)[0]
            return department(section, line, role.strip(), organisation)
    raise section.error(heading, "a contact line naming the department (… ☎ …)",
                        found="none")


@dataclass(frozen=True)
class MetricRule:
    """A figure stated in project text: which line it is on and which metrics it yields."""

    pattern: re.Pattern[str]
    metrics: tuple[tuple[str, str, str, str, str], ...]  # group, metric, label, period, unit
    repeat: bool = False  # the pattern matches several times on one line (label in group 'l')
    context: str = ""  # the line must contain this text for the rule to apply


def _rule(pattern: str, *metrics: tuple[str, str, str, str, str], repeat: bool = False,
          context: str = "") -> MetricRule:
    return MetricRule(re.compile(pattern), metrics, repeat, context)


# Periods: 'YYYY' years, 'YYYY-MM' months, 'YYYY-MM-DD' days; {y} is the report's year.
_RULES: dict[int, tuple[MetricRule, ...]] = {
    1: (
        _rule(r"상담인원\s*(?P<v>[\d,]+)명", ("v", "consultations", "상담인원", "{y}H1", "명")),
        _rule(r"50대 이상 비율이\s*(?P<s>[\d.]+)%로\s*(?P<v>[\d,]+)명",
              ("s", "consultations_age50plus_share", "50대 이상 비율", "{y}H1", "%"),
              ("v", "consultations_age50plus", "50대 이상 상담인원", "{y}H1", "명")),
        _rule(r"(?P<l>스마트폰|키오스크|교통생활 앱)\s*\((?P<v>[\d.]+)%\)",
              ("v", "consultation_topic_share", "상담내용 비율: {l}", "{y}H1", "%"),
              repeat=True),
        _rule(r"'22년 총\s*(?P<a>\d+)개.*'23년 총\s*(?P<b>\d+)개",
              ("a", "routes", "운영 노선", "{py}", "개"),
              ("b", "routes", "운영 노선", "{y}", "개")),
        _rule(r"'22년 하반기\s*(?P<a>\d+)명.*각\s*(?P<b>\d+)명",
              ("a", "guides", "디지털 안내사 인원", "{py}H2", "명"),
              ("b", "guides", "디지털 안내사 인원(반기별)", "{y}", "명")),
        _rule(r"월급여\s*(?P<a>[\d,]+)천원.*?(?P<b>[\d,]+)천원",
              ("a", "monthly_wage", "월 급여", "{py}", "천원"),
              ("b", "monthly_wage", "월 급여", "{y}", "천원")),
        _rule(r"하반기 디지털 안내사\s*(?P<v>[\d,]+)명 채용",
              ("v", "recruitment_target", "하반기 채용 인원", "{y}H2", "명")),
    ),
    2: (
        _rule(r"방문수 /앱설치:\s*(?P<v>[\d,]+)명\(일평균\s*(?P<d>[\d,]+)명\)\s*/(?P<a>[\d,]+)건",
              ("v", "visits", "누적 방문수", "{y}", "명"),
              ("d", "visits_daily_average", "일평균 방문수", "{y}", "명"),
              ("a", "app_installs", "앱 설치", "{y}", "건")),
        _rule(r"연말까지\s*(?P<v>\d+)만명 목표",
              ("v", "visits_target", "연말 방문 목표", "{y}", "만명")),
        _rule(r"(?P<l>\d{1,2})월\((?P<v>[\d,]+)\)",
              ("v", "monthly_visits", "월 방문수", "{y}-{l:02}", "명"), repeat=True,
              context="월 방문수"),
        _rule(r"(?P<m>\d{1,2})\.\s?(?P<l>\d{1,2})\.\((?P<v>[\d,]+)명\)",
              ("v", "daily_visits", "일 방문수", "{y}-{m:02}-{l:02}", "명"), repeat=True,
              context="⇒"),
        _rule(r"(?P<l>[가-힣0-9]+)\((?P<v>\d+)%\)",
              ("v", "usage_share", "분야별 사용률: {l}", "{y}", "%"), repeat=True,
              context="사용률"),
        _rule(r"만족도 조사\((?P<n>[\d,]+)명\)\s*:\s*(?P<v>[\d.]+)점",
              ("n", "survey_respondents", "만족도 조사 응답자", "{y}", "명"),
              ("v", "satisfaction_score", "만족도 (5점 만점)", "{y}", "점")),
    ),
    3: (
        _rule(r"정책과제\*?\s*(?P<v>\d+)건",
              ("v", "fellowship_projects", "시민참여 정책과제", "{y}", "건")),
    ),
    4: (
        _rule(r"2030세대\s*(?P<t>\d+)개 팀\(.*총\s*(?P<p>\d+)명\),\s*소상공인\s*(?P<s>\d+)개",
              ("t", "teams", "참여 팀", "{y}", "팀"),
              ("p", "participants", "참여 인원", "{y}", "명"),
              ("s", "shops", "지원 점포", "{y}", "개")),
        _rule(r"대학생\s*(?P<t>\d+)개팀\((?P<p>\d+)명\)과 소상공인\s*(?P<s>\d+)개",
              ("t", "teams", "참여 팀", "{py}", "팀"),
              ("p", "participants", "참여 인원", "{py}", "명"),
              ("s", "shops", "지원 점포", "{py}", "개")),
    ),
    5: (
        _rule(r"교육\((?P<a>\d+)~(?P<b>\d+)월\s*(?P<v>[\d,]+)명\)",
              ("v", "staff_trained", "챗GPT 활용 교육 인원", "{y}", "명")),
    ),
    6: (
        _rule(r"입체복합시설\s*(?P<v>[\d,]+)개소 출입구",
              ("v", "address_sites", "입체도로·입체복합시설 주소정보 구축", "{y}", "개소")),
        _rule(r"입체도로\s*(?P<v>[\d,]+)개소",
              ("v", "address_sites_roads", "입체도로 도로명주소 부여", "{y}", "개소")),
        _rule(r"입체복합시설\*\s*(?P<v>[\d,]+)개소",
              ("v", "address_sites_buildings", "입체복합시설 내부구간 구축", "{y}", "개소")),
    ),
    7: (
        _rule(r"(?P<l>\d)차\s*(?P<v>[\d,]+)대",
              ("v", "buses_upgraded", "시내버스 5G 와이파이 {l}차", "{y}", "대"), repeat=True),
    ),
    8: (
        _rule(r"위원회 구성\((?P<v>\d+)명",
              ("v", "committee_members", "입지선정위원회 위원", "{y}", "명")),
        _rule(r"회의 개최\((?P<v>\d+)회",
              ("v", "committee_meetings", "입지선정위원회 회의", "{y}", "회")),
    ),
}


# Units printed with a multiplier are stored in their base unit (만명 -> 명, 천원 -> 원).
_SCALE: dict[str, tuple[int, str]] = {"만명": (10_000, "명"), "천원": (1_000, "원")}


def _text_metrics(project: int, line: Line, year: int) -> list[Record]:
    """Return the figures a project's line states, by the rules for that project."""
    rows: list[Record] = []
    for rule in _RULES.get(project, ()):
        if rule.context not in line.text:
            continue
        matches = rule.pattern.finditer(line.text) if rule.repeat else \
            [m for m in [rule.pattern.search(line.text)] if m]
        for match in matches:
            groups = match.groupdict()
            fmt = {"y": year, "py": year - 1,
                   **{k: (int(v) if v and v.isdigit() else v) for k, v in groups.items()}}
            for group, metric, label, period, unit in rule.metrics:
                value = float(groups[group].replace(",", ""))
                scale, unit = _SCALE.get(unit, (1, unit))
                value *= scale
                rows.append(_metric(project, metric, label.format(**fmt), period.format(**fmt),
                                    value, unit, line))
    return rows


def _metric(project: int, metric: str, label: str, period: str, value: float, unit: str,
            line: Line) -> Record:
    return {"project": project, "metric": metric, "label": label, "period": period,
            "value": value, "unit": unit, "source_line": line.number}

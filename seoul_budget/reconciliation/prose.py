"""Counts stated in prose: the text's figures agree with the tables and with each other.

- '6담당관 … 2사업소' on the organisation line = the departments the tables list;
- shares stated in the text (96.3% aged 50+; the staffing text's: ``stated``);
- figures a project's text adds up (259 = 37 + 222 sites; cumulative visits = monthly visits
  + the day after; the daily average; 345천원 = 1,692 − 1,347; 25 routes = 75 − 50).
"""

from __future__ import annotations

import re
from datetime import date

from .cells import CellId, Sheet
from .checks import Check, LinearCheck
from .findings import ERROR, Finding
from .formulas import rate_check

_ORG = re.compile(r"(?P<bureau>\d+)\s*정책관\s*(?P<divisions>\d+)\s*담당관"
                  r".*?(?P<offices>\d+)\s*사업소")


def _metric(sheet: Sheet, table: str, column: str, key: str) -> CellId | None:
    return sheet.find(table, key, column)


def prose_checks(sheet: Sheet) -> list[Check]:
    """Return the checks of figures stated in the text (the staffing table's:
    :func:`seoul_budget.reconciliation.stated.stated_staff_checks`)."""
    return _project_checks(sheet)


def _pm(sheet: Sheet, project: int, metric: str, period: str, label: str = "") -> CellId | None:
    key = f"{project} > {metric} > {period}" + (f" ({label})" if label else "")
    return sheet.find("project_metrics", key, "value")


def _project_checks(sheet: Sheet) -> list[Check]:
    checks: list[Check] = []
    year = sheet.report.as_of.year
    share, older, total = (_pm(sheet, 1, "consultations_age50plus_share", f"{year}H1"),
                           _pm(sheet, 1, "consultations_age50plus", f"{year}H1"),
                           _pm(sheet, 1, "consultations", f"{year}H1"))
    if share and older and total:
        checks.append(rate_check(sheet, "prose", "share", share, [(older, 1.0)], [(total, 1.0)],
                                 "50대 이상 비율 = 50대 이상 상담인원 ÷ 상담인원",
                                 "share aged 50+ = consultations 50+ / all consultations"))
    sites, roads, buildings = (_pm(sheet, 6, "address_sites", str(year)),
                               _pm(sheet, 6, "address_sites_roads", str(year)),
                               _pm(sheet, 6, "address_sites_buildings", str(year)))
    if sites and roads and buildings:
        checks.append(LinearCheck("prose", "sum", sites, "입체도로 + 입체복합시설 개소 수의 합",
                                  "sites = elevated roads + complex facilities",
                                  terms=((sites, 1.0), (roads, -1.0), (buildings, -1.0))))
    checks += _visits(sheet, year)
    checks += _stated_differences(sheet, year)
    return checks


def _visits(sheet: Sheet, year: int) -> list[Check]:
    """Return cumulative visits = monthly visits + the days after, and the daily average."""
    visits = _pm(sheet, 2, "visits", str(year))
    if visits is None:
        return []
    metrics = sheet.report.project_metrics
    monthly = metrics[(metrics.project == 2) & (metrics.metric == "monthly_visits")]
    daily = metrics[(metrics.project == 2) & (metrics.metric == "daily_visits")]
    checks: list[Check] = []
    text = sheet.lines.get(visits.source_line, "")
    span = re.search(r"\((\d{1,2})\.\s?(\d{1,2})\.\s*~\s*(\d{1,2})\.\s?(\d{1,2})\.\)", text)
    if len(monthly) and span:
        start = date(year, int(span[1]), int(span[2]))
        end = date(year, int(span[3]), int(span[4]))
        months = sorted(monthly.period)
        parts = [_pm(sheet, 2, "monthly_visits", p) for p in months]
        last = date.fromisoformat(months[-1] + "-01")
        first_after = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        days = [p for p in daily.period if first_after.isoformat() <= p <= end.isoformat()]
        parts += [_pm(sheet, 2, "daily_visits", p) for p in days]
        if all(parts) and months[0] == f"{start.year}-{start.month:02}" and (
                first_after > end or days):
            checks.append(LinearCheck(
                "prose", "sum", visits, "누적 방문수 = 월 방문수의 합 + 이후 일 방문수",
                "cumulative visits = monthly visits + the days after",
                terms=((visits, 1.0), *((p, -1.0) for p in parts if p))))
        average = _pm(sheet, 2, "visits_daily_average", str(year))
        n_days = (end - start).days + 1
        if average and n_days > 0:
            checks.append(LinearCheck(
                "prose", "average", average, f"일평균 = 누적 방문수 ÷ {n_days}일",
                f"daily average = cumulative visits / {n_days} days",
                terms=((average, 1.0), (visits, -1.0 / n_days)), exact_tol=0.5, tol=0.5))
    return checks


# A difference the text states next to the two figures it is the difference of.
_STATED = (
    (1, "monthly_wage", re.compile(r"급여\s*([\d,]+)\s*천원\s*상승"), 1_000),
    (1, "routes", re.compile(r"([\d,]+)\s*개\s*노선\s*확대"), 1),
)


def _stated_differences(sheet: Sheet, year: int) -> list[Check]:
    checks: list[Check] = []
    for project, metric, pattern, scale in _STATED:
        new, old = _pm(sheet, project, metric, str(year)), _pm(sheet, project, metric,
                                                             str(year - 1))
        if new is None or old is None:
            continue
        for number in range(min(new.source_line, old.source_line) - 1, new.source_line + 1):
            match = pattern.search(sheet.lines.get(number, ""))
            if match:
                stated = int(match[1].replace(",", "")) * scale
                checks.append(LinearCheck(
                    "prose", "difference", new,
                    f"{year} − {year - 1} = 본문의 증가분 ({number}행)",
                    f"{year} − {year - 1} = the increase the text states (line {number})",
                    terms=((new, 1.0), (old, -1.0)), constant=-stated))
                break
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

"""What a key project's text adds up: checks among the figures of ``project_metrics``, found
by what the text says of them (labels, units, periods, bullets), never by project number.

- parts and their whole: a figure whose label lists names ('가로등, 보안등 150개소')
  and, on the bullets under it, one figure of the same unit for each name;
- a share and what it is of: '(참여인원) 총 1,000명, 60대 이상 비율이 40.0%로 400명';
- a stated change: '급여 300천원 상승' beside the same figure given for two years, or
  '10개 노선 확대' beside '노선 20개 → 30개';
- a count over a span of days ('1,234명 (1.16. ~ 6.1.)') and the same count by month from
  the span's first month, with the days after the last month; its daily average
  ('일평균 9명');
- a budget line ('(사업예산) …') the parser could not read: a warning with the line, so the
  empty budget is not taken for 비예산 or for no budget line.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..parse.dates import period_end, period_year
from ..parse.document import SPECS, heading_key
from ..parse.figure_labels import CHANGES, SHARE_WORDS
from ..parse.keys import row_keys
from ..parse.project_figures import bullet_level
from ..parse.projects import UNREAD, budget_states
from ..parse.text import label_key
from ..textwidth import shorten
from .cells import CellId, Sheet
from .checks import Check, LinearCheck, rate_check
from .findings import ERROR, WARNING, Finding

_AVERAGE = "일평균"
_QUOTED_UNITS = 120  # how much of a line a message quotes (a hostile line can be any length)


def project_text_checks(sheet: Sheet) -> list[Check]:
    """Return the checks of the figures key projects' texts state about each other."""
    metrics = sheet.report.project_metrics
    if metrics.empty:
        return []
    by_project: dict[int, list[dict[str, object]]] = {}
    for row, key in zip(metrics.to_dict("records"), row_keys("project_metrics", metrics),
                        strict=True):
        row["cell"] = sheet.find("project_metrics", key, "value")
        if row["cell"] is not None:
            by_project.setdefault(int(row["project"]), []).append(row)
    checks: list[Check] = []
    for _, rows in sorted(by_project.items()):
        checks += _parts(sheet, rows) + _shares(sheet, rows) + _changes(sheet, rows)
        checks += _spans(sheet, rows)
    return checks


def _linear(sheet: Sheet, name: str, target: CellId, terms: list[tuple[CellId, float]],
            label_ko: str, label_en: str) -> LinearCheck:
    """Return ``target = Σ terms`` with one printed unit of the coarsest figure as rounding."""
    steps = [sheet.cells[c].step for c in (target, *(c for c, _ in terms))]
    money = any(sheet.cells[c].unit == "KRW" for c in (target, *(c for c, _ in terms)))
    return LinearCheck("prose", name, target, label_ko, label_en,
                       terms=((target, 1.0), *((c, -coef) for c, coef in terms)),
                       tol=max(steps) if money else 0.0)


def _core(label: str) -> str:
    """Return a label without its heading ('참여인원: 60대 이상' → '60대 이상')."""
    return label.split(": ", 1)[-1]


def _parts(sheet: Sheet, rows: list[dict[str, object]]) -> list[Check]:
    checks = []
    for whole in rows:
        names = [label_key(n) for n in _core(str(whole["label"])).split(", ")]
        if len(names) < 2:
            continue
        below = _under(sheet, int(whole["source_line"]))
        parts = [next((r for r in rows if int(r["source_line"]) in below
                       and r["unit"] == whole["unit"] and label_key(_core(str(r["label"]))) == n),
                      None) for n in names]
        if all(parts):
            checks.append(_linear(sheet, "sum", whole["cell"], [(p["cell"], 1.0) for p in parts],
                                  f"본문의 {whole['label']} = 항목별 수치의 합",
                                  f"the text's {whole['label']} = the sum of its items"))
    return checks


def _under(sheet: Sheet, line: int) -> set[int]:
    """Return the lines of the bullets under the bullet on ``line``."""
    found = set()
    number = line + 1
    while number in sheet.lines:
        text = sheet.lines[number]
        if text.strip():
            if bullet_level(text)[0] == 0:
                break
            found.add(number)
        number += 1
    return found


def _shares(sheet: Sheet, rows: list[dict[str, object]]) -> list[Check]:
    checks = []
    for share in (r for r in rows if r["unit"] == "%"):
        label = str(share["label"])
        if not any(word in label for word in SHARE_WORDS):
            continue
        of = label_key(_strip_share(label))
        heading = label_key(label.split(": ", 1)[0]) if ": " in label else ""
        same_line = [r for r in rows if r["source_line"] == share["source_line"]]
        count = next((r for r in same_line if r["unit"] != "%" and label_key(str(r["label"]))
                      == of), None)
        total = next((r for r in same_line if count is not None and r["unit"] == count["unit"]
                      and heading and label_key(str(r["label"])) == heading), None)
        if count is not None and total is not None:
            checks.append(rate_check(sheet, "prose", "share", share["cell"],
                                     [(count["cell"], 1.0)], [(total["cell"], 1.0)],
                                     f"{label} = {count['label']} ÷ {total['label']}",
                                     "a share stated in the text = its count / the total"))
    return checks


def _strip_share(label: str) -> str:
    for word in SHARE_WORDS:
        label = label.replace(word, "")
    return " ".join(label.split()).rstrip(": ").strip()


def _changes(sheet: Sheet, rows: list[dict[str, object]]) -> list[Check]:
    checks = []
    for stated in rows:
        words = str(stated["label"]).split()
        sign = CHANGES.get(words[-1]) if len(words) >= 2 else None
        if sign is None:
            continue
        subject = label_key(" ".join(words[:-1]))
        last = label_key(words[-2])
        near = [r for r in rows if r is not stated and r["unit"] == stated["unit"]
                and abs(int(r["source_line"]) - int(stated["source_line"])) <= 2]
        exact = [r for r in near if label_key(str(r["label"])) == subject]
        ending = [r for r in near if label_key(str(r["label"])).endswith(last)]
        pair = _two_years(exact) or _two_years(ending)
        if pair is not None:
            old, new = pair
            checks.append(_linear(
                sheet, "difference", stated["cell"],
                [(new["cell"], sign), (old["cell"], -sign)],
                f"본문의 {stated['label']} = {new['period']} − {old['period']} "
                f"({old['source_line']}행)",
                f"the change the text states = {new['period']} − {old['period']}"))
    return checks


def _two_years(rows: list[dict[str, object]]) -> tuple[dict[str, object], ...] | None:
    """Return (the figure of one year, the figure of the year after) when ``rows`` are one
    metric given once for each of two consecutive years, else None."""
    if len({r["metric"] for r in rows}) != 1 or len(rows) != 2:
        return None
    years = [period_year(str(r["period"])) for r in rows]
    if None in years or abs(years[0] - years[1]) != 1:
        return None
    return tuple(sorted(rows, key=lambda r: period_year(str(r["period"]))))


def _spans(sheet: Sheet, rows: list[dict[str, object]]) -> list[Check]:
    checks = []
    for total in rows:
        span = _days(str(total["period"]))
        if span is None or _AVERAGE in str(total["label"]):
            continue
        start, end = span
        name = label_key(str(total["label"]))
        related = [r for r in rows if r is not total and r["unit"] == total["unit"]
                   and name in label_key(str(r["label"]))]
        checks += _series_sum(sheet, total, related, start, end)
        average = next((r for r in related if r["period"] == total["period"]
                        and _AVERAGE in str(r["label"])), None)
        days = (end - start).days + 1
        if average is not None:
            checks.append(LinearCheck(
                "prose", "average", average["cell"], f"일평균 = {total['label']} ÷ {days}일",
                f"daily average = {total['label']} / {days} days",
                terms=((average["cell"], 1.0), (total["cell"], -1.0 / days)),
                exact_tol=0.5, tol=0.5))
    return checks


def _days(period: str) -> tuple[date, date] | None:
    """Return (first day, last day) of a span of days ('2031-01-16/2031-06-01'), or None."""
    parts = period.split("/")
    if len(parts) != 2 or any(len(p) != 10 for p in parts):
        return None
    return date.fromisoformat(parts[0]), date.fromisoformat(parts[1])


def _series_sum(sheet: Sheet, total: dict[str, object], related: list[dict[str, object]],
                start: date, end: date) -> list[Check]:
    """Return total = the months from the span's first, then each day after the last month,
    when the text gives every one of them."""
    months = sorted((r for r in related if len(str(r["period"])) == 7),
                    key=lambda r: str(r["period"]))
    expected = [f"{start.year + (start.month - 1 + n) // 12}-{(start.month - 1 + n) % 12 + 1:02d}"
                for n in range(len(months))]
    if len(months) < 2 or [str(r["period"]) for r in months] != expected:
        return []
    after = period_end(str(months[-1]["period"])) + timedelta(days=1)
    if after > end + timedelta(days=1):
        return []
    days = {str(r["period"]): r for r in related if len(str(r["period"])) == 10}
    wanted = [(after + timedelta(days=n)).isoformat() for n in range((end - after).days + 1)]
    if any(day not in days for day in wanted):
        return []
    parts = [(r["cell"], 1.0) for r in months] + [(days[d]["cell"], 1.0) for d in wanted]
    return [_linear(sheet, "sum", total["cell"], parts,
                    f"{total['label']} = 월별 수치의 합 + 이후 일별 수치",
                    f"{total['label']} = the months + the days after")]


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
                        source_line=number)]
    return []


def unread_budget_findings(sheet: Sheet) -> list[Finding]:
    """Return a warning per key project whose budget line the parser could not read (its
    budget left empty), quoting the line."""
    projects = sheet.report.projects
    unread = projects[budget_states(projects) == UNREAD]
    findings = []
    for number, key in zip(unread["source_line"], row_keys("projects", unread), strict=True):
        number = int(number)
        quoted = shorten(sheet.lines.get(number, "").strip(), _QUOTED_UNITS)
        findings.append(Finding(
            "prose", WARNING, "projects", key, "budget",
            f"주요 현안업무 {key}의 사업예산 행({number}행: {quoted})을 읽지 못해 사업예산을 "
            "비워 둠(비예산이 아님). 원문의 금액을 확인해야 함.",
            f"Key project {key}: its budget line (line {number}: {quoted}) could not be "
            "read, so its budget is left empty; it is not 비예산 (no budget). Check the "
            "report.", source_line=number))
    return findings

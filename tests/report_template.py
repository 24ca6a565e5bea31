"""The work report's template, both ways: :func:`render` prints a report model
(tests/report_model.py) as the text extraction the bundled report is, and :func:`read` reads
such a text back into a model (the bundled report included, whose misprints it corrects).

What the template prints (as the bundled report, data/raw/2023-05-31/report.txt, does):
headings with the years in them ('IV. 2023 세입 · 세출예산 세부현황'), unit and 기준 notes,
tab-separated table rows (an empty cell is a column), multi-line header rows, tables broken
over pages under a repeated header, labels spaced out letter by letter where the template
spaces them ('일 반 회 계', the settlement's department names, the revenue detail's third
page), '△' for a negative, '-' or '0' for zero as each table prints it, rates rounded half up
(one decimal, none on the revenue detail's third page), 순증 where there is no base. Totals,
subtotals and rates are computed here from the model's line items.

The reader finds rows by structure (headers, which column holds a label, which rows add up to
which), not by the bundled report's names; only the bundled report's known misprints are
corrected by name (:data:`MISPRINTS`), and its unit slips by arithmetic.

Figures are formatted and read as tests/variants.py does. Imports nothing from
``seoul_budget``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from report_model import (
    GENERAL_ACCOUNT,
    Account,
    Department,
    GlossaryTerm,
    JobGroup,
    Layout,
    Program,
    Project,
    Report,
    RevenueCategory,
    RevenueItem,
    SettlementRevenue,
    SettlementSpending,
    StaffFacts,
    revenue_rows,
    to_million,
    year_tokens,
)
from variants import format_money as money
from variants import format_rate, key, parse_money, round_half_up

# Section key -> the pattern of the heading line that opens it (a line without a tab).
HEADINGS: dict[str, str] = {
    "general": r"I\.\s*일반\s*현황",
    "organisation": r"조\s*직",
    "staffing": r"인\s*력",
    "duties": r"부서별\s*주요업무",
    "budget_overview": r"\d{4}년도\s*세입\s*·\s*세출\s*예산현황",
    "revenue_summary": r"●\s*세입\s*총괄",
    "expenditure_summary": r"●\s*세출\s*총괄",
    "projects": r"II\.\s*주요\s*현안업무",
    "budget_detail": r"IV\.\s*\d{4}\s*세입\s*·\s*세출예산\s*세부현황",
    "revenue": r"□\s*세입\s*예산\s*세부내역",
    "expenditure": r"□\s*세출예산\s*집행현황",
    "settlement": r"V\.\s*\d{4}\s*세입\s*·\s*세출\s*결산\s*현황",
    "settlement_revenue": r"□\s*세입결산",
    "settlement_expenditure": r"□\s*세출결산",
    "glossary": r"용\s*어\s*설\s*명",
}
_HEADING = {name: re.compile(rf"^{pattern}$") for name, pattern in HEADINGS.items()}

# The bundled report's misprinted labels (whitespace removed) -> what they stand for.
MISPRINTS: dict[str, str] = {
    "과정금": "과징금",  # 세입 예산 세부내역, third page
    "지방행정제재,부과금": "지방행정제재·부과금",  # the same page
    "입시적세외수입": "임시적세외수입",  # 세입 예산 세부내역, second page
}
_UL = '<ul style="list-style-type: none">'
_SUFFIXES = ("담당관", "과")  # department kinds the organisation line counts by name
_BUREAU_KINDS = ("정책관", "본부", "실", "국", "관")
# Officials on the key projects' contact lines: made up, no official's name is copied.
MADE_UP_NAMES = ("김가온", "이나래", "박다솜", "최라온", "정마루", "강바다", "조하람", "윤아름",
                 "장새벽", "임보람", "한결", "오누리")


# -- labels as the template prints them ------------------------------------------------------

def rate(numerator: int, denominator: int, decimals: int = 1) -> str:
    """Return 100 × numerator ÷ denominator as printed ('51.6%', '△0.3%'), rounded half up;
    '순증' (new this year) for a zero base."""
    return format_rate(numerator, denominator, decimals)


def spaced(text: str) -> str:
    """Return ``text`` spaced out letter by letter between Hangul ('일반회계' -> '일 반 회 계')."""
    return re.sub(r"(?<=[가-힣])(?=[가-힣])", " ", text)


def unspaced(label: str) -> str:
    """Return a printed label as a name: whitespace collapsed, and a label spaced out letter
    by letter ('기 본 경 비') joined up."""
    words = label.split()
    singles = sum(1 for w in words if re.fullmatch(r"[가-힣]", w))
    if len(words) > 2 and 2 * singles > len(words):
        return "".join(words)
    return " ".join(words)


def _day(day: date) -> str:
    return f"{day.year}. {day.month}. {day.day}."


def _short(day: date) -> str:
    return f"{day.year % 100:02d}. {day.month}. {day.day}."


# -- rendering ------------------------------------------------------------------------------

def render(report: Report) -> str:
    """Return the report printed in the template, as a text extraction (no final newline)."""
    lines = [*_cover(report), *_staffing(report), *_duties(report), *_overview(report),
             *_projects(report), *_revenue_detail(report), *_execution(report),
             *_settlement(report), *_glossary(report)]
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def bureau_kind(bureau: str) -> str:
    """Return what a bureau is ('정책관', '본부', '실' …) from the end of its name."""
    return next((kind for kind in _BUREAU_KINDS if bureau.endswith(kind)), "관")


def department_kind(name: str) -> str:
    """Return how the organisation line counts a department: 담당관, 과, or 사업소 (a centre,
    an institute or an office: 센터, 원, 사업소)."""
    return next((kind for kind in _SUFFIXES if name.endswith(kind)), "사업소")


def organisation_line(report: Report) -> str:
    """Return the organisation line ('..... 1정책관 6담당관 27팀, 2사업소')."""
    kinds = [department_kind(d.name) for d in report.departments]
    parts = [f"{kinds.count(kind)}{kind}" for kind in _SUFFIXES if kind in kinds]
    offices = kinds.count("사업소")
    line = f"..... 1{bureau_kind(report.bureau)} {' '.join(parts)} {report.teams}팀"
    return line + (f", {offices}사업소" if offices else "")


def _cover(report: Report) -> list[str]:
    after = report.as_of.replace(day=1)
    presented = (date(after.year + 1, 1, 1) if after.month == 12
                 else after.replace(month=after.month + 1))
    return ["", f"{report.fiscal_year}년 주요 업무보고", "", " ",
            f"{presented.year}. {presented.month}.", "", report.bureau, "",
            "I. 일반 현황", "", "조 직", "", organisation_line(report), "", "", ""]


def _category_header(category: str) -> str:
    return category[:2] + " " + category[2:] if len(category) >= 4 else category


def _staffing(report: Report) -> list[str]:
    width = len(report.categories)
    top = ["구 분", "정원", "직종별 현원"] + [""] * width + ["과부족"]
    groups = ["", "", "합계"]
    names = ["", "", ""]
    for group in report.job_groups:
        if len(group.categories) == 1:
            groups.append(_category_header(group.name))
            names.append("")
        else:
            groups += [group.name] + [""] * (len(group.categories) - 1)
            names += [_category_header(c) for c in group.categories]
    current = sum(d.current for d in report.departments)
    total = ["계", str(sum(d.authorized for d in report.departments)), str(current)]
    for category in report.categories:
        count = sum(d.headcount.get(category, 0) for d in report.departments)
        total.append(f"{count} ({rate(count, current)})")
    surplus = sum(d.current - d.authorized for d in report.departments)
    rows = ["\t".join(top), "\t".join(groups + [""]), "\t".join(names + [""]),
            "\t".join(total + [_surplus(surplus)])]
    for dept in report.departments:
        cells = [dept.name, str(dept.authorized), str(dept.current)]
        cells += [str(dept.headcount[c]) if dept.headcount.get(c) else ""
                  for c in report.categories]
        rows.append("\t".join(cells + [_surplus(dept.current - dept.authorized)]))
    facts = report.facts
    certified = sum(n for _, n in facts.certified)
    return ["인 력", "", f"({_day(report.as_of)} 기준)", "", *rows, "",
            f"※ 5급 팀장 이상 {facts.team_leaders}명 중 관련분야 직렬"
            f"({'·'.join(facts.related_series)} 등) 총 {facts.related}명"
            f"({rate(facts.related, facts.team_leaders)})", "",
            f"전체 직원({current}명) 중 전문자격증 소지자({rate(certified, current)}) : "
            + ", ".join(f"{name} 분야 {n}명" for name, n in facts.certified), ""]


def _surplus(value: int) -> str:
    return "-" if value == 0 else (f"+{value}" if value > 0 else f"△{-value}")


def _duties(report: Report) -> list[str]:
    lines = ["부서별 주요업무", ""]
    size = report.layout.duties_per_page
    for start in range(0, len(report.departments), size):
        lines.append("부서(기관)별\t주요업무")
        for dept in report.departments[start:start + size]:
            lines.append(f"{dept.name}\t{_UL} " + " ".join(f"· {d}" for d in dept.duties))
        lines.append("")
    return lines


def _change_cells(budget: int, previous: int, zero: str = "0", decimals: int = 1) -> list[str]:
    return [money(budget, zero), money(previous, zero), money(budget - previous, "-"),
            rate(budget - previous, previous, decimals)]


def _overview(report: Report) -> list[str]:
    fy, short = report.fiscal_year, _short(report.as_of)
    revenue = [f"계\t{chr(9).join(_change_cells(*_revenue_total(report)))}"]
    revenue += [f"{node.name}\t" + "\t".join(_change_cells(node.budget, node.previous))
                for _, node in revenue_rows(report.revenue)
                if isinstance(node, RevenueCategory)]
    rows: list[list[str]] = []
    for dept in budgeted(report):
        rows.append([dept.name, *_summary_cells(dept.budget,
                                                sum(a.previous_budget for a in dept.accounts),
                                                sum(a.committed for a in dept.accounts))])
        if len(dept.accounts) > 1:
            rows += [[a.name, *_summary_cells(a.budget, a.previous_budget, a.committed)]
                     for a in dept.accounts]
    accounts = [a for d in report.departments for a in d.accounts]
    total = ["계", *_summary_cells(sum(a.budget for a in accounts),
                                   sum(a.previous_budget for a in accounts),
                                   sum(a.committed for a in accounts))]
    return [f"{fy}년도 세입·세출 예산현황", "", "● 세입 총괄", "",
            f"('{short} 기준, 단위: 천원, %)", "",
            f"구분\t{fy} 본예산\t{fy - 1} 최종예산\t증 감\t", "\t\t\t증감액\t증감률",
            *revenue, "", "● 세출 총괄", "", f"('{short} 기준, 단위: 천원)", "",
            f"구분\t{fy} 예산현액\t{fy - 1} 최종예산\t증 감\t\t집행현황\t",
            "\t\t\t증감액\t증감률\t집행액\t집행률",
            *("\t".join(row) for row in [total, *rows]), "",
            f"※ '{fy % 100:02d}년 당초예산 + 이월액 = '{fy % 100:02d}년 예산현액", "",
            "※ 집행액은 원인행위 기준", ""]


def _revenue_total(report: Report) -> tuple[int, int]:
    return (sum(c.budget for c in report.revenue), sum(c.previous for c in report.revenue))


def budgeted(report: Report) -> list[Department]:
    """Return the departments the budget tables print: those with an account (a department
    with none is staffed but has no row in 세출 총괄 or 집행현황)."""
    return [dept for dept in report.departments if dept.accounts]


def _summary_cells(budget: int, previous: int, committed: int) -> list[str]:
    return [money(budget), money(previous), money(budget - previous, "-"),
            rate(budget - previous, previous), money(committed), rate(committed, budget)]


def contact_line(report: Report, number: int, project: Project) -> str:
    """Return a key project's contact line: roles, made-up names and phone extensions."""
    head = project.department + ("소장" if project.chief else "")
    names = [MADE_UP_NAMES[(3 * number + k) % len(MADE_UP_NAMES)] for k in range(3)]
    base = 2000 + (97 * number + 13 * len(report.bureau)) % 7000
    return (f"{head} : {names[0]} ☎2133-{base:04d} {project.team} : {names[1]} "
            f"☎{base + 2:04d} 담당 : {names[2]} ☎{base + 5:04d}")


def _project_line(report: Report, project: Project, line: str) -> str:
    budget = report.project_budget(project)
    line = line.replace("<<budget>>", "비예산" if budget is None else f"{budget:,}백만원")
    line = line.replace("<<기준>>", f"'{report.as_of.year % 100:02d}.{report.as_of.month}."
                        f"{report.as_of.day}. 기준")
    return year_tokens(line, report.fiscal_year)


def _projects(report: Report) -> list[str]:
    lines = ["II. 주요 현안업무", ""]
    for number, project in enumerate(report.projects, start=1):
        lines += [f"{number}. {project.title}", ""]
    for number, project in enumerate(report.projects, start=1):
        lines += [f"{number}. {project.title}", "", contact_line(report, number, project), "",
                  *(_project_line(report, project, line) for line in project.lines), ""]
    return lines


def _revenue_detail(report: Report) -> list[str]:
    fy = report.fiscal_year
    rows: list[tuple[int, str, int, int]] = [(0, "계", *_revenue_total(report))]
    for path, node in revenue_rows(report.revenue):
        depth = len(path) if isinstance(node, RevenueCategory) else 4
        rows.append((depth, node.name, node.budget, node.previous))
    first, second = report.layout.revenue_pages
    pages = [rows[:first], rows[first:first + second]]
    rest = rows[first + second:]
    pages += [rest[i:i + second] for i in range(0, len(rest), second)]
    lines = [f"IV. {fy} 세입 · 세출예산 세부현황", "", "□ 세입 예산 세부내역", "",
             f"(’{_short(report.as_of)}기준, 단위 : 천원)", ""]
    for number, page in enumerate(p for p in pages if p):
        lines += _revenue_page(fy, min(number, 2), page) + [""]
    return lines


def _revenue_page(fy: int, style: int, rows: list[tuple[int, str, int, int]]) -> list[str]:
    """Return one page of the revenue detail in one of the template's three page layouts."""
    if style == 0:
        out = [f"구\t분\t{fy}년 예산 현액\t{fy - 1}년 최종 예산\t{fy - 1}년 증감 액\t대비 증감 율"]
    elif style == 1:
        out = [f"구\t분\t{fy}년 예산현액\t{fy - 1}년 최종예산\t{fy - 1}년\t\t대비 증감율",
               "\t\t\t\t증감액\t증감율\t"]
    else:
        this, last = " ".join(str(fy)), " ".join(str(fy - 1))
        out = [f"구\t분\t{this} 년\t{last} 년\t{last} 년\t대 비\t",
               "\t\t예 산 현 액\t최 종 예 산\t증 감 액\t증 감 율\t"]
    for depth, name, budget, previous in rows:
        if style == 2:
            label = name if depth == 4 else spaced(name)
            cells = ["", "", label, *_change_cells(budget, previous, "-", 0)]
        else:
            labels = ["", name] if depth == 4 else [name, ""]
            figures = _change_cells(budget, previous)
            cells = labels + (figures if style == 0 else figures[:3] + ["", figures[3]])
        out.append("\t".join(cells))
    return out


def _execution_cells(budget: int, committed: int, spent: int) -> list[str]:
    return [money(budget), money(committed), money(spent), rate(committed, budget),
            rate(spent, budget)]


def _execution(report: Report) -> list[str]:
    groups: list[list[tuple[bool, str, list[str]]]] = []  # (a heading row?, label, figures)
    for dept in budgeted(report):
        group = [(True, dept.label or dept.name,
                  _execution_cells(dept.budget, sum(a.committed for a in dept.accounts),
                                   sum(a.spent for a in dept.accounts)))]
        for account in dept.accounts:
            group.append((True, spaced(account.name),
                          _execution_cells(account.budget, account.committed, account.spent)))
            group += [(False, p.label or p.name, _execution_cells(p.budget, p.committed, p.spent))
                      for p in account.programs]
        groups.append(group)
    accounts = [a for d in report.departments for a in d.accounts]
    bureau = (False, report.bureau, _execution_cells(sum(a.budget for a in accounts),
                                                     sum(a.committed for a in accounts),
                                                     sum(a.spent for a in accounts)))
    pages: list[list[tuple[bool, str, list[str]]]] = [[bureau]]
    for group in groups:
        if len(pages[-1]) + len(group) > report.layout.execution_rows and pages[-1] != [bureau]:
            pages.append([])
        pages[-1] += group
    lines = ["□ 세출예산 집행현황", "", f"(’{_short(report.as_of)} 기준, 단위 : 천원)", ""]
    for number, page in enumerate(pages):
        lines += ["구\t분\t예산현액\t집행액\t\t집행률 (%)\t",
                  "\t\t\t원인행위액\t지출액\t원인행위\t지출액"]
        for heading, label, figures in page:
            labels = [label, ""] if heading and number > 0 else ["", label]
            lines.append("\t".join(labels + figures))
        lines.append("")
    return lines


def _settled(values: Sequence[int]) -> list[str]:
    return [money(to_million(v), "-") for v in values]


def _settlement(report: Report) -> list[str]:
    year = report.settlement_year
    revenue = report.settlement_revenue
    sums = [sum(getattr(r, f) for r in revenue)
            for f in ("budget", "assessed", "collected", "written_off", "outstanding")]
    rows = [["총 계", *_settled(sums)], [f"소 계 ({spaced(GENERAL_ACCOUNT)})", *_settled(sums)]]
    for top in dict.fromkeys(r.path[0] for r in revenue):
        lines_of = [r for r in revenue if r.path[0] == top]
        figures = [sum(getattr(r, f) for r in lines_of)
                   for f in ("budget", "assessed", "collected", "written_off", "outstanding")]
        rows.append([spaced(top), *_settled(figures)])
        rows += [[spaced(r.path[-1]), *_settled([r.budget, r.assessed, r.collected,
                                                 r.written_off, r.outstanding])]
                 for r in lines_of if len(r.path) > 1]
    spending = report.settlement_spending
    out = [f"V. {year} 세입 · 세출 결산 현황", "", "□ 세입결산", "", "(단위 : 백만원)", "",
           "항 목\t예산현액\t징수결정액\t실제수납액\t불납결손액\t미수납액",
           *("\t".join(row) for row in rows), "", "□ 세출결산", "", "(단위 : 백만원)", "",
           "부 서 명\t예산현액 (A)\t지 출 액 (B)\t이 월 액 (C)\t보조금반납액 (D)\t"
           "집행잔액 (E=A-B-C-D)\t집행률 (F=(B+C+D)/A)",
           "\t".join(["총 계", *_spending_cells(spending)])]
    for account in dict.fromkeys(s.account for s in spending):
        out.append("\t".join([f"소 계 ({spaced(account)})",
                              *_spending_cells([s for s in spending if s.account == account])]))
    for department in dict.fromkeys(s.department for s in spending):
        lines_of = [s for s in spending if s.department == department]
        out.append("\t".join([spaced(department), *_spending_cells(lines_of)]))
        if len(lines_of) > 1:
            out += ["\t".join([spaced(s.account), *_spending_cells([s])]) for s in lines_of]
    return out + [""]


def _spending_cells(lines: Sequence[SettlementSpending]) -> list[str]:
    a, b, c, d = (sum(getattr(s, f) for s in lines)
                  for f in ("budget", "spent", "carried_over", "subsidy_returned"))
    return [*_settled([a, b, c, d, a - b - c - d]), rate(b + c + d, a)]


def _glossary(report: Report) -> list[str]:
    if not report.glossary:
        return []
    lines = ["용 어 설 명", ""]
    for term in report.glossary:
        lines += [f"■ {term.term}", "", f"업무보고 p.{term.page}", "", *term.lines, ""]
    return lines


# -- reading ---------------------------------------------------------------------------------

def section_bounds(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Return {section: [start, end) line indices}: from its heading to the next heading.

    Raises ValueError for a heading that appears twice."""
    found: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if "\t" in line:
            continue
        for name, pattern in _HEADING.items():
            if pattern.match(line.strip()):
                if any(n == name for _, n in found):
                    raise ValueError(f"line {index + 1}: a second heading {line.strip()!r}")
                found.append((index, name))
    ends = [index for index, _ in found[1:]] + [len(lines)]
    return {name: (start, end) for (start, name), end in zip(found, ends, strict=True)}


def _tables(lines: Sequence[str], start: int, end: int) -> list[list[list[str]]]:
    """Return the tables (runs of tab-separated lines) of a section, as rows of cells."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*lines[start:end], ""]:
        if "\t" in line:
            current.append([c.strip() for c in line.split("\t")])
        elif current:
            tables.append(current)
            current = []
    return tables


def read(text: str) -> Report:
    """Return the report model a text in the template holds.

    Raises ValueError (naming what is missing) for a text it cannot read.
    """
    lines = text.split("\n")
    bounds = section_bounds(lines)
    missing = [s for s in HEADINGS if s != "glossary" and s not in bounds]
    if missing:
        raise ValueError(f"the text has no section {', '.join(missing)}")
    cover = [line.strip() for line in lines[:bounds["general"][0]] if line.strip()]
    title = next(re.fullmatch(r"(\d{4})년 주요 업무보고", c) for c in cover
                 if re.fullmatch(r"(\d{4})년 주요 업무보고", c))
    staffing_text = "\n".join(lines[slice(*bounds["staffing"])])
    as_of = re.search(r"\((\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.\s*기준\)", staffing_text)
    if as_of is None:
        raise ValueError("the staffing section prints no '(YYYY. M. D. 기준)'")
    organisation = "\n".join(lines[slice(*bounds["organisation"])])
    groups, staff = _read_staffing(lines, bounds["staffing"])
    duties = _read_duties(lines, bounds["duties"])
    names = [name for name, _, _ in staff]
    programs, labels = _read_execution(lines, bounds["expenditure"], names)
    previous = _read_summary(lines, bounds["expenditure_summary"], names, programs)
    departments = tuple(
        Department(name, authorized, headcount, duties[name],
                   tuple(Account(acct, previous[(name, acct)], tuple(progs))
                         for acct, progs in programs[name].items()), labels.get(name, ""))
        for name, authorized, headcount in staff)
    revenue = _read_revenue(lines, bounds["revenue"])
    return Report(
        bureau=cover[-1], fiscal_year=int(title[1]),
        as_of=date(int(as_of[1]), int(as_of[2]), int(as_of[3])),
        teams=int(re.search(r"(\d+)\s*팀", organisation)[1]), job_groups=groups,
        departments=departments, revenue=revenue,
        settlement_revenue=_read_settlement_revenue(lines, bounds["settlement_revenue"],
                                                    revenue),
        settlement_spending=_read_settlement_spending(lines, bounds["settlement_expenditure"],
                                                      names),
        projects=_read_projects(lines, bounds["projects"], departments, int(title[1])),
        facts=_read_facts(staffing_text), glossary=_read_glossary(lines, bounds.get("glossary")),
        layout=_read_layout(lines, bounds))


def _read_staffing(lines: Sequence[str], bounds: tuple[int, int]) -> tuple[
        tuple[JobGroup, ...], list[tuple[str, int, dict[str, int]]]]:
    """Return the job groups of the staffing header and (name, 정원, 현원 by category) rows."""
    table = _tables(lines, *bounds)[0]
    total = next(i for i, row in enumerate(table) if key(row[0]) == "계")
    header = table[:total]
    groups: list[JobGroup] = []
    columns: list[str] = []
    for column in range(3, len(header[0]) - 1):
        group = header[1][column] if len(header) > 1 and column < len(header[1]) else ""
        name = header[2][column] if len(header) > 2 and column < len(header[2]) else ""
        if group and name:
            groups.append(JobGroup(key(group), (key(name),)))
        elif group:
            groups.append(JobGroup(key(group), (key(group),)))
        elif name:
            last = groups[-1]
            groups[-1] = JobGroup(last.name, (*last.categories, key(name)))
        columns.append(key(name or group))
    staff = []
    for row in table[total + 1:]:
        headcount = {c: parse_money(row[3 + i]) for i, c in enumerate(columns)
                     if parse_money(row[3 + i])}
        if sum(headcount.values()) != int(row[2]):
            raise ValueError(f"staffing row {row[0]}: 현원 {row[2]} is not the sum by category")
        staff.append((row[0], int(row[1]), headcount))
    return tuple(groups), staff


def _read_facts(text: str) -> StaffFacts:
    leaders = re.search(r"5급 팀장 이상\s*(\d+)명 중 관련분야 직렬\((.*?)\s*등\)\s*총\s*(\d+)명",
                        text)
    certified = re.search(r"전문자격증 소지자\([\d.]+%\)\s*:\s*(.*)", text)
    if leaders is None or certified is None:
        raise ValueError("the staffing section states no 5급 팀장 or 전문자격증 figures")
    fields = tuple((m[1], int(m[2])) for m in
                   re.finditer(r"(\S+) 분야\s*(\d+)명", certified[1]))
    return StaffFacts(int(leaders[1]), int(leaders[3]), tuple(leaders[2].split("·")), fields)


def _read_duties(lines: Sequence[str], bounds: tuple[int, int]) -> dict[str, tuple[str, ...]]:
    duties = {}
    for table in _tables(lines, *bounds):
        for row in table[1:]:
            text = re.sub(r"<[^>]*>", " ", row[1])
            parts = re.split(r"(?:^|\s)·\s", " " + text)
            duties[row[0]] = tuple(" ".join(p.split()) for p in parts if p.strip())
    return duties


def _read_execution(lines: Sequence[str], bounds: tuple[int, int], names: list[str]) -> tuple[
        dict[str, dict[str, list[Program]]], dict[str, str]]:
    """Return {department: {account: programs}} of 세출예산 집행현황 and the departments'
    printed labels where they differ from their names.

    A row's level: the first row is the bureau's; a label ending in 회계 is an account; a
    label that is a department's name (spaces aside) a department; the rest are programs.
    A program printing more committed or spent than its budget printed those two in 원 in a
    천원 table (the bundled report's line 580): they are read in 천원, rounded half up.
    """
    programs: dict[str, dict[str, list[Program]]] = {}
    labels: dict[str, str] = {}
    by_key = {key(name): name for name in names}
    department = account = ""
    rows = [row for table in _tables(lines, *bounds) for row in table[2:]]
    for row in rows[1:]:
        label = row[0] or row[1]
        budget, committed, spent = (parse_money(c) for c in row[2:5])
        if key(label).endswith("회계"):
            account = key(label)
            programs[department][account] = []
        elif key(label) in by_key:
            department = by_key[key(label)]
            programs[department] = {}
            if label != department:
                labels[department] = label
        else:
            if committed > budget or spent > budget:
                committed, spent = (int(round_half_up(Fraction(v, 1000)))
                                    for v in (committed, spent))
            name = unspaced(label)
            programs[department][account].append(
                Program(name, budget, committed, spent, label if label != name else ""))
    return programs, labels


def _read_summary(lines: Sequence[str], bounds: tuple[int, int], names: list[str],
                  programs: dict[str, dict[str, list[Program]]]) -> dict[tuple[str, str], int]:
    """Return {(department, account): previous year's final budget} from 세출 총괄.

    Its department rows follow the staffing table's order (the bundled report prints them
    garbled: '정보시설팀관'); a department with one account prints no account rows.
    """
    previous: dict[tuple[str, str], int] = {}
    rows = _tables(lines, *bounds)[0][2:]
    order = iter(names)
    department = ""
    for row in rows[1:]:
        if key(row[0]).endswith("회계"):
            previous[(department, key(row[0]))] = parse_money(row[2])
        else:
            department = next(order)
            if len(programs[department]) == 1:
                previous[(department, next(iter(programs[department])))] = parse_money(row[2])
    return previous


def _revenue_cells(row: list[str], style: int) -> tuple[str, int, int]:
    """Return (label, budget, previous) of a revenue detail row in a page layout."""
    if style == 2:
        return row[2], parse_money(row[3]), parse_money(row[4])
    return row[0] or row[1], parse_money(row[2]), parse_money(row[3])


def _read_revenue(lines: Sequence[str], bounds: tuple[int, int]) -> tuple[RevenueCategory, ...]:
    """Return the revenue tree of 세입 예산 세부내역: three levels of categories over items.

    A row's level is found by the figures: a category's rows beneath add up to it in both
    columns, so the tree is read top down, each category taking rows until they add up.
    A row printing no label (the bundled report's lines 433-434) is given a made-up one.
    """
    rows: list[tuple[str, int, int]] = []
    unnamed = 0
    for number, table in enumerate(_tables(lines, *bounds)):
        style = min(number, 2)
        data = [r for r in table if any(re.fullmatch(r"△?[\d,]+", c) for c in r)]
        for row in data:
            label, budget, previous = _revenue_cells(row, style)
            if not label:
                unnamed += 1
                label = f"미기재 항목 {unnamed}"
            rows.append((MISPRINTS.get(key(label), unspaced(label)), budget, previous))
    if key(rows[0][0]) != "계":
        raise ValueError("the revenue detail does not start with its total (계)")
    position = 1

    def take(depth: int, budget: int, previous: int) -> tuple[RevenueCategory | RevenueItem, ...]:
        nonlocal position
        children: list[RevenueCategory | RevenueItem] = []
        filled = [0, 0]
        while not children or filled != [budget, previous]:
            if position >= len(rows):
                raise ValueError(f"revenue rows end before adding up to {budget}, {previous}")
            name, b, p = rows[position]
            position += 1
            if depth == 3:
                children.append(RevenueItem(name, b, p))
            else:
                children.append(RevenueCategory(name, take(depth + 1, b, p)))
            filled = [filled[0] + b, filled[1] + p]
        return tuple(children)

    tree = take(0, rows[0][1], rows[0][2])
    if position != len(rows):
        raise ValueError(f"revenue row {rows[position][0]!r} is beyond the total (계)")
    return tuple(c for c in tree if isinstance(c, RevenueCategory))


def _read_settlement_revenue(lines: Sequence[str], bounds: tuple[int, int],
                             revenue: tuple[RevenueCategory, ...]) -> tuple[
                                 SettlementRevenue, ...]:
    """Return the finest lines of 세입결산 (백만원 read as 천원), placed in the revenue tree."""
    paths = {key(path[-1]): path for path, node in revenue_rows(revenue)
             if isinstance(node, RevenueCategory)}
    rows = []
    for row in _tables(lines, *bounds)[0][1:]:
        if key(row[0]) in ("총계", "계") or key(row[0]).startswith("소계"):
            continue
        path = paths[MISPRINTS.get(key(row[0]), key(row[0]))]
        rows.append((path, [1000 * parse_money(c) for c in row[1:6]]))
    leaves = [(path, figures) for path, figures in rows
              if not any(p[:len(path)] == path and p != path for p, _ in rows)]
    return tuple(SettlementRevenue(path, *figures[:4]) for path, figures in leaves)


def _read_settlement_spending(lines: Sequence[str], bounds: tuple[int, int],
                              names: list[str]) -> tuple[SettlementSpending, ...]:
    """Return the department × account lines of 세출결산 (백만원 read as 천원).

    A 보조금반납액 (D) printed in 천원 in this 백만원 table (the bundled report's line 614) is
    found by arithmetic: E = A − B − C − D holds only with D ÷ 1,000. Departments are named by
    the staffing table where a printed name matches one (spaces aside), else as printed.
    """
    by_key = {key(name): name for name in names}
    lines_out: list[SettlementSpending] = []
    department = ""
    pending: SettlementSpending | None = None
    for row in _tables(lines, *bounds)[0][1:]:
        label = key(row[0])
        if label in ("총계", "계") or label.startswith("소계"):
            continue
        a, b, c, d, e = (parse_money(cell) for cell in row[1:6])
        d_thousands = 1000 * d if abs(a - b - c - d - e) <= 2 else d
        line = SettlementSpending(department, label, 1000 * a, 1000 * b, 1000 * c, d_thousands)
        if label.endswith("회계"):
            pending = None
            lines_out.append(line)
        else:
            if pending is not None:
                lines_out.append(pending)
            department = by_key.get(label, label)
            pending = replace(line, department=department, account=GENERAL_ACCOUNT)
    if pending is not None:
        lines_out.append(pending)
    return tuple(lines_out)


_PROJECT = re.compile(r"^(\d{1,2})\.\s*(\S.*)$")
_YEAR4 = re.compile(r"(?<![\d,.])(20[12]\d)(?![\d,㎡]|세대)")
# "'23.5." and "'23~'28년" are years, and '~27년' after one; '~11.' is a month
_YEAR2 = re.compile(r"(?<=['’])(\d{2})(?=[.년~\s])|(?<=~)(\d{2})(?=년)")


def tokenize_years(line: str, fiscal_year: int) -> str:
    """Return a project line with its years as tokens relative to ``fiscal_year`` ('2023' ->
    '<<Y>>', "'22." -> "'<<y-1>>."), so the line can be printed for another year; figures that
    only look like years (2030세대, 2000㎡) stay."""

    def token(kind: str, year: int) -> str:
        offset = year - fiscal_year
        return f"<<{kind}{offset:+d}>>" if offset else f"<<{kind}>>"

    line = _YEAR4.sub(lambda m: token("Y", int(m[1])), line)
    return _YEAR2.sub(lambda m: token("y", 2000 + int(m[1] or m[2])), line)


def _read_projects(lines: Sequence[str], bounds: tuple[int, int],
                   departments: tuple[Department, ...], fiscal_year: int) -> tuple[Project, ...]:
    """Return the key projects: title, department (the contact line's first role), budget
    (a program of the department printing the same 백만원, else the printed figure)."""
    start, end = bounds
    headings = [i for i in range(start + 1, end)
                if "\t" not in lines[i] and _PROJECT.match(lines[i].strip())]
    count = max(int(_PROJECT.match(lines[i].strip())[1]) for i in headings)
    bodies = headings[count:]
    projects = []
    for position, heading in enumerate(bodies):
        stop = bodies[position + 1] if position + 1 < len(bodies) else end
        title = _PROJECT.match(lines[heading].strip())[2]
        contact = next(i for i in range(heading + 1, stop) if "☎" in lines[i])
        roles = [part.split(":")[0].strip() for part in re.split(r"☎\s*[\d-]+", lines[contact])]
        department = max((d for d in departments if key(roles[0]).startswith(key(d.name))),
                         key=lambda d: len(d.name))
        body = list(lines[contact + 1:stop])
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        budget: int | None = None
        programs: tuple[str, ...] = ()
        for index, line in enumerate(body):
            match = re.search(r"\(사업예산\)\s*(?:([\d,]+)백만원|비예산)", line)
            if match:
                body[index] = line[:match.start()] + "(사업예산) <<budget>>" + line[match.end():]
                budget = parse_money(match[1]) if match[1] else None
                programs = tuple(p.name for _, p in department.programs()
                                 if budget is not None and to_million(p.budget) == budget)[:1]
        projects.append(Project(
            title=title, department=department.name, programs=programs,
            budget=None if programs else budget,
            lines=tuple(tokenize_years(line, fiscal_year) for line in body),
            chief=key(roles[0]) != key(department.name), team=roles[1]))
    return tuple(projects)


def _read_glossary(lines: Sequence[str], bounds: tuple[int, int] | None) -> tuple[
        GlossaryTerm, ...]:
    if bounds is None:
        return ()
    terms: list[GlossaryTerm] = []
    entries = [i for i in range(*bounds) if lines[i].startswith("■")]
    for position, start in enumerate(entries):
        stop = entries[position + 1] if position + 1 < len(entries) else bounds[1]
        page = next(i for i in range(start, stop) if lines[i].startswith("업무보고 p."))
        body = list(lines[page + 1:stop])
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        terms.append(GlossaryTerm(lines[start][1:].strip(), int(lines[page].split("p.")[1]),
                                  tuple(body)))
    return tuple(terms)


def _read_layout(lines: Sequence[str], bounds: dict[str, tuple[int, int]]) -> Layout:
    duties = _tables(lines, *bounds["duties"])
    revenue = _tables(lines, *bounds["revenue"])
    data = [sum(1 for r in t if any(re.fullmatch(r"△?[\d,]+", c) for c in r)) for t in revenue]
    execution = _tables(lines, *bounds["expenditure"])
    return Layout(duties_per_page=len(duties[0]) - 1,
                  revenue_pages=(data[0], data[1] if len(data) > 1 else data[0]),
                  execution_rows=max(len(t) - 2 for t in execution))


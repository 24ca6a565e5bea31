"""Later months of the bundled work report, made from its text: a generator for tests.

Every function takes the report TEXT and returns new text (str -> str). Nothing here reads or
writes a file except :func:`bundled_text`, which only reads the bundled report. Lines are
edited in place, table cells keep their tabs, and every line an operation has no reason to
touch stays byte-identical. Figures are written the report's way: thousands separators, △ for
a negative, '-' for a zero change in 세출 총괄, '0' for a zero in 집행현황, rates rounded half
up (away from zero) to the decimals the replaced cell printed, 순증 where the base is zero.

Money passed to or returned from these functions is in 천원, the unit of the 2023 tables.

The transformation reads the text with its own small structures (section headings, rows found
by label with whitespace removed, so '빅 데이터 담당관' matches '빅데이터담당관'): it imports
nothing from ``seoul_budget``, so the package under test is only ever used to verify output.

How figures depend on each other (what an edit of 세출예산 집행현황 recomputes):

- 집행현황: every account, department and bureau subtotal above a changed program moves by
  the program's change (a delta, so the document's own rounding offsets of 1 천원 stay), and
  each rate whose numerator or denominator changed is recomputed from the row's printed figures;
- 세출 총괄: the department row (and its 일반회계/특별회계 row where the summary splits the
  department) and 계 take the same change of 2023 예산현액 (so 증감액 and 증감률) and of 집행액,
  which is 원인행위액 ("※ 집행액은 원인행위 기준"); 집행률 is recomputed. A department that has no
  row in 세출 총괄 (see :func:`add_department_only_in_execution`) changes nothing there;
- 주요 현안업무: projects 2 and 3 print their program's 예산현액 in 백만원 (메타버스 서울 추진,
  빅 데이터 분석 서비스); a budget change of those programs rewrites the (사업예산) line.
"""

from __future__ import annotations

import calendar
import math
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

from bundled import with_aliases

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "raw" / "2023-05-31" / "report.txt"

# Section key -> the heading line that opens it (the report's own headings).
HEADINGS: dict[str, str] = {
    "staffing": "인 력",
    "duties": "부서별 주요업무",
    "budget_overview": "2023년도 세입·세출 예산현황",
    "revenue_summary": "● 세입 총괄",
    "expenditure_summary": "● 세출 총괄",
    "projects": "II. 주요 현안업무",
    "budget_detail": "IV. 2023 세입 · 세출예산 세부현황",
    "revenue": "□ 세입 예산 세부내역",
    "expenditure": "□ 세출예산 집행현황",
    "settlement": "V. 2022 세입 · 세출 결산 현황",
    "settlement_revenue": "□ 세입결산",
    "settlement_expenditure": "□ 세출결산",
    "glossary": "용 어 설 명",
}
# Tables a department is named in (the keys ``rename_department(table=...)`` accepts).
DEPARTMENT_TABLES = ("staffing", "duties", "expenditure_summary", "projects", "expenditure",
                     "settlement_expenditure")

BUREAU = "디지털정책관"  # the bureau's own row in 집행현황 is the grand total
ACCOUNTS = ("일반회계", "특별회계", "도시개발특별회계")
TOTAL_LABELS = ("계", "합계", "총계")
# How 세출 총괄 prints the 2023 departments (garbled or abbreviated), as read in the report.
SUMMARY_NAMES: dict[str, str] = {
    "디지탈정책관": "디지털정책담당관",
    "빅데이터관": "빅데이터담당관",
    "정보시설팀관": "정보시스템담당관",
    "정보당공개관": "정보공개담당관",
    "공간당정보관": "공간정보담당관",
    "정보통신보안관": "정보통신보안담당관",
}
# Programs whose 예산현액 a key project prints as its (사업예산), in 백만원: program -> project.
PROJECT_PROGRAMS: dict[str, int] = {"메타버스서울추진": 2, "빅데이터분석서비스": 3}
# The account labels 집행현황 prints, spaced out.
_SPACED_ACCOUNTS = {"일반회계": "일 반 회 계", "특별회계": "특 별 회 계"}
UNITS: dict[str, int] = {"원": 1, "천원": 1_000, "백만원": 1_000_000}

# Money in 집행현황: budget, committed (원인행위액), spent (지출액); then the two rates.
_EXEC_MONEY, _EXEC_RATES = (2, 3, 4), (5, 6)
# 세출 총괄: 2023 예산현액, 2022 최종예산, 증감액, 증감률, 집행액, 집행률.
_S_BUDGET, _S_2022, _S_CHANGE, _S_CHANGE_RATE, _S_COMMITTED, _S_RATE = range(1, 7)


class Program(NamedTuple):
    """A program row of 집행현황 as printed (labels as printed, money in 천원, 1-based line)."""

    department: str
    account: str
    name: str
    budget: int
    committed: int
    spent: int
    line: int


class NewProgram(NamedTuple):
    """A program to insert (money in 천원)."""

    department: str
    account: str
    name: str
    budget: int
    committed: int = 0
    spent: int = 0


class ProgramRef(NamedTuple):
    """A program of 집행현황 named by department, account and program label."""

    department: str
    account: str
    name: str


class BudgetChange(NamedTuple):
    """A program's new 예산현액 (추경, 이용·전용), in 천원."""

    department: str
    account: str
    program: str
    new_budget: int


# -- text and numbers -----------------------------------------------------------------------

def bundled_text() -> str:
    """Return the bundled report's text (data/raw/2023-05-31/report.txt), read only."""
    return BUNDLED.read_text(encoding="utf-8")


def key(label: str) -> str:
    """Return a label with all whitespace removed ('빅 데이터 담당관' -> '빅데이터담당관')."""
    return re.sub(r"\s+", "", label)


_MONEY = re.compile(r"^(△?)(\d{1,3}(?:,\d{3})+|\d+)$")
_RATE = re.compile(r"^△?\d+(?:\.(\d+))?%$")


def parse_money(cell: str) -> int:
    """Return the whole number a money cell prints ('△17,661' -> -17661; '-' or '' -> 0)."""
    text = cell.strip()
    if text in ("", "-"):
        return 0
    match = _MONEY.match(text)
    if not match:
        raise ValueError(f"not a money figure: {cell!r}")
    value = int(match[2].replace(",", ""))
    return -value if match[1] else value


def _is_money(cell: str) -> bool:
    return bool(_MONEY.match(cell.strip())) or cell.strip() == "-"


def format_money(value: int, zero: str = "0") -> str:
    """Return a whole amount as the report prints it ('1,234', '△5,678'; ``zero`` for 0)."""
    if value == 0:
        return zero
    return ("△" if value < 0 else "") + f"{abs(value):,}"


def round_half_up(value: Fraction | int, decimals: int = 0) -> Decimal:
    """Return ``value`` rounded half away from zero to ``decimals`` places (exact arithmetic)."""
    exact = Fraction(value)
    whole = math.floor(abs(exact) * 10**decimals + Fraction(1, 2))
    return Decimal(-whole if exact < 0 else whole).scaleb(-decimals)


def format_rate(numerator: int, denominator: int, decimals: int) -> str:
    """Return 100 × numerator ÷ denominator as printed: '51.6%', '△0.3%', 순증 for a zero base."""
    if denominator == 0:
        return "순증"
    value = round_half_up(Fraction(100 * numerator, denominator), decimals)
    text = f"{abs(value):.{decimals}f}%"
    return ("△" + text) if value < 0 else text


def _decimals(cell: str, default: int = 1) -> int:
    """Return how many decimals a printed rate cell has ('79.70%' -> 2)."""
    match = _RATE.match(cell.strip())
    if not match:
        return default
    return len(match[1] or "")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _join(lines: list[str]) -> str:
    return "\n".join(lines)


def _bounds(lines: list[str], section: str) -> tuple[int, int]:
    """Return [start, end) line indices of a section: its heading up to the next heading."""
    if section not in HEADINGS:
        raise ValueError(f"unknown section {section!r}; known: {', '.join(HEADINGS)}")
    target = key(HEADINGS[section])
    headings = {key(h) for h in HEADINGS.values()}
    start = next((i for i, line in enumerate(lines)
                  if "\t" not in line and key(line) == target), None)
    if start is None:
        raise ValueError(f"the text has no heading {HEADINGS[section]!r}")
    end = next((i for i in range(start + 1, len(lines))
                if "\t" not in lines[i] and key(lines[i]) in headings), len(lines))
    return start, end


def _label(cells: list[str]) -> tuple[int, str]:
    """Return (column, text) of a row's label: the first non-empty of its first two cells."""
    for column in (0, 1):
        if column < len(cells) and cells[column].strip():
            return column, cells[column].strip()
    return 0, ""


# -- 세출예산 집행현황 -------------------------------------------------------------------------

@dataclass
class _Row:
    """A data row of 집행현황: its 0-based line index, level and place in the hierarchy."""

    index: int
    level: str  # bureau | department | account | program
    label: str
    column: int  # the cell that holds the label (0 or 1: the pages lay rows out differently)
    department: str  # key of the department above ('' for the bureau row)
    account: str  # key of the account above ('' above account level)


def _execution(lines: list[str]) -> list[_Row]:
    """Return the data rows of 집행현황 in order.

    A row's level comes from the structure, not from a list of departments: the bureau row
    is labelled 디지털정책관, accounts are 일반회계/특별회계, and a row right above an account
    row is a department unless the open account still needs it to add up (then it is that
    account's last program, followed by the department's second account, as 기본경비 is
    followed by 특별회계 under 디지털정책담당관); every other row is a program.
    """
    start, end = _bounds(lines, "expenditure")
    data = [i for i in range(start + 1, end)
            if "\t" in lines[i] and len(lines[i].split("\t")) >= 7
            and _is_money(lines[i].split("\t")[2])]
    keys = [key(_label(lines[i].split("\t"))[1]) for i in data]
    rows: list[_Row] = []
    department = account = ""
    open_budget: int | None = None  # the open account's printed 예산현액
    filled = count = 0  # its programs so far: budget sum and number
    for position, index in enumerate(data):
        column, label = _label(lines[index].split("\t"))
        name = keys[position]
        budget = _exec_values(lines, index)[0]
        following = keys[position + 1] if position + 1 < len(data) else ""
        # one printed unit of rounding per program, as the report's subtotals show
        complete = open_budget is None or abs(open_budget - filled) <= count
        if name == BUREAU:
            level, department, account, open_budget = "bureau", "", "", None
        elif name in ACCOUNTS:
            level, account = "account", name
            open_budget, filled, count = budget, 0, 0
        elif following in ACCOUNTS and complete:
            level, department, account, open_budget = "department", name, "", None
        else:
            level = "program"
            filled, count = filled + budget, count + 1
        rows.append(_Row(index, level, label, column, department, account))
    return rows


def _exec_values(lines: list[str], index: int) -> tuple[int, int, int]:
    cells = lines[index].split("\t")
    budget, committed, spent = (parse_money(cells[c]) for c in _EXEC_MONEY)
    return budget, committed, spent


def _write_exec(lines: list[str], index: int, budget: int, committed: int, spent: int) -> None:
    """Rewrite a 집행현황 row's figures; recompute each rate whose inputs changed."""
    cells = lines[index].split("\t")
    old = _exec_values(lines, index)
    new = (budget, committed, spent)
    if old == new:
        return
    if budget <= 0:
        raise ValueError(f"line {index + 1}: a 예산현액 of {budget} 천원 has no rate")
    for column, before, after in zip(_EXEC_MONEY, old, new, strict=True):
        if before != after:
            cells[column] = format_money(after)
    if (old[0], old[1]) != (budget, committed):
        cells[5] = format_rate(committed, budget, _decimals(cells[5]))
    if (old[0], old[2]) != (budget, spent):
        cells[6] = format_rate(spent, budget, _decimals(cells[6]))
    lines[index] = "\t".join(cells)


def _find_department(rows: list[_Row], department: str) -> _Row:
    found = [r for r in rows if r.level == "department" and r.department == key(department)]
    if not found:
        known = ", ".join(r.label for r in rows if r.level == "department")
        raise ValueError(f"no department {department!r} in 집행현황; known: {known}")
    return found[0]


def _find_account(rows: list[_Row], department: str, account: str) -> _Row:
    dept = _find_department(rows, department)
    found = [r for r in rows if r.level == "account" and r.department == dept.department
             and r.account == key(account)]
    if not found:
        raise ValueError(f"no account {account!r} under {department!r} in 집행현황")
    return found[0]


def _programs_of(rows: list[_Row], account: _Row) -> list[_Row]:
    return [r for r in rows if r.level == "program" and r.department == account.department
            and r.account == account.account]


def _find_program(rows: list[_Row], department: str, account: str, name: str) -> _Row:
    acct = _find_account(rows, department, account)
    found = [r for r in _programs_of(rows, acct) if key(r.label) == key(name)]
    if not found:
        raise ValueError(f"no program {name!r} under {department!r} {account!r} in 집행현황")
    return found[0]


def _ancestors(rows: list[_Row], program: _Row) -> list[_Row]:
    """Return the account, department and bureau rows whose totals include ``program``."""
    above = [r for r in rows if r.index < program.index]
    found: list[_Row] = []
    for level in ("account", "department", "bureau"):
        match = next((r for r in reversed(above) if r.level == level and (
            level == "bureau" or r.department == program.department)), None)
        if match is not None:
            found.append(match)
    return found


def programs(text: str) -> list[Program]:
    """Return every program row of 집행현황 as printed (money in 천원, as the table prints)."""
    lines = _lines(text)
    rows = _execution(lines)
    labels = {r.department: r.label for r in rows if r.level == "department"}
    result = []
    for row in rows:
        if row.level != "program":
            continue
        account = next(r for r in reversed(rows) if r.index < row.index and r.level == "account")
        result.append(Program(labels[row.department], account.label, row.label,
                              *_exec_values(lines, row.index), row.index + 1))
    return result


# -- 세출 총괄 ----------------------------------------------------------------------------------

@dataclass
class _SummaryRow:
    index: int
    level: str  # total | department | account
    department: str  # key of the department label as printed
    account: str


def _summary(lines: list[str]) -> list[_SummaryRow]:
    start, end = _bounds(lines, "expenditure_summary")
    rows: list[_SummaryRow] = []
    department = ""
    for index in range(start + 1, end):
        cells = lines[index].split("\t")
        if "\t" not in lines[index] or len(cells) < 7 or not _is_money(cells[_S_BUDGET]):
            continue
        name = key(cells[0])
        if name in TOTAL_LABELS:
            rows.append(_SummaryRow(index, "total", "", ""))
        elif name in ACCOUNTS:
            rows.append(_SummaryRow(index, "account", department, name))
        else:
            department = name
            rows.append(_SummaryRow(index, "department", name, ""))
    return rows


def _summary_targets(lines: list[str], exec_rows: list[_Row], department: str,
                     account: str) -> list[int]:
    """Return the 세출 총괄 rows that include a department × account of 집행현황.

    The summary's department is found by name (its garbled spellings in ``SUMMARY_NAMES``),
    else by position when both tables list the same number of departments. A department the
    summary does not list gives no row (not even 계: its figures were never in that total).
    """
    rows = _summary(lines)
    depts = [r for r in rows if r.level == "department"]
    match = [r for r in depts
             if r.department == department or SUMMARY_NAMES.get(r.department) == department]
    if not match:
        exec_depts = [r.department for r in exec_rows if r.level == "department"]
        if len(exec_depts) == len(depts) and department in exec_depts:
            match = [depts[exec_depts.index(department)]]
    if not match:
        return []
    dept = match[0]
    accounts = [r for r in rows if r.level == "account" and r.index > dept.index
                and r.department == dept.department]
    targets = [r.index for r in rows if r.level == "total"] + [dept.index]
    if accounts:
        chosen = [r.index for r in accounts if r.account == account]
        if not chosen:
            raise ValueError(f"세출 총괄 splits {dept.department} by account but has no {account}")
        targets += chosen
    return targets


def _shift_summary(lines: list[str], index: int, budget: int, committed: int) -> None:
    """Add a change of 2023 예산현액 and 집행액 to a 세출 총괄 row; recompute what depends on it."""
    if budget == 0 and committed == 0:
        return
    cells = lines[index].split("\t")
    old_budget, base = parse_money(cells[_S_BUDGET]), parse_money(cells[_S_2022])
    new_budget = old_budget + budget
    new_committed = parse_money(cells[_S_COMMITTED]) + committed
    if budget:
        cells[_S_BUDGET] = format_money(new_budget)
        cells[_S_CHANGE] = format_money(new_budget - base, zero="-")
        cells[_S_CHANGE_RATE] = format_rate(new_budget - base, base,
                                            _decimals(cells[_S_CHANGE_RATE]))
    if committed:
        cells[_S_COMMITTED] = format_money(new_committed)
    cells[_S_RATE] = format_rate(new_committed, new_budget, _decimals(cells[_S_RATE]))
    lines[index] = "\t".join(cells)


# -- propagation ------------------------------------------------------------------------------

def _propagate(lines: list[str], rows: list[_Row],
               changes: Iterable[tuple[_Row, int, int, int]]) -> None:
    """Add each program's change (budget, committed, spent) to every total that includes it."""
    exec_sums: dict[int, list[int]] = {}
    summary_sums: dict[int, list[int]] = {}
    targets: dict[tuple[str, str], list[int]] = {}
    for program, budget, committed, spent in changes:
        for row in _ancestors(rows, program):
            total = exec_sums.setdefault(row.index, [0, 0, 0])
            total[0] += budget
            total[1] += committed
            total[2] += spent
        place = (program.department, program.account)
        if place not in targets:
            targets[place] = _summary_targets(lines, rows, *place)
        for index in targets[place]:
            total = summary_sums.setdefault(index, [0, 0])
            total[0] += budget
            total[1] += committed
    for index, (budget, committed, spent) in exec_sums.items():
        old = _exec_values(lines, index)
        _write_exec(lines, index, old[0] + budget, old[1] + committed, old[2] + spent)
    for index, (budget, committed) in summary_sums.items():
        _shift_summary(lines, index, budget, committed)


def _update_project_budget(lines: list[str], program: str, old: int, new: int) -> None:
    """Rewrite a key project's (사업예산) in 백만원 if it prints this program's budget."""
    number = PROJECT_PROGRAMS.get(key(program))
    if number is None:
        return
    start, end = _bounds(lines, "projects")
    headings = [i for i in range(start + 1, end) if re.match(rf"^{number}\.\s", lines[i])]
    if len(headings) < 2:  # the list of contents, then the project's own heading
        return
    for index in range(headings[1] + 1, end):
        if re.match(rf"^{number + 1}\.\s", lines[index]):
            return
        match = re.search(r"(\(사업예산\)\s*)([\d,]+)(백만원)", lines[index])
        if match:
            if parse_money(match[2]) != int(round_half_up(Fraction(old, 1000))):
                return  # the line no longer prints this program's budget: leave it
            amount = format_money(int(round_half_up(Fraction(new, 1000))))
            lines[index] = (lines[index][: match.start(2)] + amount
                            + lines[index][match.end(2):])
            return


# -- operations on 집행현황 ---------------------------------------------------------------------

def _check_figures(budget: int, committed: int, spent: int) -> None:
    if budget <= 0 or not 0 <= spent <= committed <= budget:
        raise ValueError(f"figures must satisfy 0 <= spent <= committed <= budget, budget > 0: "
                         f"budget={budget}, committed={committed}, spent={spent} (천원)")


def _figure_cells(budget: int, committed: int, spent: int, decimals: int) -> list[str]:
    return [format_money(budget), format_money(committed), format_money(spent),
            format_rate(committed, budget, decimals), format_rate(spent, budget, decimals)]


def insert_program(text: str, department: str, account: str, name: str, budget: int,
                   committed: int = 0, spent: int = 0, *, after: str | None = None) -> str:
    """Return the text with a new program row in 집행현황 (figures in 천원).

    The row goes after program ``after``, or else before the account's 기본경비 (always the
    last row of an account in this report), or else at the account's end; it is laid out and
    its rates printed with the decimals of its sibling rows. Every total that includes it
    moves: account, department, bureau (집행현황) and 세출 총괄's 2023 예산현액, 증감액,
    증감률, 집행액 and 집행률 of that department × account and 계.
    """
    _check_figures(budget, committed, spent)
    lines = _lines(text)
    rows = _execution(lines)
    acct = _find_account(rows, department, account)
    siblings = _programs_of(rows, acct)
    if any(key(r.label) == key(name) for r in siblings):
        raise ValueError(f"{department} {account} already has a program {name!r}")
    if after is not None:
        position = _find_program(rows, department, account, after).index + 1
    else:
        basic = [r for r in siblings if key(r.label) == "기본경비"]
        position = basic[0].index if basic else (siblings[-1].index + 1 if siblings
                                                 else acct.index + 1)
    model = lines[siblings[0].index].split("\t") if siblings else ["", "", "", "", "", "", ""]
    column, _ = _label(model)
    decimals = _decimals(model[5]) if siblings else 1
    label_cells = ["", ""]
    label_cells[column if siblings else 1] = name
    # Totals first, on the rows as they stand (they all lie above ``position``), so the
    # table adds up at every step; then the row.
    new = _Row(position, "program", name, column, acct.department, acct.account)
    _propagate(lines, rows, [(new, budget, committed, spent)])
    lines.insert(position, "\t".join(label_cells + _figure_cells(budget, committed, spent,
                                                                  decimals)))
    return _join(lines)


def remove_program(text: str, department: str, account: str, name: str) -> str:
    """Return the text without a program row of 집행현황; every total that included it drops.

    Raises ValueError for the only program of an account (an account row without programs
    is not a table this report prints). A key project funded by the program keeps its text.
    """
    lines = _lines(text)
    rows = _execution(lines)
    program = _find_program(rows, department, account, name)
    if len(_programs_of(rows, _find_account(rows, department, account))) == 1:
        raise ValueError(f"{name!r} is the only program of {department} {account}")
    budget, committed, spent = _exec_values(lines, program.index)
    _propagate(lines, rows, [(program, -budget, -committed, -spent)])
    del lines[program.index]
    return _join(lines)


def change_budget(text: str, department: str, account: str, program: str,
                  new_budget: int) -> str:
    """Return the text with a program's 예산현액 changed (추경, 이용·전용), in 천원.

    The program's rates, every total above it, 세출 총괄 (2023 예산현액, 증감액, 증감률,
    집행률) and, for the programs a key project prints (``PROJECT_PROGRAMS``), the project's
    (사업예산) in 백만원 follow. Raises ValueError below the amount already committed.
    """
    lines = _lines(text)
    rows = _execution(lines)
    row = _find_program(rows, department, account, program)
    budget, committed, spent = _exec_values(lines, row.index)
    _check_figures(new_budget, committed, min(spent, committed))
    _write_exec(lines, row.index, new_budget, committed, spent)
    _propagate(lines, rows, [(row, new_budget - budget, 0, 0)])
    _update_project_budget(lines, row.label, budget, new_budget)
    return _join(lines)


def fix_execution_misprint(text: str) -> str:
    """Return the text with 집행현황 program rows printed in 원 rewritten in 천원.

    In the bundled report, line 580 (서울기록원 기본경비) prints 원인행위액 30,048,210 and
    지출액 30,080,360: won in a thousand-won table. A later month's execution figures are new,
    so the slip would not repeat: a row whose 원인행위액 or 지출액 exceeds its 예산현액 has both
    divided by 1,000, rounded half up (30,048 and 30,080 천원). Its printed rates (32.8%) and
    the subtotals were right and stay. Text without such a row is returned unchanged. The 2022
    settlement's slip (보조금반납액 18,571 in a 백만원 table) repeats word for word every month:
    it is left alone.
    """
    lines = _lines(text)
    for row in _execution(lines):
        if row.level != "program":
            continue
        budget, committed, spent = _exec_values(lines, row.index)
        if committed > budget or spent > budget:
            _write_exec(lines, row.index, budget,
                        int(round_half_up(Fraction(committed, 1000))),
                        int(round_half_up(Fraction(spent, 1000))))
    return _join(lines)


def reprint_settlement_slip(text: str) -> str:
    """Return the text with the 2022 세출결산's unit slip printed right: 보조금반납액 18,571
    (thousand won in a million-won table: 데이터센터, its 소계 and 총계; lines 614, 604, 603 of
    the bundled report) becomes 19 백만원, as a later report whose publisher caught the slip
    prints it. E = A − B − C − D holds with 19 (46,707 − 43,961 − 94 − 19 = 2,633 as printed;
    the 소계 and 총계 within one 백만원 of rounding), so such a month needs no ledger row.
    Text without the slip is returned unchanged.
    """
    lines = _lines(text)
    start, end = _bounds(lines, "settlement_expenditure")
    for index in range(start, end):
        cells = lines[index].split("\t")
        if len(cells) > 4 and cells[4] == "18,571":
            cells[4] = "19"
            lines[index] = "\t".join(cells)
    return _join(lines)


def grow_execution(text: str, growth: float | random.Random, *, max_fraction: float = 0.35,
                   stall: float = 0.15) -> str:
    """Return a later month of 집행현황: 원인행위액 and 지출액 of programs grow.

    ``growth``: a fraction f (0 ≤ f ≤ 1) moves every program's 원인행위액 f of the way to its
    예산현액 and its 지출액 f of the way to the new 원인행위액; a ``random.Random`` draws each
    program's two fractions from [0, ``max_fraction``], and leaves a program unchanged with
    probability ``stall`` (deterministic for a seeded generator). Figures never shrink, never
    exceed the budget, and 지출액 ≤ 원인행위액 afterwards (a row printing 지출액 above
    원인행위액, as 서울기록원 기본경비 does, has its 원인행위액 raised to its 지출액). Every
    total and rate that depends on them is recomputed (see the module docstring).
    Raises ValueError if a program prints more than its budget (the 원 misprint of line 580:
    apply :func:`fix_execution_misprint` first).
    """
    if not isinstance(growth, random.Random) and not 0 <= growth <= 1:
        raise ValueError(f"growth must be a fraction in [0, 1] or a random.Random: {growth!r}")
    lines = _lines(text)
    rows = _execution(lines)
    changes = []
    for row in rows:
        if row.level != "program":
            continue
        budget, committed, spent = _exec_values(lines, row.index)
        if committed > budget or spent > budget:
            raise ValueError(f"line {row.index + 1} ({row.label}) prints more than its budget; "
                             "apply fix_execution_misprint first")
        if isinstance(growth, random.Random):
            moving = growth.random() >= stall
            f_committed = growth.uniform(0, max_fraction) if moving else 0.0
            f_spent = growth.uniform(0, max_fraction) if moving else 0.0
        else:
            f_committed = f_spent = float(growth)
        new_committed = max(committed + math.floor(f_committed * (budget - committed)), spent)
        new_spent = spent + math.floor(f_spent * (new_committed - spent))
        if (new_committed, new_spent) != (committed, spent):
            _write_exec(lines, row.index, budget, new_committed, new_spent)
            changes.append((row, 0, new_committed - committed, new_spent - spent))
    _propagate(lines, rows, changes)
    return _join(lines)


def add_department_only_in_execution(text: str, name: str, *, account: str = "일반회계",
                                     program: str = "신규 정보화 사업", budget: int = 500_000,
                                     committed: int = 120_000, spent: int = 40_000,
                                     after: str | None = None) -> str:
    """Return the text with a new department in 집행현황 only (figures in 천원).

    Three rows go after the last row of department ``after`` (default: the last department):
    the department, its account (printed spaced, '일 반 회 계') and one program, all three with
    the same figures, laid out like the department rows around them. The bureau total of
    집행현황 includes them, so 집행현황 adds up; no other table names the department and
    세출 총괄 is left as it is (its 계 no longer equals 집행현황's bureau total: the
    department is missing there, which is the point). A parser must reject the department.
    """
    _check_figures(budget, committed, spent)
    lines = _lines(text)
    rows = _execution(lines)
    departments = [r for r in rows if r.level == "department"]
    anchor = _find_department(rows, after) if after is not None else departments[-1]
    following = [r for r in rows if r.index > anchor.index and r.level == "department"]
    end = following[0].index if following else max(r.index for r in rows) + 1
    last_row = max(r.index for r in rows if r.index < end)
    acct_model = next(r for r in rows if r.level == "account" and r.index > anchor.index)
    figures = _figure_cells(budget, committed, spent, 1)

    def row(column: int, label: str) -> str:
        cells = ["", ""]
        cells[column] = label
        return "\t".join(cells + figures)

    new_rows = [row(anchor.column, name),
                row(acct_model.column, _SPACED_ACCOUNTS.get(key(account), account)),
                row(1, program)]
    lines[last_row + 1:last_row + 1] = new_rows
    bureau = next((r for r in rows if r.level == "bureau"), None)
    if bureau is not None:
        old = _exec_values(lines, bureau.index)
        _write_exec(lines, bureau.index, old[0] + budget, old[1] + committed, old[2] + spent)
    return _join(lines)


def set_execution_unit(text: str, unit: str = "백만원", change_note: bool = True) -> str:
    """Return 집행현황 printed in another unit (default 백만원).

    Every money figure of the table is converted from the unit its note names and rounded
    half up to a whole unit (12,345 천원 -> 12 백만원); rates stay as printed, so they remain
    the rates of the exact figures. ``change_note``: True rewrites the '단위 : 천원' note (an
    honest table); False leaves it (every figure of the table is then off by the factor: a
    unit slip of the whole table).
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)}")
    lines = _lines(text)
    start, end = _bounds(lines, "expenditure")
    note = re.compile(r"(단위\s*[:：]\s*)(백만원|천원|원)")
    notes = [i for i in range(start, end) if note.search(lines[i])]
    if not notes:
        raise ValueError("집행현황 prints no unit note")
    current = note.search(lines[notes[0]])[2]
    ratio = Fraction(UNITS[current], UNITS[unit])
    for row in _execution(lines):
        cells = lines[row.index].split("\t")
        for column in _EXEC_MONEY:
            value = parse_money(cells[column]) * ratio
            cells[column] = format_money(int(round_half_up(value)))
        lines[row.index] = "\t".join(cells)
    if change_note:
        for index in notes:
            lines[index] = note.sub(lambda m: m[1] + unit, lines[index])
    return _join(lines)


def set_table_unit(text: str, section: str, unit: str, change_note: bool = True) -> str:
    """Return a money table (any section but 집行현황: :func:`set_execution_unit`) printed in
    another unit: every money cell of the section's table rows converted from the unit its
    note names, rounded half up to a whole unit; rates stay as printed. ``change_note`` as in
    :func:`set_execution_unit` (False: a unit slip of the whole table)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)}")
    lines = _lines(text)
    start, end = _bounds(lines, section)
    note = re.compile(r"(단위\s*[:：]\s*)(백만원|천원|원)")
    notes = [i for i in range(start, end) if note.search(lines[i])]
    if not notes:
        raise ValueError(f"{HEADINGS[section]} prints no unit note")
    ratio = Fraction(UNITS[note.search(lines[notes[0]])[2]], UNITS[unit])
    for index in range(start + 1, end):
        if "\t" not in lines[index]:
            continue
        cells = lines[index].split("\t")
        for column, cell in enumerate(cells):
            if column and cell.strip() not in ("", "-") and _MONEY.match(cell.strip()):
                value = int(round_half_up(parse_money(cell) * ratio))
                cells[column] = format_money(value, zero="-")
        lines[index] = "\t".join(cells)
    if change_note:
        for index in notes:
            lines[index] = note.sub(lambda m: m[1] + unit, lines[index])
    return _join(lines)


# -- the 기준 date --------------------------------------------------------------------------------

_AS_OF = re.compile(r"(?P<quote>['’]?)(?<!\d)(?P<y>\d{4}|\d{2})\.(?P<s1>\s*)(?P<m>\d{1,2})\."
                    r"(?P<s2>\s*)(?P<d>\d{1,2})(?P<dot>\.?)(?P<s3>\s*)기준")
_COVER = re.compile(r"^(?P<y>\d{4})\.(?P<s>\s*)(?P<m>\d{1,2})\.$")


def as_of_dates(text: str) -> list[tuple[int, date]]:
    """Return every printed 기준 date as (1-based line, date), in order."""
    found = []
    for number, line in enumerate(_lines(text), start=1):
        for match in _AS_OF.finditer(line):
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            found.append((number, date(year, int(match["m"]), int(match["d"]))))
    return found


def as_of(text: str) -> date:
    """Return the report's 기준 date; raises ValueError if none is printed or two differ."""
    days = {day for _, day in as_of_dates(text)}
    if len(days) != 1:
        raise ValueError(f"expected one printed 기준 date, found {sorted(days)}")
    return days.pop()


def with_as_of(text: str, day: date, *, cover: bool = True) -> str:
    """Return the text with every printed 기준 date set to ``day``, each in its own spelling.

    '(2023. 5. 31. 기준)' -> '(2023. 6. 30. 기준)'; "('23. 5. 31. 기준, …", '(’23. 5. 31.기준, …'
    and "('23.5.31. 기준)" likewise: quote, year width and spacing are kept. The
    prose figure that line 141 dates ('상담인원 90,060명') keeps its value. ``cover`` also
    sets the cover's month ('2023. 6.' under the title) to the month after ``day``, the month
    a report of that date is presented.
    """
    def replace(match: re.Match[str]) -> str:
        year = f"{day.year:04d}" if len(match["y"]) == 4 else f"{day.year % 100:02d}"
        return (f"{match['quote']}{year}.{match['s1']}{day.month}.{match['s2']}{day.day}"
                f"{match['dot']}{match['s3']}기준")

    lines = [_AS_OF.sub(replace, line) for line in _lines(text)]
    if cover:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        for index, line in enumerate(lines[:12]):
            match = _COVER.match(line.strip())
            if match and "\t" not in line:
                lines[index] = f"{following.year}.{match['s']}{following.month}."
                break
    return _join(lines)


# -- reorganisation -----------------------------------------------------------------------------

def _rename_cell(lines: list[str], index: int, column: int, new: str) -> None:
    cells = lines[index].split("\t")
    cells[column] = new
    lines[index] = "\t".join(cells)


def _rename_in(lines: list[str], table: str, old: str, new: str, summary_name: str) -> int:
    """Rename a department's label in one table; return how many places changed."""
    start, end = _bounds(lines, table)
    changed = 0
    if table == "expenditure":
        for row in _execution(lines):
            if row.level == "department" and row.department == key(old):
                _rename_cell(lines, row.index, row.column, new)
                changed += 1
    elif table == "expenditure_summary":
        for row in _summary(lines):
            if row.level == "department" and key(old) in (
                    row.department, SUMMARY_NAMES.get(row.department)):
                _rename_cell(lines, row.index, 0, summary_name)
                changed += 1
    elif table == "projects":
        contact = re.compile(r"^(?P<role>[^:\t]+?)(?P<rest>\s*:.*☎.*)$")
        for index in range(start + 1, end):
            match = contact.match(lines[index])
            if not match:
                continue
            role = key(match["role"])
            if role in (key(old), key(old) + "소장"):
                title = new + role[len(key(old)):]
                lines[index] = title + match["rest"]
                changed += 1
    else:  # staffing, duties, 2022 세출결산: the label is the first cell
        for index in range(start + 1, end):
            cells = lines[index].split("\t")
            if "\t" in lines[index] and key(cells[0]) == key(old):
                _rename_cell(lines, index, 0, new)
                changed += 1
    return changed


def rename_department(text: str, old: str, new: str, everywhere: bool = True, *,
                      table: str | None = None, summary_name: str | None = None,
                      settlement: bool = False) -> str:
    """Return the text with a department renamed (a reorganisation).

    ``everywhere``: the department's label in 인력 (staffing), 부서별 주요업무 (duties),
    세출 총괄, 집행현황 and the key projects' contact lines ('빅데이터담당관 : …'; a head's
    title such as '데이터센터소장' becomes the new name + '소장'). 세출 총괄 prints the 2023
    departments garbled or abbreviated ('빅데이터관'); a new name has no such spelling, so it is
    printed in full there unless ``summary_name`` gives one. The 2022 세출결산 is a record of
    the 2022 organisation and repeats word for word every month, so it keeps the old name
    unless ``settlement``. Program names and revenue item labels that merely contain the
    name ('데이터센터 청사시설 유지관리', '(빅 데이터 담당관)' on a 2021 revenue line) are names
    of things, not the department label, and are kept.
    ``everywhere=False`` renames only in ``table`` (one of ``DEPARTMENT_TABLES``), which gives
    a report whose tables disagree (for error-message tests).
    Raises ValueError when the department is not found where it is to be renamed.
    """
    if everywhere:
        tables = [t for t in DEPARTMENT_TABLES
                  if t != "settlement_expenditure" or settlement]
    elif table in DEPARTMENT_TABLES:
        tables = [table]
    else:
        raise ValueError(f"everywhere=False needs table= one of {', '.join(DEPARTMENT_TABLES)}")
    lines = _lines(text)
    for name in tables:
        # two departments have no key project: only a table named on purpose must change
        if (_rename_in(lines, name, old, new, summary_name or new) == 0
                and (name != "projects" or not everywhere)):
            raise ValueError(f"no department {old!r} in {HEADINGS[name]}")
    return _join(lines)


# -- damage for error-message tests ---------------------------------------------------------

def misprint_subtotal(text: str, department: str, delta: int = 1_000) -> str:
    """Return the text with the 예산현액 of a department's row in 집행현황 printed ``delta``
    천원 off (its rates follow the misprinted figure, as a row typed wrongly and then
    computed would print them). Its programs, 세출 총괄 and every other total keep their
    figures, so the department's programs no longer add up to it."""
    lines = _lines(text)
    row = _find_department(_execution(lines), department)
    budget, committed, spent = _exec_values(lines, row.index)
    _write_exec(lines, row.index, budget + delta, committed, spent)
    return _join(lines)


def unit_with_space(text: str, sections: Sequence[str] | None = None) -> str:
    """Return the text with unit notes written '천 원' / '백만 원' (in ``sections``, or all)."""
    lines = _lines(text)
    note = re.compile(r"(단위\s*[:：]\s*)(천|백만)원")
    spans = ([_bounds(lines, s) for s in sections] if sections is not None
             else [(0, len(lines))])
    for start, end in spans:
        for index in range(start, end):
            lines[index] = note.sub(lambda m: f"{m[1]}{m[2]} 원", lines[index])
    return _join(lines)


def _has_figure(cells: list[str]) -> bool:
    return any(_is_money(c) or _RATE.match(c.strip()) for c in cells[1:] if c.strip())


def _table_row(lines: list[str], section: str, label: str) -> int:
    start, end = _bounds(lines, section)
    for index in range(start + 1, end):
        if "\t" in lines[index] and key(_label(lines[index].split("\t"))[1]) == key(label):
            return index
    raise ValueError(f"no row {label!r} in {HEADINGS[section]}")


def blank_line_in_table(text: str, section: str, after_row_label: str) -> str:
    """Return the text with an empty line inside a table, after the row with that label."""
    lines = _lines(text)
    lines.insert(_table_row(lines, section, after_row_label) + 1, "")
    return _join(lines)


def repeat_header_without_blank_lines(text: str, section: str,
                                      after_row_label: str | None = None) -> str:
    """Return the text with a table's header lines repeated inside the table, as a page break
    whose blank lines were lost prints them: after the row ``after_row_label`` (default: the
    middle data row of the section's first table), with no blank line before or after.
    """
    lines = _lines(text)
    start, end = _bounds(lines, section)
    first = next(i for i in range(start + 1, end) if "\t" in lines[i])
    block_end = next((i for i in range(first, end) if "\t" not in lines[i]), end)
    # The header: the first line if it prints no figure, then the lines that continue it
    # (no figure, empty first cell), as the report's multi-line headers do.
    header = []
    for index in range(first, block_end):
        cells = lines[index].split("\t")
        if _has_figure(cells) or (header and cells[0].strip()):
            break
        header.append(lines[index])
    if not header:
        raise ValueError(f"the first table of {HEADINGS[section]} has no header lines")
    if after_row_label is not None:
        position = _table_row(lines, section, after_row_label) + 1
    else:
        data = list(range(first + len(header), block_end))
        if not data:
            raise ValueError(f"the first table of {HEADINGS[section]} has no data rows")
        position = data[len(data) // 2] + 1
    lines[position:position] = header
    return _join(lines)


# -- months -----------------------------------------------------------------------------------

def later_month(text: str, day: date, seed: int = 0, *,
                programs_added: Iterable[NewProgram] = (),
                programs_removed: Iterable[ProgramRef] = (),
                budget_changes: Iterable[BudgetChange] = (),
                growth: float | None = None) -> str:
    """Return a realistic report of a later 기준 date ``day``, made from ``text``.

    In order: the line-580 원 misprint fixed; programs removed, added, re-budgeted; execution
    grown (``growth`` fraction, or a generator seeded by ``seed`` and ``day``); every 기준
    date set to ``day``. The 2022 tables and every prose figure stay word for word.
    Raises ValueError if ``day`` is not after the text's 기준 date.
    """
    if day <= as_of(text):
        raise ValueError(f"{day} is not after the report's 기준 date {as_of(text)}")
    result = fix_execution_misprint(text)
    for ref in programs_removed:
        result = remove_program(result, *ProgramRef(*ref))
    for new in programs_added:
        result = insert_program(result, *NewProgram(*new))
    for change in budget_changes:
        result = change_budget(result, *BudgetChange(*change))
    engine: float | random.Random = (growth if growth is not None
                                     else random.Random(f"{seed}:{day.isoformat()}"))
    result = grow_execution(result, engine)
    return with_as_of(result, day)


def month_end(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def months(text: str, n: int, *, start: date = date(2023, 6, 30),
           seed: int = 0) -> Iterator[tuple[date, str]]:
    """Yield ``n`` (month-end date, report text) pairs from ``start``, each made from the one
    before by :func:`later_month`, so every program's execution only grows month to month.

    The months stay within the report's fiscal year (the year of its 기준 date).
    """
    if start != month_end(start.year, start.month):
        raise ValueError(f"start {start} is not the last day of a month")
    last = start.month + n - 1
    if last > 12 or start.year != as_of(text).year:
        raise ValueError(f"{n} months from {start} leave the fiscal year {as_of(text).year}")
    current = text
    for offset in range(n):
        day = month_end(start.year, start.month + offset)
        current = later_month(current, day, seed + offset)
        yield day, current


def write(folder: Path, text: str) -> Path:
    """Write a variant to ``folder/<printed 기준 date>/report.txt`` beside the bundled
    aliases, and return its path."""
    path = folder / as_of(text).isoformat() / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with_aliases(folder)
    return path

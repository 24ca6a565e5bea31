"""A bureau's work report (업무보고) as data, for the report generator (tests/generate.py).

Only line items are stored: a department's staff by job category, each program's budget,
committed and spent amounts, each revenue item, each settlement line. Every total, subtotal
and rate is computed from them (here, or by tests/report_template.py when it prints them), so
a report made from this model adds up.

Money is whole 천원 (thousand won) everywhere in the model, the unit the template prints its
budget tables in; tables the template prints in 백만원 (the settlement, key-project budgets) are
rounded half up from these figures when printed. Head counts are persons.

Numbers are handled as tests/variants.py (the generator of later months) handles them.
Imports nothing from ``seoul_budget``: the package is only ever the thing under test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from variants import round_half_up

BASIC_EXPENSE = "기본경비"  # the template's last program of every department's 일반회계
GENERAL_ACCOUNT = "일반회계"


def to_million(thousands: int) -> int:
    """Return an amount in 천원 as the template prints it in 백만원 (rounded half up)."""
    return int(round_half_up(Fraction(thousands, 1000)))


@dataclass(frozen=True)
class JobGroup:
    """A column group of the staffing header: '행정·기술직군' over 행정, 전산 …; a group of one
    job category is named like it ('연구직') and prints as one column."""

    name: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Program:
    """A program (단위사업) of 세출예산 집행현황, money in 천원; ``label`` is how the table prints
    its name when that differs from ``name`` (spaced out letter by letter: '기 본 경 비')."""

    name: str
    budget: int  # 예산현액
    committed: int  # 원인행위액
    spent: int  # 지출액
    label: str = ""


@dataclass(frozen=True)
class Account:
    """A department's account (회계): its programs and the previous year's final budget that
    세출 총괄 prints beside the account's budget (최종예산, 천원)."""

    name: str
    previous_budget: int
    programs: tuple[Program, ...]

    @property
    def budget(self) -> int:
        """Return the account's 예산현액 (천원): the sum of its programs'."""
        return sum(p.budget for p in self.programs)

    @property
    def committed(self) -> int:
        """Return the account's 원인행위액 (천원)."""
        return sum(p.committed for p in self.programs)

    @property
    def spent(self) -> int:
        """Return the account's 지출액 (천원)."""
        return sum(p.spent for p in self.programs)


@dataclass(frozen=True)
class Department:
    """A department of the bureau: staff (정원; 현원 by job category), duties, accounts.

    ``label``: how 세출예산 집행현황 prints the name when that differs ('데 이 터 센 터').
    """

    name: str
    authorized: int
    headcount: dict[str, int]  # job category -> persons (a category absent is 0)
    duties: tuple[str, ...]
    accounts: tuple[Account, ...]
    label: str = ""

    @property
    def current(self) -> int:
        """Return 현원 (persons): the sum over job categories."""
        return sum(self.headcount.values())

    @property
    def budget(self) -> int:
        """Return the department's 예산현액 (천원)."""
        return sum(a.budget for a in self.accounts)

    def programs(self) -> Iterator[tuple[Account, Program]]:
        """Yield (account, program) for every program of the department, in printed order."""
        for account in self.accounts:
            for program in account.programs:
                yield account, program


@dataclass(frozen=True)
class RevenueItem:
    """A line item of 세입 예산 세부내역: this year's budget and last year's final budget (천원)."""

    name: str
    budget: int
    previous: int


@dataclass(frozen=True)
class RevenueCategory:
    """A revenue category (장, 관 or 항) and what it holds: categories one level down, or items."""

    name: str
    children: tuple[RevenueCategory | RevenueItem, ...]

    @property
    def budget(self) -> int:
        """Return the category's budget (천원): the sum of its children's."""
        return sum(c.budget for c in self.children)

    @property
    def previous(self) -> int:
        """Return the category's previous-year budget (천원)."""
        return sum(c.previous for c in self.children)


@dataclass(frozen=True)
class SettlementRevenue:
    """A finest printed line of the settlement year's 세입결산 (exact 천원; printed in 백만원):
    ``path`` is its category names from the top (장) down."""

    path: tuple[str, ...]
    budget: int  # 예산현액
    assessed: int  # 징수결정액
    collected: int  # 실제수납액
    written_off: int  # 불납결손액

    @property
    def outstanding(self) -> int:
        """Return 미수납액 = 징수결정액 − 실제수납액 − 불납결손액 (천원)."""
        return self.assessed - self.collected - self.written_off


@dataclass(frozen=True)
class SettlementSpending:
    """A department × account line of the settlement year's 세출결산 (exact 천원; printed in
    백만원). ``department`` is the name the settlement year's organisation gave it."""

    department: str
    account: str
    budget: int  # 예산현액 (A)
    spent: int  # 지출액 (B)
    carried_over: int  # 이월액 (C)
    subsidy_returned: int  # 보조금반납액 (D)

    @property
    def unspent(self) -> int:
        """Return 집행잔액 E = A − B − C − D (천원)."""
        return self.budget - self.spent - self.carried_over - self.subsidy_returned


@dataclass(frozen=True)
class Project:
    """A key project (주요 현안업무).

    Its budget, printed in 백만원: the sum of ``programs``' 예산현액 when it names programs of
    its department (one program: the project is that program), else ``budget`` (None: 비예산).
    ``lines``: the body after the contact line, with year tokens (see :func:`year_tokens`)
    and '<<budget>>' where the budget figure goes. ``chief``: the contact line names the
    department's head ('…소장') rather than the department. ``metrics``: figures the text
    states, (label, value, unit).
    """

    title: str
    department: str
    lines: tuple[str, ...]
    programs: tuple[str, ...] = ()
    budget: int | None = None
    chief: bool = False
    team: str = ""
    metrics: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class StaffFacts:
    """The staffing figures stated under the table: 5급 팀장 이상 and how many of them are in
    the related series (``related_series`` names them), and certified staff by field."""

    team_leaders: int
    related: int
    related_series: tuple[str, ...]
    certified: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class GlossaryTerm:
    """An entry of 용어 설명: the term, the report page it explains, its text lines."""

    term: str
    page: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """Where the template's tables break across pages (each page repeats its header):
    duties rows per page, rows of the revenue detail's first and second pages (the third and
    later pages print spaced headers), and the most rows a 집행현황 page holds (it breaks
    between departments)."""

    duties_per_page: int = 4
    revenue_pages: tuple[int, int] = (22, 24)
    execution_rows: int = 33


@dataclass(frozen=True)
class Report:
    """One work report: a bureau's organisation and budget as of a 기준 date.

    ``fiscal_year`` is the budget year the report is about; the settlement is of the year
    before (:attr:`settlement_year`). ``departments`` are in the staffing table's order.
    ``settlement_spending`` names departments as the settlement year's organisation did.
    """

    bureau: str
    fiscal_year: int
    as_of: date
    teams: int
    job_groups: tuple[JobGroup, ...]
    departments: tuple[Department, ...]
    revenue: tuple[RevenueCategory, ...]
    settlement_revenue: tuple[SettlementRevenue, ...]
    settlement_spending: tuple[SettlementSpending, ...]
    projects: tuple[Project, ...]
    facts: StaffFacts
    glossary: tuple[GlossaryTerm, ...] = ()
    layout: Layout = field(default_factory=Layout)

    @property
    def settlement_year(self) -> int:
        """Return the year the settlement tables are of: the year before the budget year."""
        return self.fiscal_year - 1

    @property
    def categories(self) -> tuple[str, ...]:
        """Return the job categories in the staffing header's column order."""
        return tuple(c for group in self.job_groups for c in group.categories)

    @property
    def accounts(self) -> tuple[str, ...]:
        """Return every account the expenditure tables print, in order of first appearance."""
        return tuple(dict.fromkeys(a.name for d in self.departments for a in d.accounts))

    def department(self, name: str) -> Department:
        """Return the department called ``name`` (KeyError naming the departments if none)."""
        for department in self.departments:
            if department.name == name:
                return department
        raise KeyError(f"no department {name!r}; the report has "
                       f"{', '.join(d.name for d in self.departments)}")

    def project_budget(self, project: Project) -> int | None:
        """Return a key project's budget in 백만원 as printed (None: 비예산)."""
        if not project.programs:
            return project.budget
        department = self.department(project.department)
        total = sum(p.budget for _, p in department.programs() if p.name in project.programs)
        return to_million(total)


def revenue_rows(categories: tuple[RevenueCategory, ...]) -> Iterator[
        tuple[tuple[str, ...], RevenueCategory | RevenueItem]]:
    """Yield (category path, node) for every category and item of a revenue tree, in printed
    order (a category before what it holds); an item's path is its categories'."""

    def walk(node: RevenueCategory, path: tuple[str, ...]) -> Iterator[
            tuple[tuple[str, ...], RevenueCategory | RevenueItem]]:
        yield path, node
        for child in node.children:
            if isinstance(child, RevenueCategory):
                yield from walk(child, (*path, child.name))
            else:
                yield (*path, ), child

    for top in categories:
        yield from walk(top, (top.name,))


_YEAR_TOKEN = re.compile(r"<<(?P<kind>[Yy])(?P<offset>[+-]\d+)?>>")


def year_tokens(text: str, fiscal_year: int) -> str:
    """Return ``text`` with its year tokens written out for ``fiscal_year``: '<<Y>>' is the
    fiscal year ('2023'), '<<Y-1>>' the year before, '<<y+2>>' two years on as the report
    writes years in dates ('25' in "'25.3.")."""

    def write(match: re.Match[str]) -> str:
        year = fiscal_year + int(match["offset"] or 0)
        return f"{year:04d}" if match["kind"] == "Y" else f"{year % 100:02d}"

    return _YEAR_TOKEN.sub(write, text)

"""Other bureaus' and other years' work reports, made from the bundled one: a generator for
tests (issue 21).

Seoul's bureaus write their work reports in one template every year. From the bundled report
(the Digital Policy Bureau's, 2023) this module makes complete reports of *other* bureaus and
years that still add up, and says what each should parse to:

- :func:`bundled` reads the bundled report into a model (tests/report_model.py) with the
  template's own reader (tests/report_template.py), its misprints corrected;
- transformations return new models and are pure and seeded: :func:`other_bureau` (new
  bureau, 5 or 11 departments, new accounts, revenue categories, job categories and 7 or 9 key
  projects, figures reshuffled from the bundled report's), :func:`next_year` (every year
  shifted by one, new figures), :func:`later_month` (execution grown, a later 기준 date),
  :func:`split` and :func:`merge` (a reorganisation, with its ``departments.csv`` rows);
- :func:`render` prints a model in the template; :func:`without_section` drops a section
  from a text;
- :func:`expected_tables` gives the tables a report should parse to, money in KRW (천원 ×
  1,000; figures printed in 백만원 × 1,000,000, as rounded when printed).

Only names, never officials' names, are made up here; no generated name is one of the bundled
report's. Imports nothing from ``seoul_budget``: the package is only ever the thing under test.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from report_model import (
    BASIC_EXPENSE,
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
)
from report_template import read, render, section_bounds, spaced
from variants import key

__all__ = ["BUNDLED", "add_account", "add_revenue", "bundled", "expected_tables",
           "keep_departments", "later_month", "merge", "next_year", "other_bureau", "read",
           "render", "reorganisation_csv", "settled", "split", "total_only_settlement",
           "unbudgeted_department", "without_section", "write_snapshot", "zero_department"]

BUNDLED = Path(__file__).resolve().parent / "fixtures/data/raw/2023-05-31/report.txt"
REORGANISATION_HEADER = ("old_name", "new_name", "effective_date", "note")

# -- made-up names (none is the bundled report's) --------------------------------------------

BUREAUS = ("기후환경본부", "도시교통실", "문화본부", "복지정책실", "경제정책실", "안전총괄실",
           "평생교육국", "녹색정책관")
_STEMS = ("기후정책", "대기질개선", "자원순환", "녹색에너지", "물환경", "환경보건", "생활환경",
          "친환경차량", "탄소중립", "수질검사", "공원조성", "야생생물", "하천관리", "도시농업",
          "에너지효율", "미세먼지대응", "폐기물처리", "기후적응", "생태복원", "환경교육")
# A department's kind: its suffix (담당관, 과, 센터, 원, 사업소 — the organisation line counts
# the last three as 사업소).
_KINDS = ("담당관", "과", "센터", "연구원", "사업소")
_SPECIAL_ACCOUNTS = ("교통사업특별회계", "도시개발특별회계", "주택사업특별회계",
                     "하수도사업특별회계", "대기개선특별회계")
_OBJECTS = ("대기측정망", "전기차 충전기", "빗물저류시설", "공원 녹지", "하천 수질",
            "폐기물 선별장", "생활악취", "기후위기 대응", "탄소중립 실천", "에너지 자립마을",
            "친환경 보일러", "도시숲", "야생동물 구조", "환경영향평가", "소음진동", "토양오염",
            "수소충전소", "태양광 발전", "재활용품", "음식물 자원화", "실내공기질", "석면 관리",
            "녹색건축", "생태하천", "도시농업 공원", "폭염 쉼터", "지하수", "하수찌꺼기",
            "온실가스", "녹지 축")
_ACTIONS = ("운영", "확충", "지원", "관리", "조성", "고도화", "구축", "점검", "개선", "보급")
_ITEM_KINDS = ("임대료", "사용료", "수수료", "반환금", "부담금", "이자수익", "매각대금", "과태료",
               "위탁수입")
# Revenue categories 장 -> 관 -> 항 (names without spaces). 조정교부금등 (always drawn) and its
# 관 and 항, 시도비보조금등, 내부거래 and every 항 but 자치단체간부담금, 지난년도수입 and 국고보조금
# are in no bundled table.
_REVENUE = {
    "세외수입": {"경상적세외수입": ("재산임대수입", "사용료수입", "수수료수입", "사업수입",
                                    "이자수입"),
                 "임시적세외수입": ("재산매각수입", "자치단체간부담금", "보조금반환수입",
                                    "기타수입", "지난년도수입")},
    "조정교부금등": {"자치구조정교부금": ("일반조정교부금", "특별조정교부금")},
    "보조금": {"국고보조금등": ("국고보조금", "기금보조금"), "시도비보조금등": ("시비보조금",)},
    "보전수입등및내부거래": {"내부거래": ("전입금", "예탁금"), "보전수입등": ("순세계잉여금",)},
}
# Job categories: the multi-category group and single-category groups; 환경, 보건, 녹지,
# 토목, 건축 and 공무직 are no column of the bundled staffing header.
_GROUP = "행정·기술직군"
_GROUP_CATEGORIES = ("행정", "환경", "보건", "녹지", "토목", "건축", "전산", "기타")
_SINGLE_CATEGORIES = ("연구직", "전문경력관", "임기제", "관리운영직", "공무직")
_TITLES = ("탄소중립 실천 시민 참여 확대", "미세먼지 저감 집중 관리", "기후위기 적응 기반 조성",
           "생활폐기물 감량 및 재활용 촉진", "도심 녹지 확충", "전기차 충전 기반 확대",
           "하천 수질 개선 사업", "폭염 대응 쉼터 운영", "야생동물 보호 체계 구축",
           "에너지 자립마을 확산", "실내공기질 관리 강화", "환경교육 프로그램 운영",
           "수소 모빌리티 기반 조성")
_METRICS = (("교육 인원", "명", 40, 400), ("참여 기업", "개사", 5, 60), ("설치", "개소", 10, 300),
            ("점검", "건", 20, 900), ("참여 가구", "가구", 100, 5000))
_GLOSSARY = (("탄소중립", "배출한 온실가스를 흡수·제거해 실질 배출량을 영(0)으로 만드는 것"),
             ("미세먼지", "지름 10㎛ 이하의 먼지로, 2.5㎛ 이하는 초미세먼지라 함"),
             ("생태하천", "물길과 물가의 생태계가 되살아나도록 복원한 하천"),
             ("자원순환", "폐기물 발생을 줄이고 다시 쓰거나 재활용해 자원을 순환시키는 것"),
             ("도시숲", "도시에서 시민의 휴식과 건강, 환경 개선을 위해 조성한 숲"))


def bundled() -> Report:
    """Return the bundled report (tests' copy of 2023-05-31) read into a model, its misprints
    corrected (tests/report_template.py says which)."""
    return read(BUNDLED.read_text(encoding="utf-8"))


# -- other bureaus ---------------------------------------------------------------------------

def other_bureau(base: Report, departments: int = 5, seed: int = 0,
                 projects: int | None = None) -> Report:
    """Return the report of another bureau in ``base``'s year: a new bureau and ``departments``
    new departments (담당관, 과, 센터, 원, 사업소 — each kind at least once from 5 on), new
    programs (figures drawn from ``base``'s programs), two special accounts besides 일반회계,
    revenue categories and job categories no bundled table names, and ``projects`` key projects
    (default 7 for up to 5 departments, else 9): some funded by one program (the budget is that
    program's 예산현액 in 백만원), some by two, some 비예산, some stating figures ('교육 인원
    80명'). Deterministic for a seed."""
    if departments < 2:
        raise ValueError(f"a bureau of {departments} departments has no second for an account")
    rng = random.Random(f"other_bureau:{departments}:{seed}")
    bureau = rng.choice([b for b in BUREAUS if b != base.bureau])
    groups = _job_groups(rng)
    names = _department_names(rng, departments)
    categories = [c for g in groups for c in g.categories]
    samples = [(p.budget, p.committed, p.spent) for d in base.departments
               for _, p in d.programs() if p.name != BASIC_EXPENSE and p.budget > 0]
    specials = rng.sample(_SPECIAL_ACCOUNTS, 2)
    holders = rng.sample(range(departments), 2)
    objects = list(_OBJECTS)
    rng.shuffle(objects)
    made: list[Department] = []
    for index, name in enumerate(names):
        extra = [specials[holders.index(index)]] if index in holders else []
        staff = categories[index::departments]  # every category has someone in the bureau
        made.append(_department(rng, name, categories, staff, samples,
                                [GENERAL_ACCOUNT, *extra], objects))
    revenue = _revenue_tree(rng, objects)
    count = projects if projects is not None else (7 if departments <= 5 else 9)
    report = Report(
        bureau=bureau, fiscal_year=base.fiscal_year, as_of=base.as_of,
        teams=sum(rng.randint(2, 5) for _ in names), job_groups=groups,
        departments=tuple(made), revenue=revenue, settlement_revenue=(),
        settlement_spending=(), projects=(), facts=_facts(rng, groups, made),
        glossary=tuple(GlossaryTerm(term, rng.randint(2, 14), (f"- {text}",))
                       for term, text in rng.sample(_GLOSSARY, 3)),
        layout=Layout(rng.randint(3, 5), (rng.randint(8, 12), rng.randint(8, 12)),
                      rng.randint(24, 34)))
    report = replace(report, projects=_projects(rng, report, count))
    return _settle(rng, report)


def _job_groups(rng: random.Random) -> tuple[JobGroup, ...]:
    categories = ["행정", *rng.sample(_GROUP_CATEGORIES[1:-1], rng.randint(2, 4)), "기타"]
    singles = rng.sample(_SINGLE_CATEGORIES, rng.randint(2, 4))
    if "공무직" not in singles and not set(categories) - {"행정", "전산", "기타"}:
        singles.append("공무직")  # at least one column the bundled header has not
    return (JobGroup(_GROUP, tuple(categories)), *(JobGroup(s, (s,)) for s in singles))


def _stem(name: str) -> str:
    """Return a department's name without its kind ('기후정책과' -> '기후정책')."""
    return next((name[: -len(kind)] for kind in _KINDS if name.endswith(kind)), name)


def _department_names(rng: random.Random, count: int) -> list[str]:
    kinds = list(_KINDS[:count]) + [rng.choice(("담당관", "과", "과", "센터"))
                                    for _ in range(count - len(_KINDS))]
    rng.shuffle(kinds)
    stems = rng.sample(_STEMS, count)
    return [stem + kind for stem, kind in zip(stems, kinds, strict=True)]


def _program_name(rng: random.Random, objects: list[str]) -> tuple[str, str]:
    """Return (name, printed label) of a new program; some print spaced out letter by letter."""
    obj = objects.pop() if objects else f"신규사업{rng.randint(10, 99)}"
    action = rng.choice(_ACTIONS)
    if rng.random() < 0.3:
        name = key(obj) + action
        return name, spaced(name) if rng.random() < 0.5 else ""
    return f"{obj} {action}", ""


def _figures(rng: random.Random, sample: tuple[int, int, int]) -> tuple[int, int, int]:
    """Return (budget, committed, spent) in 천원 drawn from a program of the bundled report:
    its budget scaled, its execution ratios kept (spent never above committed)."""
    budget, committed, spent = sample
    new_budget = max(5_000, round(budget * rng.uniform(0.3, 1.6)))
    committed_ratio = min(1.0, committed / budget)
    spent_ratio = min(1.0, spent / committed) if committed else 0.0
    new_committed = round(new_budget * committed_ratio)
    return new_budget, new_committed, round(new_committed * spent_ratio)


def _department(rng: random.Random, name: str, categories: list[str], staffed: list[str],
                samples: list[tuple[int, int, int]], accounts: list[str],
                objects: list[str]) -> Department:
    """Return a new department: staff in ``staffed`` job categories and a few more of
    ``categories``, programs with figures drawn from ``samples`` in ``accounts``."""
    others = [c for c in categories if c not in staffed]
    chosen = staffed + rng.sample(others, min(len(others), rng.randint(1, 3)))
    authorized = rng.randint(max(12, len(chosen) + 4), 60)
    current = authorized + rng.choice((-3, -2, -1, -1, 0, 0, 0, 1))
    headcount = dict.fromkeys(chosen, 1)
    for _ in range(current - len(chosen)):
        headcount[rng.choice(chosen)] += 1
    stem = _stem(name)
    duties = tuple(rng.sample((f"{stem} 분야 정책 수립 및 조정", f"{stem} 시설 운영·관리",
                               "관련 민원 처리 및 제도 개선", f"{stem} 사업 평가·환류",
                               "유관기관 협력 및 시민 소통", "예산 편성 및 집행 관리",
                               "현장 점검 및 안전 관리"), rng.randint(3, 6)))
    made = []
    for account in accounts:
        programs = []
        for _ in range(rng.randint(3, 7) if account == GENERAL_ACCOUNT else rng.randint(1, 3)):
            program, label = _program_name(rng, objects)
            programs.append(Program(program, *_figures(rng, rng.choice(samples)), label))
        if account == GENERAL_ACCOUNT:
            budget = rng.randint(30_000, 400_000)
            spent = round(budget * rng.uniform(0.3, 0.5))
            programs.append(Program(BASIC_EXPENSE, budget, spent, spent, spaced(BASIC_EXPENSE)))
        total = sum(p.budget for p in programs)
        # a special account new this year has no previous budget (세출 총괄 prints 순증)
        previous = 0 if account != GENERAL_ACCOUNT and rng.random() < 0.3 else round(
            total * rng.uniform(0.75, 1.2))
        made.append(Account(account, previous, tuple(programs)))
    label = ""
    if rng.random() < 0.4:
        label = spaced(name) if rng.random() < 0.5 else f"{name[:2]} {name[2:]}"
    return Department(name, authorized, headcount, duties, tuple(made), label)


def _revenue_tree(rng: random.Random, objects: list[str]) -> tuple[RevenueCategory, ...]:
    tops = ["세외수입", "조정교부금등", *rng.sample(["보조금", "보전수입등및내부거래"], 1)]
    used: set[str] = set()

    def item() -> RevenueItem:
        name = ""
        while not name or name in used:
            name = f"{rng.choice(_OBJECTS)} {rng.choice(_ITEM_KINDS)}"
        used.add(name)
        budget = 0 if rng.random() < 0.15 else rng.randint(1_000, 900_000)
        previous = 0 if budget and rng.random() < 0.15 else rng.randint(1_000, 900_000)
        return RevenueItem(name, budget, previous)

    tree = []
    for top in tops:
        middles = list(_REVENUE[top])
        chosen = rng.sample(middles, rng.randint(1, len(middles)))
        children = []
        for middle in [m for m in middles if m in chosen]:
            details = _REVENUE[top][middle]
            picked = rng.sample(details, rng.randint(1, min(3, len(details))))
            children.append(RevenueCategory(middle, tuple(
                RevenueCategory(d, tuple(item() for _ in range(rng.randint(1, 3))))
                for d in details if d in picked)))
        tree.append(RevenueCategory(top, tuple(children)))
    return tuple(tree)


def _facts(rng: random.Random, groups: tuple[JobGroup, ...],
           departments: list[Department]) -> StaffFacts:
    staff = sum(d.current for d in departments)
    leaders = len(departments) * rng.randint(3, 5)
    series = tuple(c for c in groups[0].categories if c not in ("행정", "기타"))[:3]
    fields = series[:2]
    shares = [rng.randint(staff // 8, staff // 3) for _ in fields]
    return StaffFacts(leaders, round(leaders * rng.uniform(0.5, 0.9)), series,
                      tuple(zip(fields, shares, strict=True)))


def _projects(rng: random.Random, report: Report, count: int) -> tuple[Project, ...]:
    titles = rng.sample(_TITLES, count)
    kinds = (["program", "program", "none", "pair", "program"]
             + [rng.choice(("program", "pair", "none", "program")) for _ in range(count)])[:count]
    rng.shuffle(kinds)
    order = list(report.departments)
    rng.shuffle(order)
    timeline = rng.randrange(count)
    as_of_line = rng.randrange(count)
    made = []
    for number, (title, kind) in enumerate(zip(titles, kinds, strict=True)):
        department = order[number % len(order)]
        programs = [p.name for _, p in department.programs()
                    if p.name != BASIC_EXPENSE and p.budget >= 1_000]
        rng.shuffle(programs)
        funded: tuple[str, ...] = ()
        if kind == "program" or (kind == "pair" and len(programs) < 2):
            funded = tuple(programs[:1])
        elif kind == "pair":
            funded = tuple(programs[:2])
        label, unit, low, high = rng.choice(_METRICS)
        metric = (label, rng.randint(low, high), unit)
        lines = _project_lines(rng, title, kind == "none", metric,
                               timeline=number == timeline, as_of=number == as_of_line)
        chief = department.name.endswith(("센터", "사업소")) and rng.random() < 0.7
        team = ("운영과장" if chief
                else f"{_stem(department.name)}{rng.choice(('기획', '정책', '사업'))}팀장")
        made.append(Project(title, department.name, lines, funded, None, chief, team,
                            (metric,)))
    return tuple(made)


def _project_lines(rng: random.Random, title: str, unfunded: bool,
                   metric: tuple[str, int, str], *, timeline: bool,
                   as_of: bool) -> tuple[str, ...]:
    """Return a project's body with year tokens ('<<y>>': the fiscal year in a date)."""
    label, value, unit = metric
    budget = "- (사업예산) <<budget>>" + ("" if unfunded or rng.random() < 0.6
                                        else " ※ '<<y>>년 편성액 기준")
    lines = [f"「{title}」 추진으로 시민이 체감하는 생활환경 조성", "", "□ 사업개요", "",
             f"- (사업목적) 시민 삶의 질 향상을 위한 {title}", f"- (사업내용) {title} 및 홍보",
             f" - {label} {value:,}{unit} 목표"]
    if rng.random() < 0.5:
        lines.append("- (사업기간) '<<y>>~'<<y+2>>년")
    lines += [budget, "", "□ 추진실적", "",
              "- 추진계획 수립('<<y>>.2.) 및 관계기관 협의('<<y>>.3.~4.)",
              f" - 전년도 {label} {round(value * 0.8):,}{unit}('<<y-1>>.12.)",
              "- 시민 의견 수렴(2회) 및 전문가 자문('<<y>>.4.)"]
    if as_of:
        lines.append(f" - 상반기 {label} {round(value * 0.4):,}{unit}(<<기준>>)")
    if timeline:
        lines += ["", "구 분\t<<Y>>년\t<<Y+1>>년\t<<Y+2>>년\t<<Y+3>>~<<y+4>>년\t<<Y+5>>년",
                  "추진내용\t기본계획 수립\t설계 및 공모\t착공\t공사 및 시범운영\t"
                  "완공 운영개시", ""]
    lines += ["", "□ 향후일정", "", "- 세부 실행계획 수립 : '<<y>>. 6. ~ 7.",
              "- 사업 추진 및 점검 : '<<y>>. 7. ~ 12.", "- 성과 평가 : '<<y+1>>. 1."]
    return tuple(lines)


def _settle(rng: random.Random, report: Report) -> Report:
    """Return ``report`` with settlement tables of the year before that agree with it: the
    revenue settlement's budgets are the revenue tables' previous-year budgets; every
    department × account with a previous budget has a 세출결산 line."""
    revenue = []
    for path, node in revenue_rows(report.revenue):
        if isinstance(node, RevenueCategory) and len(path) == 2:
            assessed = round(node.previous * rng.uniform(1.0, 1.25)) or rng.randint(0, 50_000)
            written_off = round(assessed * rng.uniform(0, 0.01)) if rng.random() < 0.2 else 0
            outstanding = round(assessed * rng.uniform(0, 0.06))
            revenue.append(SettlementRevenue(path, node.previous, assessed,
                                             assessed - outstanding - written_off, written_off))
    spending = []
    for department in report.departments:
        for account in department.accounts:
            if not account.previous_budget:
                continue
            budget = round(account.previous_budget * rng.uniform(1.0, 1.12))
            spent = round(budget * rng.uniform(0.80, 0.97))
            carried = round((budget - spent) * rng.uniform(0, 0.6))
            returned = (round((budget - spent - carried) * rng.uniform(0, 0.3))
                        if rng.random() < 0.3 else 0)
            spending.append(SettlementSpending(department.name, account.name, budget, spent,
                                               carried, returned))
    return replace(report, settlement_revenue=tuple(revenue), settlement_spending=tuple(spending))


# -- shapes the two above do not make -------------------------------------------------------

def keep_departments(report: Report, count: int, projects: int = 1, seed: int = 0) -> Report:
    """Return ``report`` with only its first ``count`` departments (a bureau of one included):
    their staff facts, settlement lines and ``projects`` new key projects of theirs."""
    rng = random.Random(f"keep_departments:{report.bureau}:{count}:{seed}")
    kept = report.departments[:count]
    names = {d.name for d in kept}
    made = replace(report, departments=kept, facts=_facts(rng, report.job_groups, list(kept)),
                   settlement_spending=tuple(s for s in report.settlement_spending
                                             if s.department in names), projects=())
    return replace(made, projects=_projects(rng, made, projects))


def zero_department(report: Report, name: str) -> Report:
    """Return ``report`` with department ``name`` printing only zeros in every account (no
    budget this year or last: no settlement line, its key projects 비예산)."""
    def zeroed(department: Department) -> Department:
        return replace(department, accounts=tuple(
            Account(a.name, 0, tuple(replace(p, budget=0, committed=0, spent=0)
                                     for p in a.programs)) for a in department.accounts))

    return replace(report, departments=tuple(zeroed(d) if d.name == name else d
                                             for d in report.departments),
                   settlement_spending=tuple(s for s in report.settlement_spending
                                             if s.department != name),
                   projects=tuple(replace(p, programs=(), budget=None)
                                  if p.department == name else p for p in report.projects))


def unbudgeted_department(report: Report, name: str) -> Report:
    """Return ``report`` with department ``name`` staffed (인력 현황, 주요업무) but in no budget
    table: no account, so no row in 세출 총괄, 집행현황 or 세출결산; its key projects 비예산."""
    return replace(report, departments=tuple(replace(d, accounts=()) if d.name == name else d
                                             for d in report.departments),
                   settlement_spending=tuple(s for s in report.settlement_spending
                                             if s.department != name),
                   projects=tuple(replace(p, programs=(), budget=None)
                                  if p.department == name else p for p in report.projects))


def total_only_settlement(text: str, table: str = "settlement_expenditure") -> str:
    """Return the text with 세출결산 (or ``table`` 'settlement_revenue': 세입결산) printing its
    총계 row alone (no 소계, no department or category row), as a small bureau may print it."""
    lines = text.split("\n")
    start, end = section_bounds(lines)[table]
    total = next(i for i in range(start, end) if lines[i].startswith("총 계\t"))
    rows = next((i for i in range(total, end) if not lines[i].strip()), end)
    return "\n".join(lines[:total + 1] + lines[rows:])


def add_account(report: Report, name: str, account: str, seed: int = 0) -> Report:
    """Return ``report`` with one more account (``account``, two programs) in department
    ``name``, printed in every table that splits departments by account (the settlement too:
    it is settled again)."""
    rng = random.Random(f"add_account:{name}:{account}:{seed}")
    programs = (Program(f"{account[:2]} 시설 운영", 120_000, 60_000, 30_000),
                Program(f"{account[:2]} 기반 조성", 80_000, 80_000, 10_000))
    added = Account(account, 150_000, programs)
    departments = tuple(replace(d, accounts=(*d.accounts, added)) if d.name == name else d
                        for d in report.departments)
    return _settle(rng, replace(report, departments=departments))


def settled(report: Report, seed: int = 0) -> Report:
    """Return ``report`` with its settlement drawn again to agree with its departments,
    accounts and revenue (after an edit of them)."""
    return _settle(random.Random(f"settled:{report.bureau}:{seed}"), report)


def add_revenue(report: Report, category: RevenueCategory, seed: int = 0) -> Report:
    """Return ``report`` with one more revenue category (장, its 관 and 항 and items), settled
    again."""
    rng = random.Random(f"add_revenue:{category.name}:{seed}")
    return _settle(rng, replace(report, revenue=(*report.revenue, category)))


# -- other years and months ----------------------------------------------------------------------

def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_year(report: Report, seed: int = 0) -> Report:
    """Return the same bureau's report one year on: every year shifted by one (title,
    headings, headers, the settlement, the 기준 date, the key projects' dates), new figures.

    Last year's budgets become this year's previous-year budgets (revenue 최종예산, 세출 총괄
    최종예산) and its settlement (세출결산 예산현액 ≈ its 예산현액); programs are re-budgeted
    and executed afresh; key projects stay, their budgets following their programs."""
    rng = random.Random(f"next_year:{report.bureau}:{report.fiscal_year}:{seed}")
    spending = []
    departments = []
    for department in report.departments:
        accounts = []
        for account in department.accounts:
            carried = round(account.budget * rng.uniform(0, 0.06))
            spent = round((account.budget - carried) * rng.uniform(0.85, 0.98))
            spending.append(SettlementSpending(department.name, account.name, account.budget,
                                               spent, carried, 0))
            programs = tuple(_rebudget(rng, p) for p in account.programs)
            accounts.append(Account(account.name, account.budget, programs))
        departments.append(replace(department, accounts=tuple(accounts),
                                   authorized=department.authorized + rng.choice((0, 0, 1, -1))))
    revenue = tuple(_next_revenue(rng, c) for c in report.revenue)
    settlement = []
    for path, node in revenue_rows(report.revenue):
        if isinstance(node, RevenueCategory) and len(path) == 2:
            assessed = round(node.budget * rng.uniform(1.0, 1.2))
            outstanding = round(assessed * rng.uniform(0, 0.05))
            settlement.append(SettlementRevenue(path, node.budget, assessed,
                                                assessed - outstanding, 0))
    projects = tuple(replace(p, budget=round(p.budget * rng.uniform(0.9, 1.2)))
                     if p.budget is not None else p for p in report.projects)
    return replace(report, fiscal_year=report.fiscal_year + 1,
                   as_of=_shift_year(report.as_of, 1), departments=tuple(departments),
                   revenue=revenue, settlement_revenue=tuple(settlement),
                   settlement_spending=tuple(spending), projects=projects)


def _rebudget(rng: random.Random, program: Program) -> Program:
    budget = max(1_000, round(program.budget * rng.uniform(0.8, 1.25)))
    committed = round(budget * min(1.0, program.committed / program.budget
                                   * rng.uniform(0.8, 1.2)))
    spent = round(committed * min(1.0, (program.spent / program.committed
                                        if program.committed else 0.5) * rng.uniform(0.8, 1.2)))
    return replace(program, budget=budget, committed=committed, spent=spent)


def _next_revenue(rng: random.Random, node: RevenueCategory) -> RevenueCategory:
    children: list[RevenueCategory | RevenueItem] = []
    for child in node.children:
        if isinstance(child, RevenueCategory):
            children.append(_next_revenue(rng, child))
        else:
            budget = round(child.budget * rng.uniform(0.7, 1.3)) if child.budget else rng.randint(
                1_000, 100_000)
            children.append(RevenueItem(child.name, budget, child.budget))
    return RevenueCategory(node.name, tuple(children))


def later_month(report: Report, day: date, seed: int = 0) -> Report:
    """Return the report at a later 기준 date of the same fiscal year: each program's
    원인행위액 moves part of the way to its budget and its 지출액 part of the way to the new
    원인행위액; nothing else changes. Raises ValueError for a date not later in the year."""
    if not report.as_of < day <= date(report.fiscal_year, 12, 31):
        raise ValueError(f"{day} is not after {report.as_of} in fiscal year {report.fiscal_year}")
    rng = random.Random(f"later_month:{report.bureau}:{day.isoformat()}:{seed}")

    def grow(program: Program) -> Program:
        committed = program.committed + round((program.budget - program.committed)
                                              * rng.uniform(0, 0.3))
        spent = program.spent + round((committed - program.spent) * rng.uniform(0, 0.3))
        return replace(program, committed=committed, spent=spent)

    departments = tuple(replace(d, accounts=tuple(
        replace(a, programs=tuple(grow(p) for p in a.programs)) for a in d.accounts))
        for d in report.departments)
    return replace(report, as_of=day, departments=departments)


# -- reorganisations ---------------------------------------------------------------------------

def _half(program: Program, first: bool) -> Program:
    """Return one half of a program's figures (the first half takes an odd 천원)."""

    def part(value: int) -> int:
        return (value + 1) // 2 if first else value // 2

    return replace(program, budget=part(program.budget), committed=part(program.committed),
                   spent=part(program.spent))


def split(report: Report, department: str, into: tuple[str, str], effective: date,
          note: str = "조직개편(분할)") -> tuple[Report, tuple[tuple[str, str, str, str], ...]]:
    """Return the report after ``department`` is split in two, and its ``departments.csv``
    rows (one per successor, the same old name and date).

    The first successor takes every other program of 일반회계 and the special accounts, the
    second the rest; each has a 기본경비 of half the department's. Staff and previous budgets
    are shared out; a key project goes to the successor holding its program. The settlement
    (of the year before) keeps the old organisation.
    """
    old = report.department(department)
    halves: tuple[list[Account], list[Account]] = ([], [])
    for account in old.accounts:
        if account.name != GENERAL_ACCOUNT:
            halves[0].append(account)
            continue
        regular = [p for p in account.programs if p.name != BASIC_EXPENSE]
        basic = [p for p in account.programs if p.name == BASIC_EXPENSE]
        for index, target in enumerate(halves):
            programs = regular[index::2] + [_half(p, index == 0) for p in basic]
            share = Fraction(sum(p.budget for p in programs), account.budget)
            target.append(Account(account.name, round(account.previous_budget * share),
                                  tuple(programs)))
    made = []
    for index, name in enumerate(into):
        staff = {c: (n + 1 - index) // 2 for c, n in old.headcount.items()}
        made.append(Department(name, (old.authorized + 1 - index) // 2,
                               {c: n for c, n in staff.items() if n},
                               old.duties[index::2] or old.duties, tuple(halves[index])))
    departments: list[Department] = []
    for dept in report.departments:
        departments += made if dept.name == department else [dept]
    holders = {p.name: d.name for d in made for _, p in d.programs()
               if p.name != BASIC_EXPENSE}
    projects = tuple(
        replace(p, department=holders.get(p.programs[0], into[0]) if p.programs else into[0],
                chief=False) if p.department == department else p
        for p in report.projects)
    rows = tuple((department, name, effective.isoformat(), note) for name in into)
    return replace(report, departments=tuple(departments), projects=projects), rows


def merge(report: Report, departments: Sequence[str], into: str, effective: date,
          note: str = "조직개편(통합)") -> tuple[Report, tuple[tuple[str, str, str, str], ...]]:
    """Return the report after ``departments`` are merged into one called ``into`` (at the
    first one's place), and its ``departments.csv`` rows (one per merged department).

    Every program keeps its own row under the merged department; their 기본경비 become one.
    Staff, duties and previous budgets add up; their key projects go to the merged one.
    """
    olds = [report.department(name) for name in departments]
    programs: dict[str, list[Program]] = {}
    previous: dict[str, int] = {}
    for old in olds:
        for account in old.accounts:
            programs.setdefault(account.name, []).extend(account.programs)
            previous[account.name] = previous.get(account.name, 0) + account.previous_budget
    accounts = []
    for name, listed in programs.items():
        basic = [p for p in listed if p.name == BASIC_EXPENSE]
        regular = [p for p in listed if p.name != BASIC_EXPENSE]
        if basic:
            regular.append(Program(BASIC_EXPENSE, sum(p.budget for p in basic),
                                   sum(p.committed for p in basic), sum(p.spent for p in basic),
                                   spaced(BASIC_EXPENSE)))
        accounts.append(Account(name, previous[name], tuple(regular)))
    headcount: dict[str, int] = {}
    for old in olds:
        for category, count in old.headcount.items():
            headcount[category] = headcount.get(category, 0) + count
    merged = Department(into, sum(d.authorized for d in olds), headcount,
                        tuple(dict.fromkeys(duty for d in olds for duty in d.duties)),
                        tuple(accounts))
    kept = [merged if d.name == departments[0] else d for d in report.departments
            if d.name == departments[0] or d.name not in departments]
    projects = tuple(replace(p, department=into, chief=False) if p.department in departments
                     else p for p in report.projects)
    rows = tuple((name, into, effective.isoformat(), note) for name in departments)
    return replace(report, departments=tuple(kept), projects=projects), rows


def reorganisation_csv(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """Return a reorganisation map (``departments.csv``) holding ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REORGANISATION_HEADER)
    writer.writerows(rows)
    return out.getvalue()


# -- texts and files -----------------------------------------------------------------------------

def without_section(text: str, section: str) -> str:
    """Return the text without one section, its heading to the next heading (``section`` is
    a key of ``report_template.HEADINGS``: 'revenue' is 세입 예산 세부내역)."""
    lines = text.split("\n")
    bounds = section_bounds(lines)
    if section not in bounds:
        raise ValueError(f"the text has no section {section!r}; it has {', '.join(bounds)}")
    start, end = bounds[section]
    return "\n".join(lines[:start] + lines[end:])


def write_snapshot(data_dir: Path, report: str | Report) -> Path:
    """Write a report (a model is rendered) to ``data_dir/<기준 date>/report.txt``; return the
    file's path. The folder's date is the staffing table's '(YYYY. M. D. 기준)', so a text and
    its folder agree (a text missing other sections too)."""
    text = render(report) if isinstance(report, Report) else report
    match = re.search(r"\((\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.\s*기준\)", text)
    if match is None:
        raise ValueError("the text prints no '(YYYY. M. D. 기준)'")
    day = date(int(match[1]), int(match[2]), int(match[3]))
    path = data_dir / day.isoformat() / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- what a report should parse to ----------------------------------------------------------

def _million(thousands: int) -> int:
    """Return a figure printed in 백만원 (rounded half up from 천원), in KRW."""
    return to_million(thousands) * 1_000_000


def expected_tables(report: Report) -> dict[str, list[dict[str, object]]]:
    """Return the tables a parser should read from the rendered report: one list of rows per
    table, money in KRW (천원 × 1,000; a figure printed in 백만원 is as printed × 1,000,000),
    each money table with its ``fiscal_year`` (the settlement's: the settlement year).

    Names are as the model holds them; a test compares labels with whitespace removed.
    """
    fy, sy = report.fiscal_year, report.settlement_year
    tables: dict[str, list[dict[str, object]]] = {
        "staffing": [{"department": d.name, "authorized": d.authorized, "current": d.current}
                     for d in report.departments],
        "staffing_by_category": [{"department": d.name, "job_category": c,
                                  "headcount": d.headcount.get(c, 0)}
                                 for d in report.departments for c in report.categories],
        "expenditure": [{"department": d.name, "account": a.name, "program": p.name,
                         "budget": 1000 * p.budget, "committed": 1000 * p.committed,
                         "spent": 1000 * p.spent, "fiscal_year": fy}
                        for d in report.departments for a, p in d.programs()],
        "expenditure_summary": [{"department": d.name, "account": a.name,
                                 "budget": 1000 * a.budget,
                                 "previous_budget": 1000 * a.previous_budget,
                                 "committed": 1000 * a.committed, "fiscal_year": fy}
                                for d in report.departments for a in d.accounts],
        "revenue": [{"category": path[0], "subcategory": path[1], "detail_category": path[2],
                     "item": node.name, "budget": 1000 * node.budget,
                     "previous_budget": 1000 * node.previous, "fiscal_year": fy}
                    for path, node in revenue_rows(report.revenue)
                    if isinstance(node, RevenueItem)],
        "settlement_revenue": [{"category": r.path[0], "item": r.path[-1],
                                "budget": _million(r.budget),
                                "assessed": _million(r.assessed),
                                "collected": _million(r.collected),
                                "written_off": _million(r.written_off),
                                "outstanding": _million(r.outstanding), "fiscal_year": sy}
                               for r in report.settlement_revenue],
        "projects": [{"number": n, "title": p.title, "department": p.department,
                      "budget": None if report.project_budget(p) is None
                      else report.project_budget(p) * 1_000_000, "fiscal_year": fy}
                     for n, p in enumerate(report.projects, start=1)],
    }
    by_department: dict[str, list[SettlementSpending]] = {}
    for line in report.settlement_spending:
        by_department.setdefault(line.department, []).append(line)
    tables["settlement_expenditure"] = [
        {"department": s.department, "account": s.account, "budget": _million(s.budget),
         "spent": _million(s.spent), "carried_over": _million(s.carried_over),
         "subsidy_returned": _million(s.subsidy_returned), "unspent": _million(s.unspent),
         "fiscal_year": sy}
        for lines in by_department.values() for s in lines]
    return tables


# The columns of each table a test compares with what the generator wrote.
COMPARED_COLUMNS = {"staffing": ["department", "authorized", "current"],
            "staffing_by_category": ["department", "job_category", "headcount"],
            "expenditure": ["department", "account", "program", "budget", "committed", "spent"],
            "expenditure_summary": ["department", "account", "budget", "previous_budget",
                                    "committed"],
            "revenue": ["category", "subcategory", "detail_category", "item", "budget",
                        "previous_budget"],
            "settlement_expenditure": ["department", "account", "budget", "spent",
                                       "carried_over", "subsidy_returned", "unspent"],
            "settlement_revenue": ["category", "item", "budget", "assessed", "collected",
                                   "written_off", "outstanding"],
            "projects": ["number", "title", "department", "budget"]}

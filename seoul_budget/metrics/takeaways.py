"""Key takeaways: the three to five facts a reader should meet first on each page, written as
Korean sentences from the tables (printed totals where the report prints them), with one
short key figure per section for the index.

Every function takes the report's tables (``Report.tables()``), the snapshot date, the
department in scope (None: the whole bureau) and what the report is about (its
:class:`~seoul_budget.subject.Subject`: the bureau and the years the sentences name; by
default the years of the tables' ``fiscal_year`` columns and no bureau's name) and returns a
:class:`Takeaways`. A section whose table the report does not print (an empty table) is said
to be missing, never summed to 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..catalog import printed_unit
from ..departments import for_department
from ..formatting import (
    bracketed,
    format_money,
    format_percent,
    format_persons,
    format_points,
    korean_amount,
)
from ..parse.projects import STATED, UNFUNDED, UNREAD, UNSTATED
from ..records import subject_of_tables
from ..subject import Subject
from ..textwidth import LABEL_UNITS, shorten
from .changes import GONE, NEW, biggest_changes, budget_changes, revenue_changes
from .common import points_change, rate_pct, year_elapsed_pct
from .execution import behind_pace, largest_programs
from .printed import group_lines, line_tuple, printed_row, scope_key, total_row
from .projects import budget_states
from .settlement import collection_rates, prints_total_only, settlement_rates
from .staffing import job_category_totals, staffing_gaps

Tables = dict[str, pd.DataFrame]
BEHIND_PACE_PP = 20.0  # the expenditure notebook's default threshold
# What a page says instead of rates whose base is a budget of 0 (a department printing only
# zeros): a sentence with empty rates in it would read as broken.
NO_RATES = "예산현액이 0원이라 집행률과 비율은 계산하지 않습니다."


@dataclass(frozen=True)
class Takeaways:
    """A page's key facts (sentences), its key figure for the index (one line), and per
    sentence the report lines its figures are read or computed from (``lines[i]`` for
    ``sentences[i]``; a sentence past the list's end, or with (), names none)."""

    sentences: list[str]
    key_figure: str
    lines: list[tuple[int, ...]] = field(default_factory=list)
    key_sources: tuple[int, ...] | None = None  # the key figure's lines, where not all

    @property
    def key_lines(self) -> tuple[int, ...]:
        """Return the report lines the key figure is read from: ``key_sources`` where the
        section names them, else the sentences' lines (a key figure restates the
        sentences' figures), each once, in order."""
        if self.key_sources is not None:
            return self.key_sources
        return line_tuple(*(line for lines in self.lines for line in lines))


def has_final(word: str) -> bool:
    """Return True when ``word`` ends in a sound with a final consonant (받침), reading a
    trailing number or unit aloud ('1,638억원' → 원 → True; '41.4%' → 퍼센트 → False)."""
    text = word.rstrip(" )]」’'\"")
    if not text:
        return False
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isdigit():
        return last in "013678"  # 영 일 삼 육 칠 팔
    return last.isalpha() and last.lower() in "lmn"


def particle(word: str, after_final: str, after_vowel: str) -> str:
    """Return ``word`` with the particle that fits it ('센터' + 가, '사업' + 이)."""
    return word + (after_final if has_final(word) else after_vowel)


def eok(value_krw: float) -> str:
    """Return KRW in 억원 to one decimal, none when it is 0 ('316.8억원', '199억원')."""
    text = format_money(value_krw, "억원", 1, suffix=True)
    return text.replace(".0억원", "억원")


def quoted(name: str) -> str:
    """Return a program or item name in quotation marks (‘시설 통합 관리’), cut with '…'
    when it is longer than a chart label may be."""
    return f"‘{shorten(name, LABEL_UNITS)}’"


def _scope(department: str | None, subject: Subject) -> str:
    """Return who a sentence is about: the department, else the bureau (else '전체')."""
    return department or subject.bureau or subject.whole_bureau


def no_programs(scope: str) -> str:
    """Return what a page says of a scope with no program in 집행현황 (a department no
    budget table lists)."""
    return f"{scope}의 세출 사업은 이 보고서에 없습니다."


def no_settlement_row(year: int | None, scope: str) -> str:
    """Return what a page says of a department the settlement prints no row for (one new
    since that year)."""
    return f"{year}년 세출결산에는 {scope}의 행이 없습니다(그해에는 없던 부서일 수 있습니다)."


def settlement_total_only(year: int | None, whole_bureau: str, department: str | None = None,
                          title: str = "세출결산", rows: str = "부서별") -> str:
    """Return what a page says of a settlement table (``title``) printing only the bureau's
    총계, no ``rows`` rows: a department's page adds that its own figures are not in the
    report."""
    said = f"{year}년 {title}은 {whole_bureau}의 총계만 싣고 {rows} 행은 없습니다."
    if department is None:
        return said
    return f"{said} {department}의 결산 수치는 이 보고서에 없습니다."


def missing(title: str) -> Takeaways:
    """Return the one fact of a section whose table the report does not print."""
    return Takeaways([f"이 보고서에는 「{title}」 표가 없습니다."], "")


def overview(tables: Tables, as_of: date, department: str | None = None,
             subject: Subject | None = None) -> Takeaways:
    """Return the overview's facts: budget and pace, the largest program, programs behind
    pace, staffing shortage, revenue change."""
    subject = subject or subject_of_tables(tables)
    spending = expenditure(tables, as_of, department, subject)
    staff = staffing(tables, as_of, department, subject)
    money = revenue(tables, as_of, department, subject)
    sentences = spending.sentences[:3] + staff.sentences[:1] + money.sentences[:1]
    lines = [*_padded(spending, 3), *_padded(staff, 1), *_padded(money, 1)]
    people = for_department(tables["staffing"], department)
    key = (f"정원 {format_persons(people['authorized'].sum())}"
           f"·현원 {format_persons(people['current'].sum())}")
    if len(tables["expenditure"]):
        budget = total_row(tables["printed_totals"], "expenditure",
                           for_department(tables["expenditure"], department), ["budget"],
                           key=scope_key(department)).value("budget")
        key = f"세출 예산현액 {eok(budget)} · {key}"
    # the key figure restates the spending's first sentence (예산현액) and the staffing's
    key_sources = line_tuple(*_padded(spending, 1)[0], *_padded(staff, 1)[0]) \
        if spending.sentences and staff.sentences else None
    return Takeaways(sentences, key, lines[:len(sentences)], key_sources)


def _padded(takeaways: Takeaways, count: int) -> list[tuple[int, ...]]:
    """Return the lines of the first ``count`` sentences (() where a sentence has none)."""
    shown = min(count, len(takeaways.sentences))
    return [takeaways.lines[i] if i < len(takeaways.lines) else () for i in range(shown)]


def expenditure(tables: Tables, as_of: date, department: str | None = None,
                subject: Subject | None = None) -> Takeaways:
    """Return the expenditure facts: the printed budget total and execution against the
    year elapsed, the largest program, programs behind pace, the largest change by
    department."""
    subject = subject or subject_of_tables(tables)
    if not len(tables["expenditure"]):
        return missing("세출예산 집행현황")
    programs = for_department(tables["expenditure"], department)
    if not len(programs):
        return Takeaways([no_programs(_scope(department, subject))], "")
    total = total_row(tables["printed_totals"], "expenditure", programs,
                      ["budget", "committed", "spent"], key=scope_key(department))
    budget, committed = total.value("budget"), total.value("committed")
    if not budget:
        return Takeaways([f"{as_of.month}월 {as_of.day}일 현재 {_scope(department, subject)}의 "
                          f"세출 예산현액은 0원(사업 {len(programs)}개)입니다. {NO_RATES}"],
                         f"예산현액 0원 · 사업 {len(programs)}개",
                         [line_tuple(total.source_line)])
    elapsed = year_elapsed_pct(as_of, subject.fiscal_year)
    committed_rate = rate_pct(committed, budget)
    sentences = [
        f"{as_of.month}월 {as_of.day}일 현재 {_scope(department, subject)}의 세출 예산현액은 "
        f"{eok(budget)}(사업 {len(programs)}개)이고, 원인행위 기준 "
        f"{format_percent(committed_rate)}를 집행했습니다(지출 기준 "
        f"{format_percent(rate_pct(total.value('spent'), budget))}, 연간 경과율 "
        f"{format_percent(elapsed)})."]
    lines = [line_tuple(total.source_line)]
    top = largest_programs(programs, 1).iloc[0]
    sentences.append(
        f"가장 큰 사업은 {top.department}의 {particle(quoted(top.program), '으로', '로')} "
        f"{eok(top.budget)}, "
        f"{_scope(department, subject)} 예산의 "
        f"{format_percent(rate_pct(top.budget, budget))}이며, "
        f"원인행위 기준 집행률은 {format_percent(top.committed_rate)}입니다.")
    lines.append(line_tuple(top.source_line, total.source_line))
    behind = behind_pace(programs, as_of, BEHIND_PACE_PP)
    if len(behind):
        worth = int(behind["budget"].sum())
        sentences.append(
            f"집행률이 연간 경과율보다 {BEHIND_PACE_PP:.0f}%p 넘게 낮은 사업이 "
            f"{len(behind)}개, 예산 {eok(worth)}({format_percent(rate_pct(worth, budget))})"
            f"입니다.")
        lines.append(line_tuple(*behind["source_line"], total.source_line))
    else:
        sentences.append(f"집행률이 연간 경과율보다 {BEHIND_PACE_PP:.0f}%p 넘게 낮은 사업은 "
                         "없습니다.")
        lines.append(())
    summary = for_department(tables["expenditure_summary"], department)
    changes = budget_changes(summary)
    if department is None and len(changes):
        sentence, moved = department_change(changes, subject.previous_year)
        sentences.append(sentence)
        rows = summary[summary["department"] == moved]
        lines.append(line_tuple(*group_lines(changes[changes["department"] == moved],
                                             summary, tables["printed_totals"],
                                             "expenditure_summary", ["department"]))
                     or line_tuple(*rows["source_line"]))
    key = (f"예산현액 {eok(budget)} · 원인행위 {format_percent(committed_rate)} · "
           f"집행 부진 {len(behind)}개 사업"
           + (f" {eok(behind['budget'].sum())}" if len(behind) else ""))
    return Takeaways(sentences, key, lines)


def department_change(changes: pd.DataFrame, previous_year: int) -> tuple[str, str | None]:
    """Return the sentence on the department whose budget grew most since the previous
    year's final budget (``changes``: :func:`.changes.budget_changes` by department) — or,
    when none grew, the one that shrank most — and that department (None when no budget
    moved)."""
    up = changes.sort_values("change", ascending=False, kind="stable").iloc[0]
    down = changes.sort_values("change", kind="stable").iloc[0]
    since = f"{previous_year}년 최종예산보다"
    if up.change > 0:
        return (f"{since} 가장 많이 늘어난 부서는 {particle(up.department, '으로', '로')} "
                f"{eok(up.change)}{bracketed(format_percent(up.change_rate))} 늘었습니다.",
                up.department)
    if down.change < 0:
        return (f"{since} 늘어난 부서는 없고, 가장 많이 줄어든 부서는 "
                f"{particle(down.department, '으로', '로')} {eok(-down.change)}"
                f"{bracketed(format_percent(abs(down.change_rate)))} 줄었습니다.",
                down.department)
    return f"{previous_year}년 최종예산과 예산현액이 달라진 부서는 없습니다.", None


def staffing(tables: Tables, as_of: date, department: str | None = None,
             subject: Subject | None = None) -> Takeaways:
    """Return the staffing facts: posts and staff in post, shortages, the largest job
    category."""
    subject = subject or subject_of_tables(tables)
    gaps = staffing_gaps(for_department(tables["staffing"], department))
    authorized, current = int(gaps["authorized"].sum()), int(gaps["current"].sum())
    short = gaps[gaps["shortage"] > 0].sort_values("shortage", ascending=False, kind="stable")
    sentences = [f"{_scope(department, subject)}의 정원은 {format_persons(authorized)}, 현원은 "
                 f"{format_persons(current)}(충원율 "
                 f"{format_percent(rate_pct(current, authorized))})입니다."]
    printed = total_row(tables["printed_totals"], "staffing", gaps, ["authorized", "current"],
                        key=scope_key(department)).source_line
    lines = [line_tuple(printed) or line_tuple(*gaps["source_line"])]
    if department is not None and authorized != current:
        gap = authorized - current
        sentences.append(f"정원보다 현원이 {format_persons(abs(gap))} "
                         f"{'적습니다' if gap > 0 else '많습니다'}.")
        lines.append(lines[0])
    if department is None and len(short):
        worst = short.iloc[0]
        sentences.append(f"정원보다 현원이 적은 부서는 {len(short)}곳, 모자란 인원은 "
                         f"{format_persons(short['shortage'].sum())}이며 "
                         f"{particle(worst.department, '이', '가')} "
                         f"{format_persons(worst.shortage)}으로 가장 많이 부족합니다.")
        lines.append(line_tuple(*short["source_line"]))
    by_category = for_department(tables["staffing_by_category"], department)
    categories = job_category_totals(by_category)
    if len(categories) and categories["headcount"].sum() > 0:
        top = categories.sort_values("headcount", ascending=False, kind="stable").iloc[0]
        sentences.append(f"직종별로는 {top.job_category} {format_persons(top.headcount)}"
                         f"({format_percent(top.share)})이 가장 많습니다.")
        chosen = categories[categories["job_category"] == top.job_category]
        lines.append(line_tuple(*group_lines(chosen, by_category, tables["printed_totals"],
                                             "staffing_by_category", ["job_category"])))
    gap = authorized - current
    key = (f"정원 {format_persons(authorized)} · 현원 {format_persons(current)}"
           + (f" · 부족 {format_persons(gap)}" if gap > 0 else ""))
    return Takeaways(sentences, key, lines)


def revenue(tables: Tables, as_of: date, department: str | None = None,
            subject: Subject | None = None, money_unit: str | None = None) -> Takeaways:
    """Return the revenue facts (the bureau's: revenue is not split by department): the
    printed total against the year before's, the largest decrease and increase, new and gone
    items. Money in ``money_unit`` (the unit of the page's tables; default 억원)."""
    subject = subject or subject_of_tables(tables)

    def money(value_krw: float) -> str:
        return format_money(value_krw, money_unit, suffix=True) if money_unit else eok(value_krw)

    items = tables["revenue"]
    if not len(items):
        return missing("세입 예산 세부내역")
    year, before = subject.fiscal_year, subject.previous_year
    total = total_row(tables["printed_totals"], "revenue", items,
                      ["budget", "previous_budget"])
    new, old = total.value("budget"), total.value("previous_budget")
    rate = rate_pct(new - old, old)
    what = f"{year}년 세입 예산"
    if department is not None:  # revenue is not split by department: say whose it is
        what = f"{subject.whole_bureau}의 {what}"
    sentences = [f"{what}은 {money(new)}({korean_amount(new)})으로 {before}년 최종예산 "
                 f"{money(old)}보다 {format_percent(abs(rate))} "
                 f"{'줄었' if new < old else '늘었'}습니다."]
    lines = [line_tuple(total.source_line)]
    changes = revenue_changes(items, "item")
    labelled = changes.assign(label=[item if isinstance(item, str) else detail
                                     for item, detail in
                                     zip(changes["item"], changes["detail_category"],
                                         strict=True)])
    for went, said, items in (("준", "줄었", labelled[labelled["change"] < 0]),
                              ("는", "늘었", labelled[labelled["change"] > 0])):
        if len(items):
            row = biggest_changes(items, 1).iloc[0]
            sentences.append(f"가장 크게 {went} 항목은 {particle(quoted(row.label), '으로', '로')} "
                             f"{money(abs(row.change))} {said}습니다({row.status}).")
            lines.append(line_tuple(row.source_line))
    sentences.append(f"{year}년에 새로 생긴 수입(순증)이 {(changes['status'] == NEW).sum()}개, "
                     f"없어진 수입(전액 감소)이 {(changes['status'] == GONE).sum()}개 "
                     "항목입니다.")
    key = f"세입 예산 {money(new)} · {before} 대비 {format_percent(rate)}"
    return Takeaways(sentences, key, lines)


def settlement(tables: Tables, as_of: date, department: str | None = None,
               subject: Subject | None = None, money_unit: str | None = None) -> Takeaways:
    """Return the settlement's facts (the year before's, as the report prints it): where the
    budget went (printed totals), the largest unspent share, carry-overs, revenue collected.
    Expenditure money in ``money_unit`` (the unit of the page's expenditure table; default
    the printed one), revenue in its printed unit, as its table."""
    subject = subject or subject_of_tables(tables)
    total_only = prints_total_only(tables["settlement_expenditure"], tables["printed_totals"])
    if not len(tables["settlement_expenditure"]) and not total_only:
        return missing("세출결산")
    year = subject.settlement_year
    lines = for_department(tables["settlement_expenditure"], department)
    columns = ["budget", "spent", "carried_over", "subsidy_returned", "unspent"]
    total = total_row(tables["printed_totals"], "settlement_expenditure", lines, columns,
                      key=scope_key(department))
    budget = total.value("budget")
    unspent = total.value("unspent")
    million = printed_unit("settlement_expenditure")  # as the report prints it
    unit = money_unit or million

    def money(value_krw: float | None, in_unit: str = unit) -> str:
        return format_money(value_krw, in_unit, suffix=True)

    execution = rate_pct(budget - unspent, budget)
    scope = _scope(department, subject)
    # a department's page over the bureau's 총계 alone: none of the figures are its own
    unknown = total_only and department is not None
    if unknown:
        sentences = [settlement_total_only(year, subject.whole_bureau, department)]
    elif not len(lines) and not total_only:  # a department new since that year
        sentences = [no_settlement_row(year, scope)]
    elif not budget:
        sentences = [f"{year}년 {scope}의 예산현액은 0원입니다. {NO_RATES}"]
    else:
        sentences = [
            f"{year}년 {scope}의 예산현액 {money(budget)} 가운데 "
            f"{money(total.value('spent'))}"
            f"({format_percent(rate_pct(total.value('spent'), budget))})"
            f"을 지출하고 {money(total.value('carried_over'))}을 이월했으며, 집행잔액은 "
            f"{money(unspent)}({format_percent(rate_pct(unspent, budget))}), 집행률은 "
            f"{format_percent(execution)}입니다."]
    bureau_line = printed_row(tables["printed_totals"], "settlement_expenditure")[1]
    said = [line_tuple(bureau_line if unknown else total.source_line)]
    if total_only and department is None:
        sentences.append(settlement_total_only(year, subject.whole_bureau))
        said.append(line_tuple(bureau_line))
    rates = settlement_rates(lines, by=["department"])
    rate_lines = group_lines(rates, lines, tables["printed_totals"], "settlement_expenditure",
                             ["department"])
    if department is None and len(rates) > 1:
        worst = rates.sort_values("unspent_share", ascending=False, kind="stable").iloc[0]
        sentences.append(f"집행잔액 비율이 가장 높은 부서는 "
                         f"{particle(worst.department, '으로', '로')} "
                         f"{format_percent(worst.unspent_share)}입니다.")
        said.append(line_tuple(rate_lines[rates["department"] == worst.department].iloc[0]))
        carried = rates.sort_values("carried_over", ascending=False, kind="stable").iloc[0]
        sentences.append(f"이월액은 {particle(carried.department, '이', '가')} "
                         f"{money(carried.carried_over)}으로 "
                         "가장 많습니다.")
        said.append(line_tuple(rate_lines[rates["department"] == carried.department].iloc[0]))
    revenue_total = total_row(tables["printed_totals"], "settlement_revenue",
                              collection_rates(tables["settlement_revenue"]),
                              ["assessed", "collected", "outstanding"])
    collected = rate_pct(revenue_total.value("collected"), revenue_total.value("assessed"))
    # revenue is not split by department: a department's page says whose it is
    whose = f"{subject.whole_bureau}의 " if department is not None else ""
    sentences.append(
        f"{whose}세입은 징수결정액 {money(revenue_total.value('assessed'), million)} 가운데 "
        f"{money(revenue_total.value('collected'), million)}({format_percent(collected)})을 "
        f"거두었고 미수납액은 {money(revenue_total.value('outstanding'), million)}입니다.")
    said.append(line_tuple(revenue_total.source_line))
    key = (f"{year} 집행률 {format_percent(execution, missing='-')} · 집행잔액 "
           f"{'-' if unknown else money(unspent)} · 세입 수납률 {format_percent(collected)}")
    return Takeaways(sentences, key, said)


def key_projects(tables: Tables, as_of: date, department: str | None = None,
                 subject: Subject | None = None) -> Takeaways:
    """Return the key-project facts: how many, their budgets, the largest."""
    subject = subject or subject_of_tables(tables)
    if not len(tables["projects"]):
        return missing("주요 현안업무")
    projects = for_department(tables["projects"], department)
    if not len(projects):
        return Takeaways([f"{_scope(department, subject)}이(가) 맡은 주요 현안업무는 이 "
                          "보고서에 없습니다."], "")
    states = budget_states(projects)
    funded = projects[states == STATED]
    unread = projects[states == UNREAD]
    unit = printed_unit("projects")  # as the report prints it
    # a budget line not read is written, so the sum is only of those read
    counted = "사업예산을 읽은" if len(unread) else "사업예산이 적힌"
    sentences = [f"주요 현안업무는 {len(projects)}개이며, {counted} "
                 f"{len(funded)}개의 예산 합계는 "
                 f"{format_money(funded['budget'].sum(), unit, suffix=True)}입니다."]
    lines = [line_tuple(*funded["source_line"])]
    if len(funded):
        top = funded.sort_values("budget", ascending=False, kind="stable").iloc[0]
        sentences.append(f"가장 큰 사업은 {top.number}. {quoted(top.title)}"
                         f"({top.department}, {format_money(top.budget, unit, suffix=True)})"
                         "입니다.")
        lines.append(line_tuple(top.source_line))
    unfunded = int((states == UNFUNDED).sum())
    if unfunded:
        sentences.append(f"{unfunded}개 사업은 예산 없이(비예산) 추진합니다.")
    unstated = int((states == UNSTATED).sum())
    if unstated:
        sentences.append(f"{unstated}개 사업은 사업예산이 원문에 적혀 있지 않습니다.")
    if len(unread):
        lines += [()] * (len(sentences) - len(lines))  # the sentences before cite no line
        sentences.append(f"{len(unread)}개 사업은 사업예산 행을 읽지 못해 합계에 넣지 "
                         "않았습니다.")
        lines.append(line_tuple(*unread["source_line"]))
    key = (f"현안업무 {len(projects)}개 · 사업예산 "
           f"{format_money(funded['budget'].sum(), unit, suffix=True)}")
    # the key figure sums the budgets read: the lines of those not read are no source of it
    return Takeaways(sentences, key, lines, key_sources=lines[0])


def trend_takeaways(by_month: pd.DataFrame, scope: str,
                    sums: pd.DataFrame | None = None) -> Takeaways:
    """Return the trends page's facts from its months' execution (the frame of
    :func:`seoul_budget.metrics.trends.execution_by_month`, oldest first, rates in percent):
    the newest month's rates against the year elapsed, the change since the month before in
    percentage points, and the programs added or gone; the key figure for the index. Only
    months up to the page's own date are read, so the sentences say 'as of' that date.
    ``sums`` (:func:`seoul_budget.metrics.trends.summed_lines`: ``as_of``, ``lines``) names
    the newest month's lines behind its rates, which its sentences cite. No month: the
    scope has no program (a department no budget table lists)."""
    if not len(by_month):
        return Takeaways([no_programs(scope)], "")
    last = by_month.iloc[-1]
    day = pd.Timestamp(last["as_of"]).date()
    newest: tuple[int, ...] = ()
    if sums is not None:
        rows = sums[pd.to_datetime(sums["as_of"]).dt.date == day]["lines"]
        newest = line_tuple(*(rows.iloc[0] if len(rows) else ()))
    if pd.isna(last["committed_rate"]):  # a budget of 0: no rate to follow
        return Takeaways([f"{day.month}월 {day.day}일 현재 {scope}의 {NO_RATES}"],
                         "집행률 없음 (예산현액 0원)", [newest])
    sentences = [
        f"{day.month}월 {day.day}일 현재 {scope}의 집행률은 원인행위 기준 "
        f"{format_percent(last['committed_rate'])}, 지출 기준 "
        f"{format_percent(last['spent_rate'])}이고, 연간 경과율은 "
        f"{format_percent(last['elapsed'])}입니다."]
    key = (f"원인행위 {format_percent(last['committed_rate'])} · "
           f"지출 {format_percent(last['spent_rate'])}")
    if len(by_month) < 2:
        sentences.append(f"이 회계연도에서 {day.month}월 {day.day}일까지 읽은 보고서는 이 달 "
                         "하나라, 지난달과 비교한 변화는 아직 없습니다.")
        return Takeaways(sentences, key + " · 비교할 지난달 없음", [newest])
    before = by_month.iloc[-2]
    then = pd.Timestamp(before["as_of"]).date()
    if pd.isna(before["committed_rate"]):
        sentences.append(f"{then.month}월 {then.day}일에는 예산현액이 0원이라 그때와 비교한 "
                         "변화는 없습니다.")
        return Takeaways(sentences, key, [newest])

    def change(column: str) -> str:
        return format_points(points_change(last[column], before[column]))

    committed, spent = change("committed_rate"), change("spent_rate")
    sentences.append(
        f"{then.month}월 {then.day}일보다 원인행위 기준 {committed}, 지출 기준 {spent} "
        f"움직였고, 같은 사이 연간 경과율은 "
        f"{change('elapsed')} 지났습니다.")
    programs = int(last["programs"]) - int(before["programs"])
    if programs:
        sentences.append(f"세출 사업은 {int(before['programs'])}개에서 "
                         f"{int(last['programs'])}개로 {'늘었' if programs > 0 else '줄었'}"
                         "습니다.")
    return Takeaways(sentences, f"{key} · 전월 대비 원인행위 {committed}", [newest])


SECTIONS = {"overview": overview, "staffing": staffing, "revenue": revenue,
            "expenditure": expenditure, "settlement": settlement,
            "key_projects": key_projects}


# The sections whose takeaways can write money in the unit the notebook chose for its tables.
IN_TABLE_UNITS = {"revenue": revenue, "settlement": settlement}


def takeaways(section: str, tables: Tables, as_of: date, department: str | None = None,
              subject: Subject | None = None, money_unit: str | None = None) -> Takeaways:
    """Return the key takeaways of a section notebook ('overview', 'expenditure' …) for a
    report about ``subject`` (its bureau and years; default: the tables' years), with money in
    ``money_unit`` where the notebook chose one for its tables (the sections of
    :data:`IN_TABLE_UNITS`; default: as each section writes it).

    Raises KeyError naming the sections for an unknown one.
    """
    if section not in SECTIONS:
        raise KeyError(f"no takeaways for section {section!r}; choose one of "
                       f"{', '.join(SECTIONS)}")
    if money_unit is not None and section in IN_TABLE_UNITS:
        return IN_TABLE_UNITS[section](tables, as_of, department, subject, money_unit)
    return SECTIONS[section](tables, as_of, department, subject)

"""Month to month (``metrics.trends``) on the three months of ``tests/monthly.py``.

Expected values come from the report's printed figures and the generator's known edits of June
(money in 천원 as the report prints it; the tables hold 원, so × 1,000):
- 데이터 품질 관리 added to 빅데이터담당관 일반회계 with 1,000,000 천원;
- 서울기록원 시민참여프로그램운영 removed (line 579: 613,300 / 263,307 / 101,613 천원);
- 메타버스 서울 추진 re-budgeted from 2,813,953 (line 493) to 3,313,953 천원.
A later month's execution figures are read from its text with ``variants.programs`` (the
generated document's own printed rows), never from the code under test.

``seoul_budget.metrics.trends.compare_programs`` tells a budget change (예산 변경) from
execution moving under the same budget (집행 변동) and from nothing moving (변동 없음)."""

from __future__ import annotations

from datetime import date

import monthly as m
import pandas as pd
import pytest
import variants as v
from bundled import DEPARTMENTS, with_aliases

import seoul_budget as sb
from seoul_budget import metrics
from seoul_budget.departments import Reorganisation
from seoul_budget.snapshot_history import Renamer

KRW = 1_000  # won per 천원


@pytest.fixture(scope="module")
def expenditure(months_tables) -> pd.DataFrame:
    return months_tables["expenditure"]


@pytest.fixture(scope="module")
def may_to_june(expenditure) -> pd.DataFrame:
    return metrics.compare_programs(metrics.rows_at(expenditure, m.MAY),
                                    metrics.rows_at(expenditure, m.JUNE))


def printed(text: str) -> dict[tuple[str, str, str], v.Program]:
    """The program rows a month's text prints, by department, account and name with spacing
    removed ('서 울 기 록 원', '기 본 경 비'); money in 천원."""
    return {(v.key(p.department), v.key(p.account), v.key(p.name)): p
            for p in v.programs(text)}


def keys(programs: pd.DataFrame) -> set[tuple[str, str, str]]:
    """The same keys for rows of a table."""
    return {(v.key(d), v.key(a), v.key(n)) for d, a, n in
            zip(programs["department"], programs["account"], programs["program"], strict=True)}


def test_snapshot_dates_and_the_previous_one(expenditure):
    assert metrics.snapshot_dates(expenditure) == [m.MAY, m.JUNE, m.JULY]
    assert metrics.previous_as_of(expenditure, m.JULY) == m.JUNE
    assert metrics.previous_as_of(expenditure, m.MAY) is None


def test_execution_by_month_for_the_bureau(expenditure):
    by_month = metrics.execution_by_month(expenditure)
    assert [d.date() for d in by_month["as_of"]] == [m.MAY, m.JUNE, m.JULY]
    # May: 163,848,799 천원 (line 484); June: + 1,000,000 − 613,300 + 500,000 = 164,735,499
    assert by_month["budget"].tolist() == [163_848_799 * KRW, 164_735_499 * KRW,
                                           164_735_499 * KRW]
    # May's 원인행위 84,471,483 / 163,848,799 천원 = 51.55 % (line 484 prints 51.6%)
    assert by_month["committed_rate"].iloc[0] == pytest.approx(51.5545, abs=1e-3)
    june, july = m.three_months()[1:]
    for row, text in zip(by_month.iloc[1:].itertuples(), (june, july), strict=True):
        programs = v.programs(text)
        assert len(programs) == 72
        assert row.committed == sum(p.committed for p in programs) * KRW
        assert row.spent == sum(p.spent for p in programs) * KRW
        assert row.committed_rate == pytest.approx(100 * row.committed / row.budget)
    # day 151, 181 and 212 of 365
    assert by_month["elapsed"].tolist() == pytest.approx([151 / 3.65, 181 / 3.65, 212 / 3.65])


def test_execution_by_month_by_department(expenditure):
    rows = metrics.execution_by_month(expenditure, by=["department"])
    assert rows["department"].tolist()[:8] == list(DEPARTMENTS)  # report order per month
    june = rows[rows["as_of"] == pd.Timestamp(m.JUNE)].set_index("department")["budget"]
    assert june["빅데이터담당관"] == (17_248_450 + 1_000_000) * KRW
    assert june["서울기록원"] == (5_025_131 - 613_300) * KRW  # line 574 less the removed one
    assert june["디지털정책담당관"] == (22_800_113 + 500_000) * KRW  # line 485 + 추경


def test_programs_added_and_removed(may_to_june):
    added = metrics.programs_added(may_to_june)
    assert added[["department", "account", "program"]].values.tolist() == [
        ["빅데이터담당관", "일반회계", "데이터 품질 관리"]]
    assert added["budget_after"].tolist() == [1_000_000_000]  # 1,000,000 천원
    assert added["budget_before"].isna().all()
    assert added["budget_change"].tolist() == [1_000_000_000]
    removed = metrics.programs_removed(may_to_june)
    assert removed["program"].tolist() == ["서울기록원 시민참여프로그램운영"]
    assert removed[["budget_before", "committed_before", "spent_before"]].values.tolist() == [
        [613_300 * KRW, 263_307 * KRW, 101_613 * KRW]]  # line 579
    assert removed["budget_change"].tolist() == [-613_300 * KRW]
    assert set(may_to_june["status"]) <= {metrics.ADDED, metrics.REMOVED, metrics.REBUDGETED,
                                          metrics.EXECUTED, metrics.UNCHANGED}
    assert len(may_to_june) == 73  # 71 in both months, one new, one gone


def test_budget_changes_by_program_and_department(may_to_june):
    changed = metrics.budget_changes_by_program(may_to_june)
    assert changed[["program", "budget_before", "budget_after", "budget_change"]].values \
        .tolist() == [["메타버스 서울 추진", 2_813_953 * KRW, 3_313_953 * KRW, 500_000 * KRW]]
    departments = metrics.budget_changes_by_department(may_to_june)
    assert departments["department"].tolist() == ["디지털정책담당관", "빅데이터담당관",
                                                  "서울기록원"]
    assert departments[["change", "added", "removed", "rebudgeted"]].values.tolist() == [
        [500_000 * KRW, 0, 0, 500_000 * KRW],
        [1_000_000 * KRW, 1_000_000 * KRW, 0, 0],
        [-613_300 * KRW, 0, -613_300 * KRW, 0]]
    assert departments["budget_before"].tolist() == [22_800_113 * KRW, 17_248_450 * KRW,
                                                     5_025_131 * KRW]


def test_programs_are_matched_ignoring_spacing():
    before = pd.DataFrame({"department": ["빅데이터담당관"], "account": ["일반회계"],
                           "program": ["빅 데이터 분석 서비스"], "budget": [2_081_450_000],
                           "committed": [100], "spent": [50]}).astype(
        {"budget": "Int64", "committed": "Int64", "spent": "Int64"})
    after = before.assign(program=["빅데이터분석서비스"])
    compared = metrics.compare_programs(before, after)
    assert compared["status"].tolist() == [metrics.UNCHANGED]
    assert compared["program"].tolist() == ["빅데이터분석서비스"]  # as the later month prints


def test_a_merged_departments_programs_of_one_name_are_compared_together():
    # May: 가과 and 나과 each print a 기본경비 (100 and 50 천원), both under 가나과 once the map
    # merges them; June: 가나과 prints one 기본경비 of 150 천원 — no budget changed
    money = {"budget": "Int64", "committed": "Int64", "spent": "Int64"}
    before = pd.DataFrame({"department": ["가나과", "가나과", "가나과"],
                           "account": ["일반회계"] * 3,
                           "program": ["홍보 지원", "기본경비", "기 본 경 비"],
                           "budget": [30_000, 100_000, 50_000], "committed": [10, 40, 20],
                           "spent": [5, 40, 20]}).astype(money)
    after = pd.DataFrame({"department": ["가나과", "가나과"], "account": ["일반회계"] * 2,
                          "program": ["홍보 지원", "기본경비"], "budget": [30_000, 150_000],
                          "committed": [10, 70], "spent": [5, 60]}).astype(money)
    compared = metrics.compare_programs(before.assign(source_line=[11, 12, 13]),
                                        after.assign(source_line=[21, 22]))
    assert compared[["program", "status", "budget_before", "budget_after",
                     "committed_change"]].values.tolist() == [
        ["홍보 지원", metrics.UNCHANGED, 30_000, 30_000, 0],
        ["기본경비", metrics.EXECUTED, 150_000, 150_000, 10]]  # 70 − (40 + 20)
    # each month's line of the program; May's 기본경비 is two lines summed: no one line
    assert compared["line_before"].tolist() == [11, pd.NA]
    assert compared["line_after"].tolist() == [21, 22]
    # three programs in May, two in June, none added or removed: the page says two 기본경비
    # became one (May's two rows, June's one)
    assert compared["rows_before"].tolist() == [1, 2]
    assert compared["rows_after"].tolist() == [1, 1]
    assert metrics.programs_combined(compared) == (2, 1)
    assert metrics.programs_combined(compared.iloc[:1]) == (0, 0)


def test_stalled_programs_are_those_whose_execution_did_not_move(expenditure):
    june, july = m.three_months()[1:]
    before, after = printed(june), printed(july)
    expected = {name for name, p in after.items() if name in before
                and (p.committed, p.spent) == (before[name].committed, before[name].spent)
                and p.spent < p.budget}
    assert 0 < len(expected) < len(after)  # some programs moved, some did not
    compared = metrics.compare_programs(metrics.rows_at(expenditure, m.JUNE),
                                        metrics.rows_at(expenditure, m.JULY))
    stalled = metrics.stalled_programs(compared)
    assert keys(stalled) == expected and len(stalled) == len(expected)
    assert stalled["budget_after"].is_monotonic_decreasing


def test_a_month_without_growth_stalls_every_program_not_fully_spent(expenditure, tmp_path):
    july = m.three_months()[2]
    august = v.later_month(july, m.AUGUST, growth=0.0)
    path = with_aliases(tmp_path) / "2023-08-31" / "report.txt"
    path.parent.mkdir()
    path.write_text(august, encoding="utf-8")
    compared = metrics.compare_programs(metrics.rows_at(expenditure, m.JULY),
                                        sb.load_report(path).expenditure)
    stalled = metrics.stalled_programs(compared)
    expected = {name for name, p in printed(july).items() if p.spent < p.budget}
    assert keys(stalled) == expected
    assert len(stalled) == len(expected)


def test_department_changes_with_and_without_a_reorganisation_map():
    before = ["빅데이터담당관", "데이터센터", "서울기록원"]
    after = ["빅데이터담당관", "디지털데이터센터", "서울기록원", "인공지능정책담당관"]
    new_center, new_ai = "디지털데이터센터", "인공지능정책담당관"
    plain = metrics.department_changes(before, after, m.JUNE, m.JULY)
    assert plain.values.tolist() == [["데이터센터", metrics.DEPARTMENT_REMOVED, ""],
                                     [new_center, metrics.DEPARTMENT_ADDED, new_center],
                                     [new_ai, metrics.DEPARTMENT_ADDED, new_ai]]

    def rename(name: str, as_of: date) -> str:
        return "디지털데이터센터" if name == "데이터센터" and as_of < m.JULY else name

    mapped = metrics.department_changes(before, after, m.JUNE, m.JULY, rename)
    assert mapped.values.tolist() == [["데이터센터", metrics.DEPARTMENT_RENAMED, new_center],
                                      [new_ai, metrics.DEPARTMENT_ADDED, new_ai]]
    same = metrics.department_changes(before, before, m.JUNE, m.JULY)
    assert same.empty


def test_department_changes_name_a_split_and_a_merge():
    # July's map: 기후정책과 split in two, 녹색교통과 and 대기질과 merged into 녹색환경과,
    # 에너지과 renamed; 탄소중립과 is new. A reader sees one row per earlier department.
    before = ["기후정책과", "녹색교통과", "대기질과", "자원순환과", "에너지과"]
    after = ["기후기획과", "기후적응과", "녹색환경과", "자원순환과", "에너지정책과", "탄소중립과"]
    rows = [("기후정책과", "기후기획과"), ("기후정책과", "기후적응과"),
            ("녹색교통과", "녹색환경과"), ("대기질과", "녹색환경과"), ("에너지과", "에너지정책과")]
    changes = tuple(Reorganisation(old, new, m.JULY, "개편", line)
                    for line, (old, new) in enumerate(rows, start=2))
    rename = Renamer(changes, m.JULY)  # as the July page reads the map
    moved = metrics.department_changes(before, after, m.JUNE, m.JULY, rename)
    assert moved.values.tolist() == [
        ["기후정책과", metrics.DEPARTMENT_SPLIT, "기후기획과, 기후적응과"],
        ["녹색교통과", metrics.DEPARTMENT_MERGED, "녹색환경과"],
        ["대기질과", metrics.DEPARTMENT_MERGED, "녹색환경과"],
        ["에너지과", metrics.DEPARTMENT_RENAMED, "에너지정책과"],
        ["탄소중립과", metrics.DEPARTMENT_ADDED, "탄소중립과"]]
    assert set(moved["status"]) <= set(metrics.DEPARTMENT_STATUSES)


def program_rows(day: date, rows: list[tuple[str, str, int, int, int]]) -> pd.DataFrame:
    """A history's rows of one month: (department, program, budget, committed, spent)."""
    frame = pd.DataFrame(rows, columns=["department", "program", "budget", "committed", "spent"])
    frame.insert(0, "as_of", pd.Timestamp(day))
    return frame.assign(fiscal_year=2023, account="일반회계").astype(
        {"budget": "Int64", "committed": "Int64", "spent": "Int64"})


def test_a_split_department_s_earlier_month_is_the_whole_department_as_printed():
    # May prints 가과 whole: 사업A 600/300/100, 사업B 400/100/50, 기본경비 200/100/100 원.
    # June's map splits it: 사업A goes to 가기획과, 사업B to 가운영과, and May's 기본경비
    # (held by both in June) keeps the name 가과. May's own page gives 가과 500/1,200 =
    # 41.7% committed and 250/1,200 = 20.8% spent; the June page must say the same, not the
    # 기본경비's 50.0% / 50.0%.
    may_printed = program_rows(m.MAY, [("가과", "사업A", 600, 300, 100),
                                       ("가과", "사업B", 400, 100, 50),
                                       ("가과", "기본경비", 200, 100, 100),
                                       ("나과", "사업C", 1_000, 500, 250)])
    june = program_rows(m.JUNE, [("가기획과", "사업A", 600, 400, 200),
                                 ("가기획과", "기본경비", 100, 60, 60),
                                 ("가운영과", "사업B", 400, 200, 100),
                                 ("가운영과", "기본경비", 100, 60, 60),
                                 ("나과", "사업C", 1_000, 600, 300)])
    may_renamed = may_printed.assign(department=["가기획과", "가운영과", "가과", "나과"])
    history = pd.concat([may_renamed, june], ignore_index=True)
    printed = pd.concat([may_printed, june], ignore_index=True)
    rows = metrics.execution_by_department(history, printed)
    got = {(d.date(), name): (programs, budget, committed, spent)
           for d, name, programs, budget, committed, spent in rows[
               ["as_of", "department", "programs", "budget", "committed", "spent"]].itertuples(
                   index=False)}
    assert got == {(m.MAY, "가과"): (3, 1_200, 500, 250),  # May as printed, whole
                   (m.MAY, "가기획과"): (1, 600, 300, 100),  # what it holds in June
                   (m.MAY, "가운영과"): (1, 400, 100, 50),
                   (m.MAY, "나과"): (1, 1_000, 500, 250),
                   (m.JUNE, "가기획과"): (2, 700, 460, 260),
                   (m.JUNE, "가운영과"): (2, 500, 260, 160),
                   (m.JUNE, "나과"): (1, 1_000, 600, 300)}
    may_whole = rows[(rows["as_of"].dt.date == m.MAY) & (rows["department"] == "가과")]
    assert may_whole[["committed_rate", "spent_rate"]].round(1).values.tolist() == [
        [41.7, 20.8]]


def test_a_split_department_s_remaining_part_links_its_rows_not_the_whole_subtotal():
    # May prints 가과 whole (subtotal on line 100: 1,200원) over 사업A (101), 사업B (102) and
    # 기본경비 (103); after June's split only the 기본경비 keeps the name 가과. Its May
    # figure (200원) is not what line 100 prints: it links its own line 103. 나과 is printed
    # whole in May (subtotal 110 over 사업C, 111) and keeps its subtotal.
    may_printed = program_rows(m.MAY, [("가과", "사업A", 600, 300, 100),
                                       ("가과", "사업B", 400, 100, 50),
                                       ("가과", "기본경비", 200, 100, 100),
                                       ("나과", "사업C", 1_000, 500, 250)]).assign(
        source_line=[101, 102, 103, 111])
    history = may_printed.assign(department=["가기획과", "가운영과", "가과", "나과"])
    totals = pd.DataFrame({"as_of": pd.Timestamp(m.MAY), "table": "expenditure",
                           "key": ["계", "가과", "나과"], "source_line": [99, 100, 110]})
    linked = metrics.summed_lines(history, totals, "expenditure", by=["department"],
                                  printed=may_printed)
    assert dict(zip(linked["department"], linked["lines"], strict=True)) == {
        "가기획과": [101], "가운영과": [102], "가과": [103], "나과": [110]}
    # without the names as printed, the part would link the whole department's subtotal
    unaware = metrics.summed_lines(history, totals, "expenditure", by=["department"])
    assert dict(zip(unaware["department"], unaware["lines"], strict=True))["가과"] == [100]


def finding(key: str, severity: str = "error", line: int = 10, actual: float = 1.0) -> dict:
    return {"check": "sum", "severity": severity, "table": "expenditure", "key": key,
            "column": "budget", "actual": actual, "source_line": line}


def test_findings_new_and_resolved_match_by_what_not_where():
    before = pd.DataFrame([finding("데이터센터"), finding("서울기록원", "info")])
    after = pd.DataFrame([finding("데이터센터", line=12, actual=2.0),  # moved: same finding
                          finding("빅데이터담당관")])
    changes = metrics.finding_changes(before, after)
    assert changes[["status", "key"]].values.tolist() == [
        [metrics.FINDING_NEW, "빅데이터담당관"], [metrics.FINDING_RESOLVED, "서울기록원"]]
    assert metrics.finding_changes(before, before).empty


def test_a_misprinted_subtotal_is_a_new_error(months_tables, tmp_path):
    july = m.three_months()[2]
    august = v.misprint_subtotal(m.reprinted(v.later_month(july, m.AUGUST, seed=3)),
                                 "데이터센터")
    path = with_aliases(tmp_path) / "2023-08-31" / "report.txt"
    path.parent.mkdir()
    path.write_text(august, encoding="utf-8")
    findings = months_tables["findings"]
    changes = metrics.finding_changes(metrics.rows_at(findings, m.JULY),
                                      sb.load_report(path).findings)
    errors = changes[changes["severity"] == "error"]
    # 데이터센터 prints 1,000 천원 more than its programs: one sum error at its row
    assert errors[["status", "check", "key", "column"]].values.tolist() == [
        [metrics.FINDING_NEW, "sum", "데이터센터", "budget"]]
    assert errors["actual"].iloc[0] - errors["expected"].iloc[0] == 1_000 * KRW


# -- two fiscal years: two series, compared year on year ----------------------------------------

def _history(*snapshots: tuple[date, int]) -> pd.DataFrame:
    """A history of ``expenditure``: one program per snapshot (as_of, fiscal_year), its budget
    1,000 won a month on, committed half of it."""
    rows = [{"as_of": pd.Timestamp(day), "fiscal_year": year, "department": "총무과",
             "account": "일반회계", "program": "청사 관리", "budget": 1_000 * (i + 1),
             "committed": 500 * (i + 1), "spent": 250 * (i + 1)}
            for i, (day, year) in enumerate(snapshots)]
    frame = pd.DataFrame(rows)
    frame["fiscal_year"] = frame["fiscal_year"].astype("Int64")
    return frame


def test_the_first_snapshot_of_a_fiscal_year_is_compared_year_on_year():
    """November and December 2024 are fiscal 2024; January 2025 starts fiscal 2025: it is no
    month after December, and is compared with the previous year's snapshot at the same
    point of the year (on or before 2024-01-31: none, so fiscal 2024's first)."""
    history = _history((date(2024, 11, 30), 2024), (date(2024, 12, 31), 2024),
                       (date(2025, 1, 31), 2025), (date(2025, 2, 28), 2025))
    assert metrics.baseline(history, date(2024, 12, 31)) == metrics.Baseline(date(2024, 11, 30))
    assert metrics.baseline(history, date(2025, 1, 31)) == metrics.Baseline(
        date(2024, 11, 30), year_on_year=True)
    assert metrics.baseline(history, date(2025, 2, 28)) == metrics.Baseline(date(2025, 1, 31))
    assert metrics.baseline(history, date(2024, 11, 30)) == metrics.Baseline(None)
    assert metrics.snapshot_dates(metrics.in_fiscal_year(history, 2025)) == [
        date(2025, 1, 31), date(2025, 2, 28)]


def test_year_on_year_takes_the_same_point_of_the_previous_year():
    history = _history((date(2025, 3, 31), 2025), (date(2025, 5, 31), 2025),
                       (date(2025, 6, 30), 2025), (date(2026, 5, 31), 2026),
                       (date(2026, 6, 30), 2026))
    assert metrics.year_earlier(history, date(2026, 5, 31)) == date(2025, 5, 31)
    assert metrics.year_earlier(history, date(2026, 6, 30)) == date(2025, 6, 30)
    assert metrics.year_earlier(history, date(2025, 5, 31)) is None  # no fiscal 2024
    assert metrics.baseline(history, date(2026, 5, 31)) == metrics.Baseline(
        date(2025, 5, 31), year_on_year=True)


def test_execution_by_month_keeps_each_fiscal_years_elapsed_share():
    """A report of fiscal 2024 dated 2025-01-15 has its year behind it (100 %); January 2025's
    report of fiscal 2025 has 31 of 365 days (8.49 %)."""
    history = _history((date(2025, 1, 15), 2024), (date(2025, 1, 31), 2025))
    by_month = metrics.execution_by_month(history)
    assert by_month["fiscal_year"].tolist() == [2024, 2025]
    assert by_month["elapsed"].tolist() == pytest.approx([100.0, 31 / 365 * 100])


MONEY = {"budget": "Int64", "committed": "Int64", "spent": "Int64"}


def programs(rows: list[tuple[str, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([("가과", "일반회계", *row) for row in rows],
                        columns=["department", "account", "program", "budget", "committed",
                                 "spent"]).astype(MONEY)


def test_execution_moving_under_the_same_budget_is_not_unchanged():
    before = programs([("가 사업", 1_000, 100, 50), ("나 사업", 2_000, 300, 300),
                       ("다 사업", 3_000, 0, 0), ("라 사업", 4_000, 10, 10)])
    after = programs([("가 사업", 1_000, 400, 50),   # committed moved
                      ("나 사업", 2_000, 300, 900),  # spent moved
                      ("다 사업", 3_000, 0, 0),      # nothing moved
                      ("라 사업", 5_000, 10, 10)])   # re-budgeted
    compared = metrics.compare_programs(before, after)
    assert compared[["program", "status", "committed_change", "spent_change"]].values \
        .tolist() == [["가 사업", metrics.EXECUTED, 300, 0],
                      ["나 사업", metrics.EXECUTED, 0, 600],
                      ["다 사업", metrics.UNCHANGED, 0, 0],
                      ["라 사업", metrics.REBUDGETED, 0, 0]]
    assert metrics.stalled_programs(compared)["program"].tolist() == ["라 사업", "다 사업"]


def test_may_to_june_counts_moved_programs_as_executed(months_tables):
    expenditure = months_tables["expenditure"]
    days = metrics.snapshot_dates(expenditure)
    compared = metrics.compare_programs(metrics.rows_at(expenditure, days[0]),
                                        metrics.rows_at(expenditure, days[1]))
    both = compared[compared["status"].isin([metrics.EXECUTED, metrics.UNCHANGED])]
    moved = (both["committed_change"] != 0) | (both["spent_change"] != 0)
    assert (both["status"] == metrics.EXECUTED).tolist() == moved.tolist()
    assert (both["budget_change"] == 0).all()
    assert moved.any()  # June grows figures: not every program is 변동 없음


def test_a_month_s_sum_is_read_from_its_printed_total_else_from_its_rows():
    # two months of one program each; May prints its 계 on line 484, June prints none
    history = pd.DataFrame({"as_of": pd.to_datetime(["2023-05-31", "2023-06-30", "2023-06-30"]),
                            "department": ["가", "가", "나"], "budget": [1, 2, 3],
                            "source_line": [487, 490, 491]})
    printed = pd.DataFrame({"as_of": pd.to_datetime(["2023-05-31", "2023-05-31"]),
                            "table": ["expenditure", "expenditure"], "key": ["계", "가"],
                            "source_line": [484, 485]})
    sums = metrics.summed_lines(history, printed, "expenditure")
    assert sums["lines"].tolist() == [[484], [490, 491]]
    by = metrics.summed_lines(history, printed, "expenditure", by=["department"])
    assert by["lines"].tolist() == [[485], [490], [491]]

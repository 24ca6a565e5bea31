"""Later months made by ``variants`` parse and reconcile, and move the figures they should.

Each variant is written to ``tmp_path/<YYYY-MM-DD>/report.txt`` (the folder named by its printed
기준 date) and read with the package's public API. Expected figures come from the bundled
report's printed figures and hand arithmetic (shown in comments), never from the code under
test. Variants are read with ``errata=None`` (figures as printed): the only errors an honest
variant may show are the 2022 settlement's unit slip (보조금반납액 18,571 on three lines, found
by content because lines shift), which the ledger corrects in every month that repeats it
(tests/acceptance/test_later_months.py). Variants a report should not be read from (a department no
staffing table lists, a blank line inside a table …) are refused at their line, naming it.
"""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
import variants as v

import seoul_budget as sb

BASE = v.bundled_text()
FIXED = v.fix_execution_misprint(BASE)  # line 580 printed in 천원, as a later month prints it

# The bundled report's printed figures (천원) that the tests start from.
TOTAL_BUDGET = 163_848_799  # 집행현황 line 484 and 세출 총괄 line 87
TOTAL_COMMITTED = 84_471_483  # same lines
BIG_DATA = (17_248_450, 14_061_095)  # 세출 총괄 line 91: 빅데이터관 2023 예산현액, 2022 최종예산
DIGITAL_GENERAL_2022 = 17_866_615  # line 89: 디지털정책담당관 일반회계 2022 최종예산
KRW = 1_000  # won per 천원


write = v.write


def load(folder: Path, text: str) -> sb.Report:
    """Return the variant as the package reads it, every figure as printed."""
    return sb.load_report(write(folder, text), errata=None)


def half_up(numerator: int, denominator: int, places: int = 1) -> float:
    """Return 100 × numerator ÷ denominator rounded half up, as the report prints rates."""
    exact = Decimal(100 * int(numerator)) / Decimal(int(denominator))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def slip_lines(text: str) -> set[int]:
    """Return the lines of the 2022 세출결산 that print the 18,571 unit slip (found by content)."""
    lines = text.split("\n")
    start = lines.index("□ 세출결산")
    found = {n for n, line in enumerate(lines[start:], start + 1) if "\t18,571\t" in line}
    assert len(found) == 3, found  # 데이터센터, 소계 (일반회계), 총계
    return found


def errors(report: sb.Report) -> pd.DataFrame:
    findings = report.findings
    return findings[findings.severity == "error"]


def assert_only_settlement_slip(report: sb.Report, text: str) -> None:
    """The only errors are the settlement's 보조금반납액 on its three slip lines."""
    found = errors(report)
    others = found[(found.table != "settlement_expenditure")
                   | (found.column != "subsidy_returned")]
    assert others.empty, others[["check", "table", "key", "column", "source_line", "message"]]
    assert set(found.source_line.astype(int)) == slip_lines(text)


def printed_total(report: sb.Report, table: str, key: str, column: str) -> int:
    totals = report.printed_totals
    row = totals[(totals.table == table) & (totals.key == key) & (totals.column == column)]
    assert len(row) == 1, (table, key, column, row)
    return int(row.value.iloc[0])


def program(report: sb.Report, name: str) -> pd.Series:
    rows = report.expenditure[report.expenditure.program == name]
    assert len(rows) == 1, (name, rows)
    return rows.iloc[0]


def summary_row(report: sb.Report, department: str, account: str = "일반회계") -> pd.Series:
    frame = report.expenditure_summary
    rows = frame[(frame.department == department) & (frame.account == account)]
    assert len(rows) == 1, (department, account)
    return rows.iloc[0]


def changed_lines(before: str, after: str) -> list[int]:
    """Return the 1-based lines that differ (texts with the same number of lines)."""
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    return [n for n, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b]


@pytest.fixture(scope="module")
def fixed_report(tmp_path_factory: pytest.TempPathFactory) -> sb.Report:
    """The bundled report with line 580 in 천원: the month every generated month grows from."""
    return load(tmp_path_factory.mktemp("fixed"), FIXED)


# -- the generator itself -----------------------------------------------------------------

def test_functions_are_pure_and_generation_is_deterministic():
    original = v.bundled_text()
    first = v.later_month(BASE, date(2023, 6, 30), seed=7)
    assert v.later_month(BASE, date(2023, 6, 30), seed=7) == first
    assert v.later_month(BASE, date(2023, 6, 30), seed=8) != first
    assert v.grow_execution(FIXED, random.Random(3)) == v.grow_execution(FIXED, random.Random(3))
    assert [t for _, t in v.months(BASE, 2, seed=1)] == [t for _, t in v.months(BASE, 2, seed=1)]
    for make in (lambda t: v.insert_program(t, "서울기록원", "일반회계", "새 사업", 10, 5, 1),
                 lambda t: v.rename_department(t, "서울기록원", "서울기록관"),
                 lambda t: v.set_execution_unit(t, change_note=False),
                 v.unit_with_space, v.fix_execution_misprint):
        assert make(BASE) != BASE
    assert BASE == original  # no function changed its input (str is immutable: nor the file)


def test_misprint_fixed_only_on_line_580(tmp_path, fixed_report):
    assert changed_lines(BASE, FIXED) == [580]
    # 30,048,210 원 and 30,080,360 원 rounded half up to 천원; the rates (32.8%) stay
    assert FIXED.split("\n")[579] == "\t기 본 경 비\t91,726\t30,048\t30,080\t32.8%\t32.8%"
    assert v.fix_execution_misprint(FIXED) == FIXED
    row = fixed_report.expenditure.query("department == '서울기록원' and program == '기본경비'")
    assert row.committed.tolist() == [30_048 * KRW]
    assert_only_settlement_slip(fixed_report, FIXED)


def test_generator_refuses_impossible_months():
    with pytest.raises(ValueError, match="fix_execution_misprint"):
        v.grow_execution(BASE, 0.5)  # line 580 prints more than its budget
    with pytest.raises(ValueError, match="spent <= committed <= budget"):
        # 메타버스 서울 추진 has committed 2,302,000 천원: a budget below it is no 추경
        v.change_budget(FIXED, "디지털정책담당관", "일반회계", "메타버스 서울 추진", 2_000_000)
    with pytest.raises(ValueError, match="only program"):
        v.remove_program(FIXED, "정보통신보안담당관", "특별회계", "스마트도시 통신인프라 구축")
    with pytest.raises(ValueError, match="not after"):
        v.later_month(BASE, date(2023, 5, 31))
    with pytest.raises(ValueError, match="fiscal year"):
        list(v.months(BASE, 8))  # June .. January


# -- 기준 date --------------------------------------------------------------------------------

def test_with_as_of_changes_every_printed_date(tmp_path):
    lines = BASE.split("\n")
    # counted by hand: the six places that print '5. 31. 기준' in one spelling or another
    dated = [n for n, line in enumerate(lines, 1) if "기준" in line
             and re.search(r"5\.\s*31\.", line)]
    assert dated == [19, 56, 83, 141, 405, 480]
    text = v.with_as_of(BASE, date(2023, 9, 30))
    assert changed_lines(BASE, text) == [5, *dated]  # and the cover month, line 5
    new = text.split("\n")
    assert new[4] == "2023. 10."
    assert new[18] == "(2023. 9. 30. 기준)"
    assert new[55] == "('23. 9. 30. 기준, 단위: 천원, %)"
    assert new[140].endswith("90,060명('23.9.30. 기준)")
    assert new[404] == "(’23. 9. 30.기준, 단위 : 천원)"
    assert not any(re.search(r"5\.\s*31\.", line) for line in new if "기준" in line)
    # the parser reads every 기준 date and raises if two differ: reading it proves all moved
    assert sb.load_report(write(tmp_path, text), errata=None).as_of == date(2023, 9, 30)
    next_year = v.with_as_of(BASE, date(2024, 1, 31)).split("\n")
    assert next_year[18] == "(2024. 1. 31. 기준)" and next_year[82].startswith("('24. 1. 31.")


# -- grown months ---------------------------------------------------------------------------

def test_grown_month_adds_up(tmp_path, fixed_report):
    text = v.later_month(BASE, date(2023, 6, 30), seed=11)
    report = load(tmp_path, text)
    assert report.as_of == date(2023, 6, 30)
    assert_only_settlement_slip(report, text)
    assert len(report.expenditure) == 72
    before = fixed_report.expenditure.set_index(["department", "account", "program"])
    after = report.expenditure.set_index(["department", "account", "program"])
    grown = after.committed - before.committed
    assert (grown >= 0).all() and grown.sum() > 0
    assert (after.budget == before.budget).all()
    # the bureau's printed 집행액 (원인행위) = the bundled 84,471,483 천원 + the programs' growth,
    # in 집행현황 (line 484) and in 세출 총괄 (line 87); budgets do not move
    expected = TOTAL_COMMITTED * KRW + int(grown.sum())
    assert printed_total(report, "expenditure", "계", "committed") == expected
    assert printed_total(report, "expenditure_summary", "계", "committed") == expected
    assert printed_total(report, "expenditure", "계", "budget") == TOTAL_BUDGET * KRW
    # one program's rates recomputed, checked by hand arithmetic
    metaverse = program(report, "메타버스 서울 추진")
    assert metaverse.committed > 2_302_000 * KRW  # it grew this month (seed 11)
    assert metaverse.committed_rate_printed == half_up(metaverse.committed, metaverse.budget)
    assert metaverse.spent_rate_printed == half_up(metaverse.spent, metaverse.budget)


def test_fixed_growth_by_hand():
    # growth 0.2 closes a fifth of each gap. 스마트서울 네트워크 구축 및 운영 (line 499, the only
    # program of 디지털정책담당관 특별회계, line 498, which prints rates with two decimals):
    # committed 1,060,567 + ⌊0.2 × (1,331,374 − 1,060,567)⌋ = 1,060,567 + 54,161 = 1,114,728;
    # spent 747,947 + ⌊0.2 × (1,114,728 − 747,947)⌋ = 747,947 + 73,356 = 821,303;
    # 1,114,728 ÷ 1,331,374 = 83.7276 %, 821,303 ÷ 1,331,374 = 61.6884 %
    lines = v.grow_execution(FIXED, 0.2).split("\n")
    figures = "1,331,374\t1,114,728\t821,303\t83.73%\t61.69%"
    assert lines[497] == f"\t특 별 회 계\t{figures}"
    assert lines[498] == f"\t스마트서울 네트워크 구축 및 운영\t{figures}"
    # 세출 총괄 (line 90) prints the same 집행액 and its rate with one decimal
    assert lines[89] == "특별회계\t1,331,374\t2,147,534\t△816,160\t△38.0%\t1,114,728\t83.7%"
    # 디지털 플랫폼 서울 구축 (line 494) was fully committed and spent already: unchanged
    assert lines[493] == FIXED.split("\n")[493]


def test_months_only_grow(tmp_path, fixed_report):
    reports = [fixed_report]
    for day, text in v.months(BASE, 3, seed=5):
        reports.append(load(tmp_path, text))
        assert reports[-1].as_of == day
    assert [r.as_of for r in reports[1:]] == [date(2023, 6, 30), date(2023, 7, 31),
                                               date(2023, 8, 31)]
    keys = ["department", "account", "program"]
    for earlier, later in zip(reports, reports[1:], strict=False):
        old = earlier.expenditure.set_index(keys)
        new = later.expenditure.set_index(keys)
        assert (new.budget == old.budget).all()
        assert (new.committed >= old.committed).all()
        assert (new.spent >= old.spent).all()
        assert new.committed.sum() > old.committed.sum()
        assert (new.committed <= new.budget).all()
        assert (new.spent <= new.committed).all()
    assert_only_settlement_slip(reports[-1], text)


# -- programs added, removed, re-budgeted -----------------------------------------------------

def test_insert_program(tmp_path):
    text = v.insert_program(FIXED, "빅데이터담당관", "일반회계", "데이터 품질 관리",
                            budget=1_000_000, committed=250_000, spent=100_000)
    assert len(text.split("\n")) == len(FIXED.split("\n")) + 1
    report = load(tmp_path, text)
    assert_only_settlement_slip(report, text)
    assert len(report.expenditure) == 73
    new = program(report, "데이터 품질 관리")
    assert new.department == "빅데이터담당관"
    assert (new.budget, new.committed, new.spent) == (1_000_000_000, 250_000_000, 100_000_000)
    assert (new.committed_rate_printed, new.spent_rate_printed) == (25.0, 10.0)
    basic = report.expenditure.query("department == '빅데이터담당관' and program == '기본경비'")
    assert new.source_line == basic.source_line.iloc[0] - 1  # 기본경비 stays last
    # 163,848,799 + 1,000,000 천원 on the 계 lines of both tables
    assert printed_total(report, "expenditure", "계", "budget") == 164_848_799 * KRW
    assert printed_total(report, "expenditure_summary", "계", "budget") == 164_848_799 * KRW
    assert printed_total(report, "expenditure", "계", "committed") == 84_721_483 * KRW
    big = summary_row(report, "빅데이터담당관")
    assert big.budget == 18_248_450 * KRW  # 17,248,450 + 1,000,000
    assert big.change_printed == 4_187_355 * KRW  # 18,248,450 − 14,061,095
    assert big.change_rate_printed == 29.8  # 4,187,355 ÷ 14,061,095 = 29.78 %
    assert big.execution_rate_printed == 51.7  # (9,180,619 + 250,000) ÷ 18,248,450 = 51.68 %


def test_remove_program(tmp_path):
    # 디지털 시장실 운영 (line 509): 984,233 / 953,900 / 237,500 천원
    text = v.remove_program(FIXED, "빅데이터담당관", "일반회계", "디지털 시장실 운영")
    report = load(tmp_path, text)
    assert_only_settlement_slip(report, text)
    assert len(report.expenditure) == 71
    assert "디지털 시장실 운영" not in set(report.expenditure.program)
    assert printed_total(report, "expenditure", "계", "budget") == 162_864_566 * KRW
    assert printed_total(report, "expenditure", "빅데이터담당관", "committed") == 8_226_719 * KRW
    totals = report.printed_totals
    rate = totals.query("table == 'expenditure' and key == '빅데이터담당관' "
                        "and column == 'committed_rate_printed'").rate_printed
    assert rate.tolist() == [50.6]  # 8,226,719 ÷ 16,264,217 = 50.58 %
    big = summary_row(report, "빅데이터담당관")
    assert big.budget == 16_264_217 * KRW  # 17,248,450 − 984,233
    assert big.change_printed == 2_203_122 * KRW  # 16,264,217 − 14,061,095
    assert big.change_rate_printed == 15.7  # 2,203,122 ÷ 14,061,095 = 15.67 %
    assert big.committed == 8_226_719 * KRW  # 9,180,619 − 953,900
    assert big.execution_rate_printed == 50.6  # 8,226,719 ÷ 16,264,217 = 50.58 %


def test_change_budget_follows_into_summary_and_key_project(tmp_path):
    # 추경: 메타버스 서울 추진 (line 493) 2,813,953 -> 3,313,953 천원 (+500,000)
    text = v.change_budget(FIXED, "디지털정책담당관", "일반회계", "메타버스 서울 추진", 3_313_953)
    assert "(사업예산) 3,314백만원" in text  # key project 2 prints the program's budget
    report = load(tmp_path, text)
    assert_only_settlement_slip(report, text)
    metaverse = program(report, "메타버스 서울 추진")
    assert metaverse.budget == 3_313_953 * KRW
    assert metaverse.committed_rate_printed == 69.5  # 2,302,000 ÷ 3,313,953 = 69.46 %
    assert metaverse.spent_rate_printed == 32.3  # 1,070,000 ÷ 3,313,953 = 32.29 %
    assert report.projects.set_index("number").loc[2, "budget"] == 3_314_000_000
    assert printed_total(report, "expenditure", "계", "budget") == 164_348_799 * KRW
    general = summary_row(report, "디지털정책담당관", "일반회계")
    assert general.budget == 21_968_739 * KRW  # 21,468,739 + 500,000
    assert general.change_printed == (21_968_739 - DIGITAL_GENERAL_2022) * KRW
    assert general.change_rate_printed == 23.0  # 4,102,124 ÷ 17,866,615 = 22.96 %


def test_later_month_composes_every_change(tmp_path):
    text = v.later_month(
        BASE, date(2023, 7, 31), seed=2,
        programs_added=[v.NewProgram("공간정보담당관", "일반회계", "지하 공간 통합 지도", 700_000)],
        programs_removed=[v.ProgramRef("서울기록원", "일반회계",
                                       "서울기록원 시민참여프로그램운영")],
        budget_changes=[v.BudgetChange("빅데이터담당관", "일반회계", "빅 데이터 분석 서비스",
                                       2_500_000)])
    report = load(tmp_path, text)
    assert_only_settlement_slip(report, text)
    assert len(report.expenditure) == 72
    assert program(report, "지하 공간 통합 지도").budget == 700_000 * KRW
    # key project 3 prints its program's budget: 2,500,000 천원 = 2,500 백만원
    assert report.projects.set_index("number").loc[3, "budget"] == 2_500_000_000
    # 163,848,799 + 700,000 − 613,300 + (2,500,000 − 2,081,450) 천원
    assert printed_total(report, "expenditure", "계", "budget") == 164_354_049 * KRW


# -- 집행현황 in 백만원 ------------------------------------------------------------------------

def test_execution_in_million_won_honest(tmp_path):
    text = v.set_execution_unit(FIXED)
    lines = text.split("\n")
    assert lines[479] == "(’23. 5. 31. 기준, 단위 : 백만원)"
    # 163,848,799 / 84,471,483 / 51,216,641 천원 rounded half up to 백만원; rates as printed
    assert lines[483] == "\t디지털정책관\t163,849\t84,471\t51,217\t51.6%\t31.3%"
    report = load(tmp_path, text)
    assert printed_total(report, "expenditure", "계", "budget") == 163_849_000_000
    # No error but the settlement's slip: rounding to 백만원 is within every tolerance.
    assert_only_settlement_slip(report, text)
    # 빅데이터담당관 기본경비 (line 510): 19,615 / 47,076 천원 print as 20 / 47 백만원. The rate
    # printed, 41.7 %, lies in what the rounded figures allow: 19.5 ÷ 47.5 = 41.05 % to
    # 20.5 ÷ 46.5 = 44.09 %; so it is not even rounding (20 ÷ 47 = 42.55 % as printed).
    assert lines[509] == "\t기 본 경 비\t47\t20\t20\t41.7%\t41.7%"
    at_510 = report.findings[report.findings.source_line == 510]
    assert at_510.empty, at_510[["check", "column", "message_en"]]


def test_execution_in_million_won_under_thousand_won_note(tmp_path):
    text = v.set_execution_unit(FIXED, change_note=False)
    assert "단위 : 천원" in text.split("\n")[479]
    report = load(tmp_path, text)
    # the parser takes the note at its word: 163,849 "천원"
    assert printed_total(report, "expenditure", "계", "budget") == 163_849 * KRW
    found = errors(report)
    unit = found[found.check == "unit"]
    assert len(unit) == 1 and len(found) == 1 + 3  # one unit error + the settlement's slip
    row = unit.iloc[0]
    assert (row.table, row.source_line) == ("expenditure", 480)  # the unit note
    assert "천원" in row.message and "백만원" in row.message
    # the example is the bureau total: 163,849 "천원" (line 484) against 세출 총괄's
    # 163,848,799 천원 (line 87); read in 백만원 it is 163,849,000,000 원
    assert (row.actual, row.expected) == (163_849 * KRW, TOTAL_BUDGET * KRW)
    assert row.suggestion == 163_849_000_000 and row.suggestion_kind == "unit_slip"
    # once named, the table is checked in 백만원: the rest is what the honest table gives
    honest = load(tmp_path / "honest", v.set_execution_unit(FIXED))
    columns = ["check", "severity", "table", "key", "column", "source_line"]
    rest = report.findings[report.findings.check != "unit"][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(rest, honest.findings[columns].reset_index(drop=True))



def test_a_slipped_table_read_in_its_likely_unit_is_the_honest_table(tmp_path, fixed_report):
    """Read in 백만원, the slipped 집행현황 is what the same table with its note changed gives
    (both parse 163,849 백만원 = 163,849,000,000 원); nothing else moves, findings stay those
    of the figures as printed."""
    slipped = load(tmp_path, v.set_execution_unit(FIXED, change_note=False))
    honest = load(tmp_path / "honest", v.set_execution_unit(FIXED))
    read = slipped.in_likely_units()
    assert read.read_as == {"expenditure": ("천원", "백만원")}
    assert read.units["expenditure"] == "백만원" and slipped.units["expenditure"] == "천원"
    for table, frame in honest.tables().items():
        pd.testing.assert_frame_equal(read.tables()[table], frame, obj=table)
    assert printed_total(read, "expenditure", "계", "budget") == 163_849_000_000
    pd.testing.assert_frame_equal(read.findings, slipped.findings)
    # the budget change the overview shows: the printed 18.8 % of 세출 총괄 (line 87)
    headline = sb.metrics.headline_figures(read.tables(), read.as_of)
    assert round(headline["budget_change_rate"], 1) == 18.8
    assert sb.metrics.headline_figures(slipped.tables(), read.as_of)["budget_change_rate"] < -99
    # a report with no unit error is read as it is
    assert fixed_report.in_likely_units() is fixed_report
    # narrowed to a department, the reading is kept
    assert read.for_department("데이터센터").read_as == read.read_as



def test_the_previous_snapshot_witnesses_a_unit_slip_the_report_alone_cannot_place(tmp_path):
    """June prints both 세출 총괄 and 집행현황 in 백만원 under their 천원 notes. Within June the
    two agree with each other, and 주요 현안업무 and the 2022 settlement (both 백만원) disagree
    with them: two tables off either way, a tie, so no unit error, and two key projects get
    blamed instead. May, the snapshot before it, prints both tables in 천원: with it as a
    witness each of the two is named once, at its unit note, and no project is blamed."""
    import monthly as m

    june = v.set_table_unit(v.set_execution_unit(m.june(), change_note=False),
                            "expenditure_summary", "백만원", change_note=False)
    alone = load(tmp_path / "alone", june)
    assert errors(alone).query("check == 'unit'").empty
    assert set(errors(alone).table) == {"projects", "settlement_expenditure"}
    folder = tmp_path / "months"
    write(folder, FIXED)
    path = write(folder, june)
    report = sb.load_report(path, errata=None)
    assert report.previous_path == folder / "2023-05-31" / "report.txt"
    found = errors(report)
    unit = found[found.check == "unit"].set_index("table")
    assert sorted(unit.index) == ["expenditure", "expenditure_summary"]
    lines = june.split("\n")
    for table in unit.index:
        assert "단위" in lines[int(unit.loc[table, "source_line"]) - 1]  # at its unit note
        assert "백만원" in unit.loc[table, "message"]
    assert set(found.table) - {"settlement_expenditure"} == set(unit.index)
    # the pages read both in 백만원: June's budget is May's with June's edits
    read = report.in_likely_units()
    assert read.read_as == {"expenditure": ("천원", "백만원"),
                            "expenditure_summary": ("천원", "백만원")}
    # 세출 총괄 계 (line 87): 163,848,799 천원 in May; June adds 1,000,000 − 613,300 + 500,000
    june_total = printed_total(read, "expenditure_summary", "계", "budget")
    assert june_total == round((TOTAL_BUDGET + 886_700) / 1_000) * 1_000_000


# -- reorganisation ---------------------------------------------------------------------------

def renamed_in_the_map(folder: Path) -> None:
    """Write the reorganisation map of 빅데이터담당관 renamed 데이터융합담당관 (2023-01-01)."""
    (folder / "departments.csv").write_text(
        "old_name,new_name,effective_date,note\n빅데이터담당관,데이터융합담당관,2023-01-01,개편\n",
        encoding="utf-8")


def test_rename_department_everywhere(tmp_path, fixed_report):
    text = v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관")
    # staffing 26, duties 42, 세출 총괄 91 (빅데이터관), contact lines 197 and 231, 집행현황 500
    assert changed_lines(FIXED, text) == [26, 42, 91, 197, 231, 500]
    lines = text.split("\n")
    assert lines[25].startswith("데이터융합담당관\t28\t28\t")
    assert lines[90].startswith("데이터융합담당관\t17,248,450\t")
    assert lines[196].startswith("데이터융합담당관 : ")
    assert lines[499].startswith("\t데이터융합담당관\t17,248,450\t")
    # the 2022 settlement is a record of the 2022 organisation: it keeps the old name, which
    # the reorganisation map links to the new one
    assert lines[606].startswith("빅 데 이 터 담 당 관\t14,817\t")
    renamed_in_the_map(tmp_path)
    report = load(tmp_path, text)
    assert report.departments[1] == "데이터융합담당관"
    assert_only_settlement_slip(report, text)
    renamed = {"빅데이터담당관": "데이터융합담당관"}
    for table in ("staffing", "staffing_by_category", "duties", "expenditure_summary",
                  "expenditure", "projects"):
        before = fixed_report.tables()[table]  # departments: an ordered Categorical
        before["department"] = before["department"].cat.rename_categories(renamed)
        if table == "projects":  # the department of the program that funds a project
            before["program_department"] = before["program_department"].replace(renamed)
        pd.testing.assert_frame_equal(report.tables()[table], before, obj=table)
    assert "빅데이터담당관" in set(report.settlement_expenditure.department)


def test_a_renamed_department_keeps_its_place_in_every_department_view(tmp_path):
    """The renamed department is a department like the others: second in the staffing
    matrix, the overview and every per-department grouping (the snapshot's order)."""
    renamed_in_the_map(tmp_path)
    report = load(tmp_path, v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관"))
    tables = report.tables()
    order = list(report.departments)
    assert order[1] == "데이터융합담당관" and "빅데이터담당관" not in order
    matrix = sb.metrics.headcount_matrix(tables["staffing_by_category"])
    assert list(matrix.index) == order
    assert int(matrix.loc["데이터융합담당관"].sum()) == 28  # printed 현원, line 26
    assert list(sb.metrics.department_overview(tables)["department"]) == order
    by = sb.metrics.execution_by(tables["expenditure"], by=["department"])
    assert list(by["department"]) == order


def test_rename_department_details():
    text = v.rename_department(FIXED, "데이터센터", "디지털인프라센터", settlement=True)
    lines = text.split("\n")
    assert lines[368].startswith("디지털인프라센터소장 : ")  # the head's title follows
    assert lines[613].startswith("디지털인프라센터\t46,707\t")
    assert "\t데이터센터 청사시설 유지관리\t" in text  # a program's name is not the label
    one = v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관", everywhere=False,
                              table="expenditure")
    assert changed_lines(FIXED, one) == [500]
    with pytest.raises(ValueError, match="table="):
        v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관", everywhere=False)


@pytest.mark.parametrize(("table", "line"), [
    ("expenditure", 500), ("duties", 42), ("expenditure_summary", 91), ("projects", 197),
    ("settlement_expenditure", 607),
])
def test_rename_in_one_table_names_the_line_and_the_name(tmp_path, table, line):
    text = v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관", everywhere=False,
                               table=table)
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path, text)
    assert caught.value.line == line
    assert caught.value.found == "데이터융합담당관"
    assert "unknown department name" in str(caught.value)
    assert "빅데이터담당관 (line 26)" in caught.value.expected  # what 인력 현황 lists


def test_department_only_in_execution(tmp_path):
    name = "디지털혁신담당관"
    text = v.add_department_only_in_execution(FIXED, name, budget=500_000, committed=120_000,
                                              spent=40_000)
    lines = text.split("\n")
    assert [n for n, line in enumerate(lines, 1) if name in line] == [581]  # 집행현황 only
    assert lines[580:583] == [f"{name}\t\t500,000\t120,000\t40,000\t24.0%\t8.0%",
                              "일 반 회 계\t\t500,000\t120,000\t40,000\t24.0%\t8.0%",
                              "\t신규 정보화 사업\t500,000\t120,000\t40,000\t24.0%\t8.0%"]
    # the bureau total includes it: 163,848,799 + 500,000 and 84,471,483 + 120,000 천원
    assert lines[483].startswith("\t디지털정책관\t164,348,799\t84,591,483\t")
    # Line 581 stands where a department stands (its account, line 582, adds up to it; the
    # account above, 서울기록원 일반회계, is complete) but names no department of 인력 현황.
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path, text)
    assert (caught.value.line, caught.value.found) == (581, name)
    assert caught.value.section == "세출예산 집행현황"


# -- damage for error messages --------------------------------------------------------------

def test_unit_written_with_a_space(tmp_path, fixed_report):
    text = v.unit_with_space(FIXED)
    # the six unit notes, by hand: 56, 83, 405, 480 (천원) and 586, 600 (백만원)
    assert changed_lines(FIXED, text) == [56, 83, 405, 480, 586, 600]
    assert text.split("\n")[585] == "(단위 : 백만 원)"
    report = load(tmp_path, text)  # '천 원' is 천원 written with a space: the same unit
    assert report.units == fixed_report.units
    for name, table in fixed_report.tables().items():
        pd.testing.assert_frame_equal(report.tables()[name], table, obj=name)
    unknown = FIXED.replace("(’23. 5. 31. 기준, 단위 : 천원)", "(’23. 5. 31. 기준, 단위 : 천 달러)")
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path / "unknown", unknown)
    assert (caught.value.line, caught.value.found) == (480, "천 달러")
    assert "unknown money unit" in str(caught.value)


@pytest.mark.parametrize(("section", "label"), [
    ("staffing", "빅데이터담당관"), ("duties", "빅데이터담당관"),
    ("revenue_summary", "주차요금수입"), ("expenditure_summary", "빅데이터관"),
    ("revenue", "주차요금수입"),
    ("expenditure", "빅 데이터 캠퍼스 운영"), ("settlement_revenue", "세 외 수 입"),
    ("settlement_expenditure", "빅 데 이 터 담 당 관"),
])
def test_a_blank_line_inside_a_table_is_named(tmp_path, section, label):
    text = v.blank_line_in_table(FIXED, section, label)
    pairs = zip(FIXED.split("\n"), text.split("\n"), strict=False)
    blank = next(n for n, (a, b) in enumerate(pairs, 1) if a != b)
    assert text.split("\n")[blank - 1] == ""
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path, text)
    assert caught.value.line == blank, str(caught.value)
    assert "a blank line inside the table" in str(caught.value)
    assert f"rows on lines {blank - 1} and {blank + 1}" in caught.value.found


def test_repeated_header_is_refused_where_it_is(tmp_path):
    for section in ("expenditure", "staffing", "settlement_expenditure", "duties",
                    "revenue", "revenue_summary", "expenditure_summary",
                    "settlement_revenue"):
        text = v.repeat_header_without_blank_lines(FIXED, section)
        old, new = FIXED.split("\n"), text.split("\n")
        first = next(n for n, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b)
        assert "\t" in new[first - 1] and new[first - 2] != "" and new[first] != ""
        with pytest.raises(sb.ReportParseError) as caught:
            load(tmp_path / section, text)
        assert caught.value.line == first, (section, str(caught.value))
        assert "header" in str(caught.value) and "repeated inside the table" in str(caught.value)


@pytest.mark.parametrize(("section", "table", "note", "printed", "likely"), [
    ("revenue_summary", "revenue_summary", 56, "천원", "백만원"),
    ("revenue", "revenue", 405, "천원", "백만원"),
    ("expenditure_summary", "expenditure_summary", 83, "천원", "백만원"),
    ("settlement_revenue", "settlement_revenue", 586, "백만원", "천원"),
])
def test_any_money_table_off_its_note_is_one_unit_error(tmp_path, section, table, note, printed,
                                                        likely):
    text = v.set_table_unit(FIXED, section, likely, change_note=False)
    assert "단위" in text.split("\n")[note - 1] and printed in text.split("\n")[note - 1]
    found = errors(load(tmp_path, text))
    unit = found[found.check == "unit"]
    assert len(unit) == 1, found[["check", "table", "source_line", "message_en"]]
    row = unit.iloc[0]
    assert (row.table, row.source_line) == (table, note)
    assert f"says {printed}, its figures are in {likely}" in row.message_en


@pytest.mark.parametrize("section", ["revenue_summary", "revenue", "expenditure_summary"])
def test_a_money_table_honestly_in_million_won_gives_no_error(tmp_path, section):
    text = v.set_table_unit(FIXED, section, "백만원")
    assert_only_settlement_slip(load(tmp_path, text), text)


def test_set_table_unit_rounds_each_money_cell_half_up():
    # 세입 총괄 계 (line 60): 13,941,956 / 17,370,899 / △3,428,943 천원 in 백만원 are 13,942 /
    # 17,371 / △3,429 (half away from zero); the rate stays as printed; the note follows
    lines = v.set_table_unit(FIXED, "revenue_summary", "백만원").split("\n")
    assert lines[59] == "계\t13,942\t17,371\t△3,429\t△19.7%"
    assert lines[55] == "('23. 5. 31. 기준, 단위: 백만원, %)"
    assert changed_lines(FIXED, "\n".join(lines))[0] == 56

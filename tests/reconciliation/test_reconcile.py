"""Reconciliation on the bundled report and on copies with known errors injected.

Expected figures are worked out by hand from the report's text (the arithmetic is in the
comments), never taken from the reconciliation's own output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from bundled import ERRORS_AS_PRINTED, errors
from damage import edit_line, write_report

import seoul_budget as sb
from seoul_budget.cli import main
from seoul_budget.validate import table_schema

CHEON = 1_000  # 천원 in KRW
BAEKMAN = 1_000_000  # 백만원 in KRW

@pytest.fixture(scope="module")
def printed_findings(report) -> pd.DataFrame:
    return sb.reconcile(report)


@pytest.fixture(scope="module")
def corrected(report_path) -> sb.Report:
    return sb.load_report(report_path)


def reconcile_copy(tmp_path: Path, text: str) -> pd.DataFrame:
    """Return the findings of a report copy (no ledger next to it: figures as printed)."""
    return sb.reconcile(sb.load_report(write_report(tmp_path / "2023-05-31", text)))


# --- the bundled report ------------------------------------------------------------------------

def test_findings_follow_the_schema(printed_findings):
    table_schema("findings").validate(printed_findings)
    assert set(printed_findings.severity) <= {"error", "warning", "info"}
    assert printed_findings.message.str.len().gt(0).all()
    assert printed_findings.message_en.str.len().gt(0).all()


def test_as_printed_the_errors_are_the_two_unit_slips(printed_findings):
    found = errors(printed_findings)
    assert set(found) == set(ERRORS_AS_PRINTED)
    for place, value in ERRORS_AS_PRINTED.items():
        assert found[place] == value, place
    kinds = printed_findings[printed_findings.severity == "error"].suggestion_kind
    assert set(kinds) == {"unit_slip"}


def test_the_parent_mismatch_is_attributed_to_line_580(printed_findings):
    """Lines 575, 574 and 484 do not add up as printed, but the error is line 580's."""
    row = printed_findings[(printed_findings.source_line == 580)
                           & (printed_findings.column == "committed")].iloc[0]
    assert row.expected == 30_048 * CHEON  # what the subtotal leaves for the line
    assert row.actual == 30_048_210 * CHEON
    assert "575" in row.related_lines
    assert not ((printed_findings.severity == "error")
                & printed_findings.source_line.isin([484, 574, 575])).any()


def test_rounding_differences_are_info_not_errors(printed_findings):
    # 데이터센터 일반회계 committed: the programs add up to 22,354,818 천원, printed 22,354,819.
    row = printed_findings[(printed_findings.source_line == 562)
                           & (printed_findings.column == "committed")]
    assert list(row.severity) == ["info"]
    assert row.difference.iloc[0] == 1 * CHEON
    # 79.70% is printed with two decimals; 1,060,567 / 1,331,374 = 79.66%: within 0.1 pp.
    rate = printed_findings[(printed_findings.source_line == 498)
                            & (printed_findings.column == "committed_rate_printed")]
    assert list(rate.severity) == ["info"]


def test_the_revenue_summary_reclassification_is_info(printed_findings):
    # 세입 총괄 prints 자체보조금등반환수입 2,329 and 위탁비반환수입 11,199 (lines 71-72); the
    # detail prints 자체보조금등반환수입 13,528 (line 446) = 2,329 + 11,199, holding the
    # 위탁사업비정산반환금수입 11,199 of line 448.
    row = printed_findings[printed_findings.source_line == 72]
    assert list(row.severity) == ["info"] and list(row.check) == ["cross_table"]
    assert {"71", "446", "448"} <= set(row.related_lines.iloc[0].split(", "))
    assert not printed_findings.source_line.isin([71, 446]).any()


def test_the_settlement_rate_definition_is_named(printed_findings):
    row = printed_findings[(printed_findings.check == "definition") & (
        printed_findings.table == "settlement_expenditure")].iloc[0]
    assert row.severity == "info" and row.source_line == 602  # the header 'F=B/C/A'
    assert "F = (B + C + D) ÷ A = (A − E) ÷ A" in row.message
    assert "(B + C + D) ÷ A: 13/13" in row.message and "(A − E) ÷ A: 13/13" in row.message


def test_the_2022_budget_differences_are_explained_as_info(printed_findings):
    cross = printed_findings[(printed_findings.check == "cross_table")
                             & (printed_findings.table == "settlement_expenditure")]
    assert set(cross.severity) == {"info"}
    # total: 143,205 백만원 (line 603) vs 137,950,562 천원 (line 87) = 5,254.438 백만원
    total = cross[cross.key == "계"].iloc[0]
    assert total.difference == 143_205 * BAEKMAN - 137_950_562 * CHEON
    # 정보통신보안 도시개발특별회계 10,764 − 8,616,879 천원 = 2,147.121 백만원 ≈ the 2,147,534 천원
    # that 2023 prints as 디지털정책담당관 특별회계 (line 90): a reorganisation.
    special = cross[cross.source_line == 613].iloc[0]
    assert "90" in special.related_lines and "조직 개편" in special.message


def test_project_budgets_match_their_programs(printed_findings):
    # 메타버스 2,814 백만원 vs 2,813,953 천원 and 3. 2,081 vs 2,081,450: within 1 백만원.
    projects = printed_findings[printed_findings.table == "projects"]
    assert not projects.source_line.isin([172, 208]).any()
    assert set(projects.severity) == {"info"}


def test_with_the_ledger_no_error_remains(corrected):
    assert len(corrected.corrections) == len(ERRORS_AS_PRINTED)
    findings = corrected.findings
    assert not (findings.severity == "error").any()
    assert (findings.check == "errata").sum() == len(ERRORS_AS_PRINTED)


def test_with_the_ledger_line_items_add_up_within_rounding(corrected):
    """Checked with plain pandas, independently of the reconciliation code."""
    expenditure = corrected.expenditure
    totals = corrected.printed_totals
    for column in ("budget", "committed", "spent"):
        mine = totals[(totals.table == "expenditure") & (totals.column == column)]
        for total in mine.itertuples():
            parts = total.key.split(" > ")
            rows = expenditure if total.key == "계" else expenditure[
                (expenditure.department == parts[0])
                & ((expenditure.account == parts[1]) if len(parts) > 1 else True)]
            assert abs(rows[column].sum() - total.value) <= len(rows) * CHEON, total
    settlement = corrected.settlement_expenditure
    printed = totals[(totals.table == "settlement_expenditure") & (totals.key == "계")]
    by_column = dict(zip(printed.column, printed.value, strict=False))
    assert settlement.subsidy_returned.sum() == by_column["subsidy_returned"] == 18_571 * CHEON
    e = settlement.budget - settlement.spent - settlement.carried_over - settlement.subsidy_returned
    assert ((e - settlement.unspent).abs() <= 4 * BAEKMAN).all()


def test_findings_are_cached_on_the_report(corrected):
    first = corrected.findings
    assert corrected._findings is not None  # computed once ...
    assert corrected.findings is not first  # ... and handed out as a copy
    pd.testing.assert_frame_equal(first, sb.reconcile(corrected))


# --- injected errors ---------------------------------------------------------------------------

INJECTED = [
    # a line item: 서울 서베이 budget 2,736,874 -> 2,236,874 (one digit)
    (503, "2,736,874", "2,236,874",
     ("expenditure", "빅데이터담당관 > 일반회계 > 서울 서베이", "budget", 503), 2_736_874 * CHEON,
     "one_digit"),
    # a subtotal: 빅데이터담당관 일반회계 17,248,450 -> 17,284,450 (two digits transposed)
    (501, "17,248,450", "17,284,450",
     ("expenditure", "빅데이터담당관 > 일반회계", "budget", 501), 17_248_450 * CHEON,
     "transposition"),
    # a total of the revenue summary: 13,941,956 -> 13,491,956 (two digits transposed)
    (60, "13,941,956", "13,491,956", ("revenue_summary", "계", "budget", 60),
     13_941_956 * CHEON, "transposition"),
    # a unit: 2022 세입결산 경상적세외수입 8,670 백만원 printed as 8,670,000
    (592, "8,670", "8,670,000",
     ("settlement_revenue", "일반회계 > 세외수입 > 경상적세외수입", "budget", 592),
     8_670 * BAEKMAN, "unit_slip"),
    # a unit in a 천원 table: 서울기록원 공유재산 임대수입 109,950 printed as 109,950,000
    (413, "109,950", "109,950,000",
     ("revenue", "세외수입 > 경상적세외수입 > 공유재산임대료 > 서울기록원 공유재산 임대수입",
      "budget", 413), 109_950 * CHEON, "unit_slip"),
    # a printed rate: 지능형 CCTV 고도화 78.7% (7,244,500 / 9,204,800) printed as 87.7%
    (555, "78.7%", "87.7%",
     ("expenditure", "정보통신보안담당관 > 일반회계 > 지능형 CCTV 고도화",
      "committed_rate_printed", 555), 78.7, "transposition"),
    # a head count: 데이터센터 전산 24 printed as 42 (the 계 row says 73 = Σ 전산)
    (31, "\t24\t", "\t42\t", ("staffing_by_category", "데이터센터 > 전산", "headcount", 31), 24,
     "transposition"),
    # a count in prose: 전체 직원(255명) printed as 225명 (the staffing table's 계 is 255)
    (36, "255명", "225명", ("staffing_facts", "전체 직원", "value", 36), 255, "one_digit"),
    # a figure in a project's text: May visits 12,020 printed as 12,200; the cumulative 58,696
    # = 13,097 + 14,013 + 10,088 + 8,212 + 12,020 + 1,266 (6. 1.) and 428 a day over 137 days
    (178, "5월(12,020)", "5월(12,200)",
     ("project_metrics", "2 > 월방문수_명 > 2023-05", "value", 178), 12_020, "transposition"),
]


@pytest.mark.parametrize(("line", "old", "new", "place", "value", "kind"), INJECTED,
                         ids=[f"line{case[0]}" for case in INJECTED])
def test_an_injected_error_is_found_where_it_is(tmp_path, printed_findings, line, old, new,
                                                place, value, kind):
    findings = reconcile_copy(tmp_path, edit_line(line, old, new))
    found = errors(findings)
    assert place in found, sorted(found)
    assert found[place] == pytest.approx(value)
    row = findings[(findings.source_line == line) & (findings.column == place[2])
                   & (findings.severity == "error")].iloc[0]
    assert row.suggestion_kind == kind
    # nothing else is reported as an error: only the baseline's errors and the injected one
    assert set(found) - set(errors(printed_findings)) == {place}


def test_a_subtotal_error_is_not_reported_twice(tmp_path):
    """The transposed subtotal breaks two sums (line 501 and its department, line 500)."""
    findings = reconcile_copy(tmp_path, edit_line(501, "17,248,450", "17,284,450"))
    assert not ((findings.severity == "error") & (findings.source_line == 500)).any()


def test_the_organisation_line_must_name_the_eight_departments(tmp_path, printed_findings):
    assert not (printed_findings.source_line == 13).any()  # 6담당관 + 2사업소 = 8
    findings = reconcile_copy(tmp_path, edit_line(13, "6담당관", "7담당관"))
    row = findings[findings.source_line == 13]
    assert list(row.severity) == ["error"] and list(row.check) == ["prose"]
    assert (row.expected.iloc[0], row.actual.iloc[0]) == (8, 9)


# --- the command -------------------------------------------------------------------------------

def test_check_exits_0_with_the_ledger(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "오류 0" in out and "errata applied: 5" in out
    assert "[2022 세출결산]" in out


def test_check_exits_2_for_a_report_lacking_a_section(capsys, tmp_path):
    """Without '□ 세입 예산 세부내역' (lines 403-477) the other tables are checked, and one
    line says what is missing: the file, where the heading was looked for, the heading."""
    from damage import report_lines, write_report

    lines = report_lines()
    path = write_report(tmp_path / "2023-05-31", "\n".join(lines[:402] + lines[477:]))
    assert main(["check", "--no-errata", str(path)]) == 2
    captured = capsys.readouterr()
    assert "오류 5" in captured.out  # the misprints of the other tables are still found
    [line] = captured.err.splitlines()
    assert line.startswith(f"seoul-budget: error: {path}:403 [세입 예산 세부내역]: a section "
                           "is missing; expected a heading '□ 세입 예산 세부내역' after")


def test_check_exits_1_as_printed_and_names_the_line(capsys):
    assert main(["check", "--no-errata"]) == 1
    out = capsys.readouterr().out
    assert "오류 5" in out
    assert "580행" in out and "30,048.21천원" in out


def test_check_json_and_csv(capsys, report_path):
    assert main(["check", "--no-errata", "--format", "json", str(report_path)]) == 1
    records = json.loads(capsys.readouterr().out)
    errors_ = [r for r in records if r["severity"] == "error"]
    assert {(r["source_line"], r["column"]) for r in errors_} == {
        (place[3], place[2]) for place in ERRORS_AS_PRINTED}
    assert all(r["as_of"] == "2023-05-31" for r in records)
    assert main(["check", "--format", "csv", str(report_path)]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("as_of,path,check,severity,section,table,key,column")


def test_check_on_a_data_dir_with_a_damaged_copy(tmp_path, capsys):
    write_report(tmp_path / "2023-05-31", edit_line(503, "2,736,874", "2,236,874"))
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    assert "503행" in capsys.readouterr().out


def test_check_exits_2_on_unparsable_input(tmp_path, capsys):
    path = write_report(tmp_path / "2023-05-31", "not a work report\n")
    assert main(["check", str(path)]) == 2
    assert "error" in capsys.readouterr().err

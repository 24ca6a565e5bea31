"""seoul_budget.metrics.projects: views of the key projects' figures that hold for any list
of projects, on frames made here (figures worked by hand) and on the bundled report."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from seoul_budget import formatting as fmt
from seoul_budget import metrics


def frame(*rows: tuple[int, str, str, float, str]) -> pd.DataFrame:
    """project_metrics rows: (project, label, period, value, unit)."""
    return pd.DataFrame([{"project": p, "metric": f"{label.replace(' ', '')}_{unit}",
                          "label": label, "period": period, "value": value, "unit": unit,
                          "printed_unit": unit, "source_line": n}
                         for n, (p, label, period, value, unit) in enumerate(rows, start=1)])


def test_headline_is_the_count_the_report_lists():
    assert metrics.headline(7) == "7대 현안업무" and metrics.headline(9) == "9대 현안업무"


def test_monthly_series_are_metrics_given_for_three_months_or_more():
    figures = frame((1, "월 이용자", "2031-01", 10, "명"), (1, "월 이용자", "2031-02", 12, "명"),
                    (1, "월 이용자", "2031-03", 9, "명"), (2, "월 점검", "2031-01", 3, "건"),
                    (2, "월 점검", "2031-02", 4, "건"), (1, "이용자", "2031", 31, "명"))
    (series,) = metrics.monthly_series(figures)
    assert series["period"].tolist() == ["2031-01", "2031-02", "2031-03"]
    assert series["value"].tolist() == [10, 12, 9]
    assert len(metrics.monthly_series(figures, least=2)) == 2


def test_compare_years_takes_the_two_latest_years_given_once_each():
    figures = frame((1, "노선", "2030", 20, "개"), (1, "노선", "2031", 30, "개"),
                    (1, "인원", "2030H2", 100, "명"), (1, "인원", "2031", 150, "명"),
                    (2, "팀", "2030-12", 8, "개"), (2, "팀", "2031-05-31", 4, "개"),
                    (2, "팀", "2031", 10, "개"),  # twice in 2031: which is not ours to say
                    (3, "교육", "2031", 5, "회"))
    compare = metrics.compare_years(figures)
    assert compare[["project", "label", "before_year", "before", "after_year",
                    "after"]].values.tolist() == [[1, "노선", 2030, 20, 2031, 30],
                                                  [1, "인원", 2030, 100, 2031, 150]]
    assert compare["change_rate"].tolist() == pytest.approx([50.0, 50.0])  # 10÷20, 50÷100


def test_a_figure_is_set_against_its_target_at_its_own_date():
    """1,234명 dated 6.1. against 10,000명: 12.34 %, with 152 of 365 days gone (41.64 %), not
    the share of the report's own date."""
    figures = frame((2, "이용자", "2031-01-16/2031-06-01", 1_234, "명"),
                    (2, "이용자", "2030-12", 900, "명"),  # last year's: not this target's
                    (2, "이용자 목표", "2031", 10_000, "명"), (3, "설치 목표", "2031", 5, "개소"))
    (row,) = metrics.against_targets(figures).to_dict("records")
    assert (row["project"], row["label"], row["value"], row["target"], row["as_of"]) == (
        2, "이용자", 1_234, 10_000, date(2031, 6, 1))
    assert row["share"] == pytest.approx(12.34)
    assert row["elapsed"] == pytest.approx(152 / 365 * 100)


def test_the_bundled_projects_views(report):
    pm = report.project_metrics
    (series,) = metrics.monthly_series(pm)  # line 178: 1월 … 5월
    assert series["value"].tolist() == [13_097, 14_013, 10_088, 8_212, 12_020]
    (goal,) = metrics.against_targets(pm).to_dict("records")
    # line 177: 58,696명 (1.16. ~ 6.1.) of 20만명: 29.35 %; 6.1. is day 152 of 365
    assert (goal["value"], goal["target"], goal["as_of"]) == (58_696, 200_000, date(2023, 6, 1))
    assert goal["elapsed"] == pytest.approx(152 / 365 * 100)
    compare = metrics.compare_years(pm).set_index("label")
    # lines 145-148, 242/250: 노선 50 → 75, 인원 100 → 150, 월급여 1,347 → 1,692천원,
    # 팀 30 → 50, 지원규모 120 → 200명, 점포 30 → 50
    assert compare.loc["운영기간, 인원", ["before", "after"]].tolist() == [100, 150]
    assert compare.loc["지원규모", ["before", "after"]].tolist() == [120, 200]
    assert compare.loc["지원규모: 점포", ["before", "after"]].tolist() == [30, 50]


def test_linked_programs_read_as_a_reader_reads_them(report):
    shown = metrics.linked_programs(report.projects.set_index("number"))
    assert shown[1] == "서울 동행일자리사업 · 일자리정책과 (본문 기재)"  # line 137
    assert shown[2] == "메타버스 서울 추진 (지정)"  # tests/fixtures/…/project_programs.csv
    assert shown[4] == "비예산" and shown[5] == "연결된 사업 없음"


def budgets(*rows: tuple[int, float | None, str | None, int, int]) -> pd.DataFrame:
    """projects rows without a program: (number, budget, budget_note, source_line,
    heading_line); source_line is the heading's where the body prints no budget line."""
    return pd.DataFrame([{"number": n, "title": f"사업 {n}", "department": "가부서",
                          "budget": budget, "budget_note": note, "program": None,
                          "program_department": None, "program_account": None,
                          "program_link": None, "source_line": line, "heading_line": heading}
                         for n, budget, note, line, heading in rows]).astype(
        {"budget": "Int64"})


def test_a_project_without_a_budget_figure_is_said_why():
    """1: 2,000백만원 on line 12; 2: '(사업예산) 비예산' on line 22; 3: no budget line (its
    source_line its heading's, 30); 4: a budget line on 44 the parser could not read."""
    projects = budgets((1, 2_000_000_000, None, 12, 10), (2, None, "비예산", 22, 20),
                       (3, None, None, 30, 30), (4, None, None, 44, 40))
    assert metrics.budget_states(projects).tolist() == ["stated", "unfunded", "unstated",
                                                        "unread"]
    assert metrics.linked_programs(projects).tolist() == [
        "연결된 사업 없음", "비예산", "사업예산이 원문에 적혀 있지 않음", "사업예산 행을 읽지 못함"]
    listed = [(why, rows["number"].tolist()) for why, rows in metrics.without_budget(projects)]
    assert listed == [("예산 없이 추진하는 사업(비예산)", [2]),
                      ("사업예산이 원문에 적혀 있지 않은 사업", [3]),
                      ("사업예산 행을 읽지 못한 사업(데이터 검증 결과 참고)", [4])]
    assert metrics.without_budget(projects.iloc[:1]) == []


@pytest.mark.parametrize(("period", "shown"), [
    ("2031-01-16/2031-06-01", "2031. 1. 16. ~ 2031. 6. 1."), ("2031-03/..", "2031년 3월 ~"),
    ("../2031-05", "~ 2031년 5월"), ("2031/2035", "2031년 ~ 2035년"), ("2031H2", "2031년 하반기")])
def test_format_period_spans(period, shown):
    assert fmt.format_period(period) == shown


def test_measures_in_the_unit_printed():
    assert fmt.join_measure(2_062_000_000, "원") == "2,062백만원"
    assert fmt.join_measure(58_696, "명") == "58,696명"
    values, unit = fmt.in_printed_unit(pd.Series([1_347_000, 1_692_000]), "원", "천원")
    assert (values.tolist(), unit) == ([1_347, 1_692], "천원")

"""seoul_budget.parse.project_figures (and figure_labels, projects): the figures of key
projects' text read by what the text says — on the bundled report (values as printed on the
lines named), on made-up lines, and on generated reports of other bureaus (7 and 9 projects).
"""

from __future__ import annotations

import re

import generate as g
import pytest
from report_template import MADE_UP_NAMES
from variants import key

from seoul_budget.departments import Organisation
from seoul_budget.parse.document import split_sections
from seoul_budget.parse.project_figures import Context, line_figures
from seoul_budget.parse.projects import parse_projects
from seoul_budget.parse.text import Line

# Every figure the project-by-project rules of before found, as printed: (project, line,
# value in the unit stored, unit). Money in 원 (1,692천원 = 1,692,000원), 20만명 = 200,000명.
PRINTED = [
    (1, 141, 90_060, "명"), (1, 142, 41.8, "%"), (1, 142, 22.0, "%"), (1, 142, 21.6, "%"),
    (1, 143, 96.3, "%"), (1, 143, 86_715, "명"), (1, 145, 50, "개"), (1, 145, 75, "개"),
    (1, 146, 100, "명"), (1, 146, 150, "명"), (1, 148, 1_347_000, "원"),
    (1, 148, 1_692_000, "원"), (1, 149, 150, "명"),
    (2, 172, 2_062_000_000, "원"), (2, 172, 170_000_000, "원"), (2, 177, 58_696, "명"),
    (2, 177, 428, "명"), (2, 177, 20_399, "건"), (2, 177, 200_000, "명"),
    (2, 178, 13_097, "명"), (2, 178, 14_013, "명"), (2, 178, 10_088, "명"),
    (2, 178, 8_212, "명"), (2, 178, 12_020, "명"), (2, 179, 781, "명"), (2, 179, 852, "명"),
    (2, 179, 1_266, "명"), (2, 181, 16, "%"), (2, 181, 13, "%"), (2, 185, 996, "명"),
    (2, 185, 4.107, "점"), (3, 218, 5, "건"), (4, 242, 50, "개"), (4, 242, 200, "명"),
    (4, 250, 30, "개"), (4, 250, 120, "명"), (5, 282, 150, "명"), (6, 313, 259, "개소"),
    (6, 314, 37, "개소"), (6, 315, 222, "개소"), (7, 351, 270, "대"), (7, 351, 5_730, "대"),
    (7, 351, 1_393, "대"), (8, 386, 10, "명"), (8, 386, 2, "회")]


def _find(metrics, line: int, value: float):
    rows = metrics[(metrics.source_line == line) & (metrics.value == value)]
    assert len(rows) >= 1, (line, value)
    return rows.iloc[0]


def test_every_figure_the_old_rules_found_is_found_in_its_project(report):
    metrics = report.project_metrics
    found = set(zip(metrics.project, metrics.source_line, metrics.value, metrics.unit,
                    strict=True))
    missing = [f for f in PRINTED if f not in found]
    assert missing == []
    # 41.8 / 22.0 / 21.6 % on line 142 and five shares on line 181 (16, 13, 13, 13, 13 %)
    assert (metrics.source_line == 181).sum() == 5


@pytest.mark.parametrize(("line", "value", "label"), [
    (141, 90_060, "디지털 안내사 상담인원"),  # '상반기 디지털 안내사 상담인원 90,060명'
    (142, 41.8, "상담내용: 스마트폰"),  # '(상담내용) 스마트폰(41.8%)'
    (143, 96.3, "상담인원: 50대 이상 비율"),
    (143, 86_715, "상담인원: 50대 이상"),  # '50대 이상 비율이 96.3%로 86,715명': the count of it
    (145, 75, "노선"),  # after '→', the figure it stands for ('22년 총 50개)
    (145, 25, "노선 확대"),  # '※ 25개 노선 확대'
    (147, 345_000, "전년 대비 급여 상승"),  # '…을 통한 전년 대비 급여 345천원 상승으로'
    (148, 1_692_000, "월급여"),  # '월급여 1,347천원 → '23년 일 6시간 근무, 1,692천원'
    (172, 170_000_000, "사업예산: 감리"),  # '(사업예산) 2,814백만원 (… 감리170백만원 등)'
    (177, 58_696, "방문수"),  # '방문수 /앱설치: 58,696명(…) /20,399건'
    (177, 20_399, "앱설치"),
    (177, 428, "방문수: 일평균"),  # '58,696명(일평균 428명)'
    (177, 200_000, "방문수 목표"),  # '※ 연말까지 20만명 목표': the heading part counted in 명
    (178, 12_020, "월 방문수"),  # '월 방문수(명) : … 5월(12,020)'
    (218, 5, "시민참여 정책과제"),  # '…을 통한 시민참여 정책과제* 5건'
    (242, 50, "지원규모: 팀"),  # '지원규모 : 2030세대 50개 팀(…)'
    (250, 30, "지원규모: 팀"),  # '지원규모 : 대학생 30개팀(120명)'
    (250, 120, "지원규모"),
    (282, 150, "업무효율 향상 교육"),  # '…을 통한 업무효율 향상 교육(5~6월 150명)'
    (313, 259, "입체도로, 입체복합시설"),  # '고가 등 입체도로, 입체복합시설 259개소'
    (351, 5_730, "시내버스 2차"),  # '시내버스 1차 270대, 2차 5,730대'
])
def test_a_figure_is_labelled_by_what_the_text_puts_before_it(report, line, value, label):
    assert _find(report.project_metrics, line, value).label == label


@pytest.mark.parametrize(("line", "value", "period"), [
    (141, 90_060, "2023-05-31"),  # ('23.5.31. 기준)
    (142, 41.8, "2023-05-31"),  # under line 141: its 기준 date
    (145, 50, "2022"), (145, 75, "2023"),  # '22년 총 50개 → '23년 총 75개
    (146, 100, "2022H2"),  # '22년 하반기 100명
    (177, 58_696, "2023-01-16/2023-06-01"),  # (1.16. ~ 6.1.), in the fiscal year 2023
    (178, 8_212, "2023-04"), (179, 1_266, "2023-06-01"),  # 4월(8,212); 6. 1.(1,266명)
    (181, 16, "2023"),  # under '오픈('23.1.16.)': the year of it, not the opening day
    (250, 120, "2022"),  # under ''22년 … 수행 ('22.10.~'23.1월)'
    (282, 150, "2023-05/2023-06"), (315, 222, "2023-03/.."),
    (351, 270, "2023-04"), (351, 1_393, "2023-11"),  # 1차 270대, 2차 …('23.4. 완료), 3차 …('23.11.)
    (386, 2, "2023-04-28/2023-06-01"),  # 회의 개최(2회, 4.28·6.1)
])
def test_a_figure_is_dated_by_the_text(report, line, value, period):
    assert _find(report.project_metrics, line, value).period == period


def test_numbers_that_are_no_figures_are_left_out(report):
    metrics = report.project_metrics
    shown = set(zip(metrics.source_line, metrics.value, strict=True))
    # '4대 보험' (136), '50대 이상' (143), '2030세대' and '팀당 2~5명' (242), '5점만점' (185),
    # '2000㎡ 이상' (316), '4대 지천' (329), '1차', '5G' (351), the budget itself (172)
    for line, value in [(136, 4), (143, 50), (242, 2030), (242, 5), (242, 2), (185, 5),
                        (316, 2000), (329, 4), (351, 1), (352, 8), (172, 2_814_000_000)]:
        assert (line, value) not in shown
    assert not metrics.source_line.isin([125, 159, 197, 231, 264, 299, 333, 369]).any()


def test_officials_names_reach_no_label(report, report_lines):
    contact = [report_lines[n - 1] for n in (125, 159, 197, 231, 264, 299, 333, 369)]
    names = {m for line in contact for m in re.findall(r":\s*([가-힣]{2,4})\s*☎", line)}
    assert len(names) >= 20
    labels = " ".join(report.project_metrics.label)
    assert not [n for n in names if n in labels]


def _labels(text: str, **context) -> list[tuple[str, float, str, str]]:
    return [(f.label(), f.value, f.unit, f.period) for f in line_figures(text, 2031, **context)]


@pytest.mark.parametrize(("text", "expected"), [
    ("- (참여) '30년 총 20개, 지역별 2개 → '31년 총 30개, 지역별 3개",
     [("참여", 20, "개", "2030"), ("참여: 지역별", 2, "개", "2030"),
      ("참여", 30, "개", "2031"), ("참여: 지역별", 3, "개", "2031")]),
    ("- 이용자 1,000명, 60대 이상 비율이 40.0%로 400명임",
     [("이용자", 1000, "명", "2031"), ("60대 이상 비율", 40.0, "%", "2031"),
      ("60대 이상", 400, "명", "2031")]),
    ("- 이용자 /설치: 1,234명(일평균 56명) /789건 (3.1. ~ 4.30.) ※ 연말까지 1만명 목표",
     [("이용자", 1234, "명", "2031-03-01/2031-04-30"),
      ("이용자: 일평균", 56, "명", "2031-03-01/2031-04-30"),
      ("설치", 789, "건", "2031-03-01/2031-04-30"), ("이용자 목표", 10_000, "명", "2031")]),
    ("- ※ 월 이용자(명) : 3월(1,100) 4월(1,200)",
     [("월 이용자", 1100, "명", "2031-03"), ("월 이용자", 1200, "명", "2031-04")]),
    (" - 전기버스 1차 120대, 2차 300대 완료('31.4.)",
     [("전기버스 1차", 120, "대", "2031-04"), ("전기버스 2차", 300, "대", "2031-04")]),
    (" - 예산 : 월1,500천원(20일 근무기준, 식비 100천원별도, 4대 보험 포함)",
     [("예산: 월", 1_500_000, "원", "2031"), ("예산: 식비", 100_000, "원", "2031")]),
])
def test_made_up_lines_read_as_a_reader_reads_them(text, expected):
    assert _labels(text) == expected


def test_a_bullet_passes_its_basis_date_to_the_bullets_under_it():
    assert _labels(" - (연령) 60대(30%)", context=Context(as_of="2031-05-31")) == [
        ("연령: 60대", 30, "%", "2031-05-31")]
    assert _labels(" - 참여 12명", context=Context(year=2030)) == [("참여", 12, "명", "2030")]


# -- generated reports: other bureaus, 7 and 9 projects -----------------------------------------

@pytest.mark.parametrize(("departments", "seed", "year_on"), [(5, 1, 0), (11, 2, 0), (5, 1, 1),
                                                                (5, 3, 0), (11, 4, 1)])
def test_generated_projects_parse_to_the_generated_ones(tmp_path, departments, seed, year_on):
    """Count, titles, departments and budgets of another bureau's 7 or 9 projects; each
    project's figure ('참여 가구 3,257가구 목표') labelled as its text says, in its project."""
    model = g.other_bureau(g.bundled(), departments, seed=seed)
    for _ in range(year_on):
        model = g.next_year(model)
    path = g.write_snapshot(tmp_path / "raw", model)
    lines = [Line(n, t) for n, t in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)]
    sections = split_sections(lines, str(path))
    organisation = Organisation(tuple(d.name for d in model.departments))
    parsed = parse_projects(sections.sections["projects"], model.fiscal_year, organisation)
    expected = g.expected_tables(model)["projects"]
    assert [(p["number"], key(p["title"]), p["department"], p["budget"])
            for p in parsed["projects"]] == [
        (p["number"], key(p["title"]), p["department"], p["budget"]) for p in expected]
    assert len(expected) == (7 if departments <= 5 else 9)
    for number, project in enumerate(model.projects, start=1):
        mine = [m for m in parsed["project_metrics"] if m["project"] == number]
        for label, value, unit in project.metrics:
            assert (f"{label} 목표", value, unit, str(model.fiscal_year)) in [
                (m["label"], m["value"], m["unit"], m["period"]) for m in mine], (number, label)
        labels = " ".join(m["label"] for m in parsed["project_metrics"])
        assert not [n for n in MADE_UP_NAMES if n in labels]

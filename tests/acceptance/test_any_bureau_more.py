"""Issue 21, beyond the generator's own variants: reports of shapes nobody here wrote — other
kinds of bureau, one department or sixteen, a department printing only zeros, a third
account, a revenue category and job categories no list has, 1 or 12 key projects, titles
with numbers and brackets, other years, a settlement two years back or absent, and headings
numbered or spaced otherwise — read to the tables written, with no false error or warning.

Each case is a generated report (tests/generate.py), some with a text edit the template
allows; what it should parse to is :func:`generate.expected_tables`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import generate as g
import pandas as pd
import pytest
from report_model import JobGroup, Report, RevenueCategory, RevenueItem, to_million
from variants import key

import seoul_budget as sb


def _base() -> Report:
    return g.other_bureau(g.bundled(), 5, seed=1)


def _bureau(name: str) -> Callable[[], Report]:
    return lambda: replace(g.other_bureau(g.bundled(), 5, seed=3), bureau=name)


def _short_form_bureau() -> Report:
    """The bureau '기후정책관' over a department '기후정책담당관' (the template's short form of
    it): the cover and 집행현황's total row name the bureau, never the department."""
    model = g.other_bureau(g.bundled(), 5, seed=4)
    old = model.departments[0].name
    new = "기후정책담당관"
    return replace(
        model, bureau="기후정책관",
        departments=(replace(model.departments[0], name=new, label=""),
                     *model.departments[1:]),
        projects=tuple(replace(p, department=new) if p.department == old else p
                       for p in model.projects),
        settlement_spending=tuple(replace(s, department=new) if s.department == old else s
                                  for s in model.settlement_spending))


def _zero_department() -> Report:
    model = g.other_bureau(g.bundled(), 5, seed=11)
    two = next(d for d in model.departments if len(d.accounts) > 1)  # 일반회계 + 특별회계
    return g.zero_department(model, two.name)


def _three_accounts() -> Report:
    model = g.other_bureau(g.bundled(), 5, seed=12)
    first = model.departments[0]
    for account in ("하수도사업특별회계", "주택사업특별회계", "대기개선특별회계"):
        if len(model.department(first.name).accounts) < 3 and account not in model.accounts:
            model = g.add_account(model, first.name, account)
    return model


def _special_account_alone() -> Report:
    """A department (a 사업소, say) whose one account is a special account: 세출 총괄 and
    세출결산 print it without an account row, 집행현황 under '하수도사업특별회계'."""
    model = _base()
    alone = model.departments[1]
    assert len(alone.accounts) == 1
    account = replace(alone.accounts[0], name="하수도사업특별회계")
    return g.settled(replace(model, departments=tuple(
        replace(d, accounts=(account,)) if d is alone else d for d in model.departments)))


def _new_revenue_category() -> Report:
    """A 장 no list names, holding one 관 of one 항 of one item."""
    item = RevenueItem("도시숲 부담금", 50_000, 40_000)
    category = RevenueCategory("지방교육세외수입", (RevenueCategory(
        "특별교부금", (RevenueCategory("시책사업교부금", (item,)),)),))
    return g.add_revenue(_base(), category)


def _new_job_categories() -> Report:
    """'방재안전' in the multi-category group and a group '소방직' of its own."""
    model = g.other_bureau(g.bundled(), 5, seed=14)
    group = model.job_groups[0]
    groups = (replace(group, categories=(*group.categories[:-1], "방재안전",
                                         group.categories[-1])),
              *model.job_groups[1:], JobGroup("소방직", ("소방직",)))
    first = model.departments[0]
    staffed = replace(first, headcount={**first.headcount, "방재안전": 2, "소방직": 3})
    return replace(model, job_groups=groups, departments=(staffed, *model.departments[1:]))


def _titles() -> Report:
    model = g.other_bureau(g.bundled(), 5, seed=10)
    titles = ("2030 탄소중립 (1단계) 추진", "「서울형」 도시숲 100곳 조성",
              "제3차 기후위기 대응 [종합]계획", "AI·IoT 기반 관리 2.0", "1인 가구 지원",
              "청년 3만명 일자리", "Ⅱ단계 사업 10대 과제 점검")
    return replace(model, projects=tuple(replace(p, title=t)
                                         for p, t in zip(model.projects, titles, strict=True)))


def _funded_elsewhere() -> Report:
    """A key project whose budget is a program of another department (the model names no
    program for it: its budget is that program's 예산현액 in 백만원, as printed)."""
    model = _base()
    projects = list(model.projects)
    index = next(i for i, p in enumerate(projects) if p.programs)
    other = next(d for d in model.departments if d.name != projects[index].department)
    program = next(p for _, p in other.programs() if p.budget >= 1_000 and p.committed)
    projects[index] = replace(projects[index], programs=(), budget=to_million(program.budget))
    return replace(model, projects=tuple(projects))


def _years(count: int) -> Callable[[], Report]:
    def make() -> Report:
        model = g.other_bureau(g.bundled(), 6, seed=8)
        for _ in range(count):
            model = g.next_year(model)
        return model
    return make


MODELS: dict[str, Callable[[], Report]] = {
    "재무국": _bureau("재무국"),
    "도시교통실": _bureau("도시교통실"),
    "기후환경본부": _bureau("기후환경본부"),
    "도시재생단": _bureau("도시재생단"),
    "균형발전위원회": _bureau("균형발전위원회"),
    "a bureau named as a department's short form": _short_form_bureau,
    "one department, one key project": lambda: g.keep_departments(
        g.other_bureau(g.bundled(), 5, seed=22), 1),
    "16 departments, 12 key projects": lambda: g.other_bureau(g.bundled(), 16, seed=21,
                                                              projects=12),
    "one key project": lambda: g.other_bureau(g.bundled(), 6, seed=9, projects=1),
    "a department printing only zeros": _zero_department,
    "a department with three accounts": _three_accounts,
    "a department on a special account alone": _special_account_alone,
    "a new revenue category": _new_revenue_category,
    "new job categories": _new_job_categories,
    "titles with numbers and brackets": _titles,
    "a key project funded by another department's program": _funded_elsewhere,
    "2025": _years(2),
    "2030": _years(7),
}


def _normalised(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    """Return the rows of ``columns`` sorted, labels without whitespace, figures as int."""
    def value(cell: object) -> object:
        if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
            return None
        return key(cell) if isinstance(cell, str) else int(cell)

    return sorted((tuple(value(c) for c in row) for row in frame[columns].itertuples(
        index=False)), key=repr)


def _flagged(report: sb.Report) -> pd.DataFrame:
    findings = report.findings
    return findings[findings["severity"].isin(["error", "warning"])]


def _load(tmp_path: Path, model: Report, text: str | None = None) -> sb.Report:
    return sb.load_report(g.write_snapshot(tmp_path / "raw", text or g.render(model)))


def _assert_reads_as_written(report: sb.Report, model: Report) -> None:
    assert report.bureau == model.bureau
    assert (report.fiscal_year, report.settlement_year) == (model.fiscal_year,
                                                            model.settlement_year)
    assert report.departments == tuple(d.name for d in model.departments)
    tables = report.tables()
    for table, rows in g.expected_tables(model).items():
        assert _normalised(tables[table], g.COMPARED_COLUMNS[table]) == _normalised(
            pd.DataFrame(rows), g.COMPARED_COLUMNS[table]), table
    flagged = _flagged(report)
    assert flagged.empty, flagged[["severity", "table", "key", "message"]].to_string()


@pytest.mark.parametrize("case", list(MODELS))
def test_a_report_of_another_shape_reads_as_written(case, tmp_path):
    """A reader would see a bureau, department, account, category, job category or key
    project the report prints lost or misplaced, or a 검증 오류 on figures that add up."""
    model = MODELS[case]()
    _assert_reads_as_written(_load(tmp_path, model), model)


# -- headings as word processors and other bureaus print them --------------------------------

def _headings_otherwise(model: Report) -> str:
    """The template's headings with one-character Roman numerals ('Ⅱ'), a chapter number
    shifted and without its dot ('III 2023 …'), spaces doubled, full-width digits in the
    title, swapped bullets and the key projects counted in their heading ('7대')."""
    fy, sy = model.fiscal_year, model.settlement_year
    wide = str(fy).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    edits = {"I. 일반 현황": "Ⅰ.  일반 현황",
             "II. 주요 현안업무": f"Ⅱ. {len(model.projects)}대 주요  현안업무",
             f"IV. {fy} 세입": f"III {fy} 세입",
             f"V. {sy} 세입": f"Ⅳ.  {sy}  세입",
             f"{fy}년 주요 업무보고": f"{wide}년 주요 업무보고",
             "□ 세입 예산 세부내역": "■ 세입 예산 세부내역",
             "● 세출 총괄": "○ 세출 총괄"}
    text = g.render(model)
    for printed, instead in edits.items():
        assert text.count(printed) == 1, printed
        text = text.replace(printed, instead)
    return text


def test_headings_numbered_and_spaced_otherwise_read_the_same(tmp_path):
    """A reader would get no key projects, settlement or revenue tables — or a table read
    into the section before it — when a heading says 'Ⅱ.' for 'II.' or counts its items."""
    model = _base()
    _assert_reads_as_written(_load(tmp_path, model, _headings_otherwise(model)), model)


def test_a_heading_counting_other_than_the_key_projects_is_an_error(tmp_path):
    """'II. 8대 주요 현안업무' over 7 key projects: the heading is a printed claim."""
    model = _base()
    assert len(model.projects) == 7
    text = g.render(model).replace("II. 주요 현안업무", "II. 8대 주요 현안업무")
    flagged = _flagged(_load(tmp_path, model, text))
    assert [(f.table, f.expected, f.actual) for f in flagged.itertuples()] == [
        ("projects", 7, 8)]


def test_another_bureaus_organisation_line_is_checked(tmp_path):
    """'1본부 …담당관 …과 …팀, …사업소' counting one department too many: an error, as the
    bundled bureau's '1정책관 6담당관 27팀, 2사업소' would be."""
    model = replace(_base(), bureau="기후환경본부")
    text = g.render(model)
    line = next(x for x in text.split("\n") if x.startswith("....."))
    assert line.startswith("..... 1본부 "), line
    more = line.replace("1본부", "1본부 1센터")
    flagged = _flagged(_load(tmp_path, model, text.replace(line, more)))
    assert [(f.table, f.expected, f.actual) for f in flagged.itertuples()] == [
        ("staffing", 5, 6)]


# -- the settlement of another year, or none ---------------------------------------------------

def test_a_settlement_two_years_back_is_of_its_own_year(tmp_path):
    """A 2024 report settling 2022 (its heading says so): the settlement's rows are 2022's,
    the budget tables 2024's, and no finding compares 2022 with 2023's final budget."""
    model = g.next_year(_base())
    text = g.render(model).replace(f"V. {model.fiscal_year - 1} 세입",
                                   f"V. {model.fiscal_year - 2} 세입")
    report = _load(tmp_path, model, text)
    assert (report.fiscal_year, report.settlement_year) == (2024, 2022)
    tables = report.tables()
    assert set(tables["settlement_expenditure"]["fiscal_year"]) == {2022}
    assert set(tables["expenditure"]["fiscal_year"]) == {2024}
    assert _flagged(report).empty


def test_a_report_without_a_settlement_reads_the_rest(tmp_path):
    model = _base()
    report = _load(tmp_path, model, g.without_section(g.render(model), "settlement"))
    assert report.settlement_year is None
    assert report.tables()["settlement_expenditure"].empty
    expected = g.expected_tables(model)
    assert _normalised(report.tables()["expenditure"], g.COMPARED_COLUMNS["expenditure"]) == \
        _normalised(pd.DataFrame(expected["expenditure"]), g.COMPARED_COLUMNS["expenditure"])


# -- the cover as other bureaus print it ----------------------------------------------------------

_COVERS = {
    "a weekday after the date": [("2023. 6.\n", "2023. 6. 14.(수)\n")],
    "the city before the bureau": [("\n기후환경본부\n", "\n서울특별시 기후환경본부\n")],
    "the city on a line of its own": [("\n기후환경본부\n", "\n서울특별시\n\n기후환경본부\n")],
    "계 heading 집행현황, a weekday on the cover": [("\t기후환경본부\t", "\t계\t"),
                                                ("2023. 6.\n", "2023. 6. 14.(수)\n")],
}


@pytest.mark.parametrize("case", list(_COVERS))
def test_the_bureau_read_from_covers_printed_otherwise(case, tmp_path):
    """A reader would see '서울특별시 기후환경본부' refused at 집행현황's total row, or a
    cover with a dated weekday refused as naming no bureau."""
    model = replace(_base(), bureau="기후환경본부")
    text = g.render(model)
    for printed, instead in _COVERS[case]:
        assert text.count(printed) >= 1, printed
        text = text.replace(printed, instead, 1)
    report = _load(tmp_path, model, text)
    assert report.bureau == "기후환경본부"
    assert _flagged(report).empty


@pytest.mark.parametrize("make", [_short_form_bureau, lambda: replace(_base(),
                                                                       bureau="기후환경본부")])
def test_세출_총괄_totalled_under_the_bureaus_name(make, tmp_path):
    """세출 총괄's first row naming the bureau instead of 계, as 집행현황's does: a reader
    would see '기후정책관' taken for the department 기후정책담당관 (its short form) and the
    report refused for a department printed twice."""
    model = make()
    lines = g.render(model).split("\n")
    start = lines.index("● 세출 총괄")
    total = next(i for i in range(start, len(lines)) if lines[i].startswith("계\t"))
    lines[total] = model.bureau + lines[total][1:]
    _assert_reads_as_written(_load(tmp_path, model, "\n".join(lines)), model)


# -- a department with no budget, as its own pages show it -----------------------------------

# A rate with nothing in it, as a page would print one: '0원()', '집행률은 입니다',
# '원인행위 기준 를 집행했습니다', '집행률은 , 실제 지출 기준으로는 입니다'.
_BLANK_RATE = re.compile(r"\(\)|(?:률은|기준)\s+(?:[,.]|입니다|이고|를 )")


def test_the_blank_rate_pattern_catches_what_a_page_printed():
    assert _BLANK_RATE.search("원인행위액은 0천원(), 지출액은")
    assert _BLANK_RATE.search("원인행위 기준 집행률은 , 실제 지출 기준으로는 입니다")
    assert _BLANK_RATE.search("원인행위 기준 를 집행했습니다")
    assert not _BLANK_RATE.search("원인행위 기준 51.6%를 집행했습니다(지출 기준 31.3%)")


def test_a_department_printing_only_zeros_has_pages_without_empty_rates(tmp_path):
    """A department with no budget this year or last (a new one: no settlement line): its
    pages say once that there is no rate to compute, never a rate left blank, and show no
    warning of the code that drew them."""
    from pages import SECTIONS, build_reports, visible_text

    model = _zero_department()
    [zero] = [d.name for d in model.departments
              if not any(p.budget for a in d.accounts for p in a.programs)]
    raw = tmp_path / "raw"
    g.write_snapshot(raw, g.render(model))
    reports = build_reports(raw, tmp_path, extra=("--department", zero))
    pages = sorted(reports.glob("*/department-*/*.html"))
    assert len(pages) == len(SECTIONS)
    said = {page.stem: " ".join(visible_text(page).split()) for page in pages}
    for page in pages:
        text = said[page.stem]
        assert not _BLANK_RATE.search(text), (page.name, _BLANK_RATE.search(text))
        assert 'class="stream stderr"' not in page.read_text("utf-8"), page.name
    no_rates = "예산현액이 0원이라 집행률과 비율은 계산하지 않습니다."
    assert f"{zero}의 세출 예산현액은 0원(사업" in said["03_expenditure"] and \
        no_rates in said["03_expenditure"]
    assert no_rates in said["00_overview"] and no_rates in said["06_trends"]
    # the trends page draws no chart of rates it does not have (the elapsed line alone)
    trends = next(page for page in pages if page.stem == "06_trends").read_text("utf-8")
    assert 'role="img"' not in trends
    assert f"{zero} - / -" in said["06_trends"]  # its rates by month: none, said so
    # at the top and under the section's own heading, where a reader jumping to it looks
    assert said["04_settlement"].count(f"세출결산에는 {zero}의 행이 없습니다") == 2
    # each page's key figure (the manifest's, which the index shows): '-' for the
    # settlement's rate, as the overview's cards, never a blank
    manifest = json.loads((reports / "manifest.json").read_text("utf-8"))["outputs"]
    keys = {entry["notebook"]: " ".join(entry["good"]["key_figure"].split())
            for entry in manifest.values()}
    assert keys["04_settlement"].startswith(f"{model.settlement_year} 집행률 - · 집행잔액 0")
    assert not [key for key in keys.values() if "집행률 ·" in key or _BLANK_RATE.search(key)]


# -- a settlement of the bureau's total alone, a staffed department with no budget -----------

def _small_bureau_shapes() -> tuple[Report, str, str]:
    """Return a bureau of two departments, the second staffed but in no budget table, and its
    text with both settlement tables printing their 총계 alone; and that department."""
    model = g.keep_departments(g.other_bureau(g.bundled(), 5, seed=1), 2)
    unbudgeted = model.departments[1].name
    model = g.unbudgeted_department(model, unbudgeted)
    text = g.total_only_settlement(g.total_only_settlement(g.render(model)), "settlement_revenue")
    return model, text, unbudgeted


def test_a_total_only_settlement_and_an_unbudgeted_department_build_their_pages(tmp_path):
    """A small bureau's report whose 세출결산 and 세입결산 print their 총계 alone, and one of
    whose departments is staffed but has no budget: every page of the bureau and of each
    department builds; the settlement page says the report prints only the bureau's total
    (its figures, no chart of departments), and the unbudgeted department's pages show its
    staff and no blank rate."""
    from pages import SECTIONS, build_reports, visible_text

    model, text, unbudgeted = _small_bureau_shapes()
    raw = tmp_path / "raw"
    g.write_snapshot(raw, text)
    reports = build_reports(raw, tmp_path, extra=("--department", "each"))
    [bureau_dir] = [p for p in reports.iterdir() if p.is_dir()]
    folders = [bureau_dir, *sorted(bureau_dir.glob("department-*"))]
    assert len(folders) == 3  # the bureau and its two departments
    said: dict[tuple[str, str], str] = {}
    for folder in folders:
        pages = sorted(folder.glob("*.html"))
        assert [p.stem for p in pages if p.stem in SECTIONS] == SECTIONS, folder
        for page in pages:
            if page.stem not in SECTIONS:
                continue
            html = page.read_text("utf-8")
            assert 'class="stream stderr"' not in html, page
            words = " ".join(visible_text(page).split())
            assert not _BLANK_RATE.search(words), (page, _BLANK_RATE.search(words))
            said[folder.name, page.stem] = words
    bureau = bureau_dir.name
    # the settlement, printed as 총계 alone: its figures (the rendered 총계 row, 백만원)
    year = model.settlement_year
    spending = next(line for line in text.split("\n")[text.split("\n").index("□ 세출결산"):]
                    if line.startswith("총 계\t")).split("\t")
    settlement = said[bureau, "04_settlement"]
    assert f"{year}년 예산현액 {spending[1]}백만원 가운데 {spending[2]}백만원을 지출하고" \
        in settlement
    assert settlement.count(f"{year}년 세출결산은 {model.bureau} 전체의 총계만 싣고 부서별 "
                            "행은 없습니다.") == 2  # at the top and under its heading
    assert f"{year}년 세입결산은 {model.bureau} 전체의 총계만 싣고 항목별 행은 없습니다." \
        in settlement
    settlement_html = (bureau_dir / "04_settlement.html").read_text("utf-8")
    assert 'role="img"' not in settlement_html  # no chart of departments or items it lacks
    # the staffed department with no budget: its staff as printed, no budget, a warning
    [department_dir] = [f for f in folders[1:] if unbudgeted in said[f.name, "01_staffing"]]
    staff = model.department(unbudgeted)
    assert f"현원은 {staff.current}명" in said[department_dir.name, "01_staffing"]
    for section in ("00_overview", "03_expenditure", "06_trends"):
        assert f"{unbudgeted}의 세출 사업은 이 보고서에 없습니다." in \
            said[department_dir.name, section], section
    assert 'role="img"' not in (department_dir / "03_expenditure.html").read_text("utf-8")
    # each of the expenditure page's six sections of programs says it has none, rather than
    # a heading over nothing (or a text on bars no chart draws)
    expenditure = said[department_dir.name, "03_expenditure"]
    assert expenditure.count("이 절에 보여 줄 사업이 없습니다.") == 6
    assert "0개 사업" not in expenditure
    assert f"{unbudgeted}의 결산 수치는 이 보고서에 없습니다." in \
        said[department_dir.name, "04_settlement"]
    assert "세출 총괄과 세출예산 집행현황에 행이 없음" in said[bureau, "00_overview"]

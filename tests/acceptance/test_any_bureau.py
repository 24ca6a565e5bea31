"""Acceptance tests of issue 21: reports of other bureaus and other years, made by the
generator (tests/generate.py) from the bundled report, read as a reader of those reports
expects.

The API these tests hold the package to:

- ``sb.load_report(path)``: ``report.bureau`` (str), ``report.fiscal_year`` and
  ``report.settlement_year`` (int), ``report.departments`` (tuple, staffing order);
- ``report.tables()`` with ``staffing`` (department, authorized, current),
  ``staffing_by_category`` (department, job_category, headcount), ``expenditure``
  (department, account, program, budget, committed, spent), ``expenditure_summary``
  (department, account, budget, previous_budget, committed), ``revenue`` (category,
  subcategory, detail_category, item, budget, previous_budget), ``settlement_expenditure``
  (department, account, budget, spent, carried_over, subsidy_returned, unspent),
  ``settlement_revenue`` (category, item, budget, assessed, collected, written_off,
  outstanding), ``projects`` (number, title, department, budget); money in KRW; each table of
  a year's figures with a ``fiscal_year`` column (the settlement's: the settlement year);
- ``report.findings`` with a ``severity`` column;
- ``sb.history(table, data_dir)`` with ``fiscal_year``, following ``departments.csv``;
- ``seoul-budget build``: pages and an index that name the bureau, the years and the number
  of key projects ('9대 현안업무'), the index grouping months by fiscal year ('2025 회계연도').

Labels are compared with whitespace removed (the template spaces some out letter by letter).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import generate as g
import pandas as pd
import pytest
from pages import build_reports, visible_text
from report_model import BASIC_EXPENSE, Report
from report_template import MADE_UP_NAMES
from variants import key

import seoul_budget as sb

# The bureau and its years are read from the report (tests/parse/test_cover.py); categories,
# accounts and job categories by structure (tests/parse/: test_accounts, test_revenue,
# test_staffing).

VARIANTS = {
    "5 departments": lambda base: g.other_bureau(base, 5, seed=1),
    "11 departments": lambda base: g.other_bureau(base, 11, seed=2),
    "next year": lambda base: g.next_year(g.other_bureau(base, 5, seed=1)),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, tuple[Report, Path]]:
    """{variant: (model, path of its report in a data folder of its own)}."""
    base = g.bundled()
    made = {}
    for name, make in VARIANTS.items():
        model = make(base)
        folder = tmp_path_factory.mktemp("bureau") / "raw"
        made[name] = (model, g.write_snapshot(folder, model))
    return made


def _normalised(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    """Return the rows of ``columns`` sorted, labels without whitespace, figures as int."""
    missing = [c for c in columns if c not in frame.columns]
    assert not missing, f"no column {missing}; the table has {list(frame.columns)}"

    def value(cell: object) -> object:
        if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
            return None
        if isinstance(cell, str):
            return key(cell)
        return int(cell)

    rows = [tuple(value(c) for c in row) for row in frame[columns].itertuples(index=False)]
    return sorted(rows, key=repr)


def _table(report: sb.Report, name: str) -> pd.DataFrame:
    tables = report.tables()
    assert name in tables, f"no table {name!r}; the report has {sorted(tables)}"
    return tables[name]


def _same(report: sb.Report, model: Report, table: str, columns: list[str]) -> None:
    expected = _normalised(pd.DataFrame(g.expected_tables(model)[table]), columns)
    assert _normalised(_table(report, table), columns) == expected, table


# -- one report of another bureau or year ------------------------------------------------------

@pytest.mark.parametrize("variant", list(VARIANTS))
def test_report_names_its_bureau_years_and_departments(generated, variant):
    """A reader of another bureau's report would see the bundled bureau's name, or 2023 for
    a 2024 report, or departments the report does not have."""
    model, path = generated[variant]
    report = sb.load_report(path)
    assert report.bureau == model.bureau
    assert (report.fiscal_year, report.settlement_year) == (model.fiscal_year,
                                                            model.settlement_year)
    assert report.departments == tuple(d.name for d in model.departments)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_staffing_tables_are_the_generated_figures(generated, variant):
    """A reader would see job categories missing ('환경', '공무직') or staff misplaced."""
    model, path = generated[variant]
    report = sb.load_report(path)
    _same(report, model, "staffing", ["department", "authorized", "current"])
    _same(report, model, "staffing_by_category", ["department", "job_category", "headcount"])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_expenditure_tables_are_the_generated_figures(generated, variant):
    """A reader would see a third account ('교통사업특별회계') dropped or a department's
    programs under another department, or budgets labelled with the bundled years."""
    model, path = generated[variant]
    report = sb.load_report(path)
    _same(report, model, "expenditure",
          ["department", "account", "program", "budget", "committed", "spent"])
    _same(report, model, "expenditure_summary",
          ["department", "account", "budget", "previous_budget", "committed"])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_revenue_table_is_the_generated_figures(generated, variant):
    """A reader would see revenue categories the bundled report never had ('조정교부금등')
    refused, or items filed under the wrong category."""
    model, path = generated[variant]
    report = sb.load_report(path)
    _same(report, model, "revenue", ["category", "subcategory", "detail_category", "item",
                                     "budget", "previous_budget"])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_settlement_tables_are_the_generated_figures(generated, variant):
    """A reader would see the settlement of the wrong year, or its tables named after 2022."""
    model, path = generated[variant]
    report = sb.load_report(path)
    _same(report, model, "settlement_expenditure",
          ["department", "account", "budget", "spent", "carried_over", "subsidy_returned",
           "unspent"])
    _same(report, model, "settlement_revenue",
          ["category", "item", "budget", "assessed", "collected", "written_off",
           "outstanding"])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_key_projects_are_the_generated_ones(generated, variant):
    """A reader would see 8 key projects where the report has 7 or 9, a project under the
    wrong department, or a budget that is not the one printed."""
    model, path = generated[variant]
    report = sb.load_report(path)
    _same(report, model, "projects", ["number", "title", "department", "budget"])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_officials_names_reach_no_table(generated, variant):
    """A reader would find the (made-up) officials on the contact lines in a table."""
    _, path = generated[variant]
    assert _names_in_tables(sb.load_report(path)) == []


def _names_in_tables(report: sb.Report) -> list[tuple[str, str]]:
    """Return (table, name) for each made-up official's name a table's cell holds (a cell
    that is the name, or a text naming it, as a contact line would)."""
    found = []
    for table, frame in report.tables().items():
        cells = [str(v) for v in frame.astype(str).to_numpy().ravel()]
        found += [(table, name) for name in MADE_UP_NAMES
                  if any(cell == name or f"{name} ☎" in cell or f": {name}" in cell
                         for cell in cells)]
    return found


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_tables_say_which_year_their_figures_are_for(generated, variant):
    """A reader of a 2024 report would not know which rows are 2024's and which the 2023
    settlement's."""
    model, path = generated[variant]
    report = sb.load_report(path)
    for table, rows in g.expected_tables(model).items():
        if "fiscal_year" not in rows[0]:
            continue
        frame = _table(report, table)
        assert "fiscal_year" in frame.columns, table
        assert set(frame["fiscal_year"].astype(int)) == {rows[0]["fiscal_year"]}, table


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_report_that_adds_up_has_no_error_or_warning(generated, variant):
    """A reviewer would see 검증 오류 on a report whose every figure adds up."""
    _, path = generated[variant]
    findings = sb.load_report(path).findings
    flagged = findings[findings["severity"].isin(["error", "warning"])]
    assert flagged.empty, flagged[["severity", "table", "key", "message"]].to_string()


# -- two fiscal years in one data folder: pages, index, history --------------------------------



def _year(year: int) -> re.Pattern[str]:
    """A year written out ('2023', not inside a hash) or as in dates ("'23.")."""
    return re.compile(rf"(?<![0-9A-Za-z]){year}(?![0-9A-Za-z])|['’]{year % 100:02d}(?=[.년~])")


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> tuple[list[Report], Path]:
    """Another bureau's reports of 2025 and 2026 in one data folder (two years on from the
    bundled year, so neither 2022 nor 2023 is any year of theirs)."""
    first = g.next_year(g.next_year(g.other_bureau(g.bundled(), 5, seed=1)))
    models = [first, g.next_year(first)]
    folder = tmp_path_factory.mktemp("years") / "raw"
    for model in models:
        g.write_snapshot(folder, model)
    return models, folder


@pytest.fixture(scope="module")
def two_years_reports(two_years, tmp_path_factory) -> Path:
    """The reviewer pages of ``two_years``, built once for the tests that read them."""
    return build_reports(two_years[1], tmp_path_factory.mktemp("two-years"))


def test_pages_and_index_name_the_bureau_years_and_projects(two_years, two_years_reports):
    """A reviewer would read '디지털정책관', '2023' or '8대 현안업무' on another bureau's pages,
    or an index that runs two fiscal years together as months of one."""
    models, _ = two_years
    reports = two_years_reports
    index = visible_text(reports / "index.html")
    bundled = g.bundled()
    count = len(models[0].projects)
    for model in models:
        pages = sorted((reports / model.as_of.isoformat()).glob("*.html"))
        assert len(pages) >= 7
        day = f"{model.as_of.year}년 {model.as_of.month}월 {model.as_of.day}일"
        for page in pages:
            text = visible_text(page)
            assert model.bureau in text and day in text, page.name
            assert bundled.bureau not in text, page.name
            assert "국 전체" not in text, page.name  # not every bureau is a 국
            for year in (2022, 2023):
                assert not _year(year).search(text), (page.name, year)
            counts = re.findall(r"(\d+)\s*대 현안업무|현안업무 (\d+)개", text)
            assert all(int(a or b) == count for a, b in counts), page.name
            if "결산" in text.split(" — ")[0]:
                assert str(model.settlement_year) in text, page.name
        assert re.search(rf"{model.fiscal_year}\s*회계연도", index)
    assert models[0].bureau in index and f"{count}대 현안업무" in index
    assert not _year(2023).search(index) and bundled.bureau not in index
    assert f"월별 집행률 ({models[-1].bureau} 전체)" in index  # the newest report's bureau


def test_the_staffing_page_counts_the_bureaus_own_technical_series(two_years,
                                                                  two_years_reports):
    """Another bureau's staffing header has series the bundled one has not (환경, 토목 …):
    its page names them as its technical and specialist series (all but 행정 and 기타 of the
    group of several; 연구직, 지도직 and 전문경력관 of the groups of one) and counts them."""
    models, _ = two_years
    for model in models:
        page = key(visible_text(two_years_reports / model.as_of.isoformat() / "01_staffing.html"))
        [group] = [g for g in model.job_groups if len(g.categories) > 1]
        technical = [c for c in group.categories if c not in ("행정", "기타")] + [
            g.name for g in model.job_groups
            if len(g.categories) == 1 and g.name in ("연구직", "지도직", "전문경력관")]
        assert key(f"기술·전문 직렬은 {', '.join(technical)}") in page
        counted = sum(d.headcount.get(c, 0) for d in model.departments for c in technical)
        staff = sum(d.current for d in model.departments)
        assert f"계{staff}{counted}" in page  # the table's total row


def test_settlement_trends_and_index_keep_each_fiscal_year_apart(two_years, two_years_reports):
    """The settlement and trends pages name the bureau and the settlement's own year in the
    navigation; the index keeps each fiscal year a series of its own, and the second year's
    first snapshot is compared with the first year's year on year."""
    models, _ = two_years
    reports = two_years_reports
    for model in models:
        for stem in ("04_settlement", "06_trends"):
            text = visible_text(reports / model.as_of.isoformat() / f"{stem}.html")
            assert f"{model.bureau} 업무보고" in text, (model.as_of, stem)
            assert f"{model.settlement_year} 회계연도 결산" in text, (model.as_of, stem)
    trends = visible_text(reports / models[1].as_of.isoformat() / "06_trends.html")
    assert f"{models[1].fiscal_year} 회계연도의 첫 보고서" in trends and "전년 대비" in trends
    index = visible_text(reports / "index.html")
    assert f"{models[0].bureau} 업무보고 분석 보고서" in index


def test_history_carries_the_fiscal_year(two_years):
    """An analyst stacking two years would see 2026's programs as one more month of 2025."""
    models, folder = two_years
    history = sb.history("expenditure", folder)
    assert "fiscal_year" in history.columns
    years = history.groupby(history["as_of"].dt.year)["fiscal_year"].unique()
    assert {y: list(v) for y, v in years.items()} == {m.fiscal_year: [m.fiscal_year]
                                                      for m in models}


# -- a reorganisation between two months -----------------------------------------------------

@pytest.fixture(scope="module")
def reorganised(tmp_path_factory) -> tuple[Report, Report, Path, dict[str, object]]:
    """Another bureau's May and June: in June two departments are merged into one and
    another is split in two, with the departments.csv rows that say so."""
    may = g.other_bureau(g.bundled(), 11, seed=2)
    names = [d.name for d in may.departments]
    effective = date(2023, 6, 1)
    merged, rows = g.merge(may, names[1:3], "통합정책담당관", effective)
    split, more = g.split(merged, names[0], ("신설기획과", "신설운영과"), effective)
    june = g.later_month(split, date(2023, 6, 30))
    folder = tmp_path_factory.mktemp("reorganised") / "raw"
    for model in (may, june):
        g.write_snapshot(folder, model)
    (folder / "departments.csv").write_text(g.reorganisation_csv(rows + more), encoding="utf-8")
    plan = {"merged": names[1:3], "into": "통합정책담당관", "split": names[0],
            "successors": ("신설기획과", "신설운영과")}
    return may, june, folder, plan


def test_reorganised_month_reads_cleanly(reorganised):
    """A reviewer would see June refused, or its settlement's old department names flagged."""
    _, june, folder, _ = reorganised
    report = sb.load_report(folder / june.as_of.isoformat() / "report.txt")
    assert report.departments == tuple(d.name for d in june.departments)
    flagged = report.findings[report.findings["severity"].isin(["error", "warning"])]
    assert flagged.empty, flagged[["severity", "key", "message"]].to_string()


def test_history_follows_a_split_and_a_merge(reorganised):
    """An analyst would lose a merged department's programs in May, or see a split
    department's May programs under a successor that does not hold them in June."""
    may, june, folder, plan = reorganised
    history = sb.history("expenditure", folder)
    days = history["as_of"].dt.date
    before, after = history[days == may.as_of], history[days == june.as_of]
    merged_programs = [key(p.name) for n in plan["merged"]
                       for _, p in may.department(n).programs() if p.name != BASIC_EXPENSE]
    rows = before[before["program"].map(key).isin(merged_programs)]
    assert len(rows) == len(merged_programs)  # every program keeps its own row
    assert set(rows["department"]) == {plan["into"]}
    basic = before[(before["department"] == plan["into"])
                   & (before["program"].map(key) == BASIC_EXPENSE)]
    assert len(basic) == len(plan["merged"])  # and each department's 기본경비 its own
    assert set(after["department"]) >= set(plan["successors"])
    holder = {key(p.name): d.name for d in june.departments if d.name in plan["successors"]
              for _, p in d.programs() if p.name != BASIC_EXPENSE}
    split_rows = before[before["program"].map(key).isin(holder)]
    for program, department in zip(split_rows["program"], split_rows["department"],
                                   strict=True):
        assert department in (plan["split"], holder[key(program)]), program


# -- a section removed -----------------------------------------------------------------------------

def test_a_missing_section_spares_the_other_pages(tmp_path):
    """A reviewer would get no page at all for a report that lacks only its revenue detail."""
    model = g.other_bureau(g.bundled(), 5, seed=1)
    text = g.without_section(g.render(model), "revenue")
    folder = tmp_path / "raw"
    g.write_snapshot(folder, text)
    reports = build_reports(folder, tmp_path, allowed=(2,))
    built = {p.stem for p in (reports / model.as_of.isoformat()).glob("*.html")}
    for part in ("staffing", "expenditure", "settlement", "key_projects"):
        assert any(part in stem for stem in built), (part, built)


# -- the generator's control ------------------------------------------------------------------



def test_the_bundled_model_rendered_reads_as_generated(tmp_path):
    """Control of the generator, not of issue 21: the bundled report rendered from its model
    (its bureau, years and names; its misprints corrected) parses with the package as it is
    to exactly the generator's tables, and its only finding above info is the bundled
    report's own data (서울기록원 기본경비 spends more than it committed). If this fails, the
    generator's template drifted from what the package reads, and the tests above would fail
    for the generator's sake."""
    model = g.bundled()
    report = sb.load_report(g.write_snapshot(tmp_path / "raw", model))
    tables = report.tables()
    for name, columns in g.COMPARED_COLUMNS.items():
        frame = tables[name]
        assert _normalised(frame, columns) == _normalised(
            pd.DataFrame(g.expected_tables(model)[name]), columns), name
    findings = report.findings
    flagged = findings[findings["severity"].isin(["error", "warning"])]
    assert [(f.table, f.key, f.column) for f in flagged.itertuples()] == [
        ("expenditure", "서울기록원 > 일반회계 > 기본경비", "spent")]
    assert _names_in_tables(report) == []  # the contact lines' names are dropped

"""The section notebooks and the helpers they call.

Fast tests check the helpers (parameters, tables, findings display) and the committed notebooks
as files (one tagged parameters cell, no outputs; their executed references in
tests/fixtures/executed/ the same cells, with outputs free of warnings and tracebacks and the
document's key totals). Tests marked ``notebooks`` execute them: papermill runs each one
narrowed to a department from a copied data folder, as the build does (nbval's re-run of the
references is in test_nbval.py).
Deselect them with ``-m "not notebooks"`` for a quick run.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import generate as g
import monthly as m
import nbformat
import pandas as pd
import pytest
import variants as v
from bundled import DEPARTMENTS, RAW, with_aliases
from pages import build_reports

import seoul_budget as sb
from notebooks import NAMES, NOTEBOOK_DIR, read, read_executed, run
from seoul_budget import notebook as nb
from seoul_budget.catalog import NOTEBOOKS
from seoul_budget.errors import ParameterError
from seoul_budget.schemas import SCHEMAS, columns
from seoul_budget.subject import Subject

SECTION_KEYS = ["overview", "staffing", "revenue", "expenditure", "settlement",
                "key_projects", "trends"]
# Figures the document prints that each executed notebook must show (bundled data, defaults).
KEY_FIGURES = {
    "00_overview": ["266명 · 255명", "139.4억원", "1,638.5억원"],
    "01_staffing": ["정원 266명 가운데 현원은 255명", "**데이터센터**(8명)"],
    "02_revenue": ["13,941,956천원", "17,370,899천원"],
    "03_expenditure": ["163,848,799천원", "연간 경과율은 41.4%"],
    # in 천원: the corrected 보조금반납액 18,571천원 is not whole in 백만원 (line 603)
    "04_settlement": ["128,873,000천원", "18,571천원"],
    "05_key_projects": ["13,097", "58,696명", "90,060명"],
    # one snapshot: no earlier month yet; May's rates 84,471,483 / 163,848,799 = 51.6 %,
    # 51,216,641 / 163,848,799 = 31.3 %, day 151 of 365 = 41.4 %
    "06_trends": ["보고서는 이 달 하나뿐이라", "163,848,799", "원인행위 기준 51.6%",
                  "지출 기준 31.3%", "연간 경과율은 41.4%"],
}
# Python warnings and exceptions by their class names (case matters: "not an error" in a
# finding's English is no warning), tracebacks, matplotlib's missing-glyph warning.
WARNING_TEXT = re.compile(r"\b\w*(?:Warning|Error)\b|Traceback|Glyph \d+|missing from font")


def output_texts(notebook: nbformat.NotebookNode) -> list[str]:
    """Every text a reader can see in the outputs (images excluded)."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                found.append(output.get("text", ""))
            if output.get("output_type") == "error":
                found.append("Traceback " + output.get("ename", ""))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    found.append(value if isinstance(value, str) else "".join(value))
    return found


# --------------------------------------------------------------------------- setup


def test_setup_defaults_to_the_newest_snapshot_and_the_whole_bureau():
    ctx = nb.setup("", "", "all")
    assert ctx.as_of.isoformat() == "2023-05-31"
    assert ctx.department is None
    assert ctx.scope == "디지털정책관 전체"
    assert ctx.departments == DEPARTMENTS
    assert len(ctx.table("staffing")) == 8


def test_setup_narrows_to_a_department_by_any_spelling():
    ctx = nb.setup("2023-05-31", str(RAW), "정보통신보안관")  # 세출 총괄 alias
    assert ctx.department == "정보통신보안담당관"
    staffing = ctx.table("staffing")
    assert staffing["department"].tolist() == ["정보통신보안담당관"]
    assert int(staffing["authorized"].iloc[0]) == 36
    assert len(ctx.table("expenditure")) == 10  # printed: 9 일반회계 + 1 특별회계 programs
    assert len(ctx.table("revenue")) == len(ctx.report.revenue)  # no department column
    assert "department" not in ctx.report.revenue


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"department": "총무과"}, "디지털정책담당관"),
    ({"as_of": "2023-13-01"}, "there is no month 13"),
    ({"as_of": "2022-12-31"}, "2023-05-31"),
    ({"data_dir": "/nonexistent/raw"}, "/nonexistent/raw"),
])
def test_setup_rejects_bad_parameters_naming_the_valid_choices(kwargs, named):
    with pytest.raises(ParameterError, match=re.escape(named)):
        nb.setup(**{"as_of": "", "data_dir": "", "department": "all", **kwargs})


def test_check_number_and_choice():
    assert nb.check_number("behind_pace_threshold", "12.5", 0, 100) == 12.5
    for bad in ("abc", -1, 101, float("nan"), None):
        with pytest.raises(ParameterError, match="behind_pace_threshold .* from 0 to 100"):
            nb.check_number("behind_pace_threshold", bad, 0, 100)
    assert nb.check_choice("execution_basis", "spent", ("committed", "spent")) == "spent"
    with pytest.raises(ParameterError, match="committed, spent"):
        nb.check_choice("execution_basis", "paid", ("committed", "spent"))


def test_header_block_names_the_snapshot_scope_and_source():
    ctx = nb.setup("", "", "데이터센터")
    text = nb.header_block(ctx, "staffing")
    assert "2023. 5. 31." in text
    assert "데이터센터" in text
    # revenue is not split by department: whose figures they are, by the cover's bureau name
    assert "부서로 나뉘지 않는 표(세입 등)는 디지털정책관 전체 수치입니다." in text
    assert "원문 파일 2023-05-31/report.txt" in text  # within its snapshot folder
    assert "fixtures" not in text and "data/raw" not in text  # no machine paths for readers
    digest = nb.input_fingerprint(ctx.params.report_path)
    assert re.fullmatch(r"[0-9a-f]{12}", digest) and digest in text


def test_header_block_says_which_section_the_report_lacks(tmp_path):
    """A report without '□ 세입 예산 세부내역' (lines 403-477): the revenue page and the
    overview say so, with the heading and where it was looked for; the staffing page not."""
    from damage import report_lines, write_report

    lines = report_lines()
    write_report(tmp_path / "2023-05-31", "\n".join(lines[:402] + lines[477:]))
    ctx = nb.setup("", tmp_path, "all")
    assert not ctx.has("revenue") and ctx.has("revenue_summary", "expenditure")
    revenue = html.unescape(nb.header_block(ctx, "revenue"))
    assert "원문에 없는 절" in revenue and "「세입 예산 세부내역」" in revenue
    assert "'IV. 2023 세입 · 세출예산 세부현황'(401행) 뒤에서" in revenue
    assert "'□ 세출예산 집행현황'(403행) 앞까지" in revenue
    assert "원문 2023-05-31/report.txt" in revenue and str(tmp_path) not in revenue
    assert "원문에 없는 절" in nb.header_block(ctx, "overview")
    assert "원문에 없는 절" not in nb.header_block(ctx, "staffing")


# --------------------------------------------------------------------------- tables


def test_table_html_uses_korean_headers_with_units_and_formats_money():
    frame = pd.DataFrame({"department": ["데이터센터"], "budget": [54_736_110_000],
                          "committed_rate": [40.84], "surplus": [-8]})
    html = nb.table_html(frame, table="expenditure", units={"surplus": "signed"},
                         labels={"surplus": "과부족"}, caption="예시")
    for text in ("부서", "예산현액 (천원)", "집행률(원인행위) (%)", "과부족 (명)",
                 "54,736,110", "40.8", "△8", "예시"):
        assert text in html, text
    assert "54736110000" not in html


def test_table_html_money_unit_and_highlight():
    frame = pd.DataFrame({"budget": [143_205_000_000, 0]})
    html = nb.table_html(frame, table="settlement_expenditure", money_unit="백만원",
                         highlight=[True, False])
    assert "예산현액 (A) (백만원)" in html
    assert "143,205" in html
    assert html.count("background: #FCEBDD") == 1


def test_table_html_escapes_text_from_the_data():
    frame = pd.DataFrame({"duty": ['<script>alert("x")</script>']})
    html = nb.table_html(frame, table="duties", caption="<b>표</b>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;표&lt;/b&gt;" in html


def test_table_html_is_deterministic():
    frame = pd.DataFrame({"department": ["데이터센터"], "budget": [1_000]})
    first = nb.table_html(frame, table="expenditure", caption="a")
    assert first == nb.table_html(frame.copy(), table="expenditure", caption="a")
    assert first != nb.table_html(frame, table="expenditure", caption="b")


def test_cards_html_escapes():
    html = nb.cards_html([("정원 <현원>", "266명", "비고 & 주석")])
    assert "정원 &lt;현원&gt;" in html and "비고 &amp; 주석" in html and "266명" in html


def test_project_metric_selects_one_figure_in_period_order(report):
    monthly = nb.project_metric(report.project_metrics, 2, "월방문수_명")
    # 메타버스 서울 월 방문수: 1월 13,097 … 5월 12,020 (as printed).
    assert monthly["value"].tolist() == [13_097, 14_013, 10_088, 8_212, 12_020]
    assert nb.project_metric(report.project_metrics, 2, "no_such_metric").empty


def test_section_links_point_at_sibling_pages():
    links = nb.section_links("overview")
    assert "[인력 현황](01_staffing.html)" in links
    assert "00_overview" not in links


# --------------------------------------------------------------------------- findings

FINDINGS = pd.DataFrame([
    {"check": "sum", "severity": "info", "table": "expenditure",
     "key": "정보통신보안담당관 > 일반회계", "column": "committed", "expected": 18_313_784_000,
     "actual": 18_313_783_000, "difference": -1_000, "source_line": 549,
     "message": "반올림 차이", "message_en": "expenditure / 정보통신보안담당관 > 일반회계 / "
     "committed_rate_printed: within rounding", "suggestion": None},
    {"check": "errata", "severity": "info", "table": "expenditure",
     "key": "서울기록원 > 일반회계 > 기본경비", "column": "committed", "expected": 30_048_210,
     "actual": 30_048_210_000, "difference": 30_018_161_790, "source_line": 580,
     "message": "정오표에 따라 정정함", "message_en": "Corrected", "suggestion": None},
    {"check": "rate", "severity": "warning", "table": "staffing_by_category",
     "key": "계 > 행정", "column": "share_printed", "expected": 23.14, "actual": 23.1,
     "difference": -0.04, "source_line": 24, "message": "비율", "message_en": "",
     "suggestion": None},
    {"check": "sum", "severity": "error", "table": "revenue_summary", "key": "세외수입",
     "column": "budget", "expected": 1_000, "actual": 2_000, "difference": 1_000,
     "source_line": 61, "message": "합계", "message_en": "", "suggestion": None},
    {"check": "cross_table", "severity": "info", "table": "settlement_revenue",
     "key": "일반회계 > 보전수입등 및 내부거래", "column": "budget", "expected": 28_515_000,
     "actual": 28_000_000, "difference": -515_000, "source_line": 596,
     "message": "분류 차이", "message_en": "settlement_revenue / budget: a reclassification",
     "suggestion": None},
])
CORRECTIONS = pd.DataFrame([
    {"table": "expenditure", "source_line": 580, "key": "서울기록원 > 일반회계 > 기본경비",
     "column": "committed", "unit": "KRW", "printed": 30_048_210_000, "corrected": 30_048_210,
     "reason": "원 단위로 인쇄됨 / Printed in won in a thousand-won table"},
])


def test_findings_for_filters_by_section_and_department_most_severe_first():
    out = nb.findings_for(FINDINGS, NOTEBOOKS["expenditure"].tables)
    assert out["check"].tolist() == ["sum", "errata"]  # both info: by source line 549, 580
    out = nb.findings_for(FINDINGS, None, "서울기록원")
    assert out["key"].tolist() == ["서울기록원 > 일반회계 > 기본경비"]
    assert nb.findings_for(FINDINGS, None)["severity"].tolist()[:2] == ["error", "warning"]


def test_the_verdict_counts_misprints_corrected_and_errors_left_apart_from_rounding():
    counts = nb.quality_counts(FINDINGS, CORRECTIONS)
    # The errata finding repeats the correction: counted once, as a correction.
    assert counts == {"corrected": 1, "error": 1, "warning": 1, "rounding": 1, "note": 1}
    assert nb.quality_sentence(counts) == (
        "원문 오류 1건 정정, 남은 오류 1건. 확인이 필요한 경고 1건. "
        "오류가 아닌 반올림 차이 1건과 참고 사항 1건은 따로 적었습니다.")
    clean = nb.quality_counts(FINDINGS.iloc[[0, 1]], CORRECTIONS)
    assert nb.quality_sentence(clean).startswith("원문 오류 1건 정정, 남은 오류 0건.")


# The findings above are of a report of fiscal 2023 whose settlement is 2022's.
YEARS = Subject("", 2023, 2022)


def test_findings_read_with_a_location_figures_in_the_table_unit_and_no_repeats():
    shown = nb.reader_findings(FINDINGS, YEARS)
    assert [f.kind for f in shown] == ["rounding", "warning", "error", "note"]  # errata left out
    rounding = shown[0]
    assert rounding.where == ("세출 예산과 집행 › 세출예산 집행현황 › 정보통신보안담당관 · 일반회계"
                              " › 원인행위액")
    assert rounding.line == "원문 549행"
    assert (rounding.printed, rounding.expected, rounding.difference) == (
        "18,313,783천원", "18,313,784천원", "△1천원")
    assert "committed_rate_printed" not in rounding.text_en  # identifiers read as labels
    assert "집행률(원인행위)" in rounding.text_en
    assert (shown[1].printed, shown[1].expected) == ("23.1%", "23.14%")
    assert "settlement_revenue" not in shown[3].text_en
    assert "2022 세입결산" in shown[3].text_en
    # without a report's years a title names none (never the wrong one)
    assert "세입결산" in nb.reader_findings(FINDINGS)[3].text_en
    assert "2022" not in nb.reader_findings(FINDINGS)[3].text_en


def test_corrections_read_printed_to_corrected_without_invented_decimals():
    [fixed] = nb.reader_corrections(CORRECTIONS)
    # 30,048,210원 is 30,048.21천원: shown in 원, the unit that holds it whole.
    assert (fixed.printed, fixed.expected) == ("30,048,210천원", "30,048,210원")
    assert (fixed.text_ko, fixed.text_en) == ("원 단위로 인쇄됨",
                                              "Printed in won in a thousand-won table")
    assert nb.exact_money(18_571_000, "백만원") == "18,571천원"
    assert nb.exact_money(143_205_000_000, "백만원") == "143,205백만원"
    assert nb.exact_money(-1_000, "천원") == "△1천원"
    assert nb.split_languages("정정 사유만") == ("정정 사유만", "")


def test_findings_html_puts_korean_first_and_english_folded():
    html = nb.findings_section_html(FINDINGS, CORRECTIONS)
    assert html.index("원문 오류 1건 정정, 남은 오류 1건.") < html.index(
        "분석 정정 목록으로 고친 원문 오류")
    assert html.count("원문 580행") == 1  # the correction once, not again as a finding
    assert "<details" in html and "<summary>English</summary>" in html
    assert "30,018,161" not in html  # no difference in a unit the figure is not printed in
    hostile = CORRECTIONS.assign(reason="<script>alert(1)</script> / <b>x</b>")
    assert "<script>" not in nb.findings_section_html(FINDINGS.iloc[:0], hostile)


def test_findings_overview_counts_per_section():
    overview = nb.findings_overview(FINDINGS, CORRECTIONS, YEARS).set_index("section")
    assert overview.loc["세출 예산과 집행", ["corrected", "error", "rounding"]].tolist() == \
        [1, 0, 1]
    assert overview.loc["인력 현황", "warning"] == 1
    assert overview.loc["세입 예산", "error"] == 1
    assert overview.loc["2022 회계연도 결산", "note"] == 1
    assert overview.loc["주요 현안업무"].sum() == 0


def test_reconciliation_findings_reach_the_notebooks(report):
    ctx = nb.Context(params=nb.setup("", "", "all").params, report=report)
    findings = ctx.findings
    assert set(columns("findings")) <= set(findings.columns)
    assert len(findings) > 0
    assert set(findings["severity"]) <= set(nb.SEVERITIES)
    # Every finding is shown in some section (none lost between reconciliation and report).
    covered = {t for s in NOTEBOOKS.values() for t in s.tables}
    assert set(findings["table"]) <= covered


def test_a_broken_reconciliation_is_not_hidden(monkeypatch, report):
    import types

    params = nb.setup("", "", "all").params
    broken = types.ModuleType("seoul_budget.reconciliation")

    def fail(_report):
        raise RuntimeError("reconciliation failed")

    broken.reconcile = fail
    monkeypatch.setitem(sys.modules, "seoul_budget.reconciliation", broken)
    fresh = sb.Report(report.path, report.as_of, report.tables())
    ctx = nb.Context(params=params, report=fresh)
    with pytest.raises(RuntimeError, match="reconciliation failed"):
        _ = ctx.findings


def test_every_table_belongs_to_one_section():
    tables = [t for s in NOTEBOOKS.values() for t in s.tables]
    assert len(tables) == len(set(tables))
    assert set(tables) == set(SCHEMAS) - {"printed_totals", "findings", "corrections"}


# --------------------------------------------------------------------------- notebook files


@pytest.mark.parametrize("name", NAMES)
def test_notebook_has_one_parameters_cell_with_the_defaults(name):
    notebook = read(name)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    source = tagged[0].source
    for line in ('as_of = ""', 'data_dir = ""', 'department = "all"', 'processed_dir = ""'):
        assert line in source
    if name == "03_expenditure":
        assert "behind_pace_threshold = " in source and "execution_basis = " in source
    assert notebook.metadata["kernelspec"]["name"] == "seoul-budget"  # make setup registers it


@pytest.mark.parametrize(("name", "section"), list(zip(NAMES, SECTION_KEYS, strict=True)))
def test_notebook_loads_through_the_library_and_ends_with_its_findings(name, section):
    notebook = read(name)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    joined = "\n".join(code)
    assert "nb.setup(as_of, data_dir, department, processed_dir)" in joined
    for forbidden in ("open(", "read_text", "read_csv", "report.txt", "load_report",
                      "seoul_budget.parse"):
        assert forbidden not in joined, forbidden
    assert code[-1].strip().startswith(f'findings = nb.show_findings(ctx, "{section}"')
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith("# ")


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebooks_carry_no_outputs_and_their_references_the_same_cells(name):
    # an analyst opening a notebook for another bureau sees none of the bundled bureau's
    # figures; what the bundled report gives is the tests' reference, cell for cell
    notebook, executed = read(name), read_executed(name)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not [c.id for c in code if c.outputs or c.execution_count], \
        "run tests/refresh_notebooks.py"
    assert [(c.id, c.cell_type, c.source) for c in executed.cells] == \
        [(c.id, c.cell_type, c.source) for c in notebook.cells], "run tests/refresh_notebooks.py"


@pytest.mark.parametrize("name", NAMES)
def test_reference_outputs_are_clean_and_carry_the_key_totals(name):
    notebook = read_executed(name)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "run tests/refresh_notebooks.py"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert "execution" not in cell.metadata  # timing stripped
        for output in cell.outputs:
            assert output.output_type != "error"
            assert not (output.output_type == "stream" and output.name == "stderr")
    texts = output_texts(notebook)
    for text in texts:
        assert not WARNING_TEXT.search(text.replace("오류", "")), text[:200]
        assert not re.search(r"0x[0-9a-f]{6,}", text)  # no object addresses
    joined = "\n".join(texts)
    for figure in KEY_FIGURES[name]:
        assert figure in joined, figure
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert images, "no chart"


# A snapshot's date written into a notebook's text ('2023. 5. 31.', '5월 31일 기준'): the
# pages of every other month would print it too. Dates are printed from the snapshot instead.
FIXED_DATE = re.compile(r"\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.|\d{1,2}월\s*\d{1,2}일\s*기준")


@pytest.mark.parametrize("name", NAMES)
def test_no_notebook_text_names_a_fixed_snapshot_date(name):
    texts = [c.source for c in read(name).cells if c.cell_type == "markdown"]
    texts += [c.source for c in read(name).cells if c.cell_type == "code"]
    found = [m.group(0) for text in texts for m in FIXED_DATE.finditer(text)]
    assert not found, found


def test_no_officials_names_or_phone_numbers_in_any_notebook(report_lines):
    # The project headers name officials with ☎ extensions (e.g. line 123 onwards).
    phones = re.compile(r"☎\s*[\d-]+")
    names = set()
    for line in report_lines:
        if "☎" in line:
            names.update(re.findall(r":\s*([가-힣]{2,4})\s*☎", line))
    assert names, "the report's contact lines were not found"
    for name in NAMES:
        text = (NOTEBOOK_DIR / f"{name}.ipynb").read_text("utf-8")
        assert not phones.search(text)
        for person in names:
            assert person not in text, (name, person)


# --------------------------------------------------------------------------- execution


@pytest.fixture(scope="module")
def copied_data(tmp_path_factory) -> Path:
    """A data folder outside the project, as a scheduled run may pass with data_dir."""
    folder = tmp_path_factory.mktemp("raw")
    for item in RAW.iterdir():
        if item.is_dir():
            shutil.copytree(item, folder / item.name)
        else:
            shutil.copy2(item, folder / item.name)
    return folder


def papermill(name: str, out: Path, parameters: dict) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "papermill", str(NOTEBOOK_DIR / f"{name}.ipynb"), str(out),
            "--kernel", "python3", "--cwd", str(NOTEBOOK_DIR), "--no-progress-bar"]
    for key, value in parameters.items():
        args += ["-p", key, str(value)]
    return run(args)


DEPARTMENT_FIGURES = {  # 데이터센터 as printed in each section's tables
    "00_overview": ["69명 · 61명"],
    "01_staffing": ["정원 69명 가운데 현원은 61명"],
    "02_revenue": ["13,941,956천원"],  # revenue stays the bureau's
    "03_expenditure": ["54,736,110천원"],
    "04_settlement": ["46,707,000천원"],  # its 18,571천원 (line 614): one unit, 천원
    "05_key_projects": ["데이터센터 신축 추진"],
    "06_trends": ["54,736,110"],
}


@pytest.fixture(scope="module")
def department_reports(copied_data, tmp_path_factory) -> Path:
    """Every section notebook for 데이터센터, from a data folder outside the project, built
    once by ``seoul-budget build --department`` (papermill's engine injects the parameters):
    one build rather than a papermill process per notebook."""
    return build_reports(copied_data, tmp_path_factory.mktemp("department"),
                         extra=("--department", "데이터센터"))


@pytest.mark.notebooks
@pytest.mark.parametrize("name", NAMES)
def test_each_notebook_runs_for_one_department(name, department_reports):
    [out] = (department_reports / "2023-05-31").glob(f"*/{name}.ipynb")
    executed = nbformat.read(out, as_version=4)
    texts = output_texts(executed)
    joined = "\n".join(texts)
    for figure in DEPARTMENT_FIGURES[name]:
        assert figure in joined, figure
    assert "데이터센터" in joined
    for text in texts:
        assert not WARNING_TEXT.search(text.replace("오류", "")), text[:200]
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1


@pytest.mark.notebooks
def test_papermill_bad_department_fails_naming_the_choices(tmp_path):
    out = tmp_path / "bad.ipynb"
    result = papermill("01_staffing", out, {"department": "총무과"})
    assert result.returncode != 0
    executed = json.loads(out.read_text("utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors and errors[0]["ename"] == "ParameterError"
    assert "총무과" in errors[0]["evalue"] and "데이터센터" in errors[0]["evalue"]


@pytest.mark.notebooks
def test_papermill_threshold_parameter_is_checked(tmp_path):
    out = tmp_path / "threshold.ipynb"
    result = papermill("03_expenditure", out, {"behind_pace_threshold": -5})
    assert result.returncode != 0
    assert "behind_pace_threshold" in out.read_text("utf-8")


def test_setup_reads_fresh_processed_tables_the_same_as_the_text(tmp_path, monkeypatch):
    """The build passes processed_dir; what a notebook sees must not depend on it."""
    from seoul_budget import report as report_module
    from seoul_budget.processed import write_processed

    parsed = nb.setup("", "", "all")
    write_processed(parsed.report, tmp_path)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the report text was parsed although processed tables are fresh")

    monkeypatch.setattr(report_module, "load_report", no_parsing)
    processed = nb.setup("", "", "all", str(tmp_path))
    for name, frame in parsed.report.tables().items():
        pd.testing.assert_frame_equal(processed.report.tables()[name].reset_index(drop=True),
                                      frame.reset_index(drop=True), check_dtype=False,
                                      obj=name)
    pd.testing.assert_frame_equal(processed.corrections.reset_index(drop=True),
                                  parsed.corrections.reset_index(drop=True), check_dtype=False)


def test_notebook_code_passes_the_project_linter():
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.fail(f"ruff is a dev dependency and should be at {ruff}")
    result = run([str(ruff), "check", "--output-format", "concise", str(NOTEBOOK_DIR)])
    assert result.returncode == 0, result.stdout


def test_pages_warn_at_the_top_while_errors_remain(report):
    as_printed = nb.Context(params=nb.setup("", "", "all").params, report=report)
    banner = nb.error_banner(as_printed)  # five unit slips as printed (README)
    assert "검증 오류 5건" in banner and "2023. 5. 31." in banner and 'role="alert"' in banner
    assert nb.error_banner(nb.setup("", "", "all")) == ""  # the ledger corrects all five


def rate_text(numerator: int, denominator: int) -> str:
    """A rate as the pages print it: percent, one decimal, rounded half up."""
    exact = Decimal(100 * numerator) / Decimal(denominator)
    return f"{exact.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@pytest.mark.notebooks
def test_trends_notebook_on_three_months(months_raw, months_processed, tmp_path):
    """June's page: May and June side by side, June's edits named (tests/monthly.py)."""
    out = tmp_path / "06_trends.ipynb"
    result = papermill("06_trends", out, {"as_of": "2023-06-30", "data_dir": months_raw,
                                          "processed_dir": months_processed})
    assert result.returncode == 0, result.stderr[-4000:]
    texts = output_texts(nbformat.read(out, as_version=4))
    joined = "\n".join(texts)
    for text in texts:
        assert not WARNING_TEXT.search(text.replace("오류", "")), text[:200]
    assert "하나뿐이라" not in joined
    assert "보고서 2개(2023. 5. 31. ~ 2023. 6. 30. 기준)" in joined
    # Markdown would read a line that starts with '2023. 6. 30.' as a numbered list
    assert not re.search(r"^\s*\d{4}\. ", joined, re.MULTILINE)
    assert "2023. 7. 31." not in joined  # a later month is never read
    # the edits of June, in 천원 as the report prints them
    for figure in ("데이터 품질 관리", "1,000,000", "서울기록원 시민참여프로그램운영", "613,300",
                   "메타버스 서울 추진", "2,813,953", "3,313,953", "500,000", "△613,300"):
        assert figure in joined, figure
    assert "새로 생긴 사업 **1개**" in joined and "빠진 사업 **1개**" in joined
    # the months' rates as text: May as printed on line 484, June from its printed programs
    june = v.programs(m.three_months()[1])
    budget = sum(p.budget for p in june)
    assert budget == 164_735_499  # 163,848,799 + 1,000,000 − 613,300 + 500,000 천원
    committed = rate_text(sum(p.committed for p in june), budget)
    spent = rate_text(sum(p.spent for p in june), budget)
    assert f"원인행위 기준 {committed}, 지출 기준 {spent}" in joined
    # the table of months: May's budget and rates as printed on line 484, June's budget
    # May's sums, linked to May's printed 계 (line 484 of May's report)
    may = 'href="source.html#L484" data-snapshot="2023-05-31">'
    assert f"{may}163,848,799</a>" in joined
    assert f"{may}51.6</a></td>" in joined and f"{may}31.3</a></td>" in joined
    assert "164,735,499" in joined


@pytest.mark.notebooks
def test_trends_notebook_names_a_split_and_a_merge(tmp_path):
    """Another bureau's May and June: in June one department is split in two and two are
    merged into one (tests/generate.py). June's page says 분할 and 통합, shows the split
    department's May as May's own page does (the whole department, not the 기본경비 that
    kept its name), and says the merged departments' 기본경비 became one."""
    may = g.other_bureau(g.bundled(), 6, seed=2)
    names = [d.name for d in may.departments]
    effective, successors, into = date(2023, 6, 1), ("신설기획과", "신설운영과"), "통합정책담당관"
    merged, rows = g.merge(may, names[1:3], into, effective)
    split, more = g.split(merged, names[0], successors, effective)
    june = g.later_month(split, date(2023, 6, 30))
    folder = tmp_path / "raw"
    for model in (may, june):
        g.write_snapshot(folder, model)
    (folder / "departments.csv").write_text(g.reorganisation_csv(rows + more), encoding="utf-8")
    out = tmp_path / "06_trends.ipynb"
    result = papermill("06_trends", out, {"as_of": "2023-06-30", "data_dir": folder})
    assert result.returncode == 0, result.stderr[-4000:]
    shown = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(text)) for text in
                     output_texts(nbformat.read(out, as_version=4)))
    shown = re.sub(r"\s+", " ", shown)
    # the table of departments: one row for the split, one per merged department
    assert f"{names[0]} 분할 {successors[0]}, {successors[1]}" in shown
    for name in names[1:3]:
        assert f"{name} 통합 {into}" in shown
    assert f"{successors[0]} 신설" not in shown
    # May's rates of the split department: all its programs as May printed them (천원)
    programs = [p for _, p in may.department(names[0]).programs()]
    budget = sum(p.budget for p in programs)
    whole = (f"{names[0]} {rate_text(sum(p.committed for p in programs), budget)} / "
             f"{rate_text(sum(p.spent for p in programs), budget)}")
    assert whole in shown
    # two departments' 기본경비 (one each in May) printed as one in June
    assert "따로 적혔던 사업 2개" in shown and "1개로 합쳐져" in shown
    # a figure linked to the split department's May subtotal is one that line prints: the
    # part that kept the name (its 기본경비) links its own line, not the whole subtotal
    totals = sb.load_report(folder / "2023-05-31" / "report.txt").printed_totals
    subtotal = totals[(totals["table"] == "expenditure") & (totals["key"] == names[0])]
    line = int(subtotal["source_line"].iloc[0])
    printed = f"{int(subtotal.loc[subtotal['column'] == 'budget', 'value'].iloc[0]) // 1000:,}"
    linked = re.findall(rf'#L{line}" data-snapshot="2023-05-31">([^<]*)<',
                        " ".join(output_texts(nbformat.read(out, as_version=4))))
    money = [figure.lstrip("△") for figure in linked if re.fullmatch(r"△?[\d,]{4,}", figure)]
    assert linked and set(money) <= {printed}, (line, linked)


@pytest.mark.notebooks
@pytest.mark.parametrize("name", ["00_overview", "03_expenditure"])
def test_a_table_printed_1000x_off_its_note_is_shown_in_its_likely_unit(name, tmp_path):
    """세출예산 집행현황 printed in 백만원 under its 천원 note: the pages say so and read the
    table in 백만원, so the bureau's budget change is the printed +18.8 % (세출 총괄, line 87:
    163,848,799 against 137,950,562 천원), not a 99.9 % fall."""
    text = v.set_execution_unit(v.fix_execution_misprint(v.bundled_text()), change_note=False)
    data = tmp_path / "raw"
    (data / "2023-05-31").mkdir(parents=True)
    (data / "2023-05-31" / "report.txt").write_text(text, encoding="utf-8")
    with_aliases(data)
    out = tmp_path / f"{name}.ipynb"
    result = papermill(name, out, {"data_dir": data})
    assert result.returncode == 0, result.stderr[-4000:]
    joined = "\n".join(output_texts(nbformat.read(out, as_version=4)))
    assert "단위 확인 필요" in joined
    assert "이 표의 수치를 백만원 단위로 읽어 보여 줍니다" in joined
    assert "99.9" not in joined
    if name == "00_overview":
        assert "18.8%" in joined
    else:  # the printed total, 163,849 백만원, in the page's 천원
        assert "163,849,000천원" in joined

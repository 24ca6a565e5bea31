"""seoul_budget.build.index and render, without starting a kernel: the index page (statuses,
links, months by fiscal year, escaping) and the reviewer HTML (no code, charts inline,
navigation, deterministic output)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import nbformat
from project import copy_notebooks as _notebooks

from seoul_budget.build import jobs as jb
from seoul_budget.build.index import cell_view, count_statuses, index_model, render_index
from seoul_budget.build.render import Renderer, drop_object_reprs, normalize_cell_ids
from seoul_budget.subject import Subject

ROOT = Path(__file__).resolve().parents[2]


# -- index page --------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)></table>'


def test_index_escapes_everything_from_data(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {HOSTILE}")])
    cell = nbformat.v4.new_code_cell("as_of = ''\ndata_dir = ''\ndepartment = 'all'")
    cell.metadata["tags"] = ["parameters"]
    nb.cells.append(cell)
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "01_x.ipynb")
    infos = jb.discover_notebooks(folder)
    entry = {"notebook": "01_x", "as_of": "2023-05-31", "department": None, "status": "failed",
             "started": "2023-06-01T00:00:00Z", "duration_s": 1.0, "error": HOSTILE,
             "failed_outputs": {"html": "2023-05-31/01_x.failed.html"}, "outputs": None}
    page = render_index(index_model({"j": entry}, infos, [date(2023, 5, 31)], []),
                        "2023-06-01T00:00:00Z")
    assert "<script" not in page and "<img" not in page
    assert page.count("</table>") == page.count("<table")  # only the page's own tables
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page
    assert 'lang="ko"' in page and "실패" in page


def test_index_shows_status_links_and_previous_good_report():
    entry = {"status": "failed", "outputs": {"html": "2023-05-31/01 a.html",
                                             "ipynb": "2023-05-31/01 a.ipynb"},
             "failed_outputs": {"html": "2023-05-31/01 a.failed.html"},
             "good": {"started": "2023-06-01T00:00:00Z"}, "started": "2023-06-02T03:00:00Z",
             "duration_s": 2.0, "error": "E" * 1000}
    view = cell_view(entry)
    assert view["html_href"] == "2023-05-31/01%20a.html"
    assert view["failed_html_href"] == "2023-05-31/01%20a.failed.html"
    assert view["good_started_text"] == "2023-06-01 09:00 KST"
    assert len(view["error"]) == 400


# -- HTML rendering ----------------------------------------------------------------------

def _executed_notebook() -> nbformat.NotebookNode:
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
           "RU5ErkJggg==")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 세출 집행\n\n부서별 집행률입니다.", id="md-1"),
        nbformat.v4.new_code_cell("secret_code_marker = 1\nprint('집행률 23.1%')", id="c-1",
                                  outputs=[nbformat.v4.new_output(
                                      "stream", name="stdout", text="집행률 23.1%\n")]),
        nbformat.v4.new_code_cell("ax.plot()", id="c-2", outputs=[
            nbformat.v4.new_output("execute_result", execution_count=2, data={
                "text/plain": "<matplotlib.axes._axes.Axes at 0x7f3a2b1c4d90>"}),
            nbformat.v4.new_output("display_data", data={"image/png": png,
                                                         "text/plain": "<Figure>"})]),
        nbformat.v4.new_code_cell("x", id="c-3", outputs=[nbformat.v4.new_output(
            "display_data", data={"application/javascript": "alert(1)"})]),
    ])
    injected = nbformat.v4.new_code_cell("as_of = '2023-05-31'")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(1, injected)
    return nb


def test_reviewer_html_hides_code_embeds_charts_and_runs_no_script():
    nb = _executed_notebook()
    html = Renderer(with_code=False).render(nb, "세출 집행 — 2023년 5월 31일 기준")
    assert "<title>세출 집행 — 2023년 5월 31일 기준</title>" in html
    assert 'lang="ko"' in html
    assert "secret_code_marker" not in html  # code hidden
    assert "집행률 23.1%" in html  # outputs kept
    assert 'src="data:image/png;base64,iVBOR' in html  # self-contained chart
    assert "<script" not in html  # no script, not even from a javascript output
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched
    assert "Content-Security-Policy" in html
    assert "@font-face" in html and "data:font/woff;base64," in html
    assert "0x7f3a2b1c4d90" not in html  # bare object reprs dropped
    assert 'id="cell-id=injected-parameters"' in html
    assert 'id="cell-id=md-1"' in html


def test_reviewer_page_has_its_navigation_and_charts_inline_with_their_description():
    nb = _executed_notebook()
    chart = {"alt": "부서별 예산. 데이터센터 547억원 <큰 순>", "width": 700,
             "wide": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="13" '
                     'height="13"><text x="1" y="5">와이드</text></svg>',
             "narrow": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" '
                       'width="13" height="13"><text x="1" y="5">내로</text></svg>'}
    nb.cells[3].outputs[1].metadata["seoul_budget_chart"] = chart
    page = {"bureau": "디지털정책관 업무보고", "snapshot": "2023년 5월 31일 기준", "scope": "",
            "index_href": "../index.html",
            "sections": [{"title": "가", "href": "01_a.html", "current": False},
                         {"title": "나", "href": "02_b.html", "current": True}],
            "previous": {"title": "가", "href": "01_a.html", "current": False}, "next": None}
    html = Renderer(with_code=False).render(nb, "세출", page)
    assert '<a class="to-index" href="../index.html">전체 목록</a>' in html
    assert '<a href="02_b.html" aria-current="page">나</a>' in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert 'role="img"' in html
    assert 'aria-label="부서별 예산. 데이터센터 547억원 &lt;큰 순&gt;"' in html
    assert "와이드" in html and "내로" in html and "data:image/png" not in html
    assert "jp-" not in html and "JupyterLab" not in html  # our stylesheet only
    assert "word-break: keep-all" in html and "@media print" in html
    bare = Renderer(with_code=False).render(nb, "세출")  # outside a build: no navigation
    assert "전체 목록" not in bare and "rel=" not in bare


def test_index_lists_what_each_section_holds_its_key_figure_and_the_notebook_apart():
    info = jb.NotebookInfo(Path("01_a.ipynb"), "01_a", "인력", (), (), holds="정원과 현원")
    entry = {"notebook": "01_a", "as_of": "2023-05-31", "department": None, "status": "ok",
             "outputs": {"html": "2023-05-31/01_a.html", "ipynb": "2023-05-31/01_a.ipynb"},
             "good": {"started": "2023-06-01T00:00:00Z", "key_figure": "정원 266명"},
             "started": "2023-06-01T00:00:00Z", "duration_s": 1.0}
    page = render_index(index_model({"j": entry}, [info], [date(2023, 5, 31)], []),
                        "2023-06-01T00:00:00Z")
    assert '<a href="2023-05-31/01_a.html">인력</a>' in page
    assert '<a class="notebook-link" href="2023-05-31/01_a.ipynb">노트북(.ipynb)</a>' in page
    assert '<p class="holds">정원과 현원</p>' in page
    assert '<p class="key-figure">정원 266명</p>' in page


def test_with_code_html_keeps_code():
    html = Renderer(with_code=True).render(_executed_notebook(), "세출")
    assert "secret_code_marker" in html


def test_rendering_is_deterministic():
    renderer = Renderer(with_code=False)
    first = renderer.render(_executed_notebook(), "세출")
    second = Renderer(with_code=False).render(_executed_notebook(), "세출")
    assert first == second


def test_papermill_cells_get_stable_ids_and_object_reprs_go():
    nb = _executed_notebook()
    error = nbformat.v4.new_markdown_cell("error")
    error.metadata["tags"] = ["papermill-error-cell-tag"]
    nb.cells.insert(0, error)
    normalize_cell_ids(nb)
    assert nb.cells[0].id == "papermill-error-0"
    assert nb.cells[2].id == "injected-parameters"
    drop_object_reprs(nb)
    outputs = nb.cells[4].outputs
    assert [o.output_type for o in outputs] == ["display_data"]


def test_the_index_links_to_the_overview_findings_by_their_heading_id():
    from seoul_budget.build.index import FINDINGS_ANCHOR

    page = Renderer(with_code=False).render(
        nbformat.read(ROOT / "notebooks" / "00_overview.ipynb", as_version=4), "한눈에 보기")
    assert f'id="{FINDINGS_ANCHOR}"' in page  # "## 데이터 검증 결과 (전체)"


def test_index_months_and_input_errors_are_text(tmp_path):
    from seoul_budget.build.index import SnapshotStatus

    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "parameters_echo"}))
    may, june = date(2023, 5, 31), date(2023, 6, 30)
    statuses = {may: SnapshotStatus(execution={"budget": 163_848_799_000,
                                               "committed": 84_471_483_000,
                                               "spent": 51_216_641_000}, errors=0,
                                    subject=Subject("디지털정책관", 2023, 2022)),
                june: SnapshotStatus(input_error=HOSTILE)}
    model = index_model({}, infos, [may, june], [], statuses)
    page = render_index(model, "2023-07-01T00:00:00Z")
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    # each rate by the one name the pages give it (the report heads them 집행률 (%) over
    # 원인행위 and 지출액, line 482)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    assert rows[:3] == ["집행률(원인행위)", "집행률(지출)", "연간 경과율"]
    months = [m for year in model["years"] for m in year["months"]]
    # line 484: 84,471,483 / 163,848,799 = 51.55 % -> 51.6 %; 51,216,641 -> 31.26 % -> 31.3 %
    assert [m["committed"] for m in months] == ["51.6%", ""]
    assert [m["spent"] for m in months] == ["31.3%", ""]
    assert [m["elapsed"] for m in months] == ["41.4%", "49.6%"]  # day 151, 181 / 365
    # the unreadable June's fiscal year is not known: its month stands apart
    assert [y["label"] for y in model["years"]] == ["2023 회계연도", "회계연도를 읽지 못한 보고서"]
    assert model["title"] == "디지털정책관 업무보고"  # the newest report that could be read
    assert model["whole_bureau"] == "디지털정책관 전체"
    assert model["latest"]["as_of"] == "2023-06-30"
    assert model["snapshots"][0]["rows"][0]["cells"][0]["status"] == "blocked"
    assert count_statuses(model) == {"ok": 0, "unreconciled": 0, "failed": 0, "blocked": 1,
                                     "missing": 1, "total": 2}
    # no report could be read: the months' heading says only '전체'
    unread = index_model({}, infos, [june], [], {june: SnapshotStatus(input_error=HOSTILE)})
    assert unread["whole_bureau"] == "전체"


def test_an_unreadable_newer_report_neither_leads_the_index_nor_says_half_a_title():
    """May built, June unreadable: 최신 links May's pages, and June's sections carry no
    description written with years it does not have ('세입 예산을 년과 비교')."""
    from seoul_budget.build.index import SnapshotStatus

    infos = [jb.read_notebook_info(ROOT / "notebooks" / "02_revenue.ipynb")]
    may, june = date(2023, 5, 31), date(2023, 6, 30)
    entries = {"may": {"as_of": "2023-05-31", "notebook": "02_revenue", "status": "ok",
                       "outputs": {"html": "2023-05-31/02_revenue.html"}}}
    statuses = {may: SnapshotStatus(errors=0, subject=Subject("녹색정책관", 2023, 2022)),
                june: SnapshotStatus(input_error=HOSTILE)}
    model = index_model(entries, infos, [may, june], [], statuses)
    assert model["latest"]["as_of"] == "2023-05-31"
    assert model["latest"]["pages"][0]["href"] == "2023-05-31/02_revenue.html"
    sections = {s["as_of"]: s["sections"][0] for s in model["snapshots"]}
    assert "2022년과" in sections["2023-05-31"]["holds"]  # May's report names its years
    assert sections["2023-06-30"]["holds"] == ""


def test_index_groups_months_by_fiscal_year_and_names_each_reports_years(tmp_path):
    """Two fiscal years are two series: December of one is never the month before January of
    the next. A report of fiscal 2024 dated 2025-01-15 has its whole year behind it."""
    from seoul_budget.build.index import SnapshotStatus

    infos = [jb.read_notebook_info(ROOT / "notebooks" / "04_settlement.ipynb")]
    old, late, new = date(2024, 12, 31), date(2025, 1, 15), date(2025, 1, 31)
    fy2024, fy2025 = Subject("녹색정책관", 2024, 2023), Subject("녹색정책관", 2025, 2024)
    execution = {"budget": 1_000, "committed": 500, "spent": 250}
    statuses = {old: SnapshotStatus(execution=execution, errors=0, subject=fy2024),
                late: SnapshotStatus(execution=execution, errors=0, subject=fy2024),
                new: SnapshotStatus(execution=execution, errors=0, subject=fy2025)}
    model = index_model({}, infos, [old, late, new], [], statuses)
    assert [(y["label"], [m["as_of"] for m in y["months"]]) for y in model["years"]] == [
        ("2024 회계연도", ["2024-12-31", "2025-01-15"]), ("2025 회계연도", ["2025-01-31"])]
    # 2024 has 366 days; 2025-01-31 is day 31 of 365: 8.49 % -> 8.5 %
    assert [m["elapsed"] for y in model["years"] for m in y["months"]] == [
        "100.0%", "100.0%", "8.5%"]
    # the settlement page's title names each report's own settlement year
    titles = {s["as_of"]: s["sections"][0]["title"] for s in model["snapshots"]}
    assert titles["2024-12-31"] == "04. 2023 회계연도 결산"
    assert titles["2025-01-31"] == "04. 2024 회계연도 결산"
    page = render_index(model, "2025-02-01T00:00:00Z")
    assert "<h3>2024 회계연도</h3>" in page and "<h3>2025 회계연도</h3>" in page
    assert "<title>녹색정책관 업무보고 분석 보고서</title>" in page
    assert "<h2>월별 집행률 (녹색정책관 전체)</h2>" in page  # the bureau's own name
    # two months of 2024: each rate's change from the month before sits under it
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    assert rows[:4] == ["집행률(원인행위)", "전월 대비 (원인행위)", "집행률(지출)",
                        "전월 대비 (지출)"]


def test_a_key_figure_links_to_the_report_lines_behind_it():
    info = jb.NotebookInfo(Path("01_a.ipynb"), "01_a", "인력", (), (), holds="정원과 현원")
    entry = {"notebook": "01_a", "as_of": "2031-04-30", "department": None, "status": "ok",
             "outputs": {"html": "2031-04-30/01_a.html", "ipynb": "2031-04-30/01_a.ipynb"},
             "good": {"started": "2031-05-01T00:00:00Z", "key_figure": "정원 9명",
                      "key_lines": [25, 31]},
             "started": "2031-05-01T00:00:00Z", "duration_s": 1.0}
    page = render_index(index_model({"j": entry}, [info], [date(2031, 4, 30)], []),
                        "2031-05-01T00:00:00Z")
    assert ('<p class="key-figure">정원 9명 <span class="sb-basis">근거: '
            '<a class="sb-src" href="2031-04-30/source.html#L25">25행</a>, '
            '<a class="sb-src" href="2031-04-30/source.html#L31">31행</a></span></p>') in page


def test_a_build_with_nothing_to_do_loads_no_pandas():
    # the runner and the index (its %p by formatting.shown_points) without pandas' half second
    code = ("import sys, seoul_budget.cli, seoul_budget.build.runner, seoul_budget.build.index;"
            " print('pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"

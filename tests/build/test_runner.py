"""``seoul-budget build`` end to end, on the bundled report and small fixture notebooks.

Each build really starts kernels, executes notebooks, renders HTML and writes the manifest
and index into a temporary folder. Expected figures are the ones the report prints: the
staffing table's 계 row (정원 266, 현원 255) and its department rows.

The build's last steps: the index is written even when the history files cannot be."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import re
import shutil
import sys
import threading
import warnings
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from bundled import DAY
from bundled import REPORT as BUNDLED_REPORT
from pages import BUILD_LOG
from project import FIXTURES, Project, make_project, sha256, snapshot_files

from seoul_budget import __version__, snapshot_history
from seoul_budget.cli import main
from seoul_budget.errors import OutputError

ROOT = Path(__file__).resolve().parents[2]
REPORT = BUNDLED_REPORT
# What may differ between two builds of the same inputs: the build times shown on the index
# (and the hash of what the index shows, which covers them).
VOLATILE = re.compile(r'<time class="build-time"[^>]*>[^<]*</time>|<span class="duration">[^<]*'
                      r'</span>|<meta name="seoul-budget-index" content="[0-9a-f]*">')


@pytest.fixture(scope="module")
def built_with_warnings(tmp_path_factory) -> tuple[Project, tuple[int, str, str], list[str]]:
    """A project with two notebooks, built once (default parallelism), and the resource
    warnings the build raised (a kernel thread's unclosed event loop, an unclosed file)."""
    project = make_project(tmp_path_factory.mktemp("built"),
                           {"10_staffing": "staffing_summary", "20_params": "parameters_echo"})
    project.jobs = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        result = project.build()
        gc.collect()  # what the build left unreferenced and unclosed warns now
    return project, result, [str(w.message) for w in caught
                             if issubclass(w.category, ResourceWarning)]


@pytest.fixture(scope="module")
def built(built_with_warnings) -> tuple[Project, tuple[int, str, str]]:
    """A project with two notebooks, built once (default parallelism)."""
    project, result, _ = built_with_warnings
    return project, result


def test_a_build_leaves_no_event_loop_or_file_open(built_with_warnings):
    # each kernel's thread closes the event loop jupyter_core made for it; left open, one
    # selector per thread and build stays with a process that runs builds (a scheduler)
    _, (status, _, _), resource_warnings = built_with_warnings
    assert status == 0
    assert resource_warnings == []


def test_build_writes_notebooks_html_index_and_manifest(built):
    project, (status, out, err) = built
    assert status == 0, err
    assert "built 2, failed 0, up to date 0" in out
    for stem in ("10_staffing", "20_params"):
        executed = nbformat.read(project.reports / DAY / f"{stem}.ipynb", as_version=4)
        assert not [o for c in executed.cells for o in c.get("outputs", [])
                    if o.output_type == "error"]
        assert executed.cells[2].metadata.tags == ["injected-parameters"]
    staffing = project.page(f"{DAY}/10_staffing.html")
    assert "정원 합계: 266명, 현원 합계: 255명" in staffing  # the report's 계 row
    assert "<title>인력 현황 요약 — 2023년 5월 31일 기준 디지털정책관 업무보고</title>" in staffing
    assert "load_snapshot(" not in staffing  # code hidden from reviewers
    assert 'src="data:image/png;base64,' in staffing  # the chart travels with the page
    assert "<script" not in staffing
    index = project.page("index.html")
    assert index.count("status status-ok") == 2
    assert f'href="{DAY}/10_staffing.html"' in index and f'href="{DAY}/20_params.html"' in index
    assert "2023년 5월 31일 기준" in index and "인력 현황 요약" in index
    assert not list(project.reports.rglob(".*.tmp"))


def test_manifest_records_parameters_inputs_versions_and_times(built):
    project, _ = built
    entries = project.manifest()
    assert set(entries) == {f"{DAY}.10_staffing", f"{DAY}.20_params"}
    entry = entries[f"{DAY}.10_staffing"]
    # folders outside the project are recorded by their names, never the builder's paths
    assert entry["parameters"] == {"as_of": DAY, "data_dir": project.data.name,
                                   "department": "all", "processed_dir": project.processed.name}
    assert entries[f"{DAY}.20_params"]["parameters"] == {
        "as_of": DAY, "data_dir": project.data.name, "department": "all"}
    inputs = entry["inputs"]
    assert inputs["report_sha256"] == sha256(REPORT)
    assert inputs["notebook_sha256"] == sha256(project.notebooks / "10_staffing.ipynb")
    stamp = json.loads((project.processed / DAY / "_source.json").read_text(encoding="utf-8"))
    assert inputs["corrections_sha256"] == stamp["corrections_sha256"]
    # one warning: 서울기록원 기본경비 spends more than it committed (line 580, corrected)
    assert stamp["findings"] == {"error": 0, "warning": 1, "info": 46}
    assert entry["data_dir"] == project.data.name and len(entry["data_dir_id"]) == 16
    assert inputs["package_version"] == entry["package_version"] == __version__
    assert entry["status"] == "ok" and entry["error"] is None
    assert datetime.strptime(entry["started"], "%Y-%m-%dT%H:%M:%SZ")
    assert 0 < entry["duration_s"] < 120
    assert entry["outputs"] == {"html": f"{DAY}/10_staffing.html",
                                "ipynb": f"{DAY}/10_staffing.ipynb"}
    for kind, rel in entry["outputs"].items():
        assert entry["output_sha256"][kind] == sha256(project.reports / rel)
    # the snapshot was parsed once into processed tables, which the notebook read
    assert (project.processed / DAY / "datapackage.json").is_file()


def test_second_build_with_same_inputs_skips_everything(built):
    project, _ = built
    before = {p: p.stat().st_mtime_ns for p in project.reports.rglob("*") if p.is_file()}
    status, out, _ = project.build()
    assert status == 0
    assert "built 0, failed 0, up to date 2" in out
    after = {p: p.stat().st_mtime_ns for p in project.reports.rglob("*") if p.is_file()}
    assert after == before  # nothing rewritten, not even the index


def test_a_lost_source_page_is_made_again_by_a_build_with_nothing_else_to_do(built):
    project, _ = built
    page = project.reports / DAY / "source.html"
    good = page.read_bytes()
    page.unlink()
    status, out, err = project.build()
    assert status == 0, err
    assert "built 0, failed 0, up to date 2" in out and "parsed" not in err
    assert page.read_bytes() == good


def test_identical_inputs_give_identical_html(built, tmp_path):
    project, _ = built
    other = tmp_path / "reports"
    status, _, err = project.build(reports=other)
    assert status == 0, err
    for name in ("10_staffing.html", "20_params.html"):
        assert (other / DAY / name).read_bytes() == (project.reports / DAY / name).read_bytes()
    first = VOLATILE.sub("", project.page("index.html"))
    second = VOLATILE.sub("", (other / "index.html").read_text(encoding="utf-8"))
    assert first == second
    assert len(VOLATILE.findall(project.page("index.html"))) >= 3  # the times were there


def test_only_changed_notebooks_rebuild_and_force_rebuilds_all(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary",
                                      "20_params": "parameters_echo"})
    assert project.build()[0] == 0
    staffing = project.reports / DAY / "10_staffing.html"
    stamp = staffing.stat().st_mtime_ns
    nb = nbformat.read(project.notebooks / "20_params.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("본문이 바뀐 절"))
    nbformat.write(nb, project.notebooks / "20_params.ipynb")
    status, out, _ = project.build()
    assert status == 0 and "built 1, failed 0, up to date 1" in out
    assert staffing.stat().st_mtime_ns == stamp
    assert "본문이 바뀐 절" in project.page(f"{DAY}/20_params.html")
    # A new section title is in every page's links: the sibling page is rebuilt too.
    nb.cells[0].source = "# 매개변수 점검"
    nbformat.write(nb, project.notebooks / "20_params.ipynb")
    status, out, _ = project.build()
    assert status == 0 and "built 2, failed 0, up to date 0" in out
    assert "<title>매개변수 점검" in project.page(f"{DAY}/20_params.html")
    assert ">매개변수 점검</a>" in project.page(f"{DAY}/10_staffing.html")
    assert "매개변수 점검" in project.page("index.html")
    stamp = staffing.stat().st_mtime_ns
    (project.reports / DAY / "20_params.html").unlink()  # a lost output is rebuilt
    status, out, _ = project.build()
    assert status == 0 and "built 1, failed 0, up to date 1" in out
    assert (project.reports / DAY / "20_params.html").is_file()
    status, out, _ = project.build("--force")
    assert status == 0 and "built 2, failed 0, up to date 0" in out
    assert staffing.stat().st_mtime_ns != stamp


def test_a_failing_notebook_keeps_the_good_report_and_the_others_complete(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary",
                                      "20_echo": "parameters_echo"})
    assert project.build()[0] == 0
    good_html = (project.reports / DAY / "20_echo.html").read_bytes()
    good_entry = project.manifest()[f"{DAY}.20_echo"]
    project.use("20_echo", "fails")  # the notebook breaks
    project.use("30_new", "fails")  # and a new one fails from the start
    status, out, err = project.build("--force")
    assert status == 1
    assert "built 1, failed 2" in out
    assert "FAILED: ValueError: 의도된 실패" in err
    entries = project.manifest()
    assert entries[f"{DAY}.10_staffing"]["status"] == "ok"  # the others complete
    assert (project.reports / DAY / "10_staffing.html").is_file()
    # the good output is kept, untouched, and still described by the manifest
    assert (project.reports / DAY / "20_echo.html").read_bytes() == good_html
    echo = entries[f"{DAY}.20_echo"]
    assert echo["status"] == "failed" and echo["error"].startswith("ValueError: 의도된 실패")
    assert echo["outputs"] == good_entry["outputs"]
    assert echo["output_sha256"] == good_entry["output_sha256"]
    assert echo["good"]["started"] == good_entry["started"]
    # the failed run is kept beside it with the error visible
    failed = project.page(f"{DAY}/20_echo.failed.html")
    assert "의도된 실패: 이 노트북은 항상 실패합니다" in failed
    assert "An Exception was encountered" in failed
    executed = nbformat.read(project.reports / DAY / "20_echo.failed.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    new = entries[f"{DAY}.30_new"]
    assert new["status"] == "failed" and new["outputs"] is None
    assert not (project.reports / DAY / "30_new.html").exists()
    assert (project.reports / DAY / "30_new.failed.html").is_file()
    index = project.page("index.html")
    assert index.count("status status-failed") == 2 and index.count("status status-ok") == 1
    assert f'href="{DAY}/20_echo.failed.html"' in index
    assert "이전 정상 보고서" in index and f'href="{DAY}/20_echo.html"' in index
    # fixed again: the next build succeeds and clears the failure files (and 10_staffing is
    # rebuilt: its page no longer links a section 30_new)
    project.use("20_echo", "parameters_echo")
    (project.notebooks / "30_new.ipynb").unlink()
    status, out, _ = project.build()
    assert status == 0 and "built 2, failed 0" in out
    assert "30_new.html" not in project.page(f"{DAY}/10_staffing.html")
    assert not (project.reports / DAY / "20_echo.failed.html").exists()
    assert project.manifest()[f"{DAY}.20_echo"]["status"] == "ok"


def test_list_jobs_then_each_job_builds_everything(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary",
                                      "20_params": "parameters_echo"})
    status, out, _ = project.build("--list-jobs")
    assert status == 0
    jobs = json.loads(out)
    assert [j["id"] for j in jobs] == [f"{DAY}.10_staffing", f"{DAY}.20_params"]
    assert not any(j["up_to_date"] for j in jobs)
    assert not project.reports.exists()  # listing builds nothing
    for job in jobs:
        # runnable as printed: the absolute interpreter, not a bare console script
        assert job["command"][:4] == [sys.executable, "-m", "seoul_budget", "build"]
        assert Path(job["command"][0]).is_absolute()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(job["command"][3:]) == 0, err.getvalue()
        assert "built 1, failed 0, up to date 0" in out.getvalue()
    status, out, _ = project.build("--list-jobs")
    assert all(j["up_to_date"] for j in json.loads(out))
    assert set(project.manifest()) == {j["id"] for j in jobs}
    assert project.page("index.html").count("status status-ok") == 2
    status, out, _ = project.build()
    assert "built 0, failed 0, up to date 2" in out


def _slug(department: str) -> str:
    """Return a department's folder: 'department-' and 8 hex digits of its name's SHA-256."""
    return "department-" + hashlib.sha256(department.encode()).hexdigest()[:8]


BIG_DATA, DATA_CENTER = _slug("빅데이터담당관"), _slug("데이터센터")


def test_department_fan_out_builds_one_report_per_department(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    status, out, _ = project.build("--department", "빅데이터담당관", "--list-jobs")
    assert [j["id"] for j in json.loads(out)] == [f"{DAY}.10_staffing.{BIG_DATA}"]
    status, out, err = project.build("--department", "each")
    assert status == 0, err
    assert "built 9, failed 0" in out
    assert "정원 합계: 266명, 현원 합계: 255명" in project.page(f"{DAY}/10_staffing.html")
    big_data = project.page(f"{DAY}/{BIG_DATA}/10_staffing.html")
    assert "정원 합계: 28명, 현원 합계: 28명" in big_data  # 빅데이터담당관 28 / 28
    assert "<title>인력 현황 요약 · 빅데이터담당관 — " in big_data
    center = project.page(f"{DAY}/{DATA_CENTER}/10_staffing.html")
    assert "정원 합계: 69명, 현원 합계: 61명" in center  # 데이터센터 69 / 61
    entries = project.manifest()
    assert entries[f"{DAY}.10_staffing.{DATA_CENTER}"]["parameters"]["department"] == \
        "데이터센터"
    # A department's page sits one folder deeper: its links reach the index two levels up
    # and its sibling sections beside it.
    assert 'href="../../index.html"' in big_data
    assert '<a href="10_staffing.html" aria-current="page">' in big_data
    assert (project.reports / DAY / BIG_DATA / "10_staffing.html").is_file()
    index = project.page("index.html")
    assert index.count("status status-ok") == 9  # the bureau's section and 8 departments'
    # The notebook imports koreanize_matplotlib, which sets a Hangul font as it is imported:
    # once per kernel, so each kernel imports it before any notebook; otherwise every page
    # after a kernel's first would draw its chart without Hangul (and say so in a warning).
    pages = sorted((project.reports / DAY).rglob("10_staffing.html"))
    assert len(pages) == 9
    assert not [p for p in pages if "missing from font" in p.read_text(encoding="utf-8")]
    for name in ("빅데이터담당관", "데이터센터", "서울기록원"):
        assert f'<th scope="row">{name}</th>' in index
    assert f'href="{DAY}/{DATA_CENTER}/10_staffing.html"' in index


def test_a_kernel_runs_its_next_notebook_while_the_last_page_renders(tmp_path, monkeypatch):
    """One kernel, two notebooks: the first page's render waits until the second notebook has
    started on that kernel, which it would wait for in vain if the kernel's own thread
    rendered its pages before taking the next job."""
    from seoul_budget.build import engine, render

    executed: list[str] = []
    second_started = threading.Event()
    waited: list[bool] = []
    execute, page = engine.execute, render.Renderer.render

    def counting_execute(kernel, notebook, *args, **kwargs):
        executed.append(notebook.stem)
        if len(executed) == 2:
            second_started.set()
        return execute(kernel, notebook, *args, **kwargs)

    def waiting_render(self, nb, title, context=None):
        if not waited:
            waited.append(second_started.wait(timeout=30))
        return page(self, nb, title, context)

    monkeypatch.setattr(engine, "execute", counting_execute)
    monkeypatch.setattr(render.Renderer, "render", waiting_render)
    project = make_project(tmp_path, {"10_staffing": "staffing_summary",
                                      "20_params": "parameters_echo"})
    status, out, err = project.build("--jobs", "1")
    assert status == 0, err
    assert "built 2, failed 0" in out
    assert waited == [True] and len(executed) == 2


def test_a_renderer_that_cannot_be_made_fails_each_job_and_the_build_ends(tmp_path,
                                                                         monkeypatch):
    from seoul_budget.build import render

    def broken(self, *args, **kwargs):
        raise RuntimeError("the page template cannot be read")

    monkeypatch.setattr(render.Renderer, "__init__", broken)
    project = make_project(tmp_path, {"10_staffing": "staffing_summary",
                                      "20_params": "parameters_echo"})
    status, out, err = project.build()
    assert status == 1
    assert "built 0, failed 2" in out
    assert err.count("RuntimeError: the page template cannot be read") >= 2
    assert not (project.reports / DAY / "10_staffing.html").exists()


def test_no_state_is_carried_between_notebooks_in_one_kernel(tmp_path):
    project = make_project(tmp_path, {"30_sets": "state_sets", "40_checks": "state_checks"})
    status, _, err = project.build("--jobs", "1")
    assert status == 0, err
    pids = (project.root / "kernel_pids.txt").read_text(encoding="utf-8").split()
    assert len(pids) == 2 and pids[0] == pids[1]  # one warm kernel ran both
    assert "깨끗한 상태" in project.page(f"{DAY}/40_checks.html")


def test_the_state_check_notebook_does_catch_leaks(tmp_path):
    """Without the reset, the check notebook's code fails after the leaking one in the same
    kernel: the check has teeth."""
    from seoul_budget.build.engine import execute
    from seoul_budget.build.kernel import WarmKernel
    from seoul_budget.errors import KernelError

    kernel = WarmKernel()
    kernel.start()
    try:
        params = {"as_of": DAY, "data_dir": str(tmp_path / "data"), "department": "all"}
        _, error = execute(kernel, FIXTURES / "state_sets.ipynb", params, "sets.ipynb", 60)
        assert error is None
        checks = nbformat.read(FIXTURES / "state_checks.ipynb", as_version=4)
        with pytest.raises(KernelError, match="AssertionError: a variable leaked"):
            kernel.run(f"data_dir = {str(tmp_path / 'data')!r}\n" + checks.cells[2].source, 60)
    finally:
        kernel.shutdown()


def test_a_notebook_ending_in_sys_exit_0_builds_ok_as_under_papermill(tmp_path):
    project = make_project(tmp_path, {"10_exits": "exits_early"})
    status, out, err = project.build()
    assert status == 0, err
    assert "built 1, failed 0" in out
    assert project.manifest()[f"{DAY}.10_exits"]["status"] == "ok"
    page = project.page(f"{DAY}/10_exits.html")
    assert "끝나기 전에 실행됩니다" in page and "끝난 뒤라 실행되지 않는 셀" not in page
    assert "An Exception was encountered" not in page
    assert not (project.reports / DAY / "10_exits.failed.html").exists()


def test_a_failing_notebook_carries_papermills_error_banner(tmp_path):
    project = make_project(tmp_path, {"10_fails": "fails"})
    assert project.build()[0] == 1
    executed = nbformat.read(project.reports / DAY / "10_fails.failed.ipynb", as_version=4)
    # papermill's marks: a banner first, an anchor just before the failed cell (In [4])
    marked = [i for i, cell in enumerate(executed.cells)
              if "papermill-error-cell-tag" in cell.metadata.get("tags", [])]
    failed = next(i for i, cell in enumerate(executed.cells)
                  if any(o.output_type == "error" for o in cell.get("outputs", [])))
    assert marked == [0, failed - 1]
    assert 'An Exception was encountered at \'<a href="#papermill-error-cell">In [4]</a>\'' in \
        executed.cells[0].source
    assert executed.metadata.papermill.exception is True
    assert project.manifest()[f"{DAY}.10_fails"]["error"] == (
        "ValueError: 의도된 실패: 이 노트북은 항상 실패합니다 (In [4])")


@pytest.mark.parametrize("extra, message", [
    (["--department", "재무과"], "department '재무과' is not a department of the bureau in "
                                "any snapshot selected (2023-05-31); choose 'all', 'each' or "
                                "one of: 디지털정책담당관"),
    (["--as-of", "2023-5-31x"], "as_of '2023-5-31x' is not an ISO date"),
    (["--as-of", "2023-04-30"], "as_of '2023-04-30' has no snapshot"),
    (["--jobs", "0"], "--jobs 0"),
    (["--job", "2023-05-31.99_none"], "no notebook '99_none'"),
])
def test_parameters_are_checked_before_any_kernel_starts(tmp_path, monkeypatch, extra,
                                                         message):
    from seoul_budget.build import worker

    def no_kernels(*args, **kwargs):
        raise AssertionError("a kernel pool was started")

    monkeypatch.setattr(worker.KernelPool, "__init__", no_kernels)
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    status, out, err = project.build(*extra)
    assert status == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not project.reports.exists() and not project.processed.exists()


def test_missing_data_folder_is_a_clear_error(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    shutil.rmtree(project.data)
    status, _, err = project.build()
    assert status == 2 and "is not a folder" in err and str(project.data) in err


def test_a_damaged_snapshot_is_set_aside_and_the_others_stay_as_they_were(tmp_path):
    project = make_project(tmp_path, {"20_params": "parameters_echo"})
    assert project.build()[0] == 0
    pages, processed = (snapshot_files(project.reports / DAY),
                        snapshot_files(project.processed / DAY))
    damaged = project.data / "2023-06-30" / "report.txt"
    damaged.parent.mkdir()
    damaged.write_text(REPORT.read_text(encoding="utf-8")[:2000], encoding="utf-8")
    status, out, err = project.build()
    assert status == 2
    named = [line for line in err.splitlines() if "2023-06-30" in line]
    assert len(named) == 1 and "2023-06-30/report.txt" in named[0], err  # one line
    assert "Traceback" not in err
    assert snapshot_files(project.reports / DAY) == pages
    assert snapshot_files(project.processed / DAY) == processed
    assert not (project.processed / "2023-06-30").exists()  # nothing half-written
    assert not (project.reports / "2023-06-30").exists()
    assert "exit 2 — built 0, failed 0, up to date 1, not run 1; 입력 오류: 2023-06-30" in out
    index = project.page("index.html")
    assert "입력 오류" in index and "2023-06-30/report.txt" in index


def test_a_report_lacking_a_section_builds_and_exits_2_naming_it(tmp_path):
    """A report without '□ 세입 예산 세부내역' (the bundled report's lines 403-477): its pages
    are built, the build exits 2 with one line naming the file, where the heading was looked
    for (after 'IV. 2023 세입 · 세출예산 세부현황', line 401, up to the next heading, line 403
    once the 75 lines are gone) and the cause; the index says which section is missing."""
    project = make_project(tmp_path, {"20_params": "parameters_echo"})
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    assert lines[402] == "□ 세입 예산 세부내역" and lines[477] == "□ 세출예산 집행현황"
    report = project.data / DAY / "report.txt"
    report.write_text("\n".join(lines[:402] + lines[477:]), encoding="utf-8")
    status, out, err = project.build()
    assert status == 2, err
    assert "built 1, failed 0" in out and f"원문에 없는 절: {DAY}" in out
    named = [line for line in err.splitlines() if "a section is missing" in line]
    assert len(named) == 1, err
    assert f"{report}:403 [세입 예산 세부내역]: a section is missing" in named[0]
    assert "after 'IV. 2023 세입 · 세출예산 세부현황' (line 401)" in named[0]
    assert (project.reports / DAY / "20_params.html").is_file()
    index = project.page("index.html")
    assert "원문에는 없는 절이 있습니다" in index and "「세입 예산 세부내역」" in index


def test_the_section_notebooks_build(built_reports):
    """The project's own notebooks, on the bundled report and the months after it: every
    page built and readable (the session's one build of them, conftest ``built_reports``)."""
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    months = len([p for p in built_reports.iterdir() if p.is_dir()])
    assert months >= 1
    out = (built_reports.parent / BUILD_LOG).read_text(encoding="utf-8")
    assert f"built {len(notebooks) * months}, failed 0" in out
    index = (built_reports / "index.html").read_text(encoding="utf-8")
    assert index.count("status status-ok") == len(notebooks) * months
    for path in notebooks:
        page = (built_reports / DAY / f"{path.stem}.html").read_text(encoding="utf-8")
        title = re.search(r"<title>([^<]*)</title>", page).group(1)
        assert "2023년 5월 31일 기준" in title and re.search(r"[가-힣]", title)
        assert "Traceback" not in page and "<script" not in page


def test_a_dead_or_stuck_kernel_fails_only_its_notebook(tmp_path, monkeypatch):
    """One kernel runs all three: it dies in the first notebook, hangs in the second (past
    the cell time limit); each is replaced, and the third notebook still runs."""
    monkeypatch.setenv("SEOUL_BUDGET_CELL_TIMEOUT", "3")
    project = make_project(tmp_path, {"10_dies": "kernel_dies", "20_sleeps": "sleeps",
                                      "30_params": "parameters_echo"})
    status, out, err = project.build("--jobs", "1")
    assert status == 1
    assert "built 1, failed 2" in out
    entries = project.manifest()
    # (the cell's number, when the kernel died before it said it: In [None])
    assert entries[f"{DAY}.10_dies"]["error"].startswith("DeadKernelError: the kernel died (In [")
    assert entries[f"{DAY}.20_sleeps"]["error"] == \
        "CellTimeoutError: a cell ran longer than 3 s (In [3])"
    assert entries[f"{DAY}.30_params"]["status"] == "ok"
    stuck = project.page(f"{DAY}/20_sleeps.failed.html")  # marked as papermill marks errors
    assert "An Exception was encountered" in stuck and "a cell ran longer than 3 s" in stuck
    assert "기준일 2023-05-31 · 부서 all" in project.page(f"{DAY}/30_params.html")


def test_departments_come_from_each_snapshot_after_a_reorganisation(tmp_path):
    """June renames 빅데이터담당관 데이터융합담당관 throughout: its department jobs are its own
    eight, the new one under its own slug."""
    import monthly as m
    import variants as v

    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    june = v.rename_department(m.june(), "빅데이터담당관", "데이터융합담당관")
    m.write_month(project.data, june)
    # its 2022 settlement keeps the old name: the reorganisation map links the two
    (project.data / "departments.csv").write_text(
        "old_name,new_name,effective_date,note\n빅데이터담당관,데이터융합담당관,2023-06-01,개편\n",
        encoding="utf-8")
    slug = _slug("데이터융합담당관")
    status, out, _ = project.build("--department", "each", "--list-jobs")
    ids = [j["id"] for j in json.loads(out)]
    assert len(ids) == 2 * 9
    assert f"{DAY}.10_staffing.{BIG_DATA}" in ids
    assert f"2023-06-30.10_staffing.{slug}" in ids
    assert f"2023-06-30.10_staffing.{BIG_DATA}" not in ids
    # a department of one snapshot only builds there
    status, out, err = project.build("--department", "데이터 융합 담당관")
    assert status == 0, err
    assert "built 1, failed 0" in out
    page = project.page(f"2023-06-30/{slug}/10_staffing.html")
    assert "정원 합계: 28명, 현원 합계: 28명" in page  # line 26 of the bundled report, renamed
    assert '<th scope="row">데이터융합담당관</th>' in project.page("index.html")
    # and the job runs by its id, as a scheduler calls it
    status, out, err = project.build("--job", f"2023-06-30.10_staffing.{slug}", "--force")
    assert status == 0 and "built 1" in out, err
    # a name no snapshot lists: exit 2, every snapshot's departments named
    status, out, err = project.build("--department", "우주항공담당관")
    assert status == 2
    assert "우주항공담당관" in err and "빅데이터담당관" in err and "데이터융합담당관" in err


@pytest.mark.parametrize("where", ["history", "source page"])
def test_a_full_disk_beside_the_run_still_leaves_the_pages_and_the_index(tmp_path, monkeypatch,
                                                                        where):
    """The history files and the source page are written beside the notebook runs: a disk
    full there is the build's exit 2, after the pages and the index are written."""
    from seoul_budget.build import runner

    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    module, function, path = {
        "history": (snapshot_history, "write_history", project.processed / "history"),
        "source page": (runner, "write_source_page", project.reports / DAY / "source.html"),
    }[where]

    def disk_full(*args, **kwargs):
        raise OutputError("cannot write: No space left on device", path=str(path))

    monkeypatch.setattr(module, function, disk_full)
    status, out, err = project.build()
    assert status == 2
    assert f"{path}: cannot write: No space left on device" in err
    assert "Traceback" not in err
    assert (project.reports / DAY / "10_staffing.html").is_file()  # the job still ran
    index = project.reports / "index.html"
    assert index.is_file() and "2023-05-31" in index.read_text(encoding="utf-8")


def test_the_index_names_an_unreadable_report_relative_to_the_project(tmp_path):
    # a builder's folder with Hangul and a quote in its name never reaches the index
    root = tmp_path / "작업 'x'"
    project = make_project(root, {"10_staffing": "staffing_summary"})
    report = project.data / "2023-05-31" / "report.txt"
    report.unlink()
    report.mkdir()  # the report became a folder: an input error on the index
    status, out, err = project.build()
    assert status == 2
    index = (project.reports / "index.html").read_text(encoding="utf-8")
    assert "report.txt" in index
    assert str(root) not in index and "작업" not in index

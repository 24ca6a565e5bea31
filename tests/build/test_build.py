"""The build runner's parts, without starting a kernel: planning, job ids, input hashes,
the manifest, up-to-date checks, progress, the index page and HTML rendering."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import nbformat
import pytest
from bundled import DEPARTMENTS
from bundled import REPORT as BUNDLED_REPORT

from seoul_budget import __version__
from seoul_budget.atomic import remove_stale_temp_files
from seoul_budget.build import fingerprint as fp
from seoul_budget.build import jobs as jb
from seoul_budget.build import manifest as mf
from seoul_budget.build.index import cell_view, count_statuses, index_model, render_index
from seoul_budget.build.keyfigure import key_figure
from seoul_budget.build.navigation import page_links
from seoul_budget.build.plan import PlannedJob
from seoul_budget.build.progress import Progress, format_seconds, stamped, time_left
from seoul_budget.build.render import Renderer, drop_object_reprs, normalize_cell_ids
from seoul_budget.build.runner import manifest_entry
from seoul_budget.build.worker import Result
from seoul_budget.errors import BuildError
from seoul_budget.subject import Subject

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
ROOT = Path(__file__).resolve().parents[2]
REPORT = BUNDLED_REPORT


def _notebooks(tmp_path: Path, names: dict[str, str]) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for target, fixture in names.items():
        shutil.copy(FIXTURES / f"{fixture}.ipynb", folder / f"{target}.ipynb")
    return folder


def _snapshots(tmp_path: Path, days: list[str]) -> dict[date, Path]:
    found = {}
    for day in days:
        path = tmp_path / "data" / day / "report.txt"
        path.parent.mkdir(parents=True)
        shutil.copy(REPORT, path)
        found[date.fromisoformat(day)] = path
    return found


# -- discovery and planning ---------------------------------------------------------------

def test_discovery_takes_numbered_notebooks_in_reading_order(tmp_path):
    folder = _notebooks(tmp_path, {"10_b": "parameters_echo", "02_a": "staffing_summary",
                                   "scratch": "parameters_echo"})
    (folder / ".ipynb_checkpoints").mkdir()
    infos = jb.discover_notebooks(folder)
    assert [i.stem for i in infos] == ["02_a", "10_b"]
    staffing = infos[0]
    assert staffing.title == "인력 현황 요약"  # the notebook's first heading
    assert staffing.parameters == ("as_of", "data_dir", "department", "processed_dir")
    assert "seoul_budget.processed" in staffing.imports
    assert "matplotlib.pyplot" in staffing.imports
    assert "seoul_budget.processed.load_snapshot" in staffing.imports  # a name, tried quietly


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("as_of = '2023-05-31'")])
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "01_x.ipynb")
    with pytest.raises(BuildError, match="no cell tagged 'parameters'"):
        jb.discover_notebooks(folder)


def test_empty_notebook_folder_is_refused(tmp_path):
    with pytest.raises(BuildError, match="holds no"):
        jb.discover_notebooks(tmp_path)
    with pytest.raises(BuildError, match="does not exist"):
        jb.discover_notebooks(tmp_path / "missing")


def test_plan_is_notebooks_times_snapshots_times_departments(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "staffing_summary",
                                                        "02_b": "parameters_echo"}))
    snapshots = _snapshots(tmp_path, ["2023-04-30", "2023-05-31"])
    departments = [None, *DEPARTMENTS]
    jobs = jb.plan_jobs(infos, snapshots, departments, tmp_path / "data", tmp_path / "p")
    assert len(jobs) == 2 * 2 * 9
    assert len({j.id for j in jobs}) == len(jobs)
    assert len({j.output(".html") for j in jobs}) == len(jobs)
    bureau = next(j for j in jobs if j.id == "2023-05-31.01_a")
    assert bureau.output(".html") == "2023-05-31/01_a.html"
    assert bureau.parameters == {"as_of": "2023-05-31", "data_dir": str(tmp_path / "data"),
                                 "department": "all", "processed_dir": str(tmp_path / "p")}
    # a department's slug: 'department-' and 8 hex digits of the SHA-256 of its name
    slug = "department-" + hashlib.sha256("빅데이터담당관".encode()).hexdigest()[:8]
    echo = next(j for j in jobs if j.id == f"2023-05-31.02_b.{slug}")
    assert echo.department == "빅데이터담당관"
    assert echo.output(".html") == f"2023-05-31/{slug}/02_b.html"
    assert echo.output(".ipynb", failed=True) == f"2023-05-31/{slug}/02_b.failed.ipynb"
    # processed_dir only goes to notebooks whose parameters cell has it
    assert echo.parameters == {"as_of": "2023-05-31", "data_dir": str(tmp_path / "data"),
                               "department": "빅데이터담당관"}
    assert "빅데이터담당관" in echo.title and "2023년 5월 31일" in echo.title


def test_each_page_links_the_index_its_sections_and_its_neighbours(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "staffing_summary",
                                                        "02_b": "parameters_echo",
                                                        "03_c": "staffing_summary"}))
    snapshots = _snapshots(tmp_path, ["2023-05-31"])
    jobs = {j.id: j for j in jb.plan_jobs(infos, snapshots, [None, "데이터센터"],
                                          tmp_path / "data", tmp_path / "p")}
    middle = page_links(jobs["2023-05-31.02_b"])
    assert middle.index_href == "../index.html"
    assert [(s.href, s.current) for s in middle.sections] == [
        ("01_a.html", False), ("02_b.html", True), ("03_c.html", False)]
    assert (middle.previous.href, middle.next.href) == ("01_a.html", "03_c.html")
    assert middle.snapshot == "2023년 5월 31일 기준" and middle.scope == ""
    first = page_links(jobs[f"2023-05-31.01_a.{jb.department_slug('데이터센터')}"])
    assert first.index_href == "../../index.html"  # <as_of>/<department>/ is one level deeper
    assert first.previous is None and first.next.title == middle.sections[1].title
    assert first.scope == "데이터센터"
    # Adding a section changes every page's links (their fingerprints), a month none.
    assert "sections" in fp.job_inputs(jobs["2023-05-31.02_b"], {}, fp.FileHashes(), {})


def test_a_notebook_says_what_its_page_holds(tmp_path):
    info = jb.read_notebook_info(FIXTURES / "staffing_summary.ipynb")
    assert info.holds and len(info.holds) <= jb.HOLDS_CHARS
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# 부록\n\n**기준일**까지의 달마다 세출과 집행을 쌓아 봅니다.\n\n둘째 문단.")])
    # a notebook the catalog does not know: its first paragraph, Markdown marks removed
    assert jb.notebook_holds(nb, "07_extra") == "기준일까지의 달마다 세출과 집행을 쌓아 봅니다."
    assert jb.notebook_holds({"cells": []}, "03_expenditure").startswith("부서·회계·사업별")


def test_the_key_figure_comes_from_the_executed_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={"text/plain": "x"},
                               metadata={"seoul_budget_key_figure": " 정원  266명 "})])])
    assert key_figure(nb) == "정원 266명"
    assert key_figure(nbformat.v4.new_notebook()) == ""


def test_job_ids_are_scheduler_safe_and_round_trip():
    for department in [None, *DEPARTMENTS]:
        job_id = jb.job_id(date(2023, 5, 31), "01_staffing", department)
        assert re.fullmatch(r"[A-Za-z0-9._-]+", job_id), job_id
        assert jb.split_job_id(job_id, lambda _: DEPARTMENTS) == (
            date(2023, 5, 31), "01_staffing", department)


@pytest.mark.parametrize("bad, message", [
    ("01_staffing", "job id"), ("2023-13-01.01_staffing", "date"),
    ("2023-05-31.01_staffing.nowhere", "unknown department"), ("2023-05-31.", "job id")])
def test_bad_job_ids_say_what_a_job_id_looks_like(bad, message):
    with pytest.raises(BuildError, match=message):
        jb.split_job_id(bad, lambda _: DEPARTMENTS)


def test_department_needs_a_department_parameter(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("as_of = ''\ndata_dir = ''")
    cell.metadata["tags"] = ["parameters"]
    nb.cells.append(cell)
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "01_x.ipynb")
    info = jb.discover_notebooks(folder)[0]
    assert jb.notebook_parameters(info, date(2023, 5, 31), tmp_path, None, tmp_path) == {
        "as_of": "2023-05-31", "data_dir": str(tmp_path)}
    with pytest.raises(BuildError, match="department"):
        jb.notebook_parameters(info, date(2023, 5, 31), tmp_path, "데이터센터", tmp_path)


# -- inputs and the manifest ---------------------------------------------------------------

def test_inputs_change_when_any_input_changes(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "staffing_summary"}))
    snapshots = _snapshots(tmp_path, ["2023-05-31"])
    job = jb.plan_jobs(infos, snapshots, [None], tmp_path / "data", tmp_path / "p")[0]
    may, june = date(2023, 5, 31), date(2023, 6, 30)

    def mark(with_code: bool = False, corrections: dict | None = None) -> str:
        return fp.fingerprint(fp.job_inputs(job, fp.run_inputs(with_code), fp.FileHashes(),
                                            corrections or {may: "c1"}))

    base = mark()
    inputs = fp.job_inputs(job, fp.run_inputs(False), fp.FileHashes(), {may: "c1"})
    assert inputs["report_sha256"] == hashlib.sha256(REPORT.read_bytes()).hexdigest()
    assert inputs["corrections_sha256"] == "c1"
    assert "errata_sha256" not in inputs  # a ledger edit reaches a job through its corrections
    assert "history" not in inputs  # this notebook reads its own snapshot only
    assert inputs["package_version"] == __version__
    assert mark() == base  # stable
    assert mark(with_code=True) != base
    with_corrections = mark(corrections={may: "c2"})
    assert with_corrections != base
    assert mark(corrections={may: "c1", june: "other"}) == base  # another snapshot's: no effect
    job.notebook.path.write_text(job.notebook.path.read_text(encoding="utf-8").replace(
        "인력 현황 요약", "인력 현황"), encoding="utf-8")
    assert mark() != base
    other = jb.plan_jobs(infos, snapshots, ["데이터센터"], tmp_path / "data", tmp_path / "p")[0]
    assert fp.fingerprint(fp.job_inputs(other, fp.run_inputs(False), fp.FileHashes(),
                                        {may: "c1"})) != mark()


def test_environment_versions_match_the_installed_distributions():
    from importlib import metadata

    versions = fp.environment()
    for name in ("pandas", "nbconvert", "papermill", "koreanize-matplotlib"):
        assert versions[name] == metadata.version(name)


def test_manifest_entry_keeps_the_last_good_outputs_on_failure(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "parameters_echo"}))
    job = jb.plan_jobs(infos, _snapshots(tmp_path, ["2023-05-31"]), [None], tmp_path,
                       tmp_path)[0]
    item = PlannedJob(job, {"k": 1}, "f1", False)
    good = manifest_entry(item, Result("x", "ok", None, "2023-06-01T00:00:00Z", 1.5,
                                       written={"html": "a.html", "ipynb": "a.ipynb"},
                                       output_sha256={"html": "h", "ipynb": "i"}), None)
    assert good["status"] == "ok" and good["outputs"] == {"html": "a.html", "ipynb": "a.ipynb"}
    broken = Result("x", "failed", "ValueError: boom", "2023-06-02T00:00:00Z", 0.5,
                    written={"html": "a.failed.html", "ipynb": "a.failed.ipynb"})
    failed = manifest_entry(PlannedJob(job, {"k": 2}, "f2", False), broken, good)
    assert failed["status"] == "failed" and failed["error"] == "ValueError: boom"
    assert failed["outputs"] == good["outputs"]
    assert failed["output_sha256"] == good["output_sha256"]
    assert failed["good"]["started"] == "2023-06-01T00:00:00Z"
    assert failed["failed_outputs"] == {"html": "a.failed.html", "ipynb": "a.failed.ipynb"}
    assert failed["fingerprint"] == "f2"
    first_failure = manifest_entry(item, Result("x", "failed", "boom", "2023-06-02T00:00:00Z",
                                                0.5), None)
    assert first_failure["outputs"] is None and first_failure["good"] is None


def test_up_to_date_needs_same_fingerprint_success_and_intact_files(tmp_path):
    (tmp_path / "a.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "a.ipynb").write_text("{}", encoding="utf-8")
    entry = {"status": "ok", "fingerprint": "f",
             "outputs": {"html": "a.html", "ipynb": "a.ipynb"},
             "output_sha256": {"html": hashlib.sha256(b"<html></html>").hexdigest(),
                               "ipynb": hashlib.sha256(b"{}").hexdigest()}}
    assert mf.is_up_to_date(tmp_path, entry, "f")
    assert not mf.is_up_to_date(tmp_path, entry, "g")
    assert not mf.is_up_to_date(tmp_path, {**entry, "status": "failed"}, "f")
    assert not mf.is_up_to_date(tmp_path, None, "f")
    (tmp_path / "a.html").write_text("<html>edited</html>", encoding="utf-8")
    assert not mf.is_up_to_date(tmp_path, entry, "f")
    (tmp_path / "a.html").unlink()
    assert not mf.is_up_to_date(tmp_path, entry, "f")


def test_manifest_updates_merge_and_survive_garbage(tmp_path):
    assert mf.read_manifest(tmp_path) == {}
    mf.update_manifest(tmp_path, lambda e: e.update(a={"status": "ok"}))
    mf.update_manifest(tmp_path, lambda e: e.update(b={"status": "failed"}))
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["format"] == mf.FORMAT and set(data["outputs"]) == {"a", "b"}
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert mf.read_manifest(tmp_path) == {}
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_batch_writes_its_entries_together_from_the_entries_then_written(tmp_path):
    now = [0.0]
    batch = mf.ManifestBatch(tmp_path, every_s=5.0, clock=lambda: now[0])
    mf.update_manifest(tmp_path, lambda e: e.update(a={"runs": 1}))
    batch.add("a", lambda previous: {"runs": previous["runs"] + 1})
    batch.add("b", lambda previous: {"runs": 1 if previous is None else -1})
    assert set(mf.read_manifest(tmp_path)) == {"a"}  # nothing written before 5 s
    mf.update_manifest(tmp_path, lambda e: e.update(a={"runs": 10}))  # another process
    now[0] = 5.0
    batch.add("c", lambda previous: {"runs": 1})  # 5 s after the last write: all three go
    assert mf.read_manifest(tmp_path) == {"a": {"runs": 11}, "b": {"runs": 1},
                                          "c": {"runs": 1}}
    batch.add("d", lambda previous: {"runs": 1})
    assert "d" not in mf.read_manifest(tmp_path)
    batch.flush()
    assert mf.read_manifest(tmp_path)["d"] == {"runs": 1}


# One writer process: adds `count` entries of its own, one update (read, change, write) each.
WRITER = """
import sys
from pathlib import Path
from seoul_budget.build.manifest import update_manifest
folder, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
while not (folder / "go").exists():
    pass
for i in range(count):
    update_manifest(folder, lambda entries: entries.update({f"{name}.{i}": {"n": i}}))
"""


def test_writers_in_parallel_processes_lose_no_entry(tmp_path):
    """The Airflow DAG runs one process per job on one reports folder: every entry stays."""
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"w{k}", "150"])
               for k in range(4)]
    (tmp_path / "go").touch()  # all four start writing together
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0, 0]
    entries = mf.read_manifest(tmp_path)
    assert len(entries) == 600
    assert set(entries) == {f"w{k}.{i}" for k in range(4) for i in range(150)}


# One reader process: reads the manifest file as it lies on disk until told to stop and
# prints how many reads it made and how many were not valid JSON (read_manifest forgives a
# damaged file, so the reader parses the bytes itself).
READER = """
import json, sys
from pathlib import Path
folder = Path(sys.argv[1])
reads = bad = 0
while not (folder / "stop").exists():
    try:
        text = (folder / "manifest.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        continue
    reads += 1
    try:
        json.loads(text)
    except ValueError:
        bad += 1
print(reads, bad)
"""


def test_the_manifest_file_is_always_valid_json_while_processes_write(tmp_path):
    """What a scheduler's task, or a reviewer, reads mid-build is a whole manifest: each write
    replaces the file at once, never leaves it half written."""
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"w{k}", "100"])
               for k in range(3)]
    (tmp_path / "go").touch()
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0]
    (tmp_path / "stop").touch()
    out, _ = reader.communicate(timeout=60)
    reads, bad = map(int, out.split())
    assert reads > 0 and bad == 0
    assert len(mf.read_manifest(tmp_path)) == 300


def test_stale_temp_files_are_removed_but_fresh_ones_kept(tmp_path):
    old = tmp_path / "2023-05-31" / ".01_a.html.abc.tmp"
    new = tmp_path / "2023-05-31" / ".02_b.html.def.tmp"
    old.parent.mkdir()
    old.write_text("half", encoding="utf-8")
    new.write_text("half", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    assert remove_stale_temp_files([tmp_path]) == 1
    assert not old.exists() and new.exists()


# -- progress ---------------------------------------------------------------------------

def test_format_seconds():
    assert format_seconds(0.84) == "0.8s"
    assert format_seconds(42.2) == "42s"
    assert format_seconds(185) == "3m05s"
    assert format_seconds(3720) == "1h02m"


def test_time_left_shares_the_remaining_work_among_workers():
    assert time_left([4.0, 4.0, 2.0], [("a", 1.0)], workers=2) == pytest.approx(4.5)
    assert time_left([], [], workers=2) == 0.0


@pytest.fixture
def seoul_time(monkeypatch):
    """The process's local time zone set to Seoul for one test (cron runs in local time)."""
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_progress_prints_plain_lines_off_a_terminal(seoul_time):
    out = io.StringIO()
    progress = Progress(total=2, workers=1, stream=out, interactive=False,
                        now=lambda: datetime(2026, 11, 29, 15, 4, 5))
    progress.started_job("2023-05-31.01_a")
    progress.finished_job("2023-05-31.01_a", "ok", 1.25, None, [])
    progress.finished_job("2023-05-31.02_b", "failed", 0.5, "ValueError: x", [])
    text = out.getvalue()
    assert "\r" not in text and "\x1b" not in text
    # each line starts with the local time, ISO 8601 with its offset (a log says when)
    assert text.splitlines() == [
        "2026-11-29T15:04:05+09:00 [0/2] start 2023-05-31.01_a",
        "2026-11-29T15:04:05+09:00 [1/2] 2023-05-31.01_a ok (1.2s)",
        "2026-11-29T15:04:05+09:00 [2/2] 2023-05-31.02_b FAILED: ValueError: x (0.5s)"]
    assert stamped("done", out, now=lambda: datetime(2026, 11, 29, 0, 0, 1)) == \
        "2026-11-29T00:00:01+09:00 done"


def test_terminal_lines_carry_no_time():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert stamped("done", Terminal()) == "done"


def test_progress_bar_shows_done_running_and_time_left():
    out = io.StringIO()
    clock = iter(range(100)).__next__
    progress = Progress(total=4, workers=2, stream=out, interactive=True,
                        clock=lambda: float(clock()))
    progress.expect("c", 6.0)
    progress.finished_job("a", "ok", 2.0, None, [("b", 1.0)])
    line = progress.line([("b", 1.0), ("c", 3.0)])
    assert "[######------------------] 1/4" in line
    assert "running: b 1.0s, c 3.0s" in line
    # left: c (6 s expected) + 2 unknown jobs at the 2 s average, minus 4 s already run, / 2
    assert "left ~3.0s" in line
    assert "\r\x1b[K" in out.getvalue()


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
    months = [m for year in model["years"] for m in year["months"]]
    # line 484: 84,471,483 / 163,848,799 = 51.55 % -> 51.6 %; 51,216,641 -> 31.26 % -> 31.3 %
    assert [m["committed"] for m in months] == ["51.6%", ""]
    assert [m["spent"] for m in months] == ["31.3%", ""]
    assert [m["elapsed"] for m in months] == ["41.4%", "49.6%"]  # day 151, 181 / 365
    # the unreadable June's fiscal year is not known: its month stands apart
    assert [y["label"] for y in model["years"]] == ["2023 회계연도", "회계연도를 읽지 못한 보고서"]
    assert model["title"] == "디지털정책관 업무보고"  # the newest report that could be read
    assert model["latest"]["as_of"] == "2023-06-30"
    assert model["snapshots"][0]["rows"][0]["cells"][0]["status"] == "blocked"
    assert count_statuses(model) == {"ok": 0, "unreconciled": 0, "failed": 0, "blocked": 1,
                                     "missing": 1, "total": 2}


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

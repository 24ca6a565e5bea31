"""seoul_budget.build.jobs, plan, navigation and worker's key figure, without starting a
kernel: notebooks discovered, jobs planned (notebooks × snapshots × departments), job ids,
page links."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import nbformat
import pytest
from bundled import DEPARTMENTS
from project import FIXTURES
from project import bundled_snapshots as _snapshots
from project import copy_notebooks as _notebooks

from seoul_budget.build import jobs as jb
from seoul_budget.build import plan as pl
from seoul_budget.build.navigation import page_links
from seoul_budget.build.worker import key_figure
from seoul_budget.errors import BuildError


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
    assert middle["index_href"] == "../index.html"
    assert [(s["href"], s["current"]) for s in middle["sections"]] == [
        ("01_a.html", False), ("02_b.html", True), ("03_c.html", False)]
    assert (middle["previous"]["href"], middle["next"]["href"]) == ("01_a.html", "03_c.html")
    assert middle["snapshot"] == "2023년 5월 31일 기준" and middle["scope"] == ""
    first = page_links(jobs[f"2023-05-31.01_a.{jb.department_slug('데이터센터')}"])
    assert first["index_href"] == "../../index.html"  # <as_of>/<department>/: a level deeper
    assert first["previous"] is None and first["next"]["title"] == middle["sections"][1]["title"]
    assert first["scope"] == "데이터센터"
    # Adding a section changes every page's links (their fingerprints), a month none.
    assert "sections" in pl.job_inputs(jobs["2023-05-31.02_b"], {}, pl.FileHashes(), {})


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
    assert key_figure(nb) == ("정원 266명", [])
    assert key_figure(nbformat.v4.new_notebook()) == ("", [])


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

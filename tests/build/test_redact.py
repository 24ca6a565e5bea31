"""No builder paths in outputs: pages (with code), executed notebooks, ``.failed.html``
tracebacks, the index and ``manifest.json`` show folders relative to the project or by their
name, never ``/tmp/…``, the project's absolute folder, the home folder or Python's own."""

from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path

import nbformat
from bundled import DAY
from project import make_project

from seoul_budget.build.redact import path_aliases, redact, shown_path
from seoul_budget.snapshots import project_root

LEAKS_SOURCE = [
    "import json, os\nprint('데이터 폴더:', data_dir)\nprint('작업 폴더:', os.getcwd())",
    "json.loads('{')  # fails inside the standard library: its path is in the traceback",
]


def leaky_notebook(path: Path) -> None:
    """A notebook that prints its folders and then fails inside the standard library."""
    params = nbformat.v4.new_code_cell(
        'as_of = "2023-05-31"\ndata_dir = ""\ndepartment = "all"\nprocessed_dir = ""')
    params.metadata["tags"] = ["parameters"]
    cells = [nbformat.v4.new_markdown_cell("# 경로 점검"), params,
             *(nbformat.v4.new_code_cell(source) for source in LEAKS_SOURCE)]
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}),
        path)


def builder_folders(tmp_path: Path) -> list[str]:
    folders = {str(tmp_path), str(tmp_path.resolve()), str(project_root().resolve()),
               sys.prefix, sys.base_prefix}
    home = os.path.expanduser("~")
    if home != "/":
        folders.add(home)
    return sorted(folders)


def test_outputs_name_no_folder_of_the_builder(tmp_path):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    leaky_notebook(project.notebooks / "20_leaks.ipynb")
    status, _, err = project.build("--with-code", "--jobs", "1")
    assert status == 1, err  # the leaky notebook fails, on purpose
    written = [path for path in project.reports.rglob("*")
               if path.is_file() and path.suffix in (".html", ".ipynb", ".json")]
    names = {path.name for path in written}
    assert {"index.html", "manifest.json", "10_staffing.html", "10_staffing.ipynb",
            "20_leaks.failed.html", "20_leaks.failed.ipynb"} <= names
    for path in written:
        text = path.read_text(encoding="utf-8")
        for folder in builder_folders(tmp_path):
            assert folder not in text, f"{path.name} names {folder}"
    failed = (project.reports / DAY / "20_leaks.failed.ipynb").read_text(encoding="utf-8")
    # the traceback is kept, with Python's folder shown as <python>
    assert "JSONDecodeError" in failed and "<python>" in failed
    assert "데이터 폴더: data" in failed and "작업 폴더: notebooks" in failed
    page = (project.reports / DAY / "10_staffing.html").read_text(encoding="utf-8")
    assert "&quot;data&quot;" in page or '"data"' in page  # the parameters cell, with code
    manifest = json.loads((project.reports / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["outputs"][f"{DAY}.10_staffing"]
    assert entry["data_dir"] == "data" and entry["notebook_path"] == "notebooks/10_staffing.ipynb"
    assert len(entry["data_dir_id"]) == 16


def test_a_path_is_shown_relative_to_the_project_or_by_its_name(tmp_path):
    root = tmp_path / "project"
    assert shown_path(root / "data" / "raw", root) == "data/raw"
    assert shown_path(tmp_path / "elsewhere" / "raw", root) == "raw"
    aliases = path_aliases(root, [root / "data" / "raw", tmp_path / "elsewhere" / "raw"])
    assert redact(f"{root}/notebooks/01.ipynb", aliases) == "notebooks/01.ipynb"
    assert redact(f"open('{tmp_path}/elsewhere/raw/errata.csv')", aliases) == \
        "open('raw/errata.csv')"
    # a longer folder name that merely starts like an aliased one is left alone
    assert redact(f"{tmp_path}/elsewhere/raw2", aliases) == f"{tmp_path}/elsewhere/raw2"


def _strings(path: Path) -> list[str]:
    """Every text an output holds as a reader or a program decodes it: a JSON file's strings
    (keys included: a quote is escaped there, Hangul may be), a page's text unescaped."""
    if path.suffix == ".html":
        return [html.unescape(path.read_text(encoding="utf-8"))]
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_a_project_folder_named_in_hangul_with_quotes_reaches_no_output(tmp_path):
    # papermill records input_path, output_path and its cwd in a notebook's metadata; the
    # index's 입력 오류 line names the report it could not read (here: a folder)
    root = tmp_path / '서울 "예산" \'보고\''
    project = make_project(root, {"10_staffing": "staffing_summary"})
    (project.data / "2023-06-30" / "report.txt").mkdir(parents=True)
    status, _, err = project.build("--with-code", "--jobs", "1")
    assert status == 2, err  # the unreadable snapshot: bad input, the other one built
    written = [path for path in project.reports.rglob("*")
               if path.is_file() and path.suffix in (".html", ".ipynb", ".json")]
    assert {"index.html", "manifest.json", "10_staffing.ipynb"} <= {p.name for p in written}
    for path in written:
        for text in _strings(path):
            for folder in [*builder_folders(tmp_path), str(root), '서울 "예산"']:
                assert folder not in text, f"{path.name} names {folder}"
    index = html.unescape(project.page("index.html"))
    assert "입력 오류" in index and "data/2023-06-30/report.txt" in index

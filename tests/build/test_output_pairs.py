"""A job's two outputs commit together: the notebook and the page are written to temporary
names and moved into place, the page last; a failed move puts the previous pair back; the
manifest records the pair only after both moves; the index links only outputs that still have
the hashes their entry records."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest
from bundled import DAY
from project import make_project

from seoul_budget.atomic import write_together
from seoul_budget.build.manifest import shown_entries
from seoul_budget.errors import OutputError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def second_move_fails(monkeypatch):
    """``second_move_fails(name)``: moving a file onto ``name`` fails with ENOSPC."""
    def install(name: str) -> None:
        real = os.replace

        def replace(src, dst, **kwargs):
            if Path(dst).name == name:
                raise OSError(errno.ENOSPC, "No space left on device", str(src), None, str(dst))
            return real(src, dst, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
    return install


@pytest.mark.parametrize("before", [{"a.ipynb": b"old nb", "a.html": b"old page"}, {}])
def test_a_failed_second_move_leaves_the_pair_as_it_was(tmp_path, second_move_fails, before):
    for name, data in before.items():
        (tmp_path / name).write_bytes(data)
    second_move_fails("a.html")
    with pytest.raises(OutputError) as caught:
        write_together({tmp_path / "a.ipynb": b"new nb", tmp_path / "a.html": b"new page"})
    assert caught.value.path == str(tmp_path / "a.html")
    assert caught.value.cause == "cannot write: No space left on device"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp file left


def test_a_pair_is_written_in_order_page_last(tmp_path, monkeypatch):
    moved = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (moved.append(Path(dst).name),
                                                         real(src, dst)))
    (tmp_path / "a.html").write_bytes(b"old page")
    write_together({tmp_path / "a.ipynb": b"nb", tmp_path / "a.html": b"page"})
    assert moved == ["a.ipynb", "a.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.ipynb"]
    assert (tmp_path / "a.html").read_bytes() == b"page"


def test_the_index_shows_no_output_whose_hash_differs_from_its_entry(tmp_path):
    """A build killed between the two moves: the new notebook beside the old page."""
    (tmp_path / "a.html").write_bytes(b"good page")
    (tmp_path / "a.ipynb").write_bytes(b"newer notebook")
    (tmp_path / "b.html").write_bytes(b"page")
    (tmp_path / "b.ipynb").write_bytes(b"nb")
    good = {"html": sha(tmp_path / "a.html"), "ipynb": hashlib.sha256(b"good nb").hexdigest()}
    entries = {
        "a": {"status": "failed", "outputs": {"html": "a.html", "ipynb": "a.ipynb"},
              "output_sha256": good, "good": {"started": "2023-06-01T00:00:00Z"}},
        "a-ok": {"status": "ok", "outputs": {"html": "a.html", "ipynb": "a.ipynb"},
                 "output_sha256": good},
        "b": {"status": "ok", "outputs": {"html": "b.html", "ipynb": "b.ipynb"},
              "output_sha256": {"html": sha(tmp_path / "b.html"),
                                "ipynb": sha(tmp_path / "b.ipynb")}},
    }
    shown = shown_entries(tmp_path, entries)
    assert shown["a"]["status"] == "failed" and shown["a"]["outputs"] is None
    assert shown["a"]["good"] is None  # no "이전 정상 보고서" link to half a pair
    assert shown["a-ok"]["status"] == "missing" and shown["a-ok"]["outputs"] is None
    assert shown["b"] == entries["b"]
    assert entries["a"]["outputs"] is not None  # the manifest's entries are not changed


def test_a_failed_second_move_keeps_the_good_pair_linked_and_the_next_build_recovers(
        tmp_path, monkeypatch, second_move_fails):
    project = make_project(tmp_path, {"20_echo": "parameters_echo"})
    assert project.build("--jobs", "1")[0] == 0
    folder = project.reports / DAY
    good = {p.name: p.read_bytes() for p in folder.iterdir()}
    entry = project.manifest()[f"{DAY}.20_echo"]
    notebook = project.notebooks / "20_echo.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("# ", "# 바뀐 ", 1),
                        encoding="utf-8")
    second_move_fails("20_echo.html")
    status, out, err = project.build("--jobs", "1")
    assert status == 2 and "Traceback" not in err
    assert (f"seoul-budget: error: {DAY}.20_echo not written: {folder / '20_echo.html'}: "
            "cannot write: No space left on device") in err
    assert "built 0, failed 1" in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == good  # no temp file either
    failed = project.manifest()[f"{DAY}.20_echo"]
    assert failed["status"] == "failed" and failed["error"].startswith("cannot write")
    assert failed["outputs"] == entry["outputs"]
    assert failed["output_sha256"] == entry["output_sha256"]
    index = project.page("index.html")
    assert "status status-failed" in index
    assert f'이전 정상 보고서: <a href="{DAY}/20_echo.html">' in index
    monkeypatch.undo()  # the disk has room again
    status, out, _ = project.build("--jobs", "1")
    assert status == 0 and "built 1, failed 0" in out
    assert "<title>바뀐 " in project.page(f"{DAY}/20_echo.html")
    rebuilt = project.manifest()[f"{DAY}.20_echo"]
    assert rebuilt["output_sha256"]["html"] == sha(folder / "20_echo.html")

"""The build's last steps: the index is written even when the history files cannot be."""

from __future__ import annotations

from project import make_project

from seoul_budget import snapshot_history
from seoul_budget.errors import OutputError


def test_a_full_disk_at_the_history_still_writes_the_index(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    folder = project.processed / "history"

    def disk_full(*args, **kwargs):
        raise OutputError("cannot write: No space left on device", path=str(folder))

    monkeypatch.setattr(snapshot_history, "write_history", disk_full)
    status, out, err = project.build()
    assert status == 2
    assert f"{folder}: cannot write: No space left on device" in err
    assert "Traceback" not in err
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

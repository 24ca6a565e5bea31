"""Where snapshots are: a date folder is a snapshot whatever its report.txt has become, so an
unreadable report is an error naming it (exit 2, pages kept) and only a folder gone withdraws
its month; folders whose name is no valid date are named in a warning."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from bundled import DAY, REPORT
from project import make_project

from seoul_budget.snapshots import discover_snapshots, stray_folders

KINDS = ["folder", "fifo", "dangling", "zero", "missing"]


def _break(report, kind):
    report.unlink(missing_ok=True)
    if kind == "folder":
        report.mkdir()
    elif kind == "fifo":
        os.mkfifo(report)
    elif kind == "dangling":
        report.symlink_to(report.parent / "unmounted" / "report.txt")
    elif kind == "zero":
        report.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_folder_is_a_snapshot_whatever_its_report_became(tmp_path, kind):
    (tmp_path / DAY).mkdir()
    report = tmp_path / DAY / "report.txt"
    _break(report, kind)
    assert discover_snapshots(tmp_path) == {date(2023, 5, 31): report}


def test_folders_with_no_valid_date_are_strays_not_snapshots(tmp_path):
    names = ["2023-02-30", "2023-06-30 ", "2023-10-31.bak", "2023-05-31", ".git"]
    for name in names:
        (tmp_path / name).mkdir()
        shutil.copy(REPORT, tmp_path / name / "report.txt")
    (tmp_path / "errata.csv").write_text("", encoding="utf-8")  # a file: no folder at all
    assert list(discover_snapshots(tmp_path)) == [date(2023, 5, 31)]
    assert [p.name for p in stray_folders(tmp_path)] == ["2023-02-30", "2023-06-30 ",
                                                         "2023-10-31.bak"]


@pytest.mark.parametrize("kind", ["fifo", "dangling"])
def test_an_unreadable_report_keeps_its_pages_and_exits_2(tmp_path, kind):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    assert project.build()[0] == 0
    page = project.reports / DAY / "10_staffing.html"
    assert page.is_file()
    report = project.data / DAY / "report.txt"
    _break(report, kind)
    (project.data / "2023-06-30 ").mkdir()  # a trailing space: no snapshot
    status, out, err = project.build()
    assert status == 2, err
    assert f"snapshot {DAY} not built: {report}" in err
    assert "'2023-06-30 ' in the data folder is no snapshot" in err
    assert "withdrawn" not in out
    assert page.is_file()  # the month's pages stay
    assert "Traceback" not in err

"""Environment errors are input errors: an output folder that is a file or cannot be written,
a full disk, a closed stdout — one line naming the path and the cause, exit 2, found before
any kernel starts where it can be, nothing half-written.

Tests run as root here, where a read-only mode stops no write: a read-only or full file system
is simulated by making the system calls that write under one folder fail as the kernel would
(EROFS, ENOSPC).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from project import make_project

from seoul_budget.atomic import write_text_atomic
from seoul_budget.build import manifest as mf
from seoul_budget.errors import OutputError


@pytest.fixture
def no_kernels(monkeypatch) -> None:
    """Fail the test if a build starts its kernel pool."""
    from seoul_budget.build import worker

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel pool was started")

    monkeypatch.setattr(worker.KernelPool, "__init__", refuse)


@pytest.fixture
def broken_fs(monkeypatch):
    """``broken_fs(folder, code)``: every write under ``folder`` fails with ``code``."""

    def install(folder: Path, code: int) -> None:
        root = str(folder)

        def guard(path) -> None:
            if str(path).startswith(root):
                raise OSError(code, os.strerror(code), str(path))

        def wrap(real, where):
            def call(*args, **kwargs):
                guard(where(*args, **kwargs))
                return real(*args, **kwargs)
            return call

        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT
        real_open = os.open
        monkeypatch.setattr(tempfile, "mkstemp", wrap(tempfile.mkstemp,
                                                      lambda *a, **k: k.get("dir")))
        monkeypatch.setattr(os, "replace", wrap(os.replace, lambda src, dst, **k: dst))
        monkeypatch.setattr(os, "mkdir", wrap(os.mkdir, lambda path, *a, **k: path))
        monkeypatch.setattr(os, "open", lambda path, flags, *a, **k: (
            guard(path) if flags & writes else None, real_open(path, flags, *a, **k))[1])
    return install


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("option, expected", [
    ("--reports-dir", "{file}: not a folder: it is the reports folder"),
    ("--processed-dir", "{file}: not a folder: it is the processed folder"),
])
def test_an_output_folder_that_is_a_file(tmp_path, no_kernels, option, expected):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    file = tmp_path / "a-file"
    file.write_text("not a folder", encoding="utf-8")
    status, _, err = project.build(option, str(file))  # the last option given wins
    assert status == 2
    assert one_line(err) == "seoul-budget: error: " + expected.format(file=file)
    assert file.read_text(encoding="utf-8") == "not a folder"
    assert not project.reports.exists() and not project.processed.exists()


def test_an_output_folder_under_a_file(tmp_path, no_kernels):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    file = tmp_path / "a-file"
    file.write_text("", encoding="utf-8")
    status, _, err = project.build("--reports-dir", str(file / "reports"))
    assert status == 2
    assert one_line(err) == (f"seoul-budget: error: {file}: not a folder: it is in the way of "
                             "the reports folder")


@pytest.mark.parametrize("folder", ["reports", "processed"])
def test_a_read_only_output_folder_stops_the_build_before_any_kernel(tmp_path, no_kernels,
                                                                     broken_fs, folder):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    target = getattr(project, folder)
    target.mkdir()
    broken_fs(target, errno.EROFS)
    status, _, err = project.build()
    assert status == 2
    assert one_line(err) == (f"seoul-budget: error: {target}: cannot write in the {folder} "
                             "folder: Read-only file system")
    assert list(target.iterdir()) == []


def test_a_full_disk_at_the_manifest_write_is_one_line_and_keeps_the_manifest(
        tmp_path, no_kernels, broken_fs):
    """A withdrawal rewrites the manifest (no kernel needed): the disk is full by then."""
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    project.reports.mkdir()
    gone = {"as_of": "2023-04-30", "data_dir": str(project.data), "status": "ok"}
    mf.write_manifest(project.reports, {"2023-04-30.10_staffing": gone})
    before = (project.reports / "manifest.json").read_bytes()
    broken_fs(project.reports / "manifest.json", errno.ENOSPC)  # the probe is no manifest
    status, _, err = project.build()
    assert status == 2
    assert one_line(err) == (f"seoul-budget: error: {project.reports / 'manifest.json'}: "
                             "cannot write: No space left on device")
    assert (project.reports / "manifest.json").read_bytes() == before
    assert not [p for p in project.reports.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_atomic_write_is_an_output_error_leaving_no_temp_file(tmp_path, broken_fs):
    path = tmp_path / "page.html"
    path.write_text("good", encoding="utf-8")
    broken_fs(path, errno.ENOSPC)
    with pytest.raises(OutputError) as caught:
        write_text_atomic(path, "new")
    assert caught.value.path == str(path)
    assert caught.value.cause == "cannot write: No space left on device"
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_closed_stdout_is_one_line_not_a_traceback(tmp_path):
    """``seoul-budget build --list-jobs | head -0``: the reader is gone before the first write."""
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write fails with EPIPE
    try:
        result = subprocess.run([sys.executable, "-m", "seoul_budget", *project.args(),
                                 "--list-jobs"], stdout=write, stderr=subprocess.PIPE,
                                text=True, timeout=120)
    finally:
        os.close(write)
    assert result.returncode == 2
    assert one_line(result.stderr) == ("seoul-budget: error: <stdout>: the reader closed the "
                                       "pipe")
    assert not project.reports.exists()


"""Clean up and recover: stale temp files in every output folder are removed at start; the
kernels' folders (sockets and connection file) are removed on every exit path — normal,
SIGINT, SIGTERM — and those of a build killed with SIGKILL by the next one; a processed
folder that was removed is rebuilt; a kernel that dies during its warm-up is replaced once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from bundled import DAY
from project import make_project

from seoul_budget.build import kernel as kernel_module
from seoul_budget.build.kernel import SOCKET_DIR_PREFIX, remove_orphaned_socket_dirs


def leftovers(folder: Path) -> list[str]:
    """The kernels' folders and connection files in a temp folder."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(SOCKET_DIR_PREFIX) or p.suffix == ".json")


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A temp folder of the test's own, for the kernels' folders made in this process."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_stale_temp_files_in_every_output_folder_are_removed_at_start(tmp_path):
    """A build that stops at once (its only report is refused by its size) still cleans up."""
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    with (project.data / DAY / "report.txt").open("ab") as handle:
        handle.truncate(6 * 1024 * 1024)
    hour_ago = time.time() - 3600
    stale = [project.reports / DAY / ".10_staffing.html.ab12cd34.tmp",
             project.reports / DAY / ".10_staffing.ipynb.ab12cd34.old.tmp",
             project.processed / DAY / ".staffing.parquet.x1y2z3.tmp",
             project.processed / "history" / ".staffing.csv.x1y2z3.tmp"]
    fresh = project.processed / DAY / ".expenditure.csv.q9r8s7.tmp"  # a writer at work
    for path in [*stale, fresh]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    for path in stale:
        os.utime(path, (hour_ago, hour_ago))
    status, _, err = project.build()
    assert status == 2 and "larger than any work report" in err
    assert not [path for path in stale if path.exists()]
    assert fresh.exists()


def test_a_removed_processed_folder_is_rebuilt_and_a_kernel_dead_in_warm_up_replaced(
        tmp_path, monkeypatch, private_tmp):
    project = make_project(tmp_path, {"20_echo": "parameters_echo"})
    assert project.build("--jobs", "1")[0] == 0
    assert leftovers(private_tmp) == []  # a normal exit removes the kernels' folders
    shutil.rmtree(project.processed)  # as after a build killed while parsing
    status, out, _ = project.build("--jobs", "1")
    assert status == 0 and "up to date 1" in out
    assert (project.processed / DAY / "_source.json").is_file()
    assert (project.processed / "history" / "_source.json").is_file()
    killed = []
    real_warmup_code = kernel_module.warmup_code

    def dies_in_warm_up(modules):
        if not killed:
            killed.append(modules)
            return "import os\nos._exit(1)\n"  # dies where it would import pandas & co.
        return real_warmup_code(modules)

    monkeypatch.setattr(kernel_module, "warmup_code", dies_in_warm_up)
    status, out, err = project.build("--jobs", "1", "--force")
    assert killed, "the warm-up was not interrupted"
    assert status == 0, err
    assert "built 1, failed 0" in out
    assert leftovers(private_tmp) == []


@pytest.mark.parametrize("name, status, word", [("SIGTERM", 128 + 15, "terminated"),
                                                ("SIGINT", 128 + 2, "interrupted")])
def test_a_signalled_build_removes_its_kernels_folders(tmp_path, name, status, word):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    private = tmp_path / "tmp"
    private.mkdir()
    build = subprocess.Popen([sys.executable, "-m", "seoul_budget", *project.args()],
                             env={**os.environ, "TMPDIR": str(private)},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(SOCKET_DIR_PREFIX) for p in private.iterdir()):
            assert build.poll() is None, build.communicate()
            assert time.monotonic() < deadline, "no kernel started"
            time.sleep(0.05)
        build.send_signal(getattr(signal, name))  # a kernel is starting: its folder exists
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == status, err
    assert f"seoul-budget: {word}" in err.splitlines()
    assert leftovers(private) == []


def test_folders_left_by_a_killed_build_are_removed_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = tmp_path / f"{SOCKET_DIR_PREFIX}{ended.stdout.strip()}-ab12cd34"
    running = tmp_path / f"{SOCKET_DIR_PREFIX}{os.getpid()}-ef56gh78"
    someone_elses = tmp_path / f"{SOCKET_DIR_PREFIX}82syij58"  # older, unnamed by pid
    for folder in (dead, running, someone_elses):
        folder.mkdir()
        (folder / "connection.json").write_text("{}", encoding="utf-8")
    assert remove_orphaned_socket_dirs() == 1
    assert not dead.exists() and running.is_dir() and someone_elses.is_dir()

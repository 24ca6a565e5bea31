"""deploy/seoul-budget-cron: a run that finds another one going skips quietly; a build that
exits 1, 2 or 3 is mailed with its status; a clean build mails nobody; a build past the time
limit is stopped and mailed; the lock and the log stay out of reach of other users and of the
published reports folder."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "seoul-budget-cron"


@pytest.fixture
def cron(tmp_path):
    """Run the script with a stand-in build (exits $STUB_STATUS) and a stand-in mailer."""
    stub = tmp_path / "seoul-budget"
    stub.write_text('#!/bin/sh\necho "build called: $*"\nexit "${STUB_STATUS:-0}"\n')
    mailer = tmp_path / "mail"
    mailer.write_text(f'#!/bin/sh\n{{ echo "args: $*"; cat; }} > "{tmp_path}/mailed"\n')
    stub.chmod(0o755)
    mailer.chmod(0o755)
    env = {**os.environ, "SEOUL_BUDGET_PROJECT": str(tmp_path), "SEOUL_BUDGET_BIN": str(stub),
           "SEOUL_BUDGET_LOCK": str(tmp_path / "lock"), "SEOUL_BUDGET_MAILTO": "ops@example.org",
           "SEOUL_BUDGET_MAIL": str(mailer)}

    def run(status: int = 0, *args: str, **settings: str) -> subprocess.CompletedProcess:
        merged = {**env, "STUB_STATUS": str(status), **settings}
        merged = {k: v for k, v in merged.items() if v is not None}
        return subprocess.run([str(SCRIPT), *args], env=merged,
                              capture_output=True, text=True, timeout=30, check=False)
    return run, tmp_path


def test_a_clean_build_mails_nobody(cron):
    run, folder = cron
    result = run(0, "--jobs", "2")
    assert result.returncode == 0 and result.stdout == ""
    assert "build called: build --jobs 2" in (folder / "logs" / "build.log").read_text()
    assert not (folder / "mailed").exists()


@pytest.mark.parametrize("status", [1, 2, 3])
def test_a_build_that_needs_a_person_is_mailed_with_its_status(cron, status):
    run, folder = cron
    assert run(status).returncode == status
    mailed = (folder / "mailed").read_text()
    assert f"args: -s seoul-budget build: exit {status} ops@example.org" in mailed
    assert "build called: build" in mailed  # the log's tail


def test_a_run_while_another_holds_the_lock_is_skipped_not_failed(cron):
    run, folder = cron
    holder = subprocess.Popen(["flock", str(folder / "lock"), "sleep", "10"])
    try:
        deadline = time.monotonic() + 5
        while subprocess.run(["flock", "-n", str(folder / "lock"), "true"]).returncode == 0:
            assert time.monotonic() < deadline, "the lock was never taken"
            time.sleep(0.05)
        result = run(3)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 0
    log = (folder / "logs" / "build.log").read_text()
    assert "another build holds" in log and "skipped" in log
    assert "build called" not in log  # the build did not run
    assert not (folder / "mailed").exists()


def test_the_log_is_kept_outside_the_published_reports_folder(cron):
    run, folder = cron
    assert run(0).returncode == 0
    assert (folder / "logs" / "build.log").is_file()
    assert not (folder / "reports").exists()


def test_the_default_lock_is_in_the_project_and_only_its_user_can_open_it(cron):
    """A lock in /tmp could be held by any local user, skipping every monthly build."""
    run, folder = cron
    assert run(0, SEOUL_BUDGET_LOCK=None).returncode == 0
    lock = folder / ".seoul-budget.lock"
    assert lock.is_file()
    assert lock.stat().st_mode & 0o077 == 0


def test_a_build_past_the_time_limit_is_stopped_and_mailed(cron):
    run, folder = cron
    stub = folder / "seoul-budget"
    stub.write_text('#!/bin/sh\necho "build called"\nexec sleep 20\n')
    started = time.monotonic()
    result = run(0, SEOUL_BUDGET_TIME_LIMIT="1s")
    assert result.returncode == 124
    assert time.monotonic() - started < 15
    log = (folder / "logs" / "build.log").read_text()
    assert "ran longer than 1s and was stopped" in log
    mailed = (folder / "mailed").read_text()
    assert "args: -s seoul-budget build: exit 124 ops@example.org" in mailed

"""seoul_budget.build.progress: the build's progress lines and bar, and time left."""

from __future__ import annotations

import io
import time
from datetime import datetime

import pytest

from seoul_budget.build.progress import Progress, format_seconds, stamped, time_left


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
    progress.finished_job("2023-05-31.01_a", "ok", 1.25, None)
    progress.finished_job("2023-05-31.02_b", "failed", 0.5, "ValueError: x")
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
    progress = Progress(total=4, workers=2, stream=out, interactive=True)
    progress.expect("c", 6.0)
    progress.finished_job("a", "ok", 2.0, None)
    progress.tick([("b", 1.0), ("c", 3.0)])
    line = out.getvalue().rsplit("\r", 1)[-1]
    assert "[######------------------] 1/4" in line
    assert "running: b 1.0s, c 3.0s" in line
    # left: c (6 s expected) + 2 unknown jobs at the 2 s average, minus 4 s already run, / 2
    assert "left ~3.0s" in line
    assert "a ok (2.0s)" in out.getvalue()  # the job's line, above the bar
    progress.close()

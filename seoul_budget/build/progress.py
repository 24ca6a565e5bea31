"""Progress of a build: a redrawn bar on a terminal, plain log lines otherwise (cron, CI).

The bar shows jobs done/total, failures, the running jobs with their time so far, and the
time left, estimated from the jobs' previous durations when the manifest knows them. Off a
terminal every line starts with the local time, ISO 8601 with its UTC offset
(``2026-11-29T15:04:05+09:00 [3/7] 2031-06-30.02_revenue ok (1.7s)``), so a log file says
when each thing happened.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

BAR_WIDTH = 24


def format_seconds(seconds: float) -> str:
    """Return a duration for people: '0.8s', '42s', '3m05s', '1h02m'."""
    if seconds < 10:
        return f"{seconds:.1f}s"
    if seconds < 60:
        return f"{seconds:.0f}s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with seconds ('2031-06-01T04:05:06Z')."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp(moment: datetime | None = None) -> str:
    """Return a moment (default: now) in local time, ISO 8601 to the second with its offset:
    '2026-11-29T15:04:05+09:00'."""
    return (moment or datetime.now()).astimezone().isoformat(timespec="seconds")


def is_terminal(stream: TextIO) -> bool:
    """Return True if ``stream`` is a terminal (a stream without ``isatty`` is not)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stamped(line: str, stream: TextIO, now: Callable[[], datetime] = datetime.now) -> str:
    """Return ``line`` as a build writes it to ``stream``: off a terminal, after the time."""
    return line if is_terminal(stream) else f"{timestamp(now())} {line}"


def time_left(estimates: list[float], running: list[tuple[str, float]],
              workers: int) -> float:
    """Return the seconds left: work still expected (``estimates`` of the unfinished jobs,
    minus what the running ones have done) shared among ``workers``."""
    work = sum(estimates) - sum(seconds for _, seconds in running)
    return max(0.0, work) / max(1, workers)


class Progress:
    """Reports a build's progress to ``stream``: a bar on a terminal, log lines otherwise."""

    def __init__(self, total: int, workers: int, stream: TextIO | None = None,
                 interactive: bool | None = None,
                 clock: Callable[[], float] = time.perf_counter,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = (is_terminal(self.stream) if interactive is None else interactive)
        self.now = now
        self.total = total
        self.workers = workers
        self.done = 0
        self.failed = 0
        self.clock = clock
        self.started = clock()
        self._estimates: dict[str, float] = {}
        self._finished: list[float] = []
        self._last_draw = 0.0

    def expect(self, job_id: str, seconds: float) -> None:
        """Record a job's expected duration (from its previous run)."""
        self._estimates[job_id] = seconds

    def log(self, line: str) -> None:
        """Print a line (above the bar on a terminal; after the time off a terminal)."""
        if self.interactive:
            self.stream.write("\r\x1b[K")
        else:
            line = f"{timestamp(self.now())} {line}"
        self.stream.write(line + "\n")
        self.stream.flush()

    def started_job(self, job_id: str) -> None:
        """Note that a job started (logged when not on a terminal)."""
        if not self.interactive:
            self.log(f"[{self.done}/{self.total}] start {job_id}")

    def finished_job(self, job_id: str, status: str, seconds: float, error: str | None,
                     running: list[tuple[str, float]]) -> None:
        """Note that a job finished; print its outcome."""
        self.done += 1
        self.failed += status != "ok"
        self._estimates.pop(job_id, None)
        self._finished.append(seconds)
        outcome = "ok" if status == "ok" else f"FAILED: {error}"
        self.log(f"[{self.done}/{self.total}] {job_id} {outcome} ({format_seconds(seconds)})")
        self.tick(running, force=True)

    def tick(self, running: list[tuple[str, float]], force: bool = False) -> None:
        """Redraw the bar (terminal only; at most 5 times a second unless forced)."""
        now = self.clock()
        if not self.interactive or (not force and now - self._last_draw < 0.2):
            return
        self._last_draw = now
        self.stream.write("\r\x1b[K" + self.line(running, now))
        self.stream.flush()

    def line(self, running: list[tuple[str, float]], now: float | None = None) -> str:
        """Return the bar line: bar, done/total, failures, time left, running jobs."""
        now = self.clock() if now is None else now
        filled = int(BAR_WIDTH * self.done / self.total) if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        known = list(self._estimates.values())
        unknown = max(0, self.total - self.done - len(known))
        left: float | None = None
        if not unknown or self._finished:
            average = sum(self._finished) / len(self._finished) if self._finished else 0.0
            left = time_left(known + [average] * unknown, running, self.workers)
        parts = [f"[{bar}] {self.done}/{self.total}"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        parts.append("left ?" if left is None else f"left ~{format_seconds(left)}")
        if running:
            parts.append("running: " + ", ".join(f"{job} {format_seconds(s)}"
                                                 for job, s in running))
        width = shutil.get_terminal_size((100, 20)).columns - 1
        text = " | ".join(parts)
        return text if len(text) <= width else text[: max(0, width - 1)] + "…"

    def close(self) -> None:
        """End the bar's line (terminal only)."""
        if self.interactive:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

"""Progress of a build: a tqdm bar on a terminal, plain log lines otherwise (cron, CI).

The bar shows jobs done/total, failures, the running jobs with their time so far, and the
time left, estimated from the jobs' previous durations when the manifest knows them. Off a
terminal every line starts with the local time, ISO 8601 with its UTC offset
(``2026-11-29T15:04:05+09:00 [3/7] 2031-06-30.02_revenue ok (1.7s)``), so a log file says
when each thing happened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

BAR_FORMAT = "[{bar:24}] {n}/{total}{postfix}"  # tqdm puts ", " before a postfix


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


def timestamp(moment: datetime) -> str:
    """Return a moment in local time, ISO 8601 to the second with its offset:
    '2026-11-29T15:04:05+09:00'."""
    return moment.astimezone().isoformat(timespec="seconds")


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
    """Reports a build's progress to ``stream``: a tqdm bar on a terminal (failures, time left
    and the running jobs after it), log lines otherwise."""

    def __init__(self, total: int, workers: int, stream: TextIO | None = None,
                 interactive: bool | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = (is_terminal(self.stream) if interactive is None else interactive)
        self.now = now
        self.total = total
        self.workers = workers
        self.done = 0
        self.failed = 0
        self._estimates: dict[str, float] = {}
        self._finished: list[float] = []
        from tqdm import tqdm  # lazy: only a build with jobs to run shows progress

        self.bar = tqdm(total=total, file=self.stream, disable=not self.interactive,
                        leave=False, dynamic_ncols=True, ascii="-#",
                        bar_format=BAR_FORMAT)

    def expect(self, job_id: str, seconds: float) -> None:
        """Record a job's expected duration (from its previous run)."""
        self._estimates[job_id] = seconds

    def log(self, line: str) -> None:
        """Print a line (above the bar on a terminal; after the time off a terminal)."""
        if self.interactive:
            self.bar.write(line, file=self.stream)
            return
        self.stream.write(f"{timestamp(self.now())} {line}\n")
        self.stream.flush()

    def started_job(self, job_id: str) -> None:
        """Note that a job started (logged when not on a terminal)."""
        if not self.interactive:
            self.log(f"[{self.done}/{self.total}] start {job_id}")

    def finished_job(self, job_id: str, status: str, seconds: float,
                     error: str | None) -> None:
        """Note that a job finished; print its outcome."""
        self.done += 1
        self.failed += status != "ok"
        self._estimates.pop(job_id, None)
        self._finished.append(seconds)
        outcome = "ok" if status == "ok" else f"FAILED: {error}"
        self.log(f"[{self.done}/{self.total}] {job_id} {outcome} ({format_seconds(seconds)})")
        self.bar.update(1)

    def tick(self, running: list[tuple[str, float]]) -> None:
        """Redraw the bar with what follows it (terminal only)."""
        if self.interactive:
            self.bar.set_postfix_str(self.postfix(running))

    def postfix(self, running: list[tuple[str, float]]) -> str:
        """Return what follows the bar: failures, time left, running jobs."""
        known = list(self._estimates.values())
        unknown = max(0, self.total - self.done - len(known))
        parts = [f"{self.failed} failed"] if self.failed else []
        if unknown and not self._finished:
            parts.append("left ?")
        else:
            average = sum(self._finished) / len(self._finished) if self._finished else 0.0
            left = time_left(known + [average] * unknown, running, self.workers)
            parts.append(f"left ~{format_seconds(left)}")
        if running:
            parts.append("running: " + ", ".join(f"{job} {format_seconds(s)}"
                                                 for job, s in running))
        return " | ".join(parts)

    def close(self) -> None:
        """Clear the bar (terminal only)."""
        self.bar.close()

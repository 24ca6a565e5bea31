"""Workers: threads of this process, each driving one warm kernel, taking jobs from one queue;
a job is executed by papermill (:mod:`.engine`), rendered and written beside its last good
outputs.

A job's two outputs are written together: both to temporary names, then the notebook moved
into place and the page last; a failed move puts the previous pair back
(:func:`seoul_budget.atomic.write_together`). A failed run goes to
``<name>.failed.ipynb``/``.html`` and never replaces the last good output.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import stopping
from ..atomic import write_together
from ..catalog import KEY_FIGURE_METADATA, KEY_LINES_METADATA
from ..errors import KernelError, OutputError
from ..hashing import bytes_sha256
from ..textwidth import shorten
from .jobs import Job
from .kernel import WarmKernel, close_event_loop, remove_orphaned_socket_dirs
from .navigation import page_context
from .progress import utc_now
from .redact import Alias, redact, redact_notebook

# After stopping the kernels, how long close() waits for threads still starting one.
STOP_GRACE_S = 3.0
KEY_FIGURE_UNITS = 320  # text units (a Hangul syllable is 2): 160 syllables
KEY_LINES_SHOWN = 6  # the index names at most this many lines behind a key figure


@dataclass(frozen=True)
class WorkerOptions:
    """How workers run and write jobs: where outputs go, how the builder's folders are shown
    in them, rendering, the kernels' imports and the per-cell time limit (seconds)."""

    reports_dir: Path
    aliases: tuple[Alias, ...]
    with_code: bool
    preimports: tuple[str, ...]
    cell_timeout: int | None = 1200


@dataclass
class Result:
    """How a job went: status ('ok' or 'failed'), the error, when it started (UTC, ISO 8601)
    and how long it took (seconds), the outputs written ({kind: path relative to the reports
    folder}) and their SHA-256, time per step (seconds), the page's key figure, the traceback
    of an unexpected failure and, when the outputs could not be written, why."""

    job_id: str
    status: str
    error: str | None
    started: str
    duration_s: float
    written: dict[str, str] = field(default_factory=dict)
    output_sha256: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    key_figure: str = ""
    key_lines: list[int] = field(default_factory=list)
    traceback: str | None = None
    output_error: str | None = None


def key_figure(nb: Any) -> tuple[str, list[int]]:
    """Return the key figure an executed notebook declares for the index and the report lines
    (1-based, at most ``KEY_LINES_SHOWN``) behind it, so the index needs no table to show
    it: from the first output whose metadata carries ``seoul_budget_key_figure`` (and
    ``seoul_budget_key_lines``; :func:`seoul_budget.notebook.display.show_takeaways` puts
    them there); ('', []) if none does. Anything but a positive whole number is left out of
    the lines (the metadata comes from a notebook anyone may edit)."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            metadata = output.get("metadata") or {}
            value = metadata.get(KEY_FIGURE_METADATA)
            if isinstance(value, str) and value.strip():
                lines = metadata.get(KEY_LINES_METADATA)
                lines = [line for line in lines if type(line) is int and line > 0] \
                    if isinstance(lines, list) else []
                return shorten(value, KEY_FIGURE_UNITS), lines[:KEY_LINES_SHOWN]
    return "", []


def write_outputs(reports_dir: Path, job: Job, ipynb: bytes, html: bytes,
                  failed: bool) -> dict[str, str]:
    """Write a job's notebook and page together, the page last; return {kind: relative path}.
    Raises OutputError, the previous pair in place, when they cannot be written.

    A success also removes the stale ``.failed`` files of an earlier failure.
    """
    paths = {kind: job.output(f".{kind}", failed=failed) for kind in ("ipynb", "html")}
    write_together({reports_dir / paths["ipynb"]: ipynb, reports_dir / paths["html"]: html})
    if not failed:
        for kind in ("ipynb", "html"):
            # best effort: once the job is ok the index links its failed page no more
            with contextlib.suppress(OSError):
                (reports_dir / job.output(f".{kind}", failed=True)).unlink(missing_ok=True)
    return paths


@dataclass
class Executed:
    """A job its kernel has run: the notebook papermill returned (None when none came back)
    and its error, the result so far, and when the job started (``time.perf_counter``)."""

    job: Job
    result: Result
    started: float
    nb: Any = None
    error: str | None = None


def execute_job(kernel: WarmKernel, job: Job, options: WorkerOptions) -> Executed:
    """Execute one job on a warm kernel; return it executed, not yet rendered.

    Never raises: a failure of the kernel or of papermill is the job's failed result.
    """
    from .engine import execute

    executed = Executed(job, Result(job.id, "failed", None, utc_now(), 0.0), time.perf_counter())
    try:
        executed.nb, executed.error = execute(kernel, job.notebook.path, job.parameters,
                                              job.output(".ipynb"), options.cell_timeout)
        executed.result.timings["execute_s"] = time.perf_counter() - executed.started
    except KernelError as exc:  # no kernel to run it on: this job fails, the next may not
        executed.result.error = f"the kernel failed: {exc}"
    except Exception as exc:  # noqa: BLE001 - any failure is this job's, not the build's
        executed.result.error = f"{type(exc).__name__}: {exc}"
        executed.result.traceback = traceback.format_exc()
    return executed


def finish_job(executed: Executed, options: WorkerOptions,
               renderer: Callable[[], Any]) -> Result:
    """Render an executed job's page (with ``renderer()``) and write it with the notebook;
    return its result.

    Never raises: a failure of the rendering or the writing is a failed result with the
    error; the last good outputs stay untouched.
    """
    import nbformat

    from .render import normalize_cell_ids

    job, result, nb, error = executed.job, executed.result, executed.nb, executed.error
    try:
        if nb is not None:
            redact_notebook(nb, options.aliases)  # the builder's paths stay with the builder
            mark = time.perf_counter()
            html = renderer().render(nb, job.title, page_context(job)).encode("utf-8")
            normalize_cell_ids(nb)
            ipynb = nbformat.writes(nb).encode("utf-8")
            result.timings["render_s"] = time.perf_counter() - mark
            mark = time.perf_counter()
            result.written = write_outputs(options.reports_dir, job, ipynb, html,
                                           failed=error is not None)
            result.timings["write_s"] = time.perf_counter() - mark
            result.output_sha256 = {"html": bytes_sha256(html), "ipynb": bytes_sha256(ipynb)}
            result.status = "ok" if error is None else "failed"
            result.error = redact(error, options.aliases) if error else None
            if error is None:
                result.key_figure, result.key_lines = key_figure(nb)
    except OutputError as exc:  # the environment's, said in one line; the build exits 2
        result.error, result.output_error = f"cannot write the outputs: {exc}", str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure is this job's, not the build's
        result.error, result.traceback = f"{type(exc).__name__}: {exc}", traceback.format_exc()
    result.duration_s = round(time.perf_counter() - executed.started, 3)
    return result


Event = tuple[str, Job | None, Result | None]


class KernelPool:
    """N warm kernels, each driven by a thread of this process, fed jobs from one queue.

    The kernels are the worker processes: each is started once, imports the usual modules
    once, and runs many notebooks, reset in between. Threads (not extra Python processes)
    drive them: the CPU-heavy work happens in the kernels. A kernel's parent is this
    process: if it is killed, even with SIGKILL, the kernels notice within a second and exit.
    A kernel takes its next job as soon as it has run one: one more thread renders the
    executed notebooks' pages and writes them, one at a time (its templates compile once).
    """

    def __init__(self, size: int, options: WorkerOptions) -> None:
        self.size = size
        self.options = options
        self.jobs: queue.Queue[Job | None] = queue.Queue()
        self.events: queue.Queue[tuple[str, Any, Any]] = queue.Queue()
        self.kernels: list[WarmKernel] = []
        self.running: dict[int, tuple[str, float]] = {}
        self.ready_s: list[float] = []
        self.lock = threading.Lock()
        self.executed: queue.Queue[Executed | None] = queue.Queue()
        self.finisher: threading.Thread | None = None
        self.renderer: Any = None
        self.closing = False
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start a thread per kernel, each starting and warming its kernel. Called inside
        the ``try`` whose ``finally`` closes the pool: a signal between a thread's start and
        the pool's assignment would leave a kernel no one stops."""
        remove_orphaned_socket_dirs()  # left by builds killed with SIGKILL
        self.finisher = threading.Thread(target=self.finish, daemon=True,
                                         name="seoul-budget-pages")
        self.finisher.start()
        for slot in range(self.size):
            thread = threading.Thread(target=self.drive, args=(slot,), daemon=True,
                                      name=f"seoul-budget-kernel-{slot}")
            self.threads.append(thread)
            thread.start()

    def start_kernel(self) -> WarmKernel | None:
        """Start and warm a kernel and return it; one that fails while starting is replaced
        once. Returns None (the slot reported broken) when the second fails too, or when
        the pool is closing."""
        for attempt in (1, 2):
            kernel = WarmKernel(preimports=self.options.preimports)
            with self.lock:
                self.kernels.append(kernel)
                if self.closing:
                    kernel.stop()
            started = time.perf_counter()
            try:
                kernel.start()
            except Exception as exc:  # noqa: BLE001 - reported; the other kernels carry on
                kernel.shutdown()
                if attempt == 2 or kernel.stopped:
                    self.events.put(("broken", None, f"{type(exc).__name__}: {exc}"))
                continue
            self.ready_s.append(time.perf_counter() - started)
            return kernel
        return None

    def drive(self, slot: int) -> None:
        """Thread body: start and warm a kernel, then run jobs until told to stop; at the end
        shut the kernel down, then close the thread's event loop."""
        with contextlib.ExitStack() as leaving:  # its callbacks run last first
            leaving.callback(close_event_loop)
            kernel = self.start_kernel()
            if kernel is None:
                return
            leaving.callback(kernel.shutdown)
            while (job := self.jobs.get()) is not None:
                with self.lock:
                    self.running[slot] = (job.id, time.perf_counter())
                self.events.put(("started", job, None))
                executed = execute_job(kernel, job, self.options)
                with self.lock:
                    self.running.pop(slot, None)
                self.executed.put(executed)

    def finish(self) -> None:
        """Thread body: render and write each executed job, then report it done."""
        while (executed := self.executed.get()) is not None:
            self.events.put(("done", executed.job, finish_job(executed, self.options,
                                                               self.page_renderer)))

    def page_renderer(self) -> Any:
        """Return the pages' renderer, made at the first page (not while this process parses
        the snapshots); only the page thread calls it."""
        if self.renderer is None:
            from .render import Renderer

            self.renderer = Renderer(with_code=self.options.with_code)
        return self.renderer

    def in_progress(self) -> list[tuple[str, float]]:
        """Return (job id, seconds running) of the jobs in progress."""
        now = time.perf_counter()
        with self.lock:
            return [(job, now - since) for job, since in self.running.values()]

    def run(self, jobs: list[Job]) -> Iterator[Event]:
        """Run every job; yield ('started', job, None) and ('done', job, result) as they go,
        and ('waiting', None, None) when nothing happened for 0.2 s. Raises
        KeyboardInterrupt or stopping.Terminated when a signal asked the build to stop."""
        for job in jobs:
            self.jobs.put(job)
        remaining, alive = len(jobs), self.size
        while remaining:
            stopping.raise_if_requested()  # a signal whose exception was swallowed
            try:
                kind, job, detail = self.events.get(timeout=0.2)
            except queue.Empty:
                yield "waiting", None, None
                continue
            if kind == "broken":
                alive -= 1
                if alive == 0:  # no kernel left: every job not taken fails
                    while remaining and (left := self.jobs.get_nowait()) is not None:
                        remaining -= 1
                        yield "done", left, Result(left.id, "failed", "no kernel could be "
                                                   f"started ({detail})", utc_now(), 0.0)
                continue
            remaining -= kind == "done"
            yield kind, job, detail

    def close(self, wait_s: float = 10.0) -> None:
        """Stop the kernels: let the threads finish (up to ``wait_s``), then kill any kernel
        still running and remove its folder. ``wait_s=0`` aborts at once (used when the build
        fails or is interrupted: SIGINT, SIGTERM)."""
        with self.lock:
            self.closing = True
        started = [thread for thread in self.threads if thread.ident is not None]
        for _ in started:
            self.jobs.put(None)
        if wait_s > 0:
            deadline = time.monotonic() + wait_s
            for thread in started:
                thread.join(max(0.0, deadline - time.monotonic()))
        self.executed.put(None)  # after the kernel threads: every executed job is finished
        if wait_s > 0 and self.finisher is not None:
            self.finisher.join(max(0.0, deadline - time.monotonic()))
        with self.lock:
            kernels = list(self.kernels)
        for kernel in kernels:
            kernel.stop()
        # A thread still starting a kernel sees the stop and kills what it started: wait for
        # that briefly, so no kernel outlives the build (daemon threads die with the process).
        deadline = time.monotonic() + STOP_GRACE_S
        for thread in started:
            thread.join(max(0.0, deadline - time.monotonic()))

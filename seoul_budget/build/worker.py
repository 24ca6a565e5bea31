"""Workers: warm kernels that run jobs; the results rendered and written beside them.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import stopping
from ..atomic import write_together
from ..errors import OutputError
from ..hashing import bytes_sha256
from .keyfigure import key_figure
from .redact import redact, redact_notebook

# After stopping the kernels, how long close() waits for threads still starting one.
STOP_GRACE_S = 3.0
Spec = dict[str, Any]
Result = dict[str, Any]


@dataclass(frozen=True)
class WorkerOptions:
    """How workers run notebooks: rendering, kernel imports and timeouts."""

    with_code: bool
    preimports: tuple[str, ...]
    cell_timeout: int | None = 1200
    recycle_after: int = 100


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with seconds ('2023-06-01T04:05:06Z')."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_outputs(reports_dir: Path, spec: Spec, ipynb: bytes, html: bytes,
                  failed: bool) -> dict[str, str]:
    """Write a job's notebook and page together, the page last; return {kind: relative path}.
    Raises OutputError, the previous pair in place, when they cannot be written.

    A success also removes the stale ``.failed`` files of an earlier failure.
    """
    paths = spec["failed_outputs"] if failed else spec["outputs"]
    write_together({reports_dir / paths["ipynb"]: ipynb, reports_dir / paths["html"]: html})
    if not failed:
        for rel in spec["failed_outputs"].values():
            # best effort: once the job is ok the index links its failed page no more
            with contextlib.suppress(OSError):
                (reports_dir / rel).unlink(missing_ok=True)
    return dict(paths)


def run_job(kernel: Any, renderer: Any, spec: Spec) -> Result:
    """Execute one job on a warm kernel, render and write it; return its result record.

    Never raises: a failure of the notebook, the kernel or the rendering becomes
    ``status: failed`` with the error; the last good outputs stay untouched.
    """
    import nbformat

    from .engine import parameterize, run_notebook

    started_wall, started = utc_now(), time.perf_counter()
    timings: dict[str, float] = {}
    trace = output_error = None
    summary = ""
    reports_dir = Path(spec["reports_dir"])
    try:
        nb = parameterize(Path(spec["notebook_path"]), spec["parameters"])
        run = run_notebook(kernel, nb, Path(spec["notebook_path"]).parent)
        aliases = [tuple(pair) for pair in spec.get("aliases", [])]
        redact_notebook(run.nb, aliases)  # the builder's paths stay with the builder
        if run.error:
            run.error = redact(run.error, aliases)
        timings.update(reset_s=run.reset_s, execute_s=run.execute_s)
        mark = time.perf_counter()
        html = renderer.render(run.nb, spec["title"], spec.get("page")).encode("utf-8")
        from .render import normalize_cell_ids

        normalize_cell_ids(run.nb)
        ipynb = nbformat.writes(run.nb).encode("utf-8")
        summary = key_figure(run.nb)
        timings["render_s"] = time.perf_counter() - mark
        mark = time.perf_counter()
        written = write_outputs(reports_dir, spec, ipynb, html, failed=run.error is not None)
        timings["write_s"] = time.perf_counter() - mark
        status, error = ("failed", run.error) if run.error else ("ok", None)
        hashes = {"html": bytes_sha256(html), "ipynb": bytes_sha256(ipynb)}
    except OutputError as exc:  # the environment's, said in one line; the build exits 2
        status, error, written, hashes = "failed", f"cannot write the outputs: {exc}", {}, {}
        summary, output_error = "", str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure is this job's, not the build's
        status, error, written, hashes = "failed", f"{type(exc).__name__}: {exc}", {}, {}
        summary, trace = "", traceback.format_exc()
    return {"id": spec["id"], "status": status, "error": error, "started": started_wall,
            "duration_s": round(time.perf_counter() - started, 3), "written": written,
            "output_sha256": hashes, "timings": timings, "key_figure": summary,
            "traceback": trace, "output_error": output_error}


class KernelPool:
    """N warm kernels, each driven by a thread of this process, fed jobs from one queue.

    The kernels are the worker processes: each is started once, imports the usual modules
    once, and runs many notebooks, reset in between. Driving them from threads (not from
    extra Python processes) saves a Python start and the Jupyter imports per worker; the
    CPU-heavy work happens in the kernels. A kernel's parent is this process: if it is
    killed, even with SIGKILL, the kernels notice within a second and exit.
    """

    def __init__(self, size: int, options: WorkerOptions) -> None:
        self.options = options
        self.size = size
        self._jobs: queue.Queue[Spec | None] = queue.Queue()
        self._events: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._kernels: dict[int, Any] = {}
        self._running: dict[int, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._render_lock = threading.Lock()
        self._renderer: Any = None
        self._closing = False
        self.warmups: list[dict[str, float]] = []
        self._threads = [threading.Thread(target=self._drive, args=(slot,), daemon=True,
                                          name=f"seoul-budget-kernel-{slot}")
                         for slot in range(size)]
        for thread in self._threads:
            thread.start()
        from .kernel import remove_orphaned_socket_dirs  # lazy: Jupyter, loaded by the threads

        remove_orphaned_socket_dirs()  # left by builds killed with SIGKILL

    def _start_kernel(self, slot: int) -> Any:
        """Start and warm a kernel for ``slot`` and return it; one that dies or fails while
        starting is replaced once. Returns None (the slot reported broken) when the second
        fails too, or when the pool is closing."""
        from .kernel import WarmKernel

        for attempt in (1, 2):
            kernel = WarmKernel(preimports=self.options.preimports,
                                cell_timeout=self.options.cell_timeout,
                                recycle_after=self.options.recycle_after)
            with self._lock:
                self._kernels[slot] = kernel
                if self._closing:
                    kernel.stop()
            try:
                started = time.perf_counter()
                kernel.launch()
                kernel.send_warmup()
                # papermill's 0.3 s of imports, while the kernel imports (not before it starts)
                from .engine import run_notebook  # noqa: F401
                kernel.warm_up()
                self._events.put(("ready", slot,
                                  {**kernel.timings, "ready_s": time.perf_counter() - started}))
                return kernel
            except Exception as exc:  # noqa: BLE001 - reported; the other kernels carry on
                kernel.shutdown()
                if attempt == 2 or kernel.stopped:
                    self._events.put(("broken", slot, f"{type(exc).__name__}: {exc}"))
        return None

    def _drive(self, slot: int) -> None:
        """Thread body: start and warm a kernel, then run jobs until told to stop."""
        kernel = self._start_kernel(slot)
        if kernel is None:
            return
        try:
            while True:
                spec = self._jobs.get()
                if spec is None:
                    break
                with self._lock:
                    self._running[slot] = (spec["id"], time.perf_counter())
                self._events.put(("started", slot, spec))
                result = run_job(kernel, self, spec)
                with self._lock:
                    self._running.pop(slot, None)
                self._events.put(("done", slot, spec, result))
        finally:
            kernel.shutdown()

    def _shared_renderer(self) -> Any:
        """Return the one renderer all threads share (created and warmed up on first use).

        Rendering holds the GIL anyway, so one renderer behind a lock loses no parallelism
        and compiles the templates once instead of once per kernel.
        """
        with self._render_lock:
            if self._renderer is None:
                from .render import Renderer

                self._renderer = Renderer(with_code=self.options.with_code)
                self._renderer.warm_up()
            return self._renderer

    def render(self, nb: Any, title: str, page: dict[str, Any] | None = None) -> str:
        """Render a page with the shared renderer (one page at a time)."""
        renderer = self._shared_renderer()
        with self._render_lock:
            return renderer.render(nb, title, page)

    def running(self) -> list[tuple[str, float]]:
        """Return (job id, seconds running) of the jobs in progress."""
        now = time.perf_counter()
        with self._lock:
            return [(job, now - since) for job, since in self._running.values()]

    def run(self, specs: list[Spec], on_start: Callable[[Spec], None],
            on_done: Callable[[Spec, Result], None], on_tick: Callable[[], None]) -> None:
        """Run every job; call ``on_start``/``on_done`` as they go, ``on_tick`` now and then.

        Callbacks run in the calling thread, so they need no locking.
        """
        for spec in specs:
            self._jobs.put(spec)
        # The renderer loads while the first notebooks run, when this process has little to
        # do, not while it parses the snapshots and the kernels warm up (every core is busy
        # then, and the jobs wait for the parse); the first page waits for it if need be.
        threading.Thread(target=self._shared_renderer, daemon=True,
                         name="seoul-budget-renderer").start()
        remaining, alive = len(specs), self.size
        while remaining:
            stopping.raise_if_requested()  # a signal whose exception was swallowed
            try:
                event = self._events.get(timeout=0.2)
            except queue.Empty:
                on_tick()
                continue
            kind = event[0]
            if kind == "ready":
                self.warmups.append(event[2])
            elif kind == "started":
                on_start(event[2])
            elif kind == "done":
                remaining -= 1
                on_done(event[2], event[3])
            elif kind == "broken":
                alive -= 1
                if alive == 0:  # no kernel left: every job not taken fails
                    while remaining:
                        spec = self._jobs.get()
                        if spec is None:
                            continue
                        remaining -= 1
                        on_done(spec, failure(spec, f"no kernel could be started ({event[2]})"))
            on_tick()

    def close(self, wait_s: float = 10.0) -> None:
        """Stop the kernels: let the threads finish (up to ``wait_s``), then kill any kernel
        still running and remove its folder. ``wait_s=0`` aborts at once (used when the build
        fails or is interrupted: SIGINT, SIGTERM)."""
        with self._lock:
            self._closing = True
        for _ in self._threads:
            self._jobs.put(None)
        if wait_s > 0:
            deadline = time.monotonic() + wait_s
            for thread in self._threads:
                thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            kernels = list(self._kernels.values())
        for kernel in kernels:
            kernel.stop()
        # A thread still starting a kernel sees the stop and kills what it started: wait for
        # that briefly, so no kernel outlives the build (daemon threads die with the process).
        deadline = time.monotonic() + STOP_GRACE_S
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def failure(spec: Spec, reason: str) -> Result:
    """Return the result record of a job that could not run."""
    return {"id": spec["id"], "status": "failed", "error": reason, "started": utc_now(),
            "duration_s": 0.0, "written": {}, "output_sha256": {}, "timings": {},
            "key_figure": "", "traceback": None, "output_error": None}

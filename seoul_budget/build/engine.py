"""papermill on warm kernels: an engine registered with papermill, and the notebook papermill
writes kept in memory.

Every job runs through ``papermill.execute_notebook`` (:func:`execute`): papermill injects the
parameters, records its metadata and marks a failure with its error banner, exactly as for
any engine (a notebook ending in ``sys.exit(0)`` succeeds). :class:`WarmEngine` runs the
notebook on a warm kernel, put back first into its state after the warm-up. A kernel that
dies, or a cell that runs past the time limit, becomes an error output of the cell that was
running, which papermill then marks like any other error; that kernel is replaced before its
next notebook. papermill writes the executed notebook to ``seoul-budget://<output>``, an I/O
handler that keeps it in this process until the worker takes it.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.iorw import papermill_io
from papermill.log import logger

from .kernel import KERNEL_NAME, WarmKernel

ENGINE_NAME = "seoul-budget-warm"
SCHEME = "seoul-budget://"


class WarmEngine(Engine):
    """papermill's engine for a kernel that is already running: ``kernel=`` a WarmKernel."""

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None,
                                 execution_timeout: int | None = None,
                                 kernel: WarmKernel | None = None, input_path: str = "",
                                 **kwargs: Any) -> Any:
        """Reset ``kernel`` (the notebook's folder its working folder) and execute
        ``nb_man.nb`` on it with papermill's nbclient client; return the notebook."""
        if kernel is None:
            raise TypeError("the seoul-budget engine runs on a warm kernel: pass kernel=")
        kernel.prepare(Path(input_path).resolve().parent)
        running: dict[str, Any] = {}
        client = PapermillNotebookClient(
            nb_man, km=kernel.km, timeout=execution_timeout, kernel_name=kernel_name,
            log=logger, log_output=log_output, stdout_file=stdout_file,
            stderr_file=stderr_file, on_cell_start=lambda cell, cell_index: running.update(
                cell=cell, index=cell_index))
        client.kc = kernel.kc
        try:
            return client.execute()
        except (DeadKernelError, CellTimeoutError) as exc:
            kernel.broken = (f"a cell ran longer than {execution_timeout} s"
                             if isinstance(exc, CellTimeoutError) else "the kernel died")
            cell = running["cell"]
            cell.outputs.append(nbformat.v4.new_output(
                "error", ename=type(exc).__name__, evalue=kernel.broken,
                traceback=[f"{type(exc).__name__}: {kernel.broken}"]))
            nb_man.cell_exception(cell, cell_index=running["index"])
            return nb_man.nb


class ScratchIO:
    """papermill I/O for ``seoul-budget://`` paths: notebooks kept in memory until taken."""

    def __init__(self) -> None:
        self.notebooks: dict[str, str] = {}
        self.lock = threading.Lock()

    def read(self, path: str) -> str:
        """Return the notebook written to ``path``."""
        with self.lock:
            return self.notebooks[path]

    def write(self, buf: str, path: str) -> None:
        """Keep the notebook ``buf`` written to ``path``."""
        with self.lock:
            self.notebooks[path] = buf

    def pretty_path(self, path: str) -> str:
        """Return ``path`` as papermill's log shows it."""
        return path

    def take(self, path: str) -> str | None:
        """Return the notebook written to ``path`` and forget it (None if none was)."""
        with self.lock:
            return self.notebooks.pop(path, None)


SCRATCH = ScratchIO()


@functools.cache
def register() -> None:
    """Register the engine and the scratch I/O with papermill (once per process)."""
    papermill_engines.register(ENGINE_NAME, WarmEngine)
    papermill_io.register(SCHEME, SCRATCH)


def execute(kernel: WarmKernel, notebook: Path, parameters: dict[str, str], output: str,
            cell_timeout: int | None) -> tuple[nbformat.NotebookNode, str | None]:
    """Run ``notebook`` with ``parameters`` on ``kernel`` through papermill; return the
    executed notebook (papermill's error banner on a failed one) and the error as
    'Name: value (In [n])', None when it succeeded. ``output`` names the run in papermill's
    metadata. Raises KernelError when no working kernel could be had."""
    register()
    path = SCHEME + output
    try:
        papermill.execute_notebook(
            str(notebook), path, parameters=parameters, engine_name=ENGINE_NAME,
            request_save_on_cell_execute=False, kernel_name=KERNEL_NAME, language="python",
            progress_bar=False, kernel=kernel, execution_timeout=cell_timeout)
        error = None
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue} (In [{exc.exec_count}])"
    finally:
        written = SCRATCH.take(path)
    assert written is not None  # papermill writes the notebook before it returns or raises
    return nbformat.reads(written, as_version=4), error

"""Papermill's part of a build job: parameters injected into a notebook, the notebook executed
on a warm kernel's client, and papermill's error banners on a failed one.

Apart from :mod:`.kernel` so that starting a kernel does not wait for papermill's imports
(0.3 s): the kernel threads load this module while their kernels warm up.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine
from papermill.exceptions import PapermillExecutionError
from papermill.execute import (
    ERROR_ANCHOR_MSG,
    ERROR_MARKER_TAG,
    ERROR_MESSAGE_TEMPLATE,
    prepare_notebook_metadata,
    remove_error_markers,
)
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from .kernel import KERNEL_NAME, Execution, KernelError, WarmKernel, log, reset_code


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, pointed at an already running kernel and client."""

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 warm: WarmKernel | None = None,
                                 execution_timeout: int | None = None, **kwargs: Any) -> Any:
        """Execute ``nb_man.nb`` on ``warm``'s kernel; return the executed notebook."""
        assert warm is not None and warm.km is not None
        client = PapermillNotebookClient(nb_man, km=warm.km, timeout=execution_timeout,
                                         kernel_name=kernel_name, log=log,
                                         log_output=log_output)
        client.kc = warm.kc
        return client.execute()


def parameterize(path: Path, parameters: dict[str, str]) -> nbformat.NotebookNode:
    """Return the notebook at ``path`` with papermill's injected-parameters cell."""
    nb = load_notebook_node(str(path))  # also gives every cell the metadata papermill expects
    nb = parameterize_notebook(nb, parameters, report_mode=False, kernel_name=KERNEL_NAME,
                               language="python")
    nb = prepare_notebook_metadata(nb, str(path), None)
    return remove_error_markers(nb)


def _error_cells(message: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    top = nbformat.v4.new_markdown_cell(message)
    anchor = nbformat.v4.new_markdown_cell(ERROR_ANCHOR_MSG)
    for cell in (top, anchor):
        cell.metadata["tags"] = [ERROR_MARKER_TAG]
    return top, anchor


def find_error(nb: nbformat.NotebookNode) -> PapermillExecutionError | None:
    """Return the first cell error of an executed notebook (papermill's rule), or None.

    ``SystemExit`` with no code or code 0 is not an error.
    """
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            if output.get("ename") == "SystemExit" and output.get("evalue") in ("", "0"):
                continue
            return PapermillExecutionError(index, cell.get("execution_count"), cell.source,
                                           output.get("ename"), output.get("evalue"),
                                           output.get("traceback", []))
        if cell.get("metadata", {}).get("papermill", {}).get("exception") is True:
            return PapermillExecutionError(index, cell.get("execution_count"), cell.source,
                                           "CellExecutionError", "", [])
    return None


def mark_error(nb: nbformat.NotebookNode) -> str | None:
    """Put papermill's error banner on a failed notebook; return 'Name: value (In [n])'.

    Returns None (and changes nothing) when no cell failed.
    """
    error = find_error(nb)
    if error is None:
        return None
    top, anchor = _error_cells(ERROR_MESSAGE_TEMPLATE % str(error.exec_count))
    nb.cells.insert(error.cell_index, anchor)
    nb.cells.insert(0, top)
    return f"{error.ename}: {error.evalue} (In [{error.exec_count}])"


def mark_kernel_failure(nb: nbformat.NotebookNode, message: str) -> str:
    """Put a banner saying the kernel failed at the top of a notebook; return the message."""
    top, _ = _error_cells(
        '<span style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; '
        f'font-size:2em;">커널 오류: {message}</span>')
    nb.cells.insert(0, top)
    return message


def run_notebook(kernel: WarmKernel, nb: nbformat.NotebookNode, cwd: Path) -> Execution:
    """Run a parameterized notebook in ``cwd`` from the baseline state; never raises for a
    failing notebook (the error is returned and shown in the notebook)."""
    restarted = False
    if kernel.km is None or kernel.runs >= kernel.recycle_after:
        kernel.restart() if kernel.km is not None else kernel.start()
        restarted = True
    started = time.perf_counter()
    try:
        kernel.run_silent(reset_code(cwd), timeout=60)
    except (KernelError, DeadKernelError, TimeoutError, RuntimeError):
        kernel.restart()
        restarted = True
        kernel.run_silent(reset_code(cwd), timeout=60)
    reset_s = time.perf_counter() - started
    kernel.runs += 1
    started = time.perf_counter()
    error: str | None
    try:
        WarmEngine.execute_notebook(nb, KERNEL_NAME, output_path=None, progress_bar=False,
                                    log_output=False, warm=kernel,
                                    execution_timeout=kernel.cell_timeout)
        error = mark_error(nb)
    except DeadKernelError as exc:
        error = mark_kernel_failure(nb, f"the kernel died ({exc})")
        kernel.restart()
        restarted = True
    except (CellTimeoutError, TimeoutError) as exc:
        error = mark_kernel_failure(nb, f"a cell ran longer than {kernel.cell_timeout} s "
                                        f"({type(exc).__name__})")
        kernel.restart()
        restarted = True
    return Execution(nb=nb, error=error, reset_s=reset_s,
                     execute_s=time.perf_counter() - started, kernel_restarted=restarted)

"""Re-execute the section notebooks with their default parameters on the bundled report, and
write what they give to the tests' reference copies.

    .venv/bin/python tests/refresh_notebooks.py [notebooks/01_staffing.ipynb ...]

``notebooks/`` is committed without outputs: an analyst opening a notebook for another
bureau sees none of the bundled bureau's figures. The outputs of the bundled data, which
nbval compares (tests/acceptance/test_nbval.py), live in ``tests/fixtures/executed/``. Run
this after changing a notebook or what it shows, review the diff of the outputs, and commit.
Each notebook in ``notebooks/`` is written back without outputs (in case it was saved with
some); execution timing and other run-specific metadata are stripped from the reference so it
only changes when an output does. A notebook that fails leaves its reference untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "tests" / "fixtures" / "executed"
# The reference outputs are those of the bundled snapshot: the tests' own copy of it, whatever
# later months data/raw holds (nbval runs on this copy too).
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data" / "raw"
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled", "papermill", "ExecuteTime")


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return ``notebook`` without timing and run-specific metadata."""
    for key in ("papermill", "widgets"):
        notebook.metadata.pop(key, None)
    notebook.metadata.get("language_info", {}).pop("version", None)  # the refresher's Python
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    return notebook


def without_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return ``notebook`` with no code cell's outputs or execution count."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def write_atomic(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Write ``notebook`` to ``path`` through a temporary file beside it."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=path.parent)
    os.close(handle)
    try:
        nbformat.write(notebook, temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def refresh(path: Path, timeout: int = 120) -> None:
    """Execute ``path`` top to bottom in its folder; write the result to its reference in
    :data:`EXECUTED` and ``path`` back without outputs."""
    notebook = strip_volatile(without_outputs(nbformat.read(path, as_version=4)))
    write_atomic(notebook, path)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    EXECUTED.mkdir(parents=True, exist_ok=True)
    write_atomic(strip_volatile(notebook), EXECUTED / path.name)


def main(argv: list[str]) -> int:
    os.environ["SEOUL_BUDGET_DATA"] = str(FIXTURE_DATA)
    paths = [Path(p) for p in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        print(f"executing {path.name} ...", flush=True)
        refresh(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

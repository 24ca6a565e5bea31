"""Re-execute the section notebooks in place, with their default parameters.

    .venv/bin/python tests/refresh_notebooks.py [notebooks/01_staffing.ipynb ...]

The committed notebooks carry the outputs of the bundled data, which nbval compares
(tests/acceptance/test_notebooks.py). Run this after changing a notebook or what it shows,
review the diff of the outputs, and commit. Execution timing and other run-specific metadata
are stripped so the files only change when an output does. A notebook that fails is left untouched.
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
# The committed outputs are those of the bundled snapshot: the tests' own copy of it, whatever
# later months data/raw holds (nbval compares against this copy too).
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


def refresh(path: Path, timeout: int = 120) -> None:
    """Execute ``path`` top to bottom in its folder and write it back atomically."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    strip_volatile(notebook)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=path.parent)
    os.close(handle)
    try:
        nbformat.write(notebook, temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def main(argv: list[str]) -> int:
    os.environ["SEOUL_BUDGET_DATA"] = str(FIXTURE_DATA)
    paths = [Path(p) for p in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        print(f"executing {path.name} ...", flush=True)
        refresh(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

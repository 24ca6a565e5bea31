"""The section notebooks for tests: where they are, their names in order, reading one or its
executed reference, and running a command (papermill, nbval, ruff) in the environment the
notebooks use.

``notebooks/`` holds the notebooks without outputs: an analyst opening one for another
bureau sees no other bureau's figures. The tests own what running them on the bundled report
gives: ``tests/fixtures/executed/`` (written by tests/refresh_notebooks.py, compared by nbval).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nbformat
from bundled import RAW

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
EXECUTED_DIR = ROOT / "tests" / "fixtures" / "executed"
NAMES = ["00_overview", "01_staffing", "02_revenue", "03_expenditure", "04_settlement",
         "05_key_projects", "06_trends"]


def read(name: str) -> nbformat.NotebookNode:
    """Return the committed notebook ``name`` (its stem), as analysts get it: no outputs."""
    return nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)


def read_executed(name: str) -> nbformat.NotebookNode:
    """Return notebook ``name`` as run on the bundled report (the tests' reference)."""
    return nbformat.read(EXECUTED_DIR / f"{name}.ipynb", as_version=4)


def run(args: list[str], cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``args`` with warnings shown and the tests' data folder as the default one."""
    env = {**os.environ, "PYTHONWARNINGS": "default", "SEOUL_BUDGET_ROOT": str(ROOT),
           "SEOUL_BUDGET_DATA": str(RAW)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)

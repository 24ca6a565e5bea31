"""The section notebooks for tests: where they are, their names in order, reading one, and
running a command (papermill, nbval, ruff) in the environment the notebooks use."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nbformat
from bundled import RAW

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NAMES = ["00_overview", "01_staffing", "02_revenue", "03_expenditure", "04_settlement",
         "05_key_projects", "06_trends"]


def read(name: str) -> nbformat.NotebookNode:
    """Return the committed notebook ``name`` (its stem)."""
    return nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)


def run(args: list[str], cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``args`` with warnings shown and the tests' data folder as the default one."""
    env = {**os.environ, "PYTHONWARNINGS": "default", "SEOUL_BUDGET_ROOT": str(ROOT),
           "SEOUL_BUDGET_DATA": str(RAW)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)

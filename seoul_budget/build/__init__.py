"""The build runner: notebooks × snapshots (× departments) into executed notebooks and HTML.

Modules, one job each: ``config`` (folders, options, job selection), ``jobs`` (what to run),
``plan`` (which jobs are due), ``prepare`` (each snapshot's processed folder),
``fingerprint`` (what an output was made from), ``manifest`` (what was built), ``kernel``
and ``kernel_state`` (warm kernels, reset between notebooks), ``engine`` (papermill's engine
for a warm kernel: every job runs through ``papermill.execute_notebook``), ``worker``
(threads that drive the kernels), ``render`` and ``webfont`` (HTML for reviewers), ``index``
(reports/index.html), ``progress`` (bar or log lines), ``runner`` (the command).
Importing this package stays light: Jupyter machinery loads only when work is due.
"""

from __future__ import annotations

from typing import Any

from .config import BuildConfig, JobSelection

__all__ = ["BuildConfig", "JobSelection", "list_jobs", "run_build"]


def __getattr__(name: str) -> Any:
    if name in ("list_jobs", "run_build"):  # lazy: the runner imports the index templates
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'seoul_budget.build' has no attribute {name!r}")

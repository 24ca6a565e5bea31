"""The build runner: notebooks × snapshots (× departments) into executed notebooks and HTML.

Modules, one job each: ``config`` (folders, options, job selection), ``jobs`` (what to run),
``plan`` (each job's inputs and fingerprint; which jobs are due), ``prepare`` (each
snapshot's processed folder), ``withdraw`` (snapshots gone from the data folder),
``manifest`` (what was built), ``kernel`` and ``kernel_state`` (warm kernels, reset between
notebooks), ``engine`` (papermill's engine for a warm kernel: every job runs through
``papermill.execute_notebook``), ``worker`` (threads that drive the kernels), ``redact``
(the builder's folders out of the outputs), ``render``, ``navigation``, ``source_page`` and
``webfont`` (HTML for reviewers), ``index`` (reports/index.html), ``progress`` (bar or log
lines), ``outcome`` (exit status and closing lines), ``runner`` (the command).
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

"""The build runner: notebooks × snapshots (× departments) into executed notebooks and HTML.

Modules, one job each: ``jobs`` (what to run), ``fingerprint`` (what an output was made
from), ``manifest`` (what was built), ``kernel`` and ``kernel_state`` (warm kernels reset
between notebooks), ``worker`` (processes that run jobs), ``render`` and ``fonts`` (HTML for
reviewers), ``index`` (reports/index.html), ``progress`` (bar or log lines), ``runner`` (the
command). Importing this package stays light: Jupyter machinery loads only when work is due.
"""

from __future__ import annotations

import argparse


def run_build(args: argparse.Namespace) -> int:
    """Run ``seoul-budget build`` (see :mod:`seoul_budget.build.runner`); return the exit code."""
    from .runner import run_build as _run_build

    return _run_build(args)


__all__ = ["run_build"]

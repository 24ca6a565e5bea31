"""seoul_budget: the Digital Policy Bureau's 2023 work report as tidy, validated tables.

>>> import seoul_budget as sb
>>> report = sb.load_report("data/raw/2023-05-31/report.txt")
>>> report.expenditure.budget.sum()

``Report``, ``load_report`` and ``reconcile`` are imported on first use, so commands that
need no table (a build with nothing to rebuild, ``--help``) do not pay for pandas.
"""

from __future__ import annotations

from typing import Any

from .departments import DEPARTMENTS
from .errors import (
    ErrataError,
    OrganisationError,
    ParameterError,
    ReportParseError,
    SeoulBudgetError,
)
from .version import __version__

__all__ = ["DEPARTMENTS", "ErrataError", "OrganisationError", "ParameterError", "Report",
           "ReportParseError", "SeoulBudgetError", "load_report", "reconcile", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Report", "load_report"):
        from . import report

        return getattr(report, name)
    if name == "reconcile":
        from .reconciliation import reconcile

        return reconcile
    raise AttributeError(f"module 'seoul_budget' has no attribute {name!r}")

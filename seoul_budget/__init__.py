"""seoul_budget: a Seoul bureau's work report (업무보고) as tidy, validated tables.

>>> import seoul_budget as sb
>>> report = sb.load_report()                    # the newest snapshot of the data folder
>>> report.bureau, report.fiscal_year            # what it is about, as it prints it
>>> report = sb.load_report(as_of="YYYY-MM-DD")  # one snapshot by its 기준 date
>>> report.expenditure.budget.sum()              # KRW
>>> sb.metrics.execution_by(report.expenditure, by=["department"])

``dir(sb)`` lists everything public. ``Report``, ``load_report``, ``reconcile``, ``history``
and the modules ``metrics``, ``formatting`` and ``plotting`` are imported on first use, so
commands that need no table (a build with nothing to rebuild, ``--help``) do not pay for
pandas, and ``import seoul_budget`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    ErrataError,
    LedgerError,
    OrganisationError,
    ParameterError,
    ReportParseError,
    SeoulBudgetError,
)
from .version import __version__

# Modules reachable as attributes without an explicit import (``sb.metrics``).
_MODULES = ("formatting", "metrics", "plotting")

__all__ = ["ErrataError", "LedgerError", "OrganisationError", "ParameterError", "Report",
           "ReportParseError", "SeoulBudgetError", "formatting", "history", "load_report",
           "metrics", "plotting", "reconcile", "__version__"]


def __getattr__(name: str) -> Any:
    """Return a lazy public name (``__all__``) loaded on first use, and kept, as an imported
    name is: the next look-up is a plain one, and tools that read the namespace (pdoc for
    docs/api.py, debuggers) see it. AttributeError for any other name."""
    if name in ("Report", "load_report"):
        from . import report

        value = getattr(report, name)
    elif name == "history":
        # The module is not named ``history``: importing it would set the package attribute
        # ``history`` to the module and hide the function.
        from .snapshot_history import history as value
    elif name == "reconcile":
        from .reconciliation import reconcile as value
    elif name in _MODULES:  # lazy (start-up cost): metrics and plotting import matplotlib
        # import_module, not ``from . import``: that would look the name up here again
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'seoul_budget' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Return the public names (``__all__``, the lazy ones included) for ``dir(sb)`` and tab
    completion."""
    return sorted(__all__)

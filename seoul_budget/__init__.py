"""seoul_budget: the Digital Policy Bureau's 2023 work report as tidy, validated tables.

>>> import seoul_budget as sb
>>> report = sb.load_report("data/raw/2023-05-31/report.txt")
>>> report.expenditure.budget.sum()
"""

from .departments import DEPARTMENTS
from .errors import ErrataError, ParameterError, ReportParseError, SeoulBudgetError
from .reconcile import reconcile
from .report import Report, load_report

__version__ = "0.1.0"
__all__ = ["DEPARTMENTS", "ErrataError", "ParameterError", "Report", "ReportParseError",
           "SeoulBudgetError", "load_report", "reconcile", "__version__"]

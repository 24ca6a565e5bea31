"""Figures computed from the tidy tables: execution rates, pace, changes, shortages.

Pure functions: each takes DataFrames (or dates) and returns a new DataFrame or number, never
modifies its input, and never reads the printed rates (``*_printed`` columns), which are claims
for reconciliation, not truth.

Units: money stays whole KRW (``Int64``); head counts are persons (``Int64``); every rate and
share is a float **in percent** (0-100), NaN where its base is zero or missing; differences of
rates are in percentage points.
"""

from .changes import (
    DOWN,
    GONE,
    NEW,
    REVENUE_LEVELS,
    SAME,
    UP,
    biggest_changes,
    budget_changes,
    change_status,
    revenue_changes,
    with_changes,
)
from .common import (
    department_rank,
    for_department,
    order_by_department,
    rate_pct,
    year_elapsed_pct,
)
from .execution import (
    BASES,
    Basis,
    behind_pace,
    check_basis,
    execution_by,
    execution_total,
    largest_programs,
    pace_table,
    with_execution_rates,
)
from .overview import department_overview, headline_figures
from .printed import (
    GRAND_TOTAL,
    TotalRow,
    combine,
    printed_rate_decimals,
    printed_row,
    printed_subtotals,
    scope_key,
    sums,
    total_row,
)
from .projects import project_metric
from .settlement import (
    SETTLEMENT_MONEY,
    collection_rates,
    settlement_rates,
    settlement_total,
    with_settlement_figures,
)
from .staffing import (
    SPECIALIST_CATEGORIES,
    headcount_matrix,
    job_category_totals,
    specialist_share,
    staffing_gaps,
)
from .takeaways import Takeaways, takeaways

__all__ = [
    "GRAND_TOTAL", "Takeaways", "TotalRow", "combine", "printed_rate_decimals", "printed_row",
    "printed_subtotals", "scope_key", "settlement_total", "sums", "takeaways",
    "with_settlement_figures", "total_row",
    "BASES", "DOWN", "GONE", "NEW", "REVENUE_LEVELS", "SAME", "SETTLEMENT_MONEY",
    "SPECIALIST_CATEGORIES", "UP", "Basis", "behind_pace", "biggest_changes", "budget_changes",
    "change_status", "check_basis", "collection_rates", "department_overview",
    "department_rank", "execution_by", "execution_total", "for_department",
    "headcount_matrix", "headline_figures", "job_category_totals", "largest_programs",
    "order_by_department", "pace_table", "project_metric", "rate_pct", "revenue_changes",
    "settlement_rates", "specialist_share", "staffing_gaps", "with_changes",
    "with_execution_rates", "year_elapsed_pct",
]

"""Figures computed from the tidy tables: execution rates, pace, changes, shortages, and how
they moved from one snapshot to the next (``trends``).

Pure functions: each takes DataFrames (or dates) and returns a new DataFrame or number, never
modifies its input, and never reads the printed rates (``*_printed`` columns), which are claims
for reconciliation, not truth.

Units: money stays whole KRW (``Int64``); head counts are persons (``Int64``); every rate and
share is a float **in percent** (0-100), NaN where its base is zero or missing; differences of
rates are in percentage points.
"""

from ..departments import department_choices, for_department
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
    change_pct,
    department_rank,
    fiscal_year_of,
    order_by_department,
    points_change,
    rate_pct,
    year_elapsed_pct,
)
from .execution import (
    BASES,
    behind_pace,
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
    group_lines,
    printed_rate_decimals,
    printed_row,
    printed_subtotals,
    scope_key,
    sums,
    total_row,
)
from .projects import (
    against_targets,
    budget_states,
    compare_years,
    headline,
    linked_programs,
    monthly_series,
    project_metric,
    without_budget,
)
from .settlement import (
    SETTLEMENT_MONEY,
    collection_rates,
    prints_total_only,
    settlement_rates,
    settlement_total,
    split_by_account,
    with_settlement_figures,
)
from .staffing import (
    Shortages,
    StatedSum,
    headcount_matrix,
    job_category_totals,
    shortages,
    specialist_categories,
    specialist_share,
    staffing_gaps,
    stated_sums,
)
from .takeaways import (
    NO_RATES,
    Takeaways,
    no_programs,
    no_settlement_row,
    settlement_total_only,
    takeaways,
    trend_takeaways,
)
from .trends import (
    ADDED,
    DEPARTMENT_ADDED,
    DEPARTMENT_MERGED,
    DEPARTMENT_REMOVED,
    DEPARTMENT_RENAMED,
    DEPARTMENT_SPLIT,
    DEPARTMENT_STATUSES,
    EXECUTED,
    FINDING_NEW,
    FINDING_RESOLVED,
    REBUDGETED,
    REMOVED,
    UNCHANGED,
    Baseline,
    baseline,
    budget_changes_by_department,
    budget_changes_by_program,
    compare_programs,
    department_changes,
    execution_by_department,
    execution_by_month,
    finding_changes,
    in_fiscal_year,
    previous_as_of,
    programs_added,
    programs_combined,
    programs_removed,
    rows_at,
    snapshot_dates,
    snapshot_years,
    stalled_programs,
    summed_lines,
    year_earlier,
)

__all__ = [
    "ADDED", "BASES", "DEPARTMENT_ADDED", "DEPARTMENT_MERGED", "DEPARTMENT_REMOVED",
    "DEPARTMENT_RENAMED", "DEPARTMENT_SPLIT", "DEPARTMENT_STATUSES", "DOWN",
    "EXECUTED", "FINDING_NEW", "FINDING_RESOLVED", "GONE", "GRAND_TOTAL", "NEW", "NO_RATES",
    "REBUDGETED",
    "REMOVED",
    "REVENUE_LEVELS", "SAME", "SETTLEMENT_MONEY", "UNCHANGED", "UP",
    "Baseline", "Shortages", "StatedSum", "Takeaways", "TotalRow",
    "against_targets", "baseline", "change_pct", "fiscal_year_of", "in_fiscal_year",
    "snapshot_years",
    "compare_years", "department_choices", "shortages", "split_by_account", "behind_pace",
    "biggest_changes", "budget_changes",
    "budget_changes_by_department", "budget_changes_by_program", "change_status",
    "collection_rates", "combine", "compare_programs", "department_changes",
    "department_overview", "department_rank", "execution_by", "execution_by_department",
    "execution_by_month",
    "execution_total", "finding_changes", "for_department", "headcount_matrix",
    "headline", "headline_figures", "job_category_totals", "largest_programs",
    "linked_programs", "budget_states", "without_budget",
    "monthly_series", "no_programs", "no_settlement_row", "order_by_department", "pace_table",
    "points_change",
    "previous_as_of",
    "printed_rate_decimals", "printed_row", "prints_total_only", "group_lines",
    "printed_subtotals", "programs_added", "programs_combined",
    "programs_removed", "project_metric", "rate_pct",
    "revenue_changes", "rows_at", "scope_key", "settlement_rates", "settlement_total",
    "settlement_total_only",
    "snapshot_dates", "specialist_categories", "specialist_share", "staffing_gaps",
    "stalled_programs",
    "summed_lines", "stated_sums",
    "sums",
    "takeaways", "total_row", "trend_takeaways", "with_changes", "with_execution_rates",
    "with_settlement_figures", "year_earlier", "year_elapsed_pct",
]

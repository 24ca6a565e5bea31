"""The checks of a report's figures: every family built over one sheet, and the cross-table
ones alone (what the unit step reads first: the figures two tables share).

A cross-table family runs only when the report prints every table it compares (a missing
section leaves nothing to compare), and the previous-year families only when the settlement
is of the year before the budget's (what both tables then print is one year's budget).
"""

from __future__ import annotations

from collections.abc import Callable

from .cells import Sheet
from .checks import Check
from .cross import (
    expenditure_summary_vs_detail,
    previous_expenditure_vs_settlement,
    previous_revenue_vs_settlement,
    revenue_summary_vs_detail,
    unbudgeted_departments,
)
from .findings import Finding
from .formulas import formula_checks, rate_checks
from .funding import projects_vs_programs
from .project_text import (
    project_count_findings,
    project_text_checks,
    unread_budget_findings,
)
from .stated import organisation_findings, stated_staff_checks
from .sums import sum_checks

Pairing = Callable[[Sheet], tuple[list[Check], list[Finding]]]
# The cross-table families that pair two tables, with the tables each compares.
PAIRINGS: tuple[tuple[Pairing, tuple[str, ...]], ...] = (
    (revenue_summary_vs_detail, ("revenue_summary", "revenue")),
    (expenditure_summary_vs_detail, ("expenditure_summary", "expenditure")),
    (projects_vs_programs, ("projects", "expenditure")),
)


def printed(sheet: Sheet, *tables: str) -> bool:
    """Return True if the report prints every one of ``tables`` (no section missing)."""
    return not set(tables) & set(sheet.report.missing_tables)


def settles_previous_year(sheet: Sheet) -> bool:
    """Return True if the report's settlement is of the year before its budget's, so its
    budgets and the budget tables' previous-year figures are of one year."""
    report = sheet.report
    return report.settlement_year == report.fiscal_year - 1


def cross_checks(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return the checks of figures printed in two tables (the same figure in a summary and
    its detail, the previous year's budget and its settlement, a key project and its
    program), in the order :func:`build_checks` builds them, and the notes found on the way."""
    checks: list[Check] = []
    notes: list[Finding] = []
    for build, tables in PAIRINGS:
        if printed(sheet, *tables):
            more, found = build(sheet)
            checks += more
            notes += found
    if settles_previous_year(sheet) and printed(sheet, "revenue_summary", "revenue",
                                                  "settlement_revenue"):
        checks += previous_revenue_vs_settlement(sheet)
    return checks, notes


def build_checks(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return every check of a report's figures and the notes found while building them."""
    cross, notes = cross_checks(sheet)
    checks = [*sum_checks(sheet), *formula_checks(sheet), *rate_checks(sheet), *cross,
              *stated_staff_checks(sheet), *project_text_checks(sheet)]
    if settles_previous_year(sheet) and printed(sheet, "expenditure_summary",
                                                  "settlement_expenditure"):
        notes += previous_expenditure_vs_settlement(sheet)
    notes += unbudgeted_departments(sheet)
    notes += organisation_findings(sheet)
    notes += project_count_findings(sheet)
    notes += unread_budget_findings(sheet)
    return checks, notes

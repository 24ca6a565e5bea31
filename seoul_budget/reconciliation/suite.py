"""The checks of a report's figures: every family built over one sheet, and the cross-table
ones alone (what the unit step reads first: the figures two tables share)."""

from __future__ import annotations

from .cells import Sheet
from .checks import Check
from .cross import (
    expenditure_summary_vs_detail,
    previous_expenditure_vs_settlement,
    previous_revenue_vs_settlement,
    revenue_summary_vs_detail,
)
from .findings import Finding
from .formulas import formula_checks, rate_checks
from .funding import projects_vs_programs
from .project_text import project_text_checks
from .prose import organisation_findings, prose_checks
from .sums import sum_checks


def cross_checks(sheet: Sheet) -> list[Check]:
    """Return the checks of figures printed in two tables (the same figure in a summary and
    its detail, the 2022 budget and the 2022 settlement, a key project and its program), in
    the order :func:`build_checks` builds them."""
    checks: list[Check] = []
    for build in (revenue_summary_vs_detail, expenditure_summary_vs_detail, projects_vs_programs):
        checks += build(sheet)[0]
    return checks + previous_revenue_vs_settlement(sheet)


def build_checks(sheet: Sheet) -> tuple[list[Check], list[Finding]]:
    """Return every check of a report's figures and the notes found while building them."""
    checks: list[Check] = []
    notes: list[Finding] = []
    checks += sum_checks(sheet)
    checks += formula_checks(sheet)
    checks += rate_checks(sheet)
    for build in (revenue_summary_vs_detail, expenditure_summary_vs_detail, projects_vs_programs):
        more, found = build(sheet)
        checks += more
        notes += found
    checks += previous_revenue_vs_settlement(sheet)
    checks += prose_checks(sheet)
    checks += project_text_checks(sheet)
    notes += previous_expenditure_vs_settlement(sheet)
    notes += organisation_findings(sheet)
    return checks, notes

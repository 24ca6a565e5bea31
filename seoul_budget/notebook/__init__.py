"""What the section notebooks call, as ``from seoul_budget import notebook as nb``.

Every notebook starts with::

    ctx = nb.setup(as_of, data_dir, department, processed_dir)

which checks the parameters (a bad value raises ParameterError naming the valid choices), loads
the snapshot through the library and applies the display defaults. Modules: ``context``
(parameters and data), ``html`` (cards and tables as HTML), ``findings`` (findings and
corrections as a reader sees them), ``display`` (what a notebook shows).
"""

from ..metrics import project_metric
from ..params import check_choice, check_number
from .context import Context, display_defaults, load, setup
from .display import (
    display_path,
    error_banner,
    header_block,
    input_fingerprint,
    md,
    section_links,
    show,
    show_cards,
    show_findings,
    show_header,
    show_table,
)
from .findings import (
    SEVERITIES,
    corrections_display,
    corrections_for,
    figure_text,
    findings_display,
    findings_for,
    findings_html,
    findings_overview,
    findings_summary,
    severity_counts,
    source_money_unit,
)
from .html import cards_html, table_html

__all__ = [
    "SEVERITIES", "Context", "cards_html", "check_choice", "check_number",
    "corrections_display", "corrections_for", "display_defaults", "display_path",
    "error_banner",
    "figure_text", "findings_display", "findings_for", "findings_html", "findings_overview",
    "findings_summary", "header_block", "input_fingerprint", "load", "md", "project_metric",
    "section_links", "setup", "severity_counts", "show", "show_cards", "show_findings",
    "show_header", "show_table", "source_money_unit", "table_html",
]

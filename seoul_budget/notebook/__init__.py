"""What the section notebooks call, as ``from seoul_budget import notebook as nb``.

Every notebook starts with::

    ctx = nb.setup(as_of, data_dir, department, processed_dir)

which checks the parameters (a bad value raises ParameterError naming the valid choices), loads
the snapshot through the library and applies the display defaults. Modules: ``context``
(parameters and data), ``escape`` (data text made safe for HTML and Markdown), ``html``
(cards and tables as HTML), ``findings`` (findings and corrections as a reader sees them),
``findings_view`` (their HTML), ``display`` (what a notebook shows).
"""

from ..metrics import project_metric
from ..params import check_choice, check_number
from .context import Context, display_defaults, setup
from .display import (
    OVERVIEW_KINDS,
    chart_bundle,
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
    show_takeaways,
    takeaways_html,
)
from .escape import html_text, md_text
from .findings import (
    KIND_TITLES,
    SEVERITIES,
    corrections_for,
    exact_money,
    figure_text,
    findings_for,
    findings_overview,
    location,
    quality_counts,
    quality_sentence,
    reader_corrections,
    reader_findings,
    split_languages,
)
from .findings_view import findings_section_html
from .html import LineRef, cards_html, line_refs, table_html

__all__ = [
    "Context", "KIND_TITLES", "LineRef", "OVERVIEW_KINDS", "SEVERITIES", "cards_html",
    "chart_bundle", "line_refs",
    "check_choice", "check_number", "corrections_for", "display_defaults",
    "error_banner", "exact_money", "figure_text", "findings_for", "findings_overview",
    "findings_section_html", "header_block", "html_text", "input_fingerprint",
    "location", "md", "md_text", "project_metric", "quality_counts", "quality_sentence",
    "reader_corrections", "reader_findings", "section_links", "setup", "show", "show_cards",
    "show_findings", "show_header", "show_table", "show_takeaways", "split_languages",
    "table_html", "takeaways_html",
]

"""Executed notebook -> one self-contained HTML page for reviewers (in-process nbconvert).

The page uses our own template and stylesheet (``templates/reviewer``: no JupyterLab CSS),
with navigation to the index and the other sections (:mod:`.navigation`). Code is hidden
unless asked for; charts are inline SVG drawn for a wide and a narrow screen
(:func:`seoul_budget.notebook.display.chart_bundle`); nothing is fetched from the network and
no script runs (a Content-Security-Policy says so); a Korean font subset is embedded; the
same notebook always gives the same bytes.
"""

from __future__ import annotations

import copy
import logging
import re
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter, TemplateExporter
from nbconvert.filters import DataTypeFilter, Highlight2HTML
from nbconvert.preprocessors import HighlightMagicsPreprocessor, TagRemovePreprocessor

from .webfont import with_font

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
REPORT_TEMPLATE = "reviewer"
QUIET_LOG = "seoul_budget.build.render.nbconvert"

# Cell tags a notebook author can use (the Jupyter Book names).
REMOVE_CELL_TAGS = frozenset({"remove-cell", "remove_cell"})
REMOVE_INPUT_TAGS = frozenset({"remove-input", "remove_input", "hide-input"})
REMOVE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})

# A bare object repr such as "<matplotlib.axes._axes.Axes at 0x7f3a...>" (or a list of them):
# noise for a reader, and its address changes from run to run.
_OBJECT_REPR = re.compile(r"^\[?<[^<>\n]+ at 0x[0-9a-f]+>(, <[^<>\n]+ at 0x[0-9a-f]+>)*\]?$")


def normalize_cell_ids(nb: nbformat.NotebookNode) -> None:
    """Give cells added by papermill stable ids (they get random ones); mutates ``nb``.

    The parameters cell papermill injects becomes ``injected-parameters``; its error-message
    cells ``papermill-error-<n>``. Other cells keep the id the notebook's author saved.
    """
    errors = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        elif "papermill-error-cell-tag" in tags:
            cell["id"] = f"papermill-error-{errors}"
            errors += 1


def drop_object_reprs(nb: nbformat.NotebookNode) -> None:
    """Remove results that are only an object's address (``<Axes at 0x…>``); mutates ``nb``."""
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if output.get("output_type") == "execute_result" else {}
            text = data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else text
            if set(data) == {"text/plain"} and _OBJECT_REPR.match(text.strip()):
                continue
            kept.append(output)
        cell["outputs"] = kept


# What a page shows of an output, the first of these it has (our template decides how).
DISPLAY_PRIORITY = ["application/vnd.jupyter.widget-view+json", "application/javascript",
                    "text/html", "text/markdown", "image/svg+xml", "text/vnd.mermaid",
                    "text/latex", "image/png", "image/jpeg", "text/plain"]


def make_exporter(with_code: bool) -> TemplateExporter:
    """Return the page exporter: our template, code hidden unless ``with_code``.

    The reviewer template extends nbconvert's base templates, not the JupyterLab ones
    HTMLExporter fills in, so nbconvert's TemplateExporter renders it, with HTMLExporter's
    Markdown filter (heading anchors without text, images embedded) and nbconvert's code
    highlighter. HTMLExporter's own export would also re-parse the finished page with
    BeautifulSoup, to add alt text to images and make JupyterLab's cell wrappers focusable:
    our template writes alt text itself and has no such wrappers (benchmarks/README.md).
    """
    quiet = logging.getLogger(QUIET_LOG)
    quiet.setLevel(logging.ERROR)
    markdown = HTMLExporter(anchor_link_text="", embed_images=True, log=quiet)
    exporter = TemplateExporter(
        template_name=REPORT_TEMPLATE,
        template_file="index.html.j2",
        extra_template_basedirs=[str(TEMPLATES)],
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=not with_code,
        optimistic_validation=True,  # validated once, after the last preprocessor
        log=quiet,
    )
    exporter.register_filter("markdown2html", markdown.markdown2html)
    exporter.register_filter("highlight_code", Highlight2HTML(pygments_lexer="ipython3",
                                                              parent=exporter))
    exporter.register_filter("filter_data_type",
                             DataTypeFilter(display_data_priority=DISPLAY_PRIORITY))
    exporter.register_preprocessor(HighlightMagicsPreprocessor(enabled=True), enabled=True)
    exporter.register_preprocessor(TagRemovePreprocessor(
        remove_cell_tags=set(REMOVE_CELL_TAGS), remove_input_tags=set(REMOVE_INPUT_TAGS),
        remove_all_outputs_tags=set(REMOVE_OUTPUT_TAGS), enabled=True), enabled=True)
    return exporter


class Renderer:
    """Renders executed notebooks to HTML; keeps one exporter (templates load once)."""

    def __init__(self, with_code: bool = False) -> None:
        self.with_code = with_code
        self.exporter = make_exporter(with_code)

    def render(self, nb: nbformat.NotebookNode, title: str,
               page: dict[str, Any] | None = None) -> str:
        """Return the page for an executed notebook, titled ``title`` (``<title>``), with the
        links of ``page`` (:func:`.navigation.page_context`; none when None)."""
        executed = copy.deepcopy(nb)
        normalize_cell_ids(executed)
        drop_object_reprs(executed)
        executed.metadata["title"] = title
        body, _ = self.exporter.from_notebook_node(
            executed, resources={"metadata": {"name": title}, "page": page})
        body = _NON_ASCII_REFERENCE.sub(_character, body)
        body = _SELF_CLOSED_ANCHOR.sub(r"<a\1></a>", body)
        return with_font(body)


# nbconvert's Markdown renderer closes a heading's empty anchor as "<a … />", which HTML reads
# as an open <a> swallowing the rest of the page (BeautifulSoup used to repair it).
_SELF_CLOSED_ANCHOR = re.compile(r'<a( class="anchor-link" href="[^"<>]*")\s*/>')

# Markdown headings come out of nbconvert's renderer as "&#49464;&#52636;": write the
# characters themselves (smaller, greppable, and seen by the font subsetter). Only code points
# above ASCII, so no markup character ("<", "&", quotes) is ever unescaped.
_NON_ASCII_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code <= 0x7F or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)

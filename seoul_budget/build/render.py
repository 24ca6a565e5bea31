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
import html
import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter, TemplateExporter
from nbconvert.filters import DataTypeFilter, Highlight2HTML
from nbconvert.preprocessors import (
    CoalesceStreamsPreprocessor,
    HighlightMagicsPreprocessor,
    TagRemovePreprocessor,
)

from ..parse.text import printed_pages
from .source_page import SOURCE_FILE, printed_lines
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


# On A4 (188 mm between the margins, 710 CSS px) a chart is printed at this many CSS px per
# unit of its SVG (a matplotlib point): its smallest text, 9 units, comes out at 7.2 pt. A
# chart too wide for that prints its narrow drawing instead.
PRINT_SCALE = 1.07
A4_TEXT_WIDTH_PX = 710.0
_VIEWBOX = re.compile(r'<svg\b[^>]*?\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+'
                      r'([\d.]+)[\s,]+([\d.]+)"')


def svg_width(svg: str) -> float:
    """Return the width of an SVG's viewBox (0.0 if it has none)."""
    match = _VIEWBOX.search(svg or "")
    return float(match.group(1)) if match else 0.0


def print_chart(chart: dict[str, Any]) -> dict[str, Any]:
    """Return how a chart prints on A4: which drawing ('wide' or 'narrow') and its width in
    CSS px, so its text is printed at PRINT_SCALE (the wide one when it fits the page)."""
    wide = svg_width(chart.get("wide") or "") * PRINT_SCALE
    narrow = svg_width(chart.get("narrow") or "") * PRINT_SCALE
    if wide <= A4_TEXT_WIDTH_PX or not narrow:
        return {"drawing": "wide", "width": round(min(wide, A4_TEXT_WIDTH_PX), 1)}
    return {"drawing": "narrow", "width": round(narrow, 1)}


def css_string(text: Any) -> str:
    """Return ``text`` as a quoted CSS string: quotes, backslashes, line breaks and angle
    brackets escaped, so a name from the data can neither end the string nor the style."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>\n\r\f' else char
                      for char in str(text))
    return f'"{escaped}"'


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
    exporter.register_filter("print_chart", print_chart)
    exporter.register_filter("css_string", css_string)
    exporter.register_filter("highlight_code", Highlight2HTML(pygments_lexer="ipython3",
                                                              parent=exporter))
    exporter.register_filter("filter_data_type",
                             DataTypeFilter(display_data_priority=DISPLAY_PRIORITY))
    exporter.register_preprocessor(HighlightMagicsPreprocessor(enabled=True), enabled=True)
    # A kernel sends printed text in pieces as it flushes, which depends on its load: one
    # block per run of a stream makes the page the same however the text arrived.
    exporter.register_preprocessor(CoalesceStreamsPreprocessor(enabled=True), enabled=True)
    exporter.register_preprocessor(TagRemovePreprocessor(
        remove_cell_tags=set(REMOVE_CELL_TAGS), remove_input_tags=set(REMOVE_INPUT_TAGS),
        remove_all_outputs_tags=set(REMOVE_OUTPUT_TAGS), enabled=True), enabled=True)
    return exporter


class Renderer:
    """Renders executed notebooks to HTML; keeps one exporter (templates load once)."""

    def __init__(self, with_code: bool = False) -> None:
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
        if page is not None:
            body = link_sources(body, page.get("source_href", ""), page.get("source_lines", []),
                                page.get("snapshot_reports", {}), page.get("as_of", ""))
        body = _SELF_CLOSED_ANCHOR.sub(r"<a\1></a>", body)
        return with_font(body)


# A link a notebook writes to a line of its snapshot's source page (seoul_budget.notebook.html
# source_link), or of another snapshot's (data-snapshot: its 기준일); the page's own href for
# that page depends on its folder.
_SOURCE_LINK = re.compile(
    r'<a class="sb-src" href="source\.html#L(\d+)"(?: data-snapshot="(\d{4}-\d{2}-\d{2})")?>')
SOURCE_TITLE_CHARS = 400  # of a line's printed text shown on hover


@lru_cache(maxsize=32)
def _report_lines(path: str) -> tuple[str, ...]:
    return tuple(printed_lines(Path(path)))


@lru_cache(maxsize=32)
def _report_pages(path: str) -> tuple[int | None, ...]:
    return tuple(printed_pages(_report_lines(path)))


def link_sources(body: str, source_href: str, lines: list[str],
                 snapshot_reports: Mapping[str, str] | None = None, as_of: str = "") -> str:
    """Return the page with every link to a line of the source page pointing at
    ``source_href`` (relative to the page: '../<as_of>/source.html') and titled with that
    line's printed text (``lines``: the report's lines, index 0 is line 1; tabs shown as
    ' | '). A link to another snapshot's line points at that snapshot's source page beside
    it and takes its text from its report (``snapshot_reports``: 기준일 → report path;
    ``as_of``: the page's own 기준일, whose lines are ``lines``)."""
    own = source_href or SOURCE_FILE
    own_pages = printed_pages(lines)  # the printed page of each line ('- 3 -'), if any

    def link(match: re.Match[str]) -> str:
        number, snapshot = int(match.group(1)), match.group(2)
        href, printed = own, lines
        if snapshot and snapshot != as_of and snapshot in (snapshot_reports or {}) \
                and not own.endswith(f"{snapshot}/{SOURCE_FILE}"):
            # the snapshot folders sit side by side: swap the own folder for the other's
            month_folder = own.removesuffix(SOURCE_FILE).rstrip("/")
            parent = month_folder.rpartition("/")[0] if month_folder else ".."
            href = "/".join(part for part in (parent, snapshot, SOURCE_FILE) if part)
            printed = list(_report_lines(snapshot_reports[snapshot]))
        text = printed[number - 1] if 0 < number <= len(printed) else ""
        text = " | ".join(cell.strip() for cell in text.split("\t")).strip(" |")
        if len(text) > SOURCE_TITLE_CHARS:
            text = text[: SOURCE_TITLE_CHARS - 1] + "…"
        pages = own_pages if printed is lines else _report_pages(snapshot_reports[snapshot])
        page = pages[number - 1] if 0 < number <= len(pages) else None
        where = f"원문 {number}행" + (f" ({page}쪽)" if page is not None else "")
        title = html.escape(f"{where}: {text}" if text else where)
        return f'<a class="sb-src" href="{html.escape(href)}#L{number}" title="{title}">'

    return _SOURCE_LINK.sub(link, body)


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

"""Text from the report made safe to show: the one place data text is escaped before it joins
HTML or Markdown that a page renders (program names, project titles, reasons).

Every string that comes from a report or the errata ledger reaches a page through one of
these functions: :func:`html_text` (HTML text or an attribute value), :func:`html_fit` (the
same, cut to a width, the full text in a ``title``) or :func:`md_text` (a value inside
Markdown that a notebook writes with ``nb.md``). A test reads every notebook and fails on a
value that reaches ``nb.md`` without :func:`md_text`.
"""

from __future__ import annotations

import html
import re
import string
from typing import Any

from ..textwidth import CELL_UNITS, LABEL_UNITS, TOOLTIP_UNITS, is_cut, shorten, text_units

WORD_UNITS = 40  # a run without spaces longer than this may break (no word of the report is)
_WORD = re.compile(r"\S+")

# Every ASCII punctuation character may be backslash-escaped in CommonMark (and in mistune,
# which nbconvert uses, and marked, which JupyterLab uses), and then stands for itself: no
# emphasis, link, image, autolink ('https\://'), raw HTML ('\<'), entity ('\&'), math ('\$'),
# heading, list, quote, table or code can start inside an escaped value.
_MARKDOWN_ESCAPES = {ord(char): "\\" + char for char in string.punctuation}


def html_text(value: Any) -> str:
    """Return ``value`` as HTML text (also safe inside a quoted attribute value): markup
    characters and both quotes escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def _breakable(word: str) -> str:
    """Return one word as HTML, with a break opportunity (``<wbr>``) every ``WORD_UNITS``
    text units when it is longer than that."""
    if text_units(word) <= WORD_UNITS:
        return html_text(word)
    pieces, piece = [], ""
    for char in word:
        if text_units(piece + char) > WORD_UNITS:
            pieces.append(piece)
            piece = ""
        piece += char
    return "<wbr>".join(html_text(p) for p in [*pieces, piece])


def html_fit(value: Any, units: int = CELL_UNITS) -> str:
    """Return ``value`` as HTML text on one line, cut to ``units`` text units (Hangul counts
    2) with '…', a word longer than ``WORD_UNITS`` free to break (so no name widens a table
    column or a page beyond a short line). A cut text is wrapped in
    ``<span class="sb-cut" title="…">`` carrying the fuller text (itself cut at a few
    thousand units), so a huge name shows in a few lines and can be read on hover."""
    shown = _WORD.sub(lambda word: _breakable(word.group(0)), shorten(value, units))
    if not is_cut(value, units):
        return shown
    return (f'<span class="sb-cut" title="{html_text(shorten(value, TOOLTIP_UNITS))}">'
            f"{shown}</span>")


def md_text(value: Any, units: int = LABEL_UNITS) -> str:
    """Return ``value`` as Markdown text shown literally, on one line and cut to ``units``
    text units (a name in a sentence, as long as a chart label may be): every ASCII
    punctuation character backslash-escaped, so '**', '<b>', '[a](b)', 'https://…', '$x$'
    or a leading '1.' in data never format, link or run."""
    return shorten(value, units).translate(_MARKDOWN_ESCAPES)

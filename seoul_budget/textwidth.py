"""How wide a text from the data is, and the same text cut to a width with an ellipsis, so a
3,000-character name or a 1 MB title never sizes a chart, a table cell or a page.

Widths are in text units: a Hangul syllable (and any other wide character) is 2, a digit or
Latin letter 1 — what a chart label or a table cell shows, roughly, per half em. Which
characters are wide is Unicode's East Asian Width (:func:`char_units`): the one rule for chart
labels, table cells, workbook columns and names cut in sentences.
"""

from __future__ import annotations

import unicodedata
from typing import Any

ELLIPSIS = "…"
# Limits in text units (Hangul counts 2). No name of the bundled report comes near them.
LABEL_UNITS = 120     # a chart's row label, legend entry or tick: three wrapped lines at most
TITLE_UNITS = 300     # a chart's title or a table's caption
CELL_UNITS = 200      # a table cell (the fuller text goes into its title attribute)
PROSE_UNITS = 1200    # a finding's message or a correction's reason
TOOLTIP_UNITS = 4000  # the full text kept in a title attribute or a chart's description
# East Asian Width (UAX #11): wide and fullwidth characters (Hangul, CJK) take two units.
# An ambiguous one takes the width its context gives it: a Korean font (NanumGothic, on charts
# and pages) draws the symbols from General Punctuation up (△ ※ → □ …) as wide as a syllable
# (its curly quotes are narrower: counted wide, such a label wraps a little early), and the
# Latin-1, Greek and Cyrillic ones (·, ×, é) at their Latin width.
WIDE_CLASSES = frozenset({"W", "F"})
AMBIGUOUS = "A"
AMBIGUOUS_WIDE_FROM = 0x2000  # General Punctuation


def char_units(char: str) -> int:
    """Return how wide one character is in text units: 2 for a wide or fullwidth one
    (Hangul) and for an ambiguous symbol from General Punctuation up ('△', '…'), 1 for any
    other (digits, Latin letters, '·', spaces)."""
    width = unicodedata.east_asian_width(char)
    wide = width in WIDE_CLASSES or (width == AMBIGUOUS and ord(char) >= AMBIGUOUS_WIDE_FROM)
    return 2 if wide else 1


def text_units(text: str) -> int:
    """Return how wide ``text`` is in text units (Hangul and other wide characters count 2)."""
    return sum(char_units(char) for char in text)


def one_line(value: Any) -> str:
    """Return ``value`` as text on one line: every run of whitespace (line breaks included)
    becomes one space."""
    return " ".join(("" if value is None else str(value)).split())


def shorten(value: Any, units: int) -> str:
    """Return ``value`` on one line, cut to at most ``units`` text units with '…' at the end
    when it is longer; shorter text comes back whole (but on one line)."""
    text = one_line(value)
    if len(text) * 2 <= units or text_units(text) <= units:
        return text
    room, kept = units - text_units(ELLIPSIS), []
    for char in text:
        room -= char_units(char)
        if room < 0:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS


def is_cut(value: Any, units: int) -> bool:
    """Return True when :func:`shorten` would cut ``value`` at ``units``."""
    return shorten(value, units) != one_line(value)

"""A Korean font inside every HTML page, so Hangul renders on machines without a Korean font.

The page carries a subset of NanumGothic (the font koreanize-matplotlib ships, so no system
font is needed) holding only the characters that page uses, without hinting instructions.
The subset is deterministic: the same characters give the same bytes.
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache

from ..fonts import korean_font_path

FONT_FAMILY = "SeoulBudget Nanum Gothic"
# Tables fontTools cannot subset (VTT sources, signature) and legacy kerning (unused for
# Hangul): dropped.
# Where a template wants the page's font (templates/reviewer, templates/index.html.j2).
FONT_MARKER = "<!--seoul-budget:font-->"
DROP_TABLES = ("TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG", "kern")


def page_characters(text: str) -> str:
    """Return the sorted non-ASCII characters of ``text`` (the ones a system font may lack)."""
    return "".join(sorted(char for char in set(text) if ord(char) > 0x7F))


@lru_cache(maxsize=64)
def subset_woff(characters: str) -> bytes:
    """Return a WOFF font with NanumGothic's glyphs for ``characters`` (b'' without the font)."""
    path = korean_font_path()
    if path is None or not characters:
        return b""
    from fontTools import subset  # lazy: only a page with Hangul needs it
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.hinting = False  # half the bytes; screens today smooth outlines without hints
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    # recalcBBoxes=False keeps the glyphs' stored bytes: the same characters, the same subset
    font = TTFont(str(path), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def with_font(page: str) -> str:
    """Return ``page`` with its :data:`FONT_MARKER` (a template's) replaced by the font its
    text needs (:func:`font_face_css`); a page without the marker comes back as it is."""
    if FONT_MARKER not in page:
        return page
    return page.replace(FONT_MARKER, font_face_css(page), 1)


def font_face_css(text: str) -> str:
    """Return a ``<style>`` with an embedded @font-face covering the non-ASCII text ('' if none)."""
    data = subset_woff(page_characters(text))
    if not data:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return ('<style type="text/css">@font-face { font-family: "' + FONT_FAMILY + '"; '
            f'src: url(data:font/woff;base64,{encoded}) format("woff"); '
            "font-display: block; }</style>")

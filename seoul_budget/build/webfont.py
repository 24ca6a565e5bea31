"""A Korean font inside every HTML page, so Hangul renders on machines without a Korean font.

The page carries a subset of NanumGothic (the font koreanize-matplotlib ships, so no system
font is needed) holding only the characters that page uses, without hinting instructions.
The subset is deterministic: the same characters give the same bytes. A character the pages
use that NanumGothic has no glyph for is given one before subsetting (:func:`add_missing`), so
no text falls back to whatever font the reader's machine has.
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache
from typing import Any

from ..fonts import korean_font_path

FONT_FAMILY = "SeoulBudget Nanum Gothic"
# Tables fontTools cannot subset (VTT sources, signature) and legacy kerning (unused for
# Hangul): dropped.
# Where a template wants the page's font (templates/reviewer, templates/index.html.j2).
FONT_MARKER = "<!--seoul-budget:font-->"
DROP_TABLES = ("TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG", "kern")
MINUS = "\u2212"  # MINUS SIGN, in formulas the pages print ('정원 − 현원'); NanumGothic lacks it
MINUS_GLYPH = "minus"
# Characters NanumGothic lacks, shown with the glyph of one it has (a report's own arrows).
STAND_INS = {"\u2794": "\u2192"}  # ➔ HEAVY WIDE-HEADED RIGHTWARDS ARROW as →


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
    font.setGlyphOrder(list(glyph_order(str(path))))
    add_missing(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def glyph_order(path: str) -> tuple[str, ...]:
    """Return the glyph names of the font at ``path``, in order. NanumGothic stores none (its
    'post' table is format 3): fontTools names every glyph from the character map each
    time the file is opened, so they are named once per process here (the same names)."""
    from fontTools.ttLib import TTFont  # lazy, as in subset_woff

    return tuple(TTFont(path).getGlyphOrder())


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


def add_missing(font: Any) -> None:
    """Give ``font`` (a fontTools TTFont with TrueType outlines) glyphs for the characters
    pages use that it lacks: U+2212 drawn as its hyphen's stroke stretched over its plus
    sign's bar (a minus as wide as the plus and on its axis), and each of :data:`STAND_INS`
    mapped to the glyph of its stand-in. A character the font has keeps its own glyph."""
    from fontTools.pens.boundsPen import BoundsPen  # lazy, as in subset_woff
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    cmap = font.getBestCmap()
    unicode_tables = [table for table in font["cmap"].tables if table.isUnicode()]
    if ord(MINUS) not in cmap and ord("-") in cmap and ord("+") in cmap:
        glyphs = font.getGlyphSet()
        bounds = {}
        for char in "-+":
            pen = BoundsPen(glyphs)
            glyphs[cmap[ord(char)]].draw(pen)
            bounds[char] = pen.bounds
        (h_left, h_bottom, h_right, h_top), (p_left, p_bottom, p_right, p_top) = (
            bounds["-"], bounds["+"])
        scale = (p_right - p_left) / (h_right - h_left)
        shift_y = (p_bottom + p_top) / 2 - (h_bottom + h_top) / 2
        pen = TTGlyphPen(glyphs)
        glyphs[cmap[ord("-")]].draw(
            TransformPen(pen, (scale, 0, 0, 1, p_left - h_left * scale, shift_y)))
        glyph = pen.glyph()
        glyph.recalcBounds(font["glyf"])  # the font is read with recalcBBoxes=False
        font.setGlyphOrder([*font.getGlyphOrder(), MINUS_GLYPH])
        font["glyf"][MINUS_GLYPH] = glyph
        font["hmtx"][MINUS_GLYPH] = (font["hmtx"][cmap[ord("+")]][0], round(p_left))
        for table in unicode_tables:
            table.cmap[ord(MINUS)] = MINUS_GLYPH
    for char, stand_in in STAND_INS.items():
        if ord(char) not in cmap and ord(stand_in) in cmap:
            for table in unicode_tables:
                table.cmap[ord(char)] = cmap[ord(stand_in)]

"""A Korean font inside every HTML page, so Hangul renders on machines without a Korean font.

The page carries a subset of NanumGothic (the font koreanize-matplotlib ships, so no system
font is needed) holding only the characters that page uses, without hinting instructions:
~30 KB instead of 4.7 MB.
The subset is deterministic: the same characters give the same bytes.
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache

from ..fonts import korean_font_path

FONT_FAMILY = "SeoulBudget Nanum Gothic"
# Tables fontTools cannot subset (VTT sources, signature) and legacy kerning (slow to read,
# unused for Hangul): dropped.
_DROP_TABLES = ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG", "kern"]


def page_characters(text: str) -> str:
    """Return the sorted non-ASCII characters of ``text`` (the ones a system font may lack)."""
    return "".join(sorted(char for char in set(text) if ord(char) > 0x7F))


@lru_cache(maxsize=1)
def _parsed_font(path: str) -> bytes:
    """Return NanumGothic read once, with every table a subset needs decoded and the dropped
    tables gone, pickled: each page unpickles its own copy to cut down (the subsetter changes
    the font it cuts), instead of reading the 4.7 MB file again — half a subset's time goes
    to decoding its 20,000 glyph offsets and character map, the same for every page."""
    import pickle

    from fontTools.ttLib import TTFont

    # recalcBBoxes=False keeps glyphs as stored bytes: no decoding and re-encoding outlines.
    font = TTFont(path, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for tag in [t for t in font.keys() if t != "GlyphOrder"]:
        if tag in _DROP_TABLES:
            del font[tag]
        else:
            font[tag]  # noqa: B018 - reading a table decodes it
    for subtable in font["cmap"].tables:  # decoded on first use, else once per page
        subtable.ensureDecompiled()
    font.getGlyphOrder()  # glyph names, made from the character map (post table format 3)
    font.close()
    font.reader = None  # every table is decoded: nothing left to read from the file
    return pickle.dumps(font, protocol=pickle.HIGHEST_PROTOCOL)


@lru_cache(maxsize=64)
def subset_woff(characters: str) -> bytes:
    """Return a WOFF font with NanumGothic's glyphs for ``characters`` (b'' without the font)."""
    path = korean_font_path()
    if path is None or not characters:
        return b""
    import pickle

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False  # half the bytes; screens today smooth outlines without hints
    options.drop_tables = [*options.drop_tables, *_DROP_TABLES]
    font = pickle.loads(_parsed_font(str(path)))  # noqa: S301 - our own bytes, this process
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return buffer.getvalue()


def font_face_css(text: str) -> str:
    """Return a ``<style>`` with an embedded @font-face covering the non-ASCII text ('' if none)."""
    data = subset_woff(page_characters(text))
    if not data:
        return ""
    encoded = base64.b64encode(data).decode("ascii")
    return ('<style type="text/css">@font-face { font-family: "' + FONT_FAMILY + '"; '
            f'src: url(data:font/woff;base64,{encoded}) format("woff"); '
            "font-display: block; }</style>")

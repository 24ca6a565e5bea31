"""A Korean web font for HTML reports: NanumGothic, subset to the page's characters, inline.

Reviewers open the HTML from a file or an e-mail attachment, on machines that may have no
Korean font (a Linux server, a headless browser): without one, Hangul shows as empty boxes.
The font ships with koreanize-matplotlib (the same one the charts use); subsetting it to the
characters of the page keeps the inline copy small (tens of kilobytes).
"""

from __future__ import annotations

import base64
import functools
import io
import string
from pathlib import Path

FAMILY = "SeoulBudgetNanum"
# Characters every page may show even when its text does not contain them (numbers, units).
_ALWAYS = string.printable + "△▲·※□●○◆→⇒~원천백만억명건%"


@functools.cache
def _font_dir() -> Path:
    import koreanize_matplotlib

    return Path(koreanize_matplotlib.__file__).parent / "fonts"


@functools.lru_cache(maxsize=64)
def _subset(font_file: Path, characters: str) -> bytes:
    """Return ``font_file`` subset to ``characters`` as WOFF bytes (zlib, deterministic)."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.ERROR)

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # screens render fine without; hinting tables are most of the size
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG"]  # VTT sources
    font = subset.load_font(str(font_file), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def font_face_css(text: str) -> str:
    """Return CSS with @font-face rules (regular, bold) holding the glyphs ``text`` uses.

    The rules define the family ``SeoulBudgetNanum``; the page's own font-family list should
    name it first (``FONT_STACK``).
    """
    characters = "".join(sorted(set(text) | set(_ALWAYS)))
    rules = []
    for weight, name in ((400, "NanumGothic.ttf"), (700, "NanumGothicBold.ttf")):
        data = base64.b64encode(_subset(_font_dir() / name, characters)).decode("ascii")
        rules.append(f"@font-face{{font-family:'{FAMILY}';font-style:normal;"
                     f"font-weight:{weight};src:url(data:font/woff;base64,{data}) "
                     "format('woff');}")
    return "\n".join(rules)


FONT_STACK = (f"'{FAMILY}', 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans KR', "
              "'NanumGothic', sans-serif")

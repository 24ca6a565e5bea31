"""The page's embedded font: a subset of NanumGothic with a glyph for every character a page
uses, including the ones NanumGothic lacks (U+2212 MINUS SIGN)."""

from __future__ import annotations

import io

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pages import embedded_characters

from seoul_budget.build.webfont import font_face_css, page_characters, subset_woff
from seoul_budget.fonts import korean_font_path

pytestmark = pytest.mark.skipif(korean_font_path() is None, reason="NanumGothic is absent")


def _bounds(font: TTFont, char: str) -> tuple[float, float, float, float]:
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.bounds


def test_nanumgothic_itself_lacks_the_minus_sign():
    # the reason add_missing exists: without it '정원 − 현원' fell back to a system font
    assert 0x2212 not in TTFont(str(korean_font_path())).getBestCmap()


def test_the_subset_has_a_minus_as_wide_as_the_plus_on_its_bar():
    subset = TTFont(io.BytesIO(subset_woff(page_characters("정원 − 현원 + 1"))))
    assert {ord(c) for c in "정원−현원"} <= set(subset.getBestCmap())
    original = TTFont(str(korean_font_path()))
    plus = _bounds(original, "+")
    left, bottom, right, top = _bounds(subset, "−")
    assert (left, right) == pytest.approx((plus[0], plus[2]), abs=1)
    assert (bottom + top) / 2 == pytest.approx((plus[1] + plus[3]) / 2, abs=1)
    plus_width = original["hmtx"][original.getBestCmap()[ord("+")]][0]
    assert subset["hmtx"][subset.getBestCmap()[0x2212]][0] == plus_width


def test_a_character_the_font_has_keeps_its_glyph_and_the_subset_is_deterministic():
    text = page_characters("가나다 △ … ➔")
    first = subset_woff.__wrapped__(text)
    assert first == subset_woff.__wrapped__(text)
    subset = TTFont(io.BytesIO(first))
    assert set(page_characters(text)) <= {chr(c) for c in subset.getBestCmap()}
    assert _bounds(subset, "➔") == _bounds(TTFont(str(korean_font_path())), "→")


def test_the_font_a_page_embeds_covers_every_character_of_the_page():
    page = "<p>부족 인원 = 정원 − 현원, △3명 · 41.8% ➔</p>"
    css = font_face_css(page)
    assert set(page_characters(page)) <= embedded_characters(css)

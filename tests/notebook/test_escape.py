"""Data text into HTML, Markdown and charts: escaped, on one line, cut to a width.

Markdown is rendered with nbconvert's own renderer (mistune), the one the reviewer pages use:
an escaped value comes out as exactly its text, with nothing formatted, linked or run.
"""

from __future__ import annotations

import html

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from seoul_budget.notebook.escape import html_fit, html_text, md_text
from seoul_budget.plotting.layout import NARROW, WIDE, wrap_labels
from seoul_budget.textwidth import ELLIPSIS, LABEL_UNITS, char_units, shorten, text_units

PAYLOADS = [
    '<meta http-equiv="refresh" content="0;url=https://example.org/phish">',
    '<a href="https://example.org" style="position:fixed;inset:0">x</a>',
    '"><svg onload=alert(1)>', "</table>", "[x](javascript:alert(1))", "$x^2$",
    "**bold** _it_ `code` ~~del~~ | a | b |", "# heading", "1. item", "- item", "> quote",
    "https://example.org/phish www.example.org <https://example.org>", "![i](x.png)",
    "it's & &lt; \\ {x}", "메타버스 서울 운영(1단계)",
]


def _rendered_text(markdown: str) -> str:
    """Return the HTML mistune makes of ``markdown`` inside one paragraph, unescaped."""
    out = markdown2html_mistune(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    inner = out[3:-4]
    assert "<" not in inner, f"markup came through: {inner}"
    return html.unescape(inner)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_shows_a_value_exactly_as_text(payload):
    assert _rendered_text(f"이름: {md_text(payload)} 끝") == f"이름: {payload} 끝"


def test_markdown_keeps_a_value_on_one_line_and_cuts_a_huge_one():
    assert _rendered_text(md_text("a\n\n# b\n    c")) == "a # b c"
    huge = md_text("나" * 100_000)
    assert len(huge) < 400 and huge.endswith(ELLIPSIS)


def test_html_text_escapes_markup_and_both_quotes():
    assert html_text('<a href="x" title=\'y\'>&</a>') == \
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    assert html_text(None) == ""


def test_html_fit_leaves_a_report_name_as_it_was():
    name = "정보취약계층 정보격차 해소 (장애인 정보통신보조기기 보급)"
    assert html_fit(name) == html_text(name)


def test_html_fit_cuts_a_huge_name_with_its_fuller_text_in_an_escaped_title():
    shown = html_fit("<b>" + "나" * 400_000)
    assert len(shown) < 10_000
    assert shown.startswith('<span class="sb-cut" title="&lt;b&gt;나나')
    assert "<b>" not in shown and shown.endswith(f"{ELLIPSIS}</span>")


def test_html_fit_lets_a_long_run_without_spaces_break():
    shown = html_fit("W" * 100)
    assert shown == "<wbr>".join(["W" * 40, "W" * 40, "W" * 20])


def test_one_width_rule_east_asian_width_with_korean_ambiguous_symbols_wide():
    # Hangul, fullwidth Latin and the report's △ → … (ambiguous symbols NanumGothic draws
    # 0.94 em, as wide as a syllable) are 2; digits, Latin letters, commas, spaces and the
    # ambiguous middle dot and times sign (0.29 and 0.59 em in that font) 1; so is '➔'
    # (U+2794, neutral), which a code-point rule counted 2.
    assert [char_units(c) for c in "가Ａ△→…1a, ·×➔"] == [2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    assert text_units("예산 △3,000") == 2 + 2 + 1 + 2 + 5


def test_shorten_counts_hangul_double_and_ends_with_an_ellipsis():
    assert shorten("가나다 abc", 10) == "가나다 abc"
    assert shorten("가나다라마바", 8) == "가나다…"
    assert text_units(shorten("x" * 3000, 120)) <= 120
    assert shorten("a\n b", 10) == "a b"


@pytest.mark.parametrize("layout", [WIDE, NARROW], ids=lambda layout: layout.name)
def test_chart_labels_are_cut_before_they_wrap(layout):
    label = wrap_labels(["가" + "W" * 2_999], layout)[0]
    assert label.count("\n") + 1 <= LABEL_UNITS // layout.label_units + 1
    assert label.endswith(ELLIPSIS)

"""The page renderer's own clean-ups, done without re-parsing the page: headings' anchors
closed so they do not swallow the page, Hangul written as characters, markup never unescaped."""

from __future__ import annotations

import re

import nbformat

from seoul_budget.build.render import Renderer


def page(markdown: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    return Renderer(False).render(nb, "시험")


def test_a_heading_anchor_is_closed_and_its_hangul_written_as_characters():
    html = page("## 데이터 검증 결과\n\n다음 문단")
    assert not re.search(r"<a [^<>]*/>", html)
    assert re.search(r'<h2 id="[^"]+">데이터 검증 결과<a class="anchor-link" href="#[^"]+"></a>'
                     r"</h2>", html)
    assert "&#" not in html.split("<main", 1)[1]


def test_escaped_markup_in_a_heading_stays_escaped():
    html = page("## 제목 \\<b\\>굵게\\</b\\> &amp; 끝")
    body = html.split("<main", 1)[1]
    assert "<b>" not in body and "&lt;b&gt;" in body and "&amp;" in body

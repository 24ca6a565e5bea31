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


def test_a_line_the_kernel_flushed_in_pieces_is_one_block_as_printed():
    # print() writes the text and its newline apart; under load the kernel may flush
    # between them, so the same notebook's output arrives as one piece or two. The page
    # must not depend on that: consecutive pieces of one stream read as one block, a
    # figure between two prints keeps them apart.
    def cell(*pieces: str) -> nbformat.NotebookNode:
        outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "그림"})
                   if piece == "<figure>" else
                   nbformat.v4.new_output("stream", name="stdout", text=piece)
                   for piece in pieces]
        return nbformat.v4.new_code_cell("print(total)", outputs=outputs, id="total")

    def body(code_cell: nbformat.NotebookNode) -> str:
        nb = nbformat.v4.new_notebook(cells=[code_cell])
        return Renderer(False).render(nb, "시험").split("<main", 1)[1]

    whole = body(cell("정원 합계: 35명\n"))
    assert body(cell("정원 합계: 35명", "\n")) == whole
    assert whole.count('<pre class="stream">') == 1
    apart = body(cell("앞\n", "<figure>", "뒤\n"))
    assert apart.count('<pre class="stream">') == 2
    assert apart.index("앞") < apart.index("그림") < apart.index("뒤")

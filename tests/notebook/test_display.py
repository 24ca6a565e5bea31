"""notebook/display.py: what a notebook shows (here: the takeaways with their lines)."""

from __future__ import annotations

from seoul_budget.metrics.takeaways import Takeaways
from seoul_budget.notebook.display import takeaways_html


def test_each_takeaway_lists_the_lines_its_figures_come_from():
    html = takeaways_html(Takeaways(["정원은 266명입니다.", "세입은 줄었습니다.", "끝."], "",
                                    [(24,), (408, 60)]))
    assert ('<li>정원은 266명입니다.<span class="sb-basis">근거: '
            '<a class="sb-src" href="source.html#L24">24행</a></span></li>') in html
    assert ('근거: <a class="sb-src" href="source.html#L408">408행</a>, '
            '<a class="sb-src" href="source.html#L60">60행</a>') in html
    assert "<li>끝.</li>" in html  # a sentence with no lines names none

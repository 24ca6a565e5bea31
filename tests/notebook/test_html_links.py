"""notebook/html.py: every figure of a table links to the line it was printed on."""

from __future__ import annotations

import pandas as pd

from seoul_budget.metrics.printed import TotalRow
from seoul_budget.notebook.html import table_html

ROWS = pd.DataFrame({"program": ["가", "나"], "budget": [1_000_000, 2_000_000],
                     "source_line": [12, 13]})


def test_each_figure_links_to_its_rows_line_and_the_total_to_the_printed_total():
    total = TotalRow("expenditure", "계", {"budget": 3_000_000.0}, {"budget": 3_000_000.0},
                     source_line=11)
    html = table_html(ROWS, table="expenditure", total=total)
    assert '<a class="sb-src" href="source.html#L12">1,000</a>' in html  # 천원
    assert '<a class="sb-src" href="source.html#L13">2,000</a>' in html
    assert '<a class="sb-src" href="source.html#L13">13</a>' in html  # the line column
    assert '<a class="sb-src" href="source.html#L11">3,000</a>' in html  # 계 as printed
    assert html.count('class="sb-src"') == 5


def test_a_table_without_lines_links_nothing():
    assert "sb-src" not in table_html(ROWS.drop(columns="source_line"), table="expenditure")

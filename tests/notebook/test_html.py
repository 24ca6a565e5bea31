"""A page's table is bounded: at most MAX_PAGE_ROWS rows, the rest counted under it."""

from __future__ import annotations

import pandas as pd

from seoul_budget.notebook.html import MAX_PAGE_ROWS, table_html


def test_a_table_of_thousands_shows_its_first_rows_and_counts_the_rest():
    rows = 20_000
    frame = pd.DataFrame({"program": [f"사업{i}" for i in range(rows)],
                          "budget": pd.array([1_000_000] * rows, dtype="Int64")})
    html = table_html(frame, table="expenditure", highlight=[i == 5 for i in range(rows)],
                      total={"budget": rows * 1_000_000})
    assert html.count("<tr") == 1 + MAX_PAGE_ROWS + 1  # header, rows shown, 계
    assert f"사업{MAX_PAGE_ROWS - 1}<" in html and f"사업{MAX_PAGE_ROWS}<" not in html
    assert f"나머지 {rows - MAX_PAGE_ROWS:,}행" in html
    assert "20,000,000" in html  # 계: the whole table's 20,000 × 1,000 천원
    assert html.count('class="hl"') == 1


def test_a_short_table_is_shown_whole_without_a_note():
    frame = pd.DataFrame({"program": ["가", "나"],
                          "budget": pd.array([1_000, 2_000], dtype="Int64")})
    html = table_html(frame, table="expenditure")
    assert html.count("<tr") == 3 and "나머지" not in html

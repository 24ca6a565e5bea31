"""notebook/html.py: every figure of a table links to the line it was printed on."""

from __future__ import annotations

from datetime import date

import pandas as pd

from seoul_budget.metrics.printed import TotalRow
from seoul_budget.notebook.html import LineRef, cards_html, line_refs, table_html

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


def test_lines_a_table_does_not_show_link_its_figures():
    shown = ROWS.drop(columns="source_line")
    by_column = table_html(ROWS, table="expenditure", lines="source_line")
    by_row = table_html(shown, table="expenditure", lines=[12, None])
    assert '<a class="sb-src" href="source.html#L12">1,000</a>' in by_column
    assert '<a class="sb-src" href="source.html#L13">2,000</a>' in by_column
    assert ">13<" not in by_column and "원문" not in by_column  # the line column is not shown
    assert '<a class="sb-src" href="source.html#L12">1,000</a>' in by_row
    assert by_row.count('class="sb-src"') == 1  # a row without a line links nothing


def test_figures_of_one_row_read_from_two_tables_link_to_their_own_lines():
    joined = pd.DataFrame({"department": ["가"], "authorized": [35], "budget": [1_000_000],
                           "staffing_line": [25], "source_line": [484]})
    html = table_html(joined, table="expenditure", units={"authorized": "persons"},
                      lines={"authorized": "staffing_line", "budget": "source_line"})
    assert '<a class="sb-src" href="source.html#L25">35</a>' in html
    assert '<a class="sb-src" href="source.html#L484">1,000</a>' in html
    assert "staffing_line" not in html and ">484<" not in html


def test_a_card_links_its_figure_and_lists_a_computed_figures_inputs():
    html = cards_html([("정원 · 현원", "266명 · 255명", "충원율 95.9%", [24]),
                       ("세출 예산현액", "1,638.5억원", "2022 대비 18.8%", [484, 87]),
                       ("원문에 없음", "-", "이 보고서에는 이 표가 없습니다")])
    assert '<a class="sb-src" href="source.html#L24">266명 · 255명</a>' in html
    assert '<a class="sb-src" href="source.html#L484">1,638.5억원</a>' in html
    assert ('근거: <a class="sb-src" href="source.html#L484">484행</a>, '
            '<a class="sb-src" href="source.html#L87">87행</a>') in html
    assert html.count("근거") == 1  # one line needs no list
    assert html.count('class="sb-src"') == 4


def test_a_figure_computed_from_two_lines_links_the_first_and_lists_both():
    rates = pd.DataFrame({"label": ["방문수"], "change_rate": [25.0], "inputs": [[177, 171]]})
    html = table_html(rates, units={"label": None, "change_rate": "percent"},
                      lines={"change_rate": "inputs"})
    assert '<a class="sb-src" href="source.html#L177">25.0</a>' in html
    assert ('근거: <a class="sb-src" href="source.html#L177">177행</a>, '
            '<a class="sb-src" href="source.html#L171">171행</a>') in html


def test_a_figure_of_another_month_names_that_month_on_its_link():
    rows = pd.DataFrame({"program": ["가"], "budget_before": [613_300_000]})
    html = table_html(rows, table="expenditure", lines=line_refs([579], date(2023, 5, 31)))
    assert ('<a class="sb-src" href="source.html#L579" data-snapshot="2023-05-31">613,300</a>'
            in html)
    assert line_refs([None, 12], "2023-06-30") == [None, LineRef("2023-06-30", 12)]


def test_a_figure_computed_from_two_months_lists_both_lines_with_their_dates():
    # one department's budget change: its printed subtotal on line 485 of May and of June
    frame = pd.DataFrame({"department": ["가"], "change": [500_000_000],
                          "both": [line_refs([485], date(2023, 5, 31))
                                   + line_refs([485], date(2023, 6, 30))]})
    html = table_html(frame, units={"change": "KRW"}, lines={"change": "both"})
    assert 'href="source.html#L485" data-snapshot="2023-05-31">500,000<' in html
    assert ">2023. 5. 31. 485행</a>, " in html
    assert 'data-snapshot="2023-06-30">2023. 6. 30. 485행</a>' in html


def test_a_chart_s_figures_are_a_folded_table_linked_like_every_table():
    from seoul_budget.notebook.html import chart_data_html

    html = chart_data_html(ROWS.drop(columns="source_line").assign(line=[487, 488]), "부서별 예산",
                           lines="line",
                           units={"budget": "KRW"})
    assert html.startswith('<details class="sb-chart-data"><summary>차트 자료</summary>')
    assert "<details open" not in html and html.endswith("</details>")
    assert "<caption>차트 자료: 부서별 예산</caption>" in html
    assert 'href="source.html#L487">1,000<' in html
    assert 'href="source.html#L488">2,000<' in html

"""metrics/takeaways.py: the trends page's takeaways and key figure, worked by hand."""

from __future__ import annotations

import pandas as pd

from seoul_budget.metrics import trend_takeaways

# Two months of one fiscal year: May 516/1,000 = 51.6 % committed, 313/1,000 = 31.3 % spent;
# June 604/1,000 = 60.4 %, 353/1,000 = 35.3 %; the year elapsed 41.4 % and 49.6 %.
MONTHS = pd.DataFrame({"as_of": pd.to_datetime(["2031-05-31", "2031-06-30"]),
                       "programs": [72, 73], "committed_rate": [51.6, 60.4],
                       "spent_rate": [31.3, 35.3], "elapsed": [41.4, 49.6]})


def test_the_trends_page_opens_with_the_change_since_the_month_before():
    found = trend_takeaways(MONTHS, "가나국 전체")
    assert found.sentences[0] == ("6월 30일 현재 가나국 전체의 집행률은 원인행위 기준 60.4%, "
                                  "지출 기준 35.3%이고, 연간 경과율은 49.6%입니다.")
    assert "5월 31일보다 원인행위 기준 +8.8%p, 지출 기준 +4.0%p" in found.sentences[1]
    assert "72개에서 73개로 늘었습니다" in found.sentences[2]
    assert found.key_figure == "원인행위 60.4% · 지출 35.3% · 전월 대비 원인행위 +8.8%p"


def test_a_first_month_has_a_key_figure_and_says_it_has_nothing_to_compare_as_of_its_date():
    found = trend_takeaways(MONTHS.iloc[:1], "가나국 전체")
    assert found.key_figure == "원인행위 51.6% · 지출 31.3% · 비교할 지난달 없음"
    assert "5월 31일까지 읽은 보고서는 이 달 하나" in found.sentences[1]


def test_the_newest_months_rates_cite_its_lines_and_no_other_months():
    # June prints its 계 on line 484; May's line 480 lies in another month's report
    sums = pd.DataFrame({"as_of": pd.to_datetime(["2031-05-31", "2031-06-30"]),
                         "lines": [[480], [484]]})
    found = trend_takeaways(MONTHS, "가나국 전체", sums)
    assert found.lines[0] == (484,)
    assert found.key_lines == (484,)
    assert trend_takeaways(MONTHS, "가나국 전체").key_lines == ()


def test_a_budget_of_0_says_there_is_no_rate_instead_of_leaving_it_blank():
    # June's budget is 0 (rates 0 ÷ 0: NaN): no rate, no change, and a key figure that says so
    zero = MONTHS.assign(committed_rate=[51.6, float("nan")], spent_rate=[31.3, float("nan")])
    found = trend_takeaways(zero, "가나과")
    assert found.sentences == ["6월 30일 현재 가나과의 예산현액이 0원이라 집행률과 비율은 "
                               "계산하지 않습니다."]
    assert found.key_figure == "집행률 없음 (예산현액 0원)"
    # May's budget was 0, June's is not: June's rates, and no change to a month without any
    since = MONTHS.assign(committed_rate=[float("nan"), 60.4], spent_rate=[float("nan"), 35.3])
    found = trend_takeaways(since, "가나과")
    assert found.sentences[1] == "5월 31일에는 예산현액이 0원이라 그때와 비교한 변화는 없습니다."
    assert found.key_figure == "원인행위 60.4% · 지출 35.3%"


def test_a_scope_with_no_program_says_so_rather_than_that_the_table_is_missing():
    # a department staffed but in no budget table: no month of it at all
    found = trend_takeaways(MONTHS.iloc[:0], "가나과")
    assert found.sentences == ["가나과의 세출 사업은 이 보고서에 없습니다."]
    assert found.key_figure == ""

"""``seoul_budget.metrics.trends.compare_programs`` tells a budget change (예산 변경) from
execution moving under the same budget (집행 변동) and from nothing moving (변동 없음)."""

from __future__ import annotations

import pandas as pd

from seoul_budget import metrics

MONEY = {"budget": "Int64", "committed": "Int64", "spent": "Int64"}


def programs(rows: list[tuple[str, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([("가과", "일반회계", *row) for row in rows],
                        columns=["department", "account", "program", "budget", "committed",
                                 "spent"]).astype(MONEY)


def test_execution_moving_under_the_same_budget_is_not_unchanged():
    before = programs([("가 사업", 1_000, 100, 50), ("나 사업", 2_000, 300, 300),
                       ("다 사업", 3_000, 0, 0), ("라 사업", 4_000, 10, 10)])
    after = programs([("가 사업", 1_000, 400, 50),   # committed moved
                      ("나 사업", 2_000, 300, 900),  # spent moved
                      ("다 사업", 3_000, 0, 0),      # nothing moved
                      ("라 사업", 5_000, 10, 10)])   # re-budgeted
    compared = metrics.compare_programs(before, after)
    assert compared[["program", "status", "committed_change", "spent_change"]].values \
        .tolist() == [["가 사업", metrics.EXECUTED, 300, 0],
                      ["나 사업", metrics.EXECUTED, 0, 600],
                      ["다 사업", metrics.UNCHANGED, 0, 0],
                      ["라 사업", metrics.REBUDGETED, 0, 0]]
    assert metrics.stalled_programs(compared)["program"].tolist() == ["라 사업", "다 사업"]


def test_may_to_june_counts_moved_programs_as_executed(months_tables):
    expenditure = months_tables["expenditure"]
    days = metrics.snapshot_dates(expenditure)
    compared = metrics.compare_programs(metrics.rows_at(expenditure, days[0]),
                                        metrics.rows_at(expenditure, days[1]))
    both = compared[compared["status"].isin([metrics.EXECUTED, metrics.UNCHANGED])]
    moved = (both["committed_change"] != 0) | (both["spent_change"] != 0)
    assert (both["status"] == metrics.EXECUTED).tolist() == moved.tolist()
    assert (both["budget_change"] == 0).all()
    assert moved.any()  # June grows figures: not every program is 변동 없음

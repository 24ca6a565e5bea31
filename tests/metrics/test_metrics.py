"""Metrics on small hand-made frames and on the bundled report.

Figures on the real report are checked against what the document prints (its totals, its
rates), within rounding to its unit: never against the code's own output.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from bundled import DEPARTMENTS

from seoul_budget import metrics

K = 1_000  # the 2023 tables print 천원
M = 1_000_000  # the 2022 settlement prints 백만원


def programs(*rows: tuple[str, str, str, int, int, int]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["department", "account", "program", "budget",
                                        "committed", "spent"])
    frame["department"] = pd.Categorical(frame["department"], categories=DEPARTMENTS)
    for column in ("budget", "committed", "spent"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- basics


def test_rate_pct_scalars_and_zero_base():
    assert metrics.rate_pct(1, 4) == 25.0
    assert math.isnan(metrics.rate_pct(1, 0))
    assert math.isnan(metrics.rate_pct(None, 4))


def test_rate_pct_series_with_zero_and_missing_bases():
    num = pd.Series([1, 2, 3], dtype="Int64")
    den = pd.Series([4, 0, None], dtype="Int64")
    out = metrics.rate_pct(num, den)
    assert out.iloc[0] == 25.0
    assert out.iloc[1:].isna().all()
    # A scalar base broadcasts over a Series.
    assert metrics.rate_pct(num, 10).tolist() == [10.0, 20.0, 30.0]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2023, 5, 31), 151 / 365 * 100),   # 31+28+31+30+31 = 151 days
    (date(2023, 1, 1), 1 / 365 * 100),
    (date(2023, 12, 31), 100.0),
    (date(2024, 2, 29), 60 / 366 * 100),    # leap year
])
def test_year_elapsed_pct(day, expected):
    assert metrics.year_elapsed_pct(day) == pytest.approx(expected)
    assert metrics.year_elapsed_pct(day, day.year) == pytest.approx(expected)


def test_year_elapsed_is_of_the_fiscal_year():
    """A report of fiscal 2024 dated in January 2025 (a late settlement) has its whole year
    behind it; one dated before its year began has none of it."""
    assert metrics.year_elapsed_pct(date(2025, 1, 15), 2024) == 100.0
    assert metrics.year_elapsed_pct(date(2023, 12, 31), 2024) == 0.0


def test_order_and_filter_by_department():
    departments = pd.Categorical(
        ["서울기록원", "디지털정책담당관", "데이터센터", "디지털정책담당관"],
        categories=DEPARTMENTS)  # a report's order, as tables carry it
    frame = pd.DataFrame({"department": departments, "x": [1, 2, 3, 4]})
    ordered = metrics.order_by_department(frame)
    assert ordered["department"].tolist() == ["디지털정책담당관", "디지털정책담당관",
                                              "데이터센터", "서울기록원"]
    assert ordered["x"].tolist() == [2, 4, 3, 1]  # stable within a department
    assert metrics.for_department(frame, "데이터센터")["x"].tolist() == [3]
    assert metrics.for_department(frame, "디지털 정책 담당관")["x"].tolist() == [2, 4]
    assert metrics.for_department(frame, "디지털 정책 담당관").index.tolist() == [0, 1]
    assert len(metrics.for_department(frame, None)) == 4
    # a table of the whole bureau (revenue) has no department column: it comes back whole
    revenue = pd.DataFrame({"item": ["a", "b"]})
    assert metrics.for_department(revenue, "데이터센터")["item"].tolist() == ["a", "b"]


# --------------------------------------------------------------------------- execution


def test_execution_by_sums_and_rates_on_a_small_table():
    frame = programs(("데이터센터", "일반회계", "a", 100, 50, 10),
                     ("디지털정책담당관", "일반회계", "b", 200, 100, 100),
                     ("데이터센터", "일반회계", "c", 300, 0, 0))
    out = metrics.execution_by(frame, by=["department"])
    assert out["department"].tolist() == ["디지털정책담당관", "데이터센터"]  # report order
    dc = out.iloc[1]
    assert (dc.programs, dc.budget, dc.committed, dc.spent) == (2, 400, 50, 10)
    assert dc.committed_rate == pytest.approx(12.5)
    assert dc.spent_rate == pytest.approx(2.5)
    assert frame["budget"].tolist() == [100, 200, 300]  # input untouched


def test_behind_pace_flags_programs_more_than_threshold_behind():
    as_of = date(2023, 5, 31)  # 41.37 % of the year elapsed
    frame = programs(("데이터센터", "일반회계", "just behind", 100, 21, 0),     # gap −20.37
                     ("데이터센터", "일반회계", "within", 100, 22, 0),          # gap −19.37
                     ("데이터센터", "일반회계", "far behind", 100, 0, 0),       # gap −41.37
                     ("데이터센터", "일반회계", "no budget", 0, 0, 0),          # no rate
                     ("데이터센터", "일반회계", "ahead", 100, 90, 90))
    flagged = metrics.behind_pace(frame, as_of, threshold_pp=20, basis="committed")
    assert flagged["program"].tolist() == ["far behind", "just behind"]
    # from the rates as shown: 0.0% against 41.4% (151 / 365 = 41.37 %) is −41.4 %p
    assert flagged["gap_pp"].iloc[0] == -41.4
    assert flagged["elapsed"].iloc[0] == pytest.approx(151 / 365 * 100)
    # On the spent basis every budgeted program but 'ahead' is behind.
    spent = metrics.behind_pace(frame, as_of, threshold_pp=20, basis="spent")
    assert set(spent["program"]) == {"just behind", "within", "far behind"}
    # Threshold 0: anything under the elapsed share.
    assert len(metrics.behind_pace(frame, as_of, threshold_pp=0)) == 3


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_behind_pace_rejects_a_bad_threshold(bad):
    frame = programs(("데이터센터", "일반회계", "a", 100, 1, 1))
    with pytest.raises(ValueError, match="threshold_pp"):
        metrics.behind_pace(frame, date(2023, 5, 31), threshold_pp=bad)


def test_behind_pace_rejects_an_unknown_basis():
    frame = programs(("데이터센터", "일반회계", "a", 100, 1, 1))
    with pytest.raises(ValueError, match="committed, spent"):
        metrics.behind_pace(frame, date(2023, 5, 31), basis="paid")


def test_department_execution_matches_printed_department_totals(report):
    """세출예산 집행현황 prints each department's budget and committed (천원)."""
    printed = {  # department: (budget, committed) as printed on its total row
        "디지털정책담당관": (22_800_113, 11_586_203),
        "빅데이터담당관": (17_248_450, 9_180_619),
        "공간정보담당관": (8_655_129, 4_482_475),
        "데이터센터": (54_736_110, 22_354_819),
    }
    out = metrics.execution_by(report.expenditure, by=["department"]).set_index("department")
    for department, (budget, committed) in printed.items():
        row = out.loc[department]
        slack = K * int(row.programs)  # one 천원 of rounding per summed line
        assert abs(int(row.budget) - budget * K) <= slack, department
        assert abs(int(row.committed) - committed * K) <= slack, department


def test_behind_pace_on_the_report_matches_its_printed_rates(report):
    """At 2023-05-31 (41.4 % elapsed), programs whose printed 원인행위 rate is under 21.4 %."""
    expected = {"취약계층 디지털 격차 해소", "드론 공간 정보 운영", "3D 기반 Virtual Seoul 구축",
                "정보자원 통합 관리", "급여관리시스템 운영",
                "재난재해 대비 SDDC 기반 클라우드 환경 구축",
                "정보취약계층 정보격차 해소 (장애인 정보통신보조기기 보급)", "기본경비"}
    flagged = metrics.behind_pace(report.expenditure, date(2023, 5, 31), 20)
    assert set(flagged["program"]) == expected
    assert flagged.loc[flagged["program"] == "기본경비", "department"].tolist() == ["데이터센터"]


def test_largest_program_is_the_one_the_report_prints_largest(report):
    top = metrics.largest_programs(report.expenditure, 3)
    assert top.loc[0, "program"] == "정보자원 통합 관리"  # 19,899,927 천원
    assert top.loc[0, "budget"] == 19_899_927 * K
    assert top.loc[0, "budget_share"] == pytest.approx(19_899_927 / 163_848_799 * 100)
    assert top["budget"].is_monotonic_decreasing


# --------------------------------------------------------------------------- changes


@pytest.mark.parametrize(("new", "old", "status"), [
    (11_199, 0, "순증"), (0, 964, "전액 감소"), (5, 3, "증가"), (3, 5, "감소"), (0, 0, "변동 없음"),
    (4, 4, "변동 없음"),
])
def test_change_status(new, old, status):
    assert metrics.change_status(new, old) == status


def test_revenue_categories_match_the_printed_summary(report):
    """세입 총괄 prints each 장's 2023 and 2022 totals (천원) and change rate."""
    printed = {"세외수입": (13_218_894, 14_850_806, -11.0),
               "보조금": (716_251, 2_491_578, -71.3),
               "보전수입등 및 내부거래": (6_811, 28_515, -76.1)}
    out = metrics.revenue_changes(report.revenue, "category").set_index("category")
    assert list(out.index) == list(printed)  # report order
    for category, (new, old, rate) in printed.items():
        assert out.loc[category, "budget"] == new * K
        assert out.loc[category, "previous_budget"] == old * K
        assert round(out.loc[category, "change_rate"], 1) == rate


def test_revenue_items_new_and_gone(report):
    items = metrics.revenue_changes(report.revenue, "item")
    assert len(items) == len(report.revenue)  # line items are never merged
    new = items[items["status"] == "순증"]
    # The detail table prints 순증 on three lines: an unlabelled 기타이자수입 line (78 천원,
    # printed just below another unlabelled line), 사물인터넷도시조성보조금반납금 and
    # 세계스마트시티지구운영 국제부담금집행잔액.
    assert new["budget"].tolist() == [78 * K, 4_045 * K, 2_209 * K]
    assert new["item"].fillna("<NA>").tolist() == ["<NA>", "사물인터넷도시조성보조금반납금",
                                    "세계스마트시티지구운영 국제부담금집행잔액"]
    assert "스마트챌린지" in set(items.loc[items["status"] == "전액 감소", "item"])
    top = metrics.biggest_changes(items, 1)
    assert top.loc[0, "item"] == "스마트챌린지"  # △2,000,000 천원, the largest change
    assert top.loc[0, "change"] == -2_000_000 * K


def test_revenue_level_must_be_known(report):
    with pytest.raises(ValueError, match="detail_category"):
        metrics.revenue_changes(report.revenue, "장")


def test_budget_changes_match_the_printed_expenditure_summary(report):
    out = metrics.budget_changes(report.expenditure_summary).set_index("department")
    assert list(out.index) == list(DEPARTMENTS)
    # 세출 총괄: 정보통신보안관 40,401,130 vs 31,568,902 → 8,832,228 (28.0%).
    row = out.loc["정보통신보안담당관"]
    assert (row.budget, row.previous_budget, row.change) == (40_401_130 * K, 31_568_902 * K,
                                                              8_832_228 * K)
    assert round(row.change_rate, 1) == 28.0
    assert out["budget"].sum() == 163_848_799 * K
    assert out["previous_budget"].sum() == 137_950_562 * K


# --------------------------------------------------------------------------- staffing


def test_staffing_gaps_match_the_printed_table(report):
    gaps = metrics.staffing_gaps(report.staffing).set_index("department")
    assert gaps.loc["데이터센터", "shortage"] == 8          # printed △8
    assert gaps.loc["디지털정책담당관", "shortage"] == -1   # printed +1
    assert gaps["shortage"].sum() == 266 - 255             # printed 계: 정원 266, 현원 255
    assert gaps.loc["데이터센터", "fill_rate"] == pytest.approx(61 / 69 * 100)


def test_headcount_matrix_adds_up_to_the_printed_totals(report):
    matrix = metrics.headcount_matrix(report.staffing_by_category)
    assert list(matrix.index) == list(DEPARTMENTS)
    printed_totals = {"행정": 59, "전산": 73, "방송통신": 51, "지적": 9, "기타": 13, "연구직": 8,
                      "전문경력관": 8, "임기제": 25, "관리운영직": 9}
    assert list(matrix.columns) == list(printed_totals)  # the report's column order
    assert matrix.sum().to_dict() == printed_totals
    assert matrix.sum(axis=1).tolist() == [36, 28, 24, 23, 24, 36, 61, 23]  # printed 현원
    assert matrix.loc["정보통신보안담당관", "방송통신"] == 29


def test_job_category_shares_round_to_the_printed_shares(report):
    totals = metrics.job_category_totals(report.staffing_by_category)
    printed = [23.1, 28.6, 20.0, 3.5, 5.1, 3.1, 3.1, 9.8, 3.5]  # 계 row, in column order
    assert [round(s, 1) for s in totals["share"]] == printed


def test_specialist_share_counts_technical_series(report):
    # line 23: 행정·기술직군 over 행정, 전산, 방송 통신, 지적, 기타; then 연구직, 전문 경력관,
    # 임기제, 관리 운영직, each a group of its own
    assert metrics.specialist_categories(report.staffing_by_category) == [
        "전산", "방송통신", "지적", "연구직", "전문경력관"]
    share = metrics.specialist_share(report.staffing_by_category).set_index("department")
    # 공간정보담당관: 전산 5 + 방송통신 2 + 지적 9 + 전문경력관 4 = 20 of 24.
    assert share.loc["공간정보담당관", "specialists"] == 20
    assert share.loc["공간정보담당관", "specialist_share"] == pytest.approx(20 / 24 * 100)
    # 계 (line 24): 73 + 51 + 9 + 8 + 8 = 149 of 255
    assert share["specialists"].sum() == 149 and share["headcount"].sum() == 255


def staffing_columns(department: str, groups: dict[str, dict[str, int]]) -> list[dict]:
    """Rows of ``staffing_by_category`` for one department: {group: {category: persons}}."""
    return [{"department": department, "job_group": group, "job_category": category,
             "headcount": persons}
            for group, categories in groups.items() for category, persons in categories.items()]


def test_specialists_of_another_bureau_are_its_own_technical_series():
    # A bureau whose header groups 행정, 토목, 교통 and 기타, then 연구직, 임기제 and 공무직:
    # 토목 3 + 교통 2 + 연구직 1 = 6 of 18, not the bundled header's 전산 and 지적.
    header = {"행정·기술직군": {"행정": 5, "토목": 3, "교통": 2, "기타": 1},
              "연구직": {"연구직": 1}, "임기제": {"임기제": 2}, "공무직": {"공무직": 4}}
    frame = pd.DataFrame(staffing_columns("도로계획과", header)).astype({"headcount": "Int64"})
    assert metrics.specialist_categories(frame) == ["토목", "교통", "연구직"]
    share = metrics.specialist_share(frame)
    assert share[["headcount", "specialists"]].values.tolist() == [[18, 6]]
    assert share["specialist_share"].iloc[0] == pytest.approx(6 / 18 * 100)


def test_a_bureau_of_administrative_series_only_has_no_specialists():
    frame = pd.DataFrame(staffing_columns("총무과", {"행정직군": {"행정": 9, "기타": 2},
                                                    "임기제": {"임기제": 1}}))
    assert metrics.specialist_categories(frame) == []


# --------------------------------------------------------------------------- settlement


def test_settlement_execution_rate_follows_the_printed_rates(report):
    """The printed 집행률 equals (A − E) / A on every department row (rounded to 0.1)."""
    printed = {"디지털정책담당관": 95.6, "빅데이터담당관": 93.6, "정보시스템담당관": 94.3,
               "정보공개담당관": 96.2, "공간정보담당관": 91.4, "정보통신보안담당관": 90.8,
               "데이터센터": 94.4, "서울기록원": 94.5}
    rates = metrics.settlement_rates(report.settlement_expenditure, by=["department"])
    assert rates["department"].tolist() == list(printed)
    assert dict(zip(rates["department"], rates["execution_rate"].round(1), strict=True)) == printed


def test_settlement_recomputes_unspent_and_shares():
    frame = pd.DataFrame({"department": ["디지털정책담당관"], "account": ["일반회계"],
                          "budget": [18_321 * M], "spent": [17_055 * M],
                          "carried_over": [454 * M], "subsidy_returned": [0],
                          "unspent": [812 * M]})
    row = metrics.settlement_rates(frame).iloc[0]
    assert row.unspent_recomputed == 812 * M  # 18,321 − 17,055 − 454 − 0 (printed E: 812)
    assert row.spent_rate == pytest.approx(17_055 / 18_321 * 100)
    assert row.carried_over_share == pytest.approx(454 / 18_321 * 100)
    assert row.unspent_share + row.execution_rate == pytest.approx(100)


def test_collection_rates(report):
    rates = metrics.collection_rates(report.settlement_revenue).set_index("item")
    # 경상적세외수입: 실제수납액 9,643 / 징수결정액 9,886 (백만원).
    assert rates.loc["경상적세외수입", "collection_rate"] == pytest.approx(9_643 / 9_886 * 100)
    assert rates.loc["보조금", "collection_rate"] == pytest.approx(100)


# --------------------------------------------------------------------------- headline


def test_headline_figures_are_the_printed_totals(report):
    h = metrics.headline_figures(report.tables(), report.as_of)
    assert (h["authorized"], h["current"], h["shortage"]) == (266, 255, 11)
    assert h["revenue_budget"] == 13_941_956 * K
    assert h["revenue_previous_budget"] == 17_370_899 * K
    assert h["budget"] == 163_848_799 * K
    assert h["previous_budget"] == 137_950_562 * K
    assert h["programs"] == 72
    assert round(h["budget_change_rate"], 1) == 18.8  # printed 18.8%
    assert h["year_elapsed"] == pytest.approx(151 / 365 * 100)


def test_headline_figures_for_one_department(report):
    h = metrics.headline_figures(report.tables(), report.as_of, "데이터센터")
    assert (h["authorized"], h["current"], h["programs"]) == (69, 61, 11)
    assert h["budget"] == 54_736_110 * K
    assert h["previous_budget"] == 44_799_800 * K
    assert round(h["committed_rate"], 1) == 40.8  # printed 40.8%
    assert h["revenue_budget"] == 13_941_956 * K  # revenue is the bureau's


def test_department_overview(report):
    overview = metrics.department_overview(report.tables())
    assert overview["department"].tolist() == list(DEPARTMENTS)
    # Duties listed per department in 부서별 주요업무.
    assert overview["duties"].tolist() == [8, 6, 9, 7, 8, 10, 5, 6]
    assert overview["programs"].sum() == 72
    row = overview.set_index("department").loc["정보공개담당관"]
    assert row["surplus_printed"] == -2 and row["shortage"] == 2  # printed △2


def test_a_department_no_budget_table_lists_has_no_programs_and_no_budget(report):
    # 서울기록원 without its rows in 집행현황 (staffed: 정원 24, 현원 23, line 32)
    tables = report.tables()
    tables["expenditure"] = tables["expenditure"][tables["expenditure"]["department"]
                                                  != "서울기록원"]
    row = metrics.department_overview(tables).set_index("department").loc["서울기록원"]
    assert (row["authorized"], row["current"], row["duties"]) == (24, 23, 6)
    assert (row["programs"], row["budget"], row["committed"], row["spent"]) == (0, 0, 0, 0)
    assert pd.isna(row["committed_rate"]) and pd.isna(row["spent_rate"])  # no rate of 0원


def test_points_change_subtracts_the_rates_as_shown():
    # 06_trends showed 40.8 → 54.4 and printed +13.5%p (54.35 − 40.84 = 13.51); the rates as
    # shown, each rounded half up to one decimal, give 54.4 − 40.8 = 13.6.
    assert metrics.points_change(54.35, 40.84) == 13.6
    assert metrics.points_change(54.44, 40.76) == 13.6   # unrounded 13.68 would show 13.7
    assert metrics.points_change(31.04, 31.25) == -0.3   # 31.0 − 31.3
    assert metrics.points_change(0.05, 0.0) == 0.1       # half away from zero: 0.05 → 0.1
    assert math.isnan(metrics.points_change(float("nan"), 1.0))
    series = metrics.points_change(pd.Series([54.35, None, 12.25]), pd.Series([40.84, 1.0, 2.0]))
    assert series.tolist()[0] == 13.6 and math.isnan(series.tolist()[1])
    assert series.tolist()[2] == 10.3                    # 12.3 − 2.0
    assert metrics.points_change(12.25, 2.0, decimals=0) == 10.0  # 12 − 2


def test_behind_pace_ties_on_the_gap_as_shown_put_the_lower_rate_first():
    # 300 / 1,000,000 = 0.03 % and 0 / 1,000 = 0.0 % both show 0.0 %, 41.4 %p behind 41.4 %
    frame = programs(("데이터센터", "일반회계", "large", 1_000_000, 300, 0),
                     ("데이터센터", "일반회계", "small", 1_000, 0, 0))
    flagged = metrics.behind_pace(frame, date(2023, 5, 31), threshold_pp=20)
    assert flagged["gap_pp"].tolist() == [-41.4, -41.4]
    assert flagged["program"].tolist() == ["small", "large"]  # 0.0 % before 0.03 %

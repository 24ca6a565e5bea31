"""The analyst API: ``dir(sb)``, ``load_report`` by date from any folder, a report narrowed to a
department, long and labelled views, copies, and the column types analysts rely on. Expected
figures are the printed report's (tests/fixtures/data/raw/2023-05-31/report.txt)."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from bundled import RAW, ROOT

import seoul_budget as sb
from seoul_budget import metrics
from seoul_budget.processed import write_processed

CHEON, BAEKMAN = 1_000, 1_000_000
BIG_DATA = "빅데이터담당관"


def python(code: str, cwd=ROOT / "notebooks") -> str:
    """Return what ``code`` prints, run cold in a new interpreter from ``cwd``."""
    env = {**os.environ, "SEOUL_BUDGET_DATA": str(RAW)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=cwd, env=env, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


# --------------------------------------------------------------------------- discoverable


def test_dir_lists_everything_public_lazily():
    out = python("import sys, seoul_budget as sb; names = dir(sb); "
                 "print(' '.join(names)); print('pandas' in sys.modules)")
    names, pandas_loaded = out.splitlines()
    for name in ("load_report", "Report", "reconcile", "history", "metrics", "formatting",
                 "plotting", "ParameterError"):
        assert name in names.split()
    # the departments are each report's own (report.departments): no bundled list
    assert "DEPARTMENTS" not in names.split()
    assert pandas_loaded == "False"  # dir() imports nothing


def test_modules_are_attributes_without_an_import():
    out = python("import seoul_budget as sb; "
                 "print(sb.metrics.__name__, sb.formatting.__name__, sb.plotting.__name__)")
    assert out == "seoul_budget.metrics seoul_budget.formatting seoul_budget.plotting"


def test_load_report_without_a_path_from_the_notebooks_folder():
    out = python("import seoul_budget as sb; r = sb.load_report(); "
                 "print(r.as_of, r.path.parent.parent == __import__('pathlib').Path("
                 f"{str(RAW)!r}))")
    assert out == "2023-05-31 True"


def test_load_report_by_date_and_an_unknown_date(tmp_path):
    assert sb.load_report(as_of="2023-05-31").as_of.isoformat() == "2023-05-31"
    with pytest.raises(sb.ParameterError, match=r"2023-06-30.*available: 2023-05-31"):
        sb.load_report(as_of="2023-06-30")
    with pytest.raises(sb.ParameterError, match="not both"):
        sb.load_report(RAW / "2023-05-31" / "report.txt", as_of="2023-05-31")


# --------------------------------------------------------------------------- departments


@pytest.fixture(scope="module")
def corrected() -> sb.Report:
    return sb.load_report(as_of="2023-05-31")


def test_for_department_resolves_spellings_like_the_notebooks(corrected):
    for spelling in ("빅 데이터 담당관", "빅데이터관", BIG_DATA):  # spaced; 세출 총괄's alias
        narrowed = corrected.for_department(spelling)
        assert narrowed.departments == (BIG_DATA,)
    programs = narrowed.expenditure  # lines 501-510: 9 programs, subtotal line 500
    assert len(programs) == 9 and set(programs["department"]) == {BIG_DATA}
    assert programs["budget"].sum() == 17_248_450 * CHEON
    assert narrowed.staffing[["authorized", "current"]].iloc[0].tolist() == [28, 28]  # line 26
    settlement = narrowed.settlement_expenditure  # line 607
    assert settlement["unspent"].tolist() == [955 * BAEKMAN]
    pd.testing.assert_frame_equal(narrowed.revenue, corrected.revenue)  # the bureau's
    assert len(narrowed.printed_totals) == len(corrected.printed_totals)
    assert narrowed.findings["key"].str.contains(BIG_DATA).all()
    assert len(narrowed.findings) > 0


def test_for_department_keeps_the_findings_of_its_own_key_projects(corrected):
    # project 5 (line 260) is 정보시스템담당관's (its contact line, 264), project 8 (line 367)
    # 데이터센터's: a project's findings go with its department, whatever its title names
    projects = corrected.findings[corrected.findings["table"] == "projects"]
    assert {"5. 인공지능 행정 추진", "8. 데이터센터 신축 추진"} <= set(projects["key"])
    for department, number in (("정보시스템담당관", "5."), ("데이터센터", "8.")):
        narrowed = corrected.for_department(department).findings
        mine = narrowed[narrowed["table"] == "projects"]["key"].tolist()
        assert mine and all(key.startswith(number) for key in mine), (department, mine)


def test_for_department_keeps_only_its_key_projects_figures(corrected):
    # 빅데이터담당관's key projects are 3 and 4 (contact lines under headings 195 and 229)
    narrowed = corrected.for_department(BIG_DATA)
    assert narrowed.projects["number"].tolist() == [3, 4]
    figures = narrowed.project_metrics
    assert len(figures) > 0 and set(figures["project"]) == {3, 4}
    assert len(figures) == corrected.project_metrics["project"].isin([3, 4]).sum()


def test_for_department_unknown_names_the_choices(corrected):
    with pytest.raises(sb.ParameterError, match=r"'재무과'.*디지털정책담당관, 빅데이터담당관"):
        corrected.for_department("재무과")


def test_metrics_for_department_resolves_the_same_way(corrected):
    rows = metrics.for_department(corrected.expenditure, "빅 데이터 담당관")
    assert len(rows) == 9  # was 0 before the names were resolved
    with pytest.raises(sb.ParameterError, match="choose 'all' or one of"):
        metrics.for_department(corrected.expenditure, "재무과")


@pytest.mark.parametrize("whole", ["all", "ALL", "전체", "", None])
def test_all_departments_narrow_nothing(corrected, whole):
    assert corrected.for_department(whole) is corrected
    assert len(metrics.for_department(corrected.expenditure, whole)) == len(
        corrected.expenditure)


def test_departments_are_ordered_categoricals_in_report_order(corrected, tmp_path):
    for name, frame in corrected.tables().items():
        if "department" in frame:
            dtype = frame["department"].dtype
            assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered, name
            assert tuple(dtype.categories[:8]) == corrected.departments, name
    # Parquet keeps the order; CSV holds the names as text
    folder = write_processed(corrected, tmp_path)
    back = pd.read_parquet(folder / "expenditure.parquet")
    assert list(back["department"].cat.categories) == list(corrected.departments)
    csv = pd.read_csv(folder / "expenditure.csv", encoding="utf-8-sig")
    assert csv["department"].tolist() == corrected.expenditure["department"].astype(str).tolist()


# --------------------------------------------------------------------------- views


def test_long_has_one_row_per_figure(corrected):
    long = corrected.long("expenditure")
    figures = ["budget", "committed", "spent", "committed_rate_printed", "spent_rate_printed"]
    assert len(long) == 72 * len(figures)
    first = long[long["program"] == "엠보팅 서비스 운영"]  # line 484
    assert first["measure"].tolist() == figures
    # money whole won (Int64), rates in their own Float64 column: line 484's 93.3 and 1.5
    assert long["value"].dtype == "Int64" and long["percent"].dtype == "Float64"
    assert first["value"].tolist()[:3] == [206_044 * CHEON, 192_302 * CHEON, 3_100 * CHEON]
    assert first["percent"].tolist()[3:] == [93.3, 1.5]
    assert first["value"].isna().tolist() == [False] * 3 + [True] * 2
    assert first["percent"].isna().tolist() == [True] * 3 + [False] * 2
    staffing = corrected.long("staffing")
    assert staffing["value"].dtype == "Int64" and staffing["percent"].isna().all()
    assert first["unit"].tolist() == ["KRW"] * 3 + ["percent"] * 2
    assert {"department", "account", "program", "source_line"} <= set(long.columns)


def test_labelled_shows_korean_labels_with_units(corrected):
    labelled = corrected.labelled("staffing")
    assert list(labelled.columns)[:4] == ["부서", "정원 (명)", "현원 (명)", "부족 인원 (명)"]
    assert "예산현액 (원)" in corrected.labelled("expenditure").columns


# --------------------------------------------------------------------------- types


def test_tables_are_copies(corrected):
    before = corrected.findings
    programs = corrected.expenditure
    programs.loc[:, "spent"] = 0
    assert corrected.expenditure["spent"].sum() > 0
    tables = corrected.tables()
    tables["staffing"].loc[:, "current"] = 0
    assert corrected.staffing["current"].sum() == 255  # line 24
    pd.testing.assert_frame_equal(corrected.findings, before)


def test_missing_text_is_na_and_parquet_equals_csv(corrected, tmp_path):
    revenue = corrected.revenue
    assert revenue.loc[revenue["item"].isna(), "source_line"].tolist() == [433, 434]
    for name, frame in corrected.tables().items():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]):
                assert not (frame[column] == "").any(), (name, column)
    folder = write_processed(corrected, tmp_path)
    for name in ("revenue", "revenue_summary", "projects"):
        parquet = pd.read_parquet(folder / f"{name}.parquet")
        csv = pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False, na_values=[""])
        for column in parquet.columns:
            if pd.api.types.is_string_dtype(parquet[column]):
                assert parquet[column].isna().tolist() == csv[column].isna().tolist(), column


def test_staffing_shortage_is_authorized_minus_current(corrected):
    staffing = corrected.staffing.set_index("department")
    assert staffing.loc["데이터센터", "shortage"] == 8  # line 31: 69, 61, △8
    assert staffing.loc["데이터센터", "surplus_printed"] == -8
    assert staffing.loc["디지털정책담당관", "shortage"] == -1  # line 25: 35, 36, +1
    assert staffing["shortage"].sum() == 266 - 255  # line 24


def test_basic_expense_and_unspent_rate(corrected):
    basic = corrected.expenditure[corrected.expenditure["is_basic_expense"]]
    # 기본경비 rows: lines 497, 510, 524, 532, 544, 558, 573, 580
    assert basic["source_line"].tolist() == [497, 510, 524, 532, 544, 558, 573, 580]
    settlement = corrected.settlement_expenditure.set_index(["department", "account"])
    assert settlement.loc[(BIG_DATA, "일반회계"), "unspent_rate"] == pytest.approx(
        955 / 14_817 * 100)  # line 607


def test_every_money_column_is_int64(corrected):
    from seoul_budget.schemas import column_unit, columns

    tables = {**corrected.tables(), "findings": corrected.findings,
              "corrections": corrected.corrections}
    for name, frame in tables.items():
        for column in columns(name):
            if column_unit(name, column) == "KRW":
                assert str(frame[column].dtype) == "Int64", (name, column)


def test_a_warning_when_spent_exceeds_committed(corrected):
    findings = corrected.findings
    warnings = findings[findings["severity"] == "warning"]
    # line 580, corrected to 30,048,210 and 30,080,360 원: 지출액 above 원인행위액
    assert warnings["source_line"].tolist() == [580]
    row = warnings.iloc[0]
    assert (row["table"], row["column"], row["difference"]) == ("expenditure", "spent",
                                                               30_080_360 - 30_048_210)


def test_history_unions_departments_in_order_of_appearance():
    from seoul_budget.snapshot_history import concat_like

    may = pd.DataFrame({"department": pd.Categorical(["가", "나"], ["가", "나"], ordered=True)})
    june = pd.DataFrame({"department": pd.Categorical(["다", "가"], ["가", "다"], ordered=True)})
    both = concat_like([may, june])
    assert list(both["department"].cat.categories) == ["가", "나", "다"]
    assert both["department"].tolist() == ["가", "나", "다", "가"]
    assert both["department"].cat.ordered


def test_metrics_moved_out_of_the_notebooks(corrected):
    short = metrics.shortages(corrected.staffing)
    assert (short.departments, short.total, short.largest, short.net) == (4, 12, "데이터센터", 11)
    compare = metrics.compare_years(corrected.project_metrics).set_index("label")
    # lines 145, 148: (노선) '22년 총 50개 → '23년 총 75개; 월급여 1,347 → 1,692 천원
    assert compare.loc["노선", ["before_year", "before", "after_year", "after"]].tolist() == [
        2022, 50, 2023, 75]
    assert compare.loc["월급여", ["before", "after"]].tolist() == [1_347_000, 1_692_000]
    assert compare.loc["노선", "change_rate"] == pytest.approx(50.0)  # 25 ÷ 50
    assert metrics.change_pct(13_941_956, 17_370_899) == pytest.approx(-19.74, abs=0.01)  # l. 60
    by_account = metrics.settlement_rates(corrected.settlement_expenditure,
                                          by=["department", "account"])
    assert metrics.split_by_account(by_account) == ["정보통신보안담당관"]  # lines 612-613



def test_a_department_that_looks_like_a_formula_stays_text_in_csv():
    from seoul_budget.export import csv_bytes

    frame = pd.DataFrame({"department": pd.Categorical(["=1+2", "데이터센터"], ordered=True)})
    assert csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == "'=1+2"

"""``seoul_budget.departments.table``: the ``departments`` table in every processed folder and
in history; the data package's foreign keys point at it; a DuckDB reader gets the report's
order by joining it.

Expected: the bundled report's staffing table (인력 현황, lines 36-44) lists 디지털정책담당관,
빅데이터담당관, 정보시스템담당관, 정보공개담당관, 공간정보담당관, 정보통신보안담당관,
데이터센터, 서울기록원 in that order; the aliases file maps 빅데이터관 to 빅데이터담당관."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd
import pyarrow.parquet as pq

import seoul_budget as sb
from seoul_budget.departments import Reorganisation
from seoul_budget.departments.table import departments_table
from seoul_budget.processed import write_processed

ORDER = ["디지털정책담당관", "빅데이터담당관", "정보시스템담당관", "정보공개담당관",
         "공간정보담당관", "정보통신보안담당관", "데이터센터", "서울기록원"]


def test_the_table_lists_the_departments_in_report_order(report):
    table = report.departments_table()
    assert table["department"].astype(str).tolist() == ORDER
    assert table["order"].tolist() == list(range(1, 9))
    spelled = table.set_index(table["department"].astype(str))["spellings"]
    assert "빅데이터관" in spelled["빅데이터담당관"]
    assert spelled["서울기록원"] is pd.NA


def test_validity_dates_come_from_the_reorganisation_map():
    changes = (Reorganisation("가과", "나과", date(2023, 7, 1), "", 2),)
    table = departments_table(["가과", "다과"], {}, changes)
    assert table["valid_to"].tolist()[0] == pd.Timestamp("2023-07-01")
    after = departments_table(["나과"], {}, changes)
    assert after["former_names"].tolist() == ["가과"]
    assert after["valid_from"].tolist() == [pd.Timestamp("2023-07-01")]


def test_duckdb_orders_departments_by_joining_the_table(report, tmp_path):
    folder = write_processed(report, tmp_path)
    assert (folder / "departments.csv").is_file()
    assert str(pq.read_schema(folder / "departments.parquet").field("valid_from").type) \
        == "date32[day]"
    rows = duckdb.sql(f"""
        SELECT s.department FROM '{folder / "staffing.parquet"}' s
        JOIN '{folder / "departments.parquet"}' d USING (department)
        ORDER BY d."order" """).fetchall()
    assert [row[0] for row in rows] == ORDER
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    keys = {r["name"]: r["schema"].get("foreignKeys") for r in package["resources"]}
    assert keys["expenditure"] == [{"fields": ["department"], "reference": {
        "resource": "departments", "fields": ["department"]}}]
    assert keys["departments"] is None and keys["revenue"] is None


def test_history_carries_the_departments_of_every_snapshot(months_raw, months_processed):
    history = sb.history("departments", months_raw, processed_dir=months_processed)
    assert history.groupby("as_of").size().tolist() == [8, 8, 8]

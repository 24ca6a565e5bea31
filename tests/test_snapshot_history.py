"""``seoul_budget.snapshot_history``: the history folder as a workbook and a data package too
(three months of ``tests/monthly.py``); ``pandas.read_excel`` with its defaults lands on data.

Expected figures: the 2023-05-31 report prints 72 programs (세출예산 집행현황, lines 484-),
staffing 정원 266 / 현원 255 (line 36); June and July keep 72 programs (one added, one
removed in June) and the same staffing."""

from __future__ import annotations

import json

import monthly as m
import pandas as pd
import pytest
from openpyxl import load_workbook

import seoul_budget as sb
from seoul_budget import snapshot_history as sh
from seoul_budget.processed import write_processed
from seoul_budget.stamp import history_stamp, read_stamp


@pytest.fixture(scope="module")
def history_folder(months_raw, tmp_path_factory):
    processed = tmp_path_factory.mktemp("history-exports") / "processed"
    snapshots, stamps = {}, {}
    for day in (m.MAY, m.JUNE, m.JULY):
        path = months_raw / day.isoformat() / "report.txt"
        snapshots[day], stamps[day.isoformat()] = path, read_stamp(
            write_processed(sb.load_report(path), processed))
    sh.write_history(processed, snapshots, history_stamp(stamps),
                     tables=["expenditure", "staffing", "projects", "departments"])
    return processed / "history"


def test_history_workbook_opens_on_data_and_reads_back_typed(history_folder):
    path = history_folder / sh.HISTORY_WORKBOOK
    book = load_workbook(path)
    assert book.sheetnames == ["expenditure", "staffing", "projects", "departments", "설명"]
    assert book.active.title == "expenditure"
    first = pd.read_excel(path)  # pandas' defaults: the first sheet
    assert list(first.columns[:4]) == ["기준일", "부서", "회계", "사업"]
    assert str(first["기준일"].dtype).startswith("datetime64")
    assert [d.date() for d in first["기준일"].drop_duplicates()] == [m.MAY, m.JUNE, m.JULY]
    assert first.groupby("기준일").size().tolist() == [72, 72, 72]
    assert str(first["예산현액 (원)"].dtype) == "int64"
    staffing = pd.read_excel(path, sheet_name="staffing")
    assert staffing.groupby("기준일")["정원 (명)"].sum().tolist() == [266, 266, 266]
    about = pd.read_excel(path, sheet_name="설명").astype(str).to_string()
    assert "2023-05-31, 2023-06-30, 2023-07-31" in about


def test_snapshot_workbook_defaults_land_on_data(months_raw, tmp_path):
    folder = write_processed(sb.load_report(months_raw / "2023-05-31" / "report.txt"),
                             tmp_path)
    first = pd.read_excel(folder / "seoul_budget_2023-05-31.xlsx")
    assert first["정원 (명)"].sum() == 266 and first["현원 (명)"].sum() == 255


def test_history_data_package_is_valid_and_keys_on_as_of(history_folder):
    from frictionless import validate

    descriptor = history_folder / sh.DATAPACKAGE
    result = validate(str(descriptor))
    assert result.valid, result.flatten(["type", "note"])[:5]
    package = json.loads(descriptor.read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["expenditure", "staffing", "projects",
                                                         "departments"]
    fields = {r["name"]: r["schema"] for r in package["resources"]}
    as_of = fields["staffing"]["fields"][0]
    assert as_of["name"] == "as_of" and as_of["type"] == "date" and as_of["title"] == "기준일"
    assert fields["staffing"]["primaryKey"][0] == "as_of"
    assert fields["staffing"]["foreignKeys"] == [{"fields": ["as_of", "department"], "reference": {
        "resource": "departments", "fields": ["as_of", "department"]}}]

"""`seoul-budget parse`: Parquet, CSV with BOM, one workbook and a data package per snapshot."""

from __future__ import annotations

import json
import shutil

import pandas as pd
from openpyxl import load_workbook

from seoul_budget.cli import main
from seoul_budget.schemas import SCHEMAS


def run_parse(report_path, out):
    return main(["parse", str(report_path), "--out", str(out)])


def test_parse_writes_every_table_in_every_format(report_path, tmp_path):
    assert run_parse(report_path, tmp_path) == 0
    folder = tmp_path / "2023-05-31"
    for table in SCHEMAS:
        frame = pd.read_parquet(folder / f"{table}.parquet")
        raw = (folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table  # BOM: Excel reads Korean as UTF-8
        from_csv = pd.read_csv(folder / f"{table}.csv", encoding="utf-8-sig")
        assert list(from_csv.columns) == list(frame.columns)
        assert len(from_csv) == len(frame)
    expenditure = pd.read_parquet(folder / "expenditure.parquet")
    assert str(expenditure.budget.dtype) == "Int64"
    assert expenditure.budget.sum() == 163_848_799_000


def test_workbook_has_a_sheet_per_table_with_korean_headers(report_path, tmp_path):
    run_parse(report_path, tmp_path)
    book = load_workbook(tmp_path / "2023-05-31" / "seoul_budget_2023-05-31.xlsx")
    assert set(SCHEMAS) <= set(book.sheetnames)
    sheet = book["expenditure"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["부서", "회계", "사업"]
    assert headers[3] == "예산현액 (원)"
    assert sheet["D3"].value == 206_044_000  # line 487, 엠보팅 서비스 운영
    assert "#,##0" in sheet["D3"].number_format


def test_datapackage_describes_fields_types_units(report_path, tmp_path):
    run_parse(report_path, tmp_path)
    package = json.loads((tmp_path / "2023-05-31" / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(SCHEMAS) <= set(resources)
    fields = {f["name"]: f for f in resources["expenditure"]["schema"]["fields"]}
    assert fields["budget"]["type"] == "integer" and fields["budget"]["unit"] == "KRW"
    assert fields["budget"]["title"] == "예산현액" and "Budget" in fields["budget"]["description"]
    assert fields["program"]["type"] == "string"
    assert resources["staffing"]["schema"]["primaryKey"] == ["department"]


def test_outputs_are_byte_identical_across_runs(report_path, tmp_path):
    run_parse(report_path, tmp_path / "a")
    run_parse(report_path, tmp_path / "b")
    first = sorted((tmp_path / "a" / "2023-05-31").iterdir())
    assert first
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / "2023-05-31" / path.name).read_bytes(), \
            path.name


def test_a_bad_snapshot_writes_nothing(report_path, tmp_path, capsys):
    bad = tmp_path / "raw" / "2023-06-30" / "report.txt"
    bad.parent.mkdir(parents=True)
    bad.write_text("not a report\n", encoding="utf-8")
    out = tmp_path / "out"
    status = main(["parse", str(report_path), str(bad), "--out", str(out)])
    assert status == 2
    assert not out.exists() or not any(out.rglob("*"))
    err = capsys.readouterr().err
    assert str(bad) in err and err.count("\n") == 1  # one line, no traceback


def test_processed_tables_are_read_back_only_when_fresh(report_path, tmp_path):
    from seoul_budget.processed import load_snapshot

    raw = tmp_path / "raw" / "2023-05-31"
    raw.mkdir(parents=True)
    shutil.copy(report_path, raw / "report.txt")
    out = tmp_path / "processed"
    assert main(["parse", "--data-dir", str(tmp_path / "raw"), "--out", str(out)]) == 0
    parquet = out / "2023-05-31" / "staffing.parquet"
    frame = pd.read_parquet(parquet)
    frame.loc[0, "authorized"] = 999  # a marker only the processed file holds
    frame.to_parquet(parquet, index=False)
    from_processed = load_snapshot("2023-05-31", tmp_path / "raw", out)
    assert from_processed.staffing.authorized.iloc[0] == 999
    (raw / "report.txt").write_bytes((raw / "report.txt").read_bytes() + b"\n")  # raw changed
    reparsed = load_snapshot("2023-05-31", tmp_path / "raw", out)
    assert reparsed.staffing.authorized.iloc[0] == 35

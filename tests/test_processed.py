"""A processed folder's stamp names the bytes its tables were made from: a report or ledger
edited while it is parsed leaves the folder stale, so the next build makes it again."""

from __future__ import annotations

import shutil

import pandas as pd
from bundled import DAY, RAW

import seoul_budget as sb
from seoul_budget.processed import processed_is_fresh, write_processed


def _copy(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(RAW, data)
    return data, data / DAY / "report.txt", data / "errata.csv"


def test_a_report_edited_after_its_parse_is_stale(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    # an operator saves the file while the build is between parse and stamp
    report_path.write_text(report_path.read_text(encoding="utf-8") + "\n덧붙인 줄\n",
                           encoding="utf-8")
    folder = write_processed(report, tmp_path / "processed")
    assert not processed_is_fresh(folder, report_path, ledger)


def test_a_ledger_edited_after_it_was_applied_is_stale(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    folder = write_processed(report, tmp_path / "processed")
    assert not processed_is_fresh(folder, report_path, ledger)


def test_an_unedited_snapshot_is_fresh(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    folder = write_processed(report, tmp_path / "processed")
    assert processed_is_fresh(folder, report_path, ledger)


def test_money_is_whole_won_in_every_table_and_format(tmp_path):
    """Every money column (KRW in the data dictionary) of every exported table, corrections
    included, is Int64 in Parquet and whole numbers in the workbook; rates stay floats."""
    from bundled import REPORT
    from openpyxl import load_workbook

    from seoul_budget.processed import exported_tables
    from seoul_budget.schemas import column_unit

    report = sb.load_report(REPORT)  # the ledger applied: five corrections, all money
    folder = write_processed(report, tmp_path)
    book = load_workbook(folder / f"seoul_budget_{report.as_of.isoformat()}.xlsx")
    for table in exported_tables(report):
        if not (folder / f"{table}.parquet").exists():
            continue
        frame = pd.read_parquet(folder / f"{table}.parquet")
        for column in frame.columns:
            if column_unit(table, column) == "KRW":
                assert str(frame[column].dtype) == "Int64", (table, column)
    corrections = pd.read_parquet(folder / "corrections.parquet")
    assert str(corrections["printed"].dtype) == "Int64"
    assert str(corrections["printed_rate"].dtype) == "Float64"
    # line 580: 30,048,210 printed in won in a 천원 table, corrected to 30,048,210 원
    row = corrections[(corrections.source_line == 580) & (corrections.column == "committed")]
    assert (row.printed.item(), row.corrected.item()) == (30_048_210_000, 30_048_210)
    assert row.printed_rate.isna().all()
    sheet = book["corrections"]
    headers = [cell.value for cell in sheet[1]]
    printed = [r[headers.index("인쇄값")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(value, int) for value in printed)
    assert sorted(printed)[-1] == 30_080_360_000  # line 580's 지출액 as printed, in 원

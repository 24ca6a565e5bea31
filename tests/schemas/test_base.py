"""``seoul_budget.schemas.base``: missing text is ``pd.NA`` in every table, under the pandas
the set-up installs (3.x) as under 2.x — never NaN, never the string 'nan' — in memory, in
the processed Parquet and CSV files read back, in history and in ``long()``.

The bundled report prints no period for key project 2 (메타버스 서울, line 160 onwards): its
``period`` is missing, and must read <NA>."""

from __future__ import annotations

import pandas as pd
import pytest

import seoul_budget as sb
from seoul_budget.export import csv_bytes
from seoul_budget.processed import read_processed, write_processed
from seoul_budget.schemas import column_spec
from seoul_budget.schemas.base import TEXT_DTYPE


def text_columns(name: str, frame: pd.DataFrame) -> list[str]:
    """The columns the data dictionary types as text (department: categorical, left out)."""
    return [c for c in frame.columns if c != "department"
            and (spec := column_spec(name, c)) is not None and spec.dtype == "str"]


def assert_text_is_na(name: str, frame: pd.DataFrame) -> None:
    for column in text_columns(name, frame):
        values = frame[column]
        assert values.dtype == TEXT_DTYPE, (name, column, values.dtype)
        missing = values[values.isna()].tolist()
        assert all(value is pd.NA for value in missing), (name, column)
        assert not values.dropna().isin(["nan", "NaN", "<NA>", "None"]).any(), (name, column)


@pytest.fixture(scope="module")
def tables(report) -> dict[str, pd.DataFrame]:
    return {**report.tables(), "corrections": report.corrections, "findings": report.findings}


def test_missing_text_is_na_in_every_table(tables):
    assert TEXT_DTYPE.na_value is pd.NA
    for name, frame in tables.items():
        assert_text_is_na(name, frame)
    periods = tables["projects"].set_index("number")["period"]
    assert periods.loc[2] is pd.NA  # project 2 prints no 사업기간
    assert periods.loc[1] == "2023. 7. 1. ~ 12. 20."  # line 128 as printed


def test_missing_text_reads_back_na_from_parquet_and_csv(report, tmp_path):
    folder = write_processed(report, tmp_path)
    for name, frame in read_processed(folder).items():
        assert_text_is_na(name, frame)
    csv = csv_bytes(report.tables()["projects"]).decode("utf-8-sig")
    assert ",nan," not in csv and "<NA>" not in csv


def test_missing_text_is_na_in_history_and_long(months_raw, months_processed, report):
    history = sb.history("projects", months_raw, processed_dir=months_processed)
    assert_text_is_na("projects", history)
    figures = report.long("expenditure")
    assert figures["measure"].dtype == TEXT_DTYPE and figures["unit"].dtype == TEXT_DTYPE

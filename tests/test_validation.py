"""The run-time validator (seoul_budget.validation) and pandera, built from the same data
dictionary, agree: on every table of the bundled report, and on a broken copy of each rule."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pandera.errors
import pytest

from seoul_budget.schemas import ALL_SCHEMAS, table_schema
from seoul_budget.validation import SchemaViolation, validate


def test_every_table_passes_both_with_the_same_dtypes(report):
    tables = {**report.tables(), "findings": report.findings,
              "corrections": report.corrections}
    for name in ALL_SCHEMAS:
        ours = validate(name, tables[name], report.departments)
        theirs = table_schema(name, report.departments).validate(tables[name])
        pd.testing.assert_frame_equal(ours, theirs, obj=name)


def _broken(report, table: str, column: str, value: object) -> pd.DataFrame:
    frame = report.tables()[table].copy()
    frame[column] = frame[column].astype(object)
    frame.loc[frame.index[2], column] = value
    return frame


# (table, column, bad value, the check that breaks) — one per kind of rule.
BREAKS = [
    ("expenditure", "account", "특수회계", "isin"),           # not an account
    ("expenditure", "department", "총무과", "isin"),          # not a department of the report
    ("expenditure", "source_line", 0, "greater_than_or_equal_to"),
    ("expenditure", "budget", None, "not_nullable"),
    ("expenditure", "program", "", "str_length"),
    ("staffing", "authorized", -1, "greater_than_or_equal_to"),
    ("expenditure", "budget", "12,000", "dtype"),              # text where KRW belongs
]


@pytest.mark.parametrize(("table", "column", "value", "check"), BREAKS)
def test_each_rule_fails_in_both(report, table, column, value, check):
    frame = _broken(report, table, column, value)
    with pytest.raises(SchemaViolation) as caught:
        validate(table, frame, report.departments)
    assert caught.value.check.startswith(check) and caught.value.column == column
    assert caught.value.row == frame.index[2]
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        table_schema(table, report.departments).validate(frame, lazy=True)


def test_a_repeated_key_names_both_rows(report):
    frame = report.tables()["staffing"]
    doubled = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)
    with pytest.raises(SchemaViolation) as caught:
        validate("staffing", doubled)
    assert caught.value.rows == (3, 8)  # 정보공개담당관 printed twice
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        table_schema("staffing").validate(doubled, lazy=True)


def test_columns_must_be_the_schemas_in_order(report):
    frame = report.tables()["staffing"]
    with pytest.raises(SchemaViolation, match="columns"):
        validate("staffing", frame[list(reversed(frame.columns))])


def test_loading_a_report_imports_neither_pandera_nor_hypothesis(report_path):
    code = ("import sys, seoul_budget as sb; r = sb.load_report(sys.argv[1]); r.findings; "
            "bad = sorted(m for m in ('pandera', 'hypothesis') if m in sys.modules); "
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code, str(report_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]

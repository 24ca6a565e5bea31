"""pandera validates every table at load (seoul_budget.validate): the models of the data
dictionary hold the report's tables, and a row that breaks one is a ReportParseError at that
row's line, naming the rule and the value."""

from __future__ import annotations

import copy

import pandas as pd
import pandera.pandas as pa
import pytest
from bundled import ALIASES, DEPARTMENTS

import seoul_budget as sb
from seoul_budget.aliases import read_aliases
from seoul_budget.parse.reader import parse_report
from seoul_budget.report import build_tables
from seoul_budget.schemas import ALL_SCHEMAS, column_header, column_spec
from seoul_budget.validate import SchemaViolation, table_schema, validate


def test_the_dictionary_is_pandera_models_with_korean_titles_and_units():
    for name, model in ALL_SCHEMAS.items():
        assert issubclass(model, pa.DataFrameModel), name
    budget = column_spec("expenditure", "budget")
    assert (budget.title, budget.unit, budget.dtype) == ("예산현액", "KRW", "Int64")
    assert column_header("staffing", "authorized") == "정원 (명)"
    assert column_spec("expenditure", "no_such_column") is None


def test_every_table_of_the_bundled_report_passes_as_handed_out(report):
    tables = {**report.tables(), "findings": report.findings,
              "corrections": report.corrections, "departments": report.departments_table()}
    for name in ALL_SCHEMAS:
        validated = validate(name, tables[name], report.departments)
        pd.testing.assert_frame_equal(validated, tables[name], obj=name)
    # departments: an ordered Categorical in the staffing table's order (lines 24-31)
    dtype = report.expenditure["department"].dtype
    assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
    assert list(dtype.categories) == list(DEPARTMENTS)


@pytest.fixture(scope="module")
def parsed(report_path):
    return parse_report(report_path, aliases=read_aliases(ALIASES))


def _load_with(report_path, parsed, table: str, column: str, value: object,
               row: int = 2) -> tuple[sb.ReportParseError, int]:
    """Return the error of loading the parsed records with one value changed, and the line
    of the row changed."""
    records = copy.deepcopy(parsed.records)
    records[table][row][column] = value
    with pytest.raises(sb.ReportParseError) as caught:
        build_tables(str(report_path), records, parsed.organisation)
    return caught.value, records[table][row]["source_line"]


# (table, column, bad value, the rule named) — one per kind of rule.
BREAKS = [
    ("expenditure", "account", "", "str_length(1, None)"),  # any account the report names
    ("expenditure", "department", "총무과", "isin(['공간정보담당관', '데이터센터', "),
    ("expenditure", "budget", None, "not_nullable"),
    ("expenditure", "program", "", "str_length(1, None)"),
    ("staffing", "authorized", -1, "greater_than_or_equal_to(0)"),
    ("expenditure", "budget", "12,000", "dtype('Int64')"),  # text where KRW belongs
    ("expenditure", "budget", 1.5, "dtype('Int64')"),  # not whole won
]


@pytest.mark.parametrize(("table", "column", "value", "rule"), BREAKS)
def test_a_broken_row_is_an_error_at_its_line(report_path, parsed, table, column, value, rule):
    error, line = _load_with(report_path, parsed, table, column, value)
    assert error.line == line and error.path == str(report_path)
    assert error.section == {"expenditure": "세출예산 집행현황", "staffing": "인력 현황"}[table]
    assert f"table {table!r} breaks its schema ({rule}" in error.detail
    assert error.found == f"{column} = {value!r}"


def test_a_line_number_below_one_is_refused(report_path, parsed):
    error, _ = _load_with(report_path, parsed, "expenditure", "source_line", 0)
    assert "greater_than_or_equal_to(1)" in error.detail and error.found == "source_line = 0"


def test_a_repeated_key_names_both_lines(report_path, parsed):
    records = copy.deepcopy(parsed.records)
    # 정보공개담당관 (line 28) printed again on a line 99
    records["staffing"].append({**records["staffing"][3], "source_line": 99})
    with pytest.raises(sb.ReportParseError) as caught:
        build_tables(str(report_path), records, parsed.organisation)
    error = caught.value
    assert (error.line, error.section) == (99, "인력 현황")
    assert "has a row twice" in error.detail
    assert error.expected == "one row per department"
    assert error.found == "정보공개담당관 again (first on line 28)"


def test_a_repeated_key_names_every_row_that_has_it(report):
    frame = report.tables()["staffing"]
    doubled = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)
    with pytest.raises(SchemaViolation) as caught:
        validate("staffing", doubled, report.departments)
    assert caught.value.rows == (3, 8) and caught.value.row == 8


def test_columns_must_be_the_schemas_in_order(report):
    frame = report.tables()["staffing"]
    with pytest.raises(SchemaViolation, match="columns"):
        validate("staffing", frame[list(reversed(frame.columns))])
    with pytest.raises(SchemaViolation, match="columns"):
        validate("staffing", frame.drop(columns=["current"]))


def test_missing_text_is_na_never_empty(report):
    frame = report.tables()["revenue"].astype({"item": object})
    frame.loc[frame.index[0], "item"] = ""
    assert validate("revenue", frame)["item"].isna().iloc[0]


def test_the_schema_with_departments_is_built_once_per_organisation(report):
    first = table_schema("expenditure", report.departments)
    assert table_schema("expenditure", report.departments) is first
    assert isinstance(first.columns["department"].dtype.type, pd.CategoricalDtype)
    assert table_schema("revenue", report.departments) is table_schema("revenue")

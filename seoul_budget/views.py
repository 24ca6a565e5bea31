"""A report's tables seen another way: narrowed to one department, one row per figure
(``long``), or under the Korean column labels readers see (``labelled``). Pure functions over
DataFrames; the column facts come from the data dictionary (:mod:`seoul_budget.schemas`)."""

from __future__ import annotations

import pandas as pd

from .schemas import ALL_SCHEMAS, column_header, column_unit

# Columns of the long form: what each figure is, its value and its unit.
LONG_COLUMNS = ("measure", "value", "unit")
MEASURE_UNITS = ("KRW", "persons", "percent")


def mentions_department(keys: pd.Series, department: str) -> pd.Series:
    """Return, per row key ('서울기록원 > 일반회계 > 기본경비'), True if it names
    ``department``; a finding or correction about a department carries its name in its key."""
    return keys.astype("string").fillna("").str.contains(department, regex=False)


def department_rows(frame: pd.DataFrame, department: str) -> pd.DataFrame:
    """Return a copy of the rows of ``department`` (a name as the table holds it), index
    reset; a table with no ``department`` column (revenue, printed totals) as a whole copy."""
    if "department" not in frame:
        return frame.copy()
    return frame[frame["department"] == department].reset_index(drop=True)


def measures(table: str, frame: pd.DataFrame) -> list[str]:
    """Return the columns of ``frame`` that hold figures: those the data dictionary gives a
    unit (KRW, persons, percent), in column order."""
    return [c for c in frame.columns if column_unit(table, c) in MEASURE_UNITS]


def long_table(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with one row per figure: its key columns (every column that is not a
    figure, ``source_line`` included), then ``measure`` (the column name), ``value``
    (Float64: KRW, persons or percent; money stays exact, it is far below 2**53) and ``unit``
    ('KRW', 'persons', 'percent'). Rows follow the table's rows, figures in column order;
    missing figures are kept as <NA>. Raises KeyError for a table with no figures."""
    figures = measures(table, frame)
    if not figures:
        raise KeyError(f"table {table!r} has no figure columns to put in long form")
    keys = [c for c in frame.columns if c not in figures and c not in LONG_COLUMNS]
    parts = []
    for position, column in enumerate(figures):
        part = frame[keys].copy()
        part["measure"] = column
        part["value"] = frame[column].astype("Float64")
        part["unit"] = column_unit(table, column)
        part["_row"], part["_figure"] = range(len(frame)), position
        parts.append(part)
    out = pd.concat(parts, ignore_index=True).sort_values(["_row", "_figure"], kind="stable")
    out = out.drop(columns=["_row", "_figure"]).reset_index(drop=True)
    out["measure"] = out["measure"].astype("str")
    out["unit"] = out["unit"].astype("str")
    return out


def labelled_table(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` under the columns' Korean labels with their units, as a
    reader sees them ('예산현액 (원)', '정원 (명)', '집행률(원인행위) (%)'); values unchanged.
    Columns the data dictionary does not know keep their names."""
    if table not in ALL_SCHEMAS:
        raise KeyError(f"no table {table!r}; tables: {', '.join(ALL_SCHEMAS)}")
    return frame.rename(columns={c: column_header(table, c) for c in frame.columns})

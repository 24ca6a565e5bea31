"""A report's tables seen another way: one row per figure (``long``), under the Korean column
labels readers see (``labelled``), or with a table printed 1,000× off its unit note read in its
likely unit (``in_likely_units``, by the factors of the report's unit record). Pure functions
over DataFrames; the column facts come from the data dictionary (:mod:`seoul_budget.schemas`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .schemas import ALL_SCHEMAS, column_header, column_unit
from .schemas.base import TEXT_DTYPE
from .subject import Subject

# Columns of the long form: what each figure is, its value and its unit.
LONG_COLUMNS = ("measure", "value", "percent", "unit")
MEASURE_UNITS = ("KRW", "persons", "percent")


def measures(table: str, frame: pd.DataFrame) -> list[str]:
    """Return the columns of ``frame`` that hold figures: those the data dictionary gives a
    unit (KRW, persons, percent), in column order."""
    return [c for c in frame.columns if column_unit(table, c) in MEASURE_UNITS]


def long_table(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with one row per figure: its key columns (every column that is not a
    figure, ``source_line`` included), then ``measure`` (the column name), ``value`` (Int64:
    a whole figure, KRW or persons), ``percent`` (Float64: a figure in percent) and ``unit``
    ('KRW', 'persons', 'percent'); a row's figure is in ``value`` or ``percent`` as its unit
    says, the other is <NA>, so money stays whole won. Rows follow the table's rows, figures
    in column order; missing figures are kept as <NA>. Raises KeyError for a table with no
    figures."""
    figures = measures(table, frame)
    if not figures:
        raise KeyError(f"table {table!r} has no figure columns to put in long form")
    keys = [c for c in frame.columns if c not in figures and c not in LONG_COLUMNS]
    parts = []
    for column in figures:
        part = frame[keys].reset_index(drop=True)  # the row's position, to sort by
        unit = column_unit(table, column)
        part["measure"] = column
        whole = unit != "percent"  # else in percent: the other column is <NA>
        figure = frame[column].reset_index(drop=True)
        empty = pd.Series(pd.NA, index=part.index)
        part["value"] = (figure if whole else empty).astype("Int64")
        part["percent"] = (empty if whole else figure).astype("Float64")
        part["unit"] = unit
        parts.append(part)
    # row by row, each row's figures in column order (a stable sort keeps that order)
    out = pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
    out["measure"] = out["measure"].astype(TEXT_DTYPE)
    out["unit"] = out["unit"].astype(TEXT_DTYPE)
    return out


def labelled_table(table: str, frame: pd.DataFrame,
                   subject: Subject | None = None) -> pd.DataFrame:
    """Return a copy of ``frame`` under the columns' Korean labels with their units, as a
    reader sees them ('예산현액 (원)', '정원 (명)', '집행률(원인행위) (%)'; a year in a label the
    report's, ``subject``); values unchanged. Columns the data dictionary does not know keep
    their names."""
    if table not in ALL_SCHEMAS:
        raise KeyError(f"no table {table!r}; tables: {', '.join(ALL_SCHEMAS)}")
    return frame.rename(columns={c: column_header(table, c, subject) for c in frame.columns})


# -- tables read in their likely unit (the factors: the unit record's, table_units) ---------

def _times(values: pd.Series, factor: float) -> pd.Series:
    """Return whole-won amounts times ``factor``, rounded to whole won (Int64)."""
    return (values.astype("Float64") * factor).round().astype("Int64")


def in_likely_units(tables: Mapping[str, pd.DataFrame],
                    factors: Mapping[str, float]) -> dict[str, pd.DataFrame]:
    """Return the tables with each slipped table (``factors``: {table: what its figures, as
    its note reads them, are multiplied by}: :func:`seoul_budget.table_units.slip_factors`)
    read in its likely unit, printed totals included; the others as they are (not copied)."""
    out = dict(tables)
    for table, factor in factors.items():
        if table in out:  # its money columns (KRW in the data dictionary); nothing else
            frame = out[table]
            out[table] = frame.assign(**{column: _times(frame[column], factor)
                                         for column in frame.columns
                                         if column_unit(table, column) == "KRW"})
        if "printed_totals" in out:  # its money totals; its rates, the others' totals as they are
            totals = out["printed_totals"].copy()
            rows = (totals["table"] == table) & (totals["unit"] == "KRW")
            totals.loc[rows, "value"] = _times(totals.loc[rows, "value"], factor)
            out["printed_totals"] = totals
    return out

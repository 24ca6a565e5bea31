"""A report's parsed records as validated tables: each table built and checked by its pandera
model (:mod:`seoul_budget.validate`) against the report's own departments; a row that breaks
its schema is a ReportParseError at that row's source line."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .catalog import TABLES, section_title
from .departments import Organisation
from .derived import with_derived
from .errors import ReportParseError
from .parse.common import Record
from .schemas import SCHEMAS, columns, table_key
from .subject import FISCAL, SETTLEMENT, Subject
from .validate import SchemaViolation, from_records, validate


def build_tables(path: str, records: dict[str, list[Record]],
                 organisation: Organisation | None = None) -> dict[str, pd.DataFrame]:
    """Return validated DataFrames, one per schema, from parsed records.

    Departments are checked against the report's ``organisation`` (the previous year's
    settlement against its former names too). A row that breaks its schema raises
    ReportParseError at that row's source line.
    """
    tables: dict[str, pd.DataFrame] = {}
    for name in SCHEMAS:
        rows = with_derived(name, records.get(name, []))
        departments = _departments(name, [r.get("department") for r in rows], organisation)
        try:
            tables[name] = from_records(name, rows, departments)
        except SchemaViolation as exc:
            frame = pd.DataFrame.from_records(rows, columns=columns(name))
            raise _schema_error(path, frame, exc) from None
    return tables


def _departments(table: str, named: list[object],
                 organisation: Organisation | None) -> tuple[str, ...] | None:
    """Return the departments a table's rows may name: the report's own; for the previous
    year's settlement also the former names it uses (None: not checked)."""
    if organisation is None:
        return None
    departments = organisation.departments
    if table == "settlement_expenditure":  # a record of last year's organisation
        printed = {str(n) for n in named if isinstance(n, str)}
        departments += tuple(sorted((printed - set(departments)) & set(organisation.former)))
    return departments


def validate_table(path: str, table: str, frame: pd.DataFrame,
                   organisation: Organisation | None) -> pd.DataFrame:
    """Return a table validated by its schema (ReportParseError at the first bad row)."""
    departments = _departments(table, frame["department"].tolist()
                               if "department" in frame else [], organisation)
    try:
        return validate(table, frame, departments)
    except SchemaViolation as exc:
        raise _schema_error(path, frame, exc) from None


def _line(frame: pd.DataFrame, row: object) -> int | None:
    """Return the source line of a row of ``frame`` (None if it has none)."""
    try:
        return int(frame.loc[row, "source_line"])
    except (KeyError, ValueError, TypeError):
        return None


def _schema_error(path: str, frame: pd.DataFrame, exc: SchemaViolation) -> ReportParseError:
    """Return the ReportParseError for a broken schema, located at the offending row."""
    table = exc.table
    section = section_title(table)
    if exc.rows:  # a repeated key: name the repeated row, not just the first of the pair
        unique = list(table_key(table))
        second = frame.loc[exc.rows[-1]]
        key = " / ".join(str(second[c]) for c in unique)
        return ReportParseError(f"table {table!r} has a row twice", path=path,
                                line=_line(frame, exc.rows[-1]), section=section,
                                expected=f"one row per {', '.join(unique)}",
                                found=f"{key} again (first on line {_line(frame, exc.rows[0])})")
    found = f"{exc.column} = {exc.value!r}" if exc.column else repr(exc.value)
    return ReportParseError(f"table {table!r} breaks its schema ({exc.check})", path=path,
                            line=_line(frame, exc.row) if exc.row is not None else None,
                            section=section, expected=f"rows that satisfy {exc.check}",
                            found=found)


def subject_of_tables(tables: Mapping[str, pd.DataFrame]) -> Subject:
    """Return what tables alone say a report is about: the years of their ``fiscal_year``
    columns (the budget tables' and the settlement's), no bureau ('').

    Raises ValueError when no budget table holds a row (no fiscal year to read).
    """
    years: dict[str, int | None] = {FISCAL: None, SETTLEMENT: None}
    for name, spec in TABLES.items():
        frame = tables.get(name)
        if spec.year in years and years[spec.year] is None and frame is not None \
                and "fiscal_year" in frame and len(frame):
            years[spec.year] = int(frame["fiscal_year"].iloc[0])
    if years[FISCAL] is None:
        raise ValueError("no budget table holds a row: give the report's subject")
    return Subject("", years[FISCAL], years[SETTLEMENT])

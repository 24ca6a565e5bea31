"""The Report: a snapshot's tidy, validated tables, loaded from its raw text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .catalog import TABLES, section_title
from .departments import DEPARTMENTS, Organisation
from .derived import DERIVED, DERIVED_FROM, derived_columns, with_derived
from .errors import ErrataError, ParameterError, ReportParseError
from .limits import check_ledger_file
from .organisation import former_names, read_reorganisations
from .params import resolve_department
from .parse.common import Record
from .parse.numbers import likely_unit
from .parse.reader import parse_report
from .schemas import SCHEMAS, columns, table_key
from .snapshots import (
    errata_path,
    previous_snapshot,
    reorganisation_path,
    snapshot_date,
    snapshot_path,
)
from .validate import SchemaViolation, from_records, validate
from .views import (
    department_rows,
    in_likely_units,
    labelled_table,
    long_table,
    mentions_department,
    unit_slip_factors,
)


class Report:
    """One report snapshot: ``as_of``, ``path``, its tables (also attributes by name),
    ``units``, the unit each table prints its figures in ('천원', '백만원', '명'), and
    ``departments``, the organisation its staffing table lists."""

    def __init__(self, path: Path, as_of: date, tables: dict[str, pd.DataFrame],
                 corrections: pd.DataFrame | None = None,
                 errata_path: Path | None = None,
                 units: dict[str, str] | None = None,
                 findings: pd.DataFrame | None = None,
                 previous_path: Path | None = None) -> None:
        self.path = path
        # The snapshot before this one (its data folder's), a witness of each table's unit
        # when the findings are computed; None: the first snapshot, or a file on its own.
        self.previous_path = previous_path
        self.as_of = as_of
        # Units as printed in this snapshot; the catalog's usual ones where not known.
        self.units = {**{name: spec.unit for name, spec in TABLES.items()}, **(units or {})}
        # The ledger the corrections came from (None: figures as printed); processed files
        # record its hash so they are reused only for the same ledger.
        self.errata_path = errata_path
        self._tables = tables
        # The errata applied (schema ``Corrections``); empty when figures are as printed.
        self.corrections = corrections if corrections is not None else _no_corrections()
        # Findings computed once for this very report and stored beside its processed tables
        # (None: reconciled on first use).
        self._findings: pd.DataFrame | None = findings
        # {table: (unit its note prints, unit read)} for tables read in their likely unit
        # (see in_likely_units); empty: every figure as its note reads it.
        self.read_as: dict[str, tuple[str, str]] = {}

    @property
    def findings(self) -> pd.DataFrame:
        """Return a copy of the reconciliation findings (``seoul_budget.reconcile``), computed
        once from the tables as loaded (editing a returned table changes no finding)."""
        if self._findings is None:
            from .reconciliation import reconcile

            self._findings = reconcile(self, self._previous())
        return self._findings.copy()

    def _previous(self) -> Report | None:
        """Return the previous snapshot (its own ledger reading), or None when there is none
        or it cannot be read (its own build says why; it then witnesses nothing)."""
        if self.previous_path is None:
            return None
        try:
            return load_report(self.previous_path, errata=self.errata_path)
        except (ReportParseError, ErrataError):
            return None

    @property
    def departments(self) -> tuple[str, ...]:
        """Return the snapshot's departments: those its staffing table (인력 현황) lists, in
        its order (``sb.DEPARTMENTS`` is the bundled 2023-05-31 snapshot's)."""
        staffing = self._tables.get("staffing")
        if staffing is None:
            return DEPARTMENTS
        return tuple(str(name) for name in staffing["department"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return {table name: DataFrame} for every table of the report, each a copy: editing
        one changes neither the report nor what it returns later (findings included)."""
        return {name: frame.copy() for name, frame in self._tables.items()}

    def for_department(self, name: str) -> Report:
        """Return this report narrowed to one department: tables with a ``department`` column
        hold only its rows (the others, revenue and printed totals, whole), findings and
        corrections only those whose key names it.

        ``name`` resolves as the notebooks' ``department`` parameter does (spacing and known
        spellings: '빅 데이터 담당관'). Raises ParameterError listing the report's departments.
        """
        department = resolve_department(name, self.departments)
        tables = {table: department_rows(frame, department)
                  for table, frame in self._tables.items()}
        corrections = self.corrections
        keep = mentions_department(corrections["key"], department) | (
            corrections["key"].astype("string").fillna("") == "")
        findings = self.findings
        findings = findings[mentions_department(findings["key"], department)]
        narrowed = Report(self.path, self.as_of, tables,
                          corrections[keep].reset_index(drop=True),
                          errata_path=self.errata_path, units=self.units,
                          findings=findings.reset_index(drop=True))
        narrowed.read_as = dict(self.read_as)
        return narrowed

    def in_likely_units(self) -> Report:
        """Return this report with each table that a ``unit`` error names (a table printed
        1,000× off its unit note) read in its likely unit: its money columns and printed
        totals times 1,000 or 1/1,000 (KRW), ``units`` naming the likely unit and ``read_as``
        {table: (unit printed, unit read)}. Findings and corrections stay those of the figures
        as printed. Returns this very report when no table slipped."""
        factors = unit_slip_factors(self.findings)
        if not factors:
            return self
        units = {**self.units, **{table: likely_unit(self.units.get(table, ""), factor)
                                  for table, factor in factors.items()}}
        report = Report(self.path, self.as_of, in_likely_units(self._tables, factors),
                        self.corrections, errata_path=self.errata_path, units=units,
                        findings=self._findings)
        report.read_as = {table: (self.units.get(table, ""), units[table]) for table in factors}
        return report

    def long(self, table: str) -> pd.DataFrame:
        """Return a table with one row per figure: its key columns, ``measure`` (the column),
        ``value`` (Float64, in ``unit``) and ``unit`` ('KRW', 'persons', 'percent')."""
        return long_table(table, self._table(table))

    def labelled(self, table: str) -> pd.DataFrame:
        """Return a copy of a table under the Korean labels readers see, with units
        ('예산현액 (원)', '정원 (명)', '부서')."""
        return labelled_table(table, self._table(table))

    def _table(self, name: str) -> pd.DataFrame:
        extra = {"findings": self.findings, "corrections": self.corrections}
        if name in extra:
            return extra[name]
        if name not in self._tables:
            raise KeyError(f"Report has no table {name!r}; tables: {', '.join(self._tables)}")
        return self._tables[name].copy()

    def __getattr__(self, name: str) -> Any:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name].copy()
        raise AttributeError(f"Report has no table or attribute {name!r}; tables: "
                             + ", ".join(tables))

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._tables]

    def __repr__(self) -> str:
        return f"<Report {self.as_of.isoformat()} {self.path} ({len(self._tables)} tables)>"


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
    if table == "settlement_expenditure_2022":  # a record of last year's organisation
        printed = {str(n) for n in named if isinstance(n, str)}
        departments += tuple(sorted((printed - set(departments)) & _former(organisation)))
    return departments


def _validate(path: str, table: str, frame: pd.DataFrame,
              organisation: Organisation | None) -> pd.DataFrame:
    """Return a table validated by its schema (ReportParseError at the first bad row)."""
    departments = _departments(table, frame["department"].tolist()
                               if "department" in frame else [], organisation)
    try:
        return validate(table, frame, departments)
    except SchemaViolation as exc:
        raise _schema_error(path, frame, exc) from None


def _former(organisation: Organisation) -> set[str]:
    """Return the names a department of the report may have had (built-in or mapped)."""
    return set(DEPARTMENTS) | set(organisation.former)


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


class _LedgerBesideSnapshots:
    """The default errata ledger: ``<data_dir>/errata.csv`` next to the snapshot folders."""

    def __repr__(self) -> str:
        return "<data_dir>/errata.csv"


DEFAULT_ERRATA = _LedgerBesideSnapshots()


def load_report(path: str | Path | None = None,
                errata: str | Path | None | _LedgerBesideSnapshots = DEFAULT_ERRATA, *,
                as_of: str | date | None = None,
                data_dir: str | Path | None = None) -> Report:
    """Return the Report for a raw report file: tidy, validated tables in KRW.

    Without ``path``, the snapshot ``as_of`` (an ISO date; default the newest) of ``data_dir``
    (default ``$SEOUL_BUDGET_DATA``, else the project's ``data/raw``, from any working
    folder); ParameterError lists the available dates for an ``as_of`` with no snapshot.

    ``as_of`` is the printed 기준 date; when the file sits in a snapshot folder named by date
    (``data/raw/2023-05-31/report.txt``) the two must agree.
    ``errata``: by default the ledger ``<data_dir>/errata.csv`` is applied if it exists;
    ``None`` keeps every figure exactly as printed; a path applies that ledger. The applied
    corrections are in ``report.corrections``.
    Raises ReportParseError for any input it cannot read, ErrataError for a ledger that does
    not match the report.
    """
    if path is None:
        path = snapshot_path(as_of, data_dir)
    elif as_of is not None or data_dir is not None:
        raise ParameterError("give a report path or as_of/data_dir, not both")
    path = Path(path)
    ledger = _ledger_path(path, errata)  # a stat: a ledger that cannot be one fails first
    changes = read_reorganisations(reorganisation_path(path.parent.parent))
    as_of, records, units, organisation = parse_report(path, former_names(changes))
    folder_date = snapshot_date(path)
    if folder_date is not None and folder_date != as_of:
        raise ReportParseError("the snapshot folder's date and the report's 기준 date differ",
                               path=str(path), expected=f"{folder_date.isoformat()} (folder)",
                               found=f"{as_of.isoformat()} (printed 기준 date)")
    tables = build_tables(str(path), records, organisation)
    previous = previous_snapshot(path) if folder_date is not None else None
    if ledger is None:
        return Report(path, as_of, tables, units=units, previous_path=previous)
    tables, corrections = _apply_ledger(path, as_of, tables, ledger, organisation)
    return Report(path, as_of, tables, corrections, errata_path=ledger, units=units,
                  previous_path=previous)


def _ledger_path(path: Path, errata: str | Path | None | _LedgerBesideSnapshots) -> Path | None:
    """Return the ledger to apply to a report, or None (ErrataError: a named one is missing;
    either is a folder or too large)."""
    if errata is None:
        return None
    if isinstance(errata, _LedgerBesideSnapshots):
        default = errata_path(path)
        check_ledger_file(default)  # a folder named errata.csv is an error, not "no ledger"
        return default if default.is_file() else None
    ledger = Path(errata)
    if not ledger.exists():
        raise ErrataError("no such errata ledger", path=str(ledger))
    check_ledger_file(ledger)
    return ledger


def _apply_ledger(path: Path, as_of: date, tables: dict[str, pd.DataFrame], ledger: Path,
                  organisation: Organisation) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Return the tables with a ledger's corrections for this snapshot, re-validated."""
    from .errata import apply_errata, read_ledger
    from .parse.text import read_lines

    lines = {line.number: line.text for line in read_lines(path)}
    corrected, corrections = apply_errata(tables, read_ledger(ledger), as_of, lines, ledger,
                                          report=path)
    for name in {str(t) for t in corrections["table"]} | {"printed_totals"}:
        corrected[name] = _validate(str(path), name, _rederive(name, corrected[name]),
                                    organisation)
    return corrected, corrections


def _rederive(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with its derived columns computed again from corrected figures."""
    if table not in DERIVED:
        return frame
    # only the columns the derivation reads, as lists: a corrected table is re-derived on
    # every load
    derived = derived_columns(table, {name: frame[name].tolist()
                                      for name in DERIVED_FROM[table]})
    out = frame.copy()
    for column, values in derived.items():
        out[column] = values
    return out


def _no_corrections() -> pd.DataFrame:
    from .errata import corrections_frame

    return corrections_frame([])

"""The Report: a snapshot's tidy, validated tables, loaded from its raw text."""

from __future__ import annotations

import copy
import functools
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .aliases import aliases_beside
from .catalog import TABLES
from .departments import (
    Organisation,
    check_department,
    for_department,
    read_map,
)
from .derived import rederived
from .errata import corrections_frame
from .errors import ErrataError, ParameterError, ReportParseError
from .hashing import sha256_if_file
from .parse.document import MissingSection, missing_from_list, missing_tables
from .parse.reader import parse_report
from .parse.text import read_source
from .project_links import linked_projects, relinked
from .reconciliation.units import resolve_units
from .records import build_tables, subject_of_tables, validate_table
from .schemas import SCHEMAS
from .snapshots import (
    DEFAULT_ERRATA,
    LedgerBesideSnapshots,
    default_processed_dir,
    discover_snapshots,
    ledger_path,
    previous_snapshot,
    reorganisation_path,
    snapshot_date,
    snapshot_path,
)
from .stamp import fresh_stamp, made_with
from .subject import Subject, subject_from_json
from .table_units import (
    LIKELY,
    PRINTED,
    TableUnit,
    as_printed,
    record_from_json,
    slip_factors,
    slips,
)
from .views import (
    in_likely_units,
    labelled_table,
    long_table,
)


class Report:
    """One report snapshot: ``as_of``, ``path``, its tables (also attributes by name),
    ``departments`` (its staffing table's), ``subject`` (``bureau``, ``fiscal_year``,
    ``settlement_year``, as it prints them), the sections it lacks (``missing_sections``) and
    ``table_units``, the record of each table's units (:mod:`seoul_budget.table_units`).

    ``reading`` says how its tables read a table printed 1,000× off its unit note: PRINTED
    ('printed', every figure as its note reads it: what :func:`load_report` returns) or
    LIKELY ('likely', such a table in its likely unit: :meth:`in_likely_units`, what the pages
    show). Tables that agree with their notes read the same either way; findings are the same
    either way.
    """

    def __init__(self, path: Path, as_of: date, tables: dict[str, pd.DataFrame],
                 corrections: pd.DataFrame | None = None,
                 errata_path: Path | None = None,
                 table_units: Mapping[str, TableUnit] | None = None,
                 findings: pd.DataFrame | None = None,
                 previous_path: Path | None = None, subject: Subject | None = None,
                 missing: tuple[MissingSection, ...] = (),
                 read_sha256: tuple[str, str] | None = None) -> None:
        self.path = path
        # (report, ledger) SHA-256 of the very bytes parsed and applied ('' for no ledger;
        # None: not parsed in this process): a stamp records these, never a later read, so an
        # edit during the parse leaves the processed folder stale.
        self.read_sha256 = read_sha256
        # Invisible format characters removed from its text on read, as (line, 'U+202E'):
        # each a warning finding (none for a report not parsed in this process).
        self.invisible: tuple[tuple[int, str], ...] = ()
        # The snapshot before this one in its data folder (None: the first, or a file on its
        # own): a witness of its tables' units, so its processed files depend on it.
        self.previous_path = previous_path
        self.as_of = as_of
        # The unit record; tables it does not name print the catalog's usual unit.
        self.table_units: dict[str, TableUnit] = {
            **as_printed({name: spec.unit for name, spec in TABLES.items()}),
            **(table_units or {})}
        self.reading = PRINTED  # in_likely_units gives the copy read LIKELY
        # The ledger the corrections came from (None: figures as printed); processed files
        # record its hash so they are reused only for the same ledger.
        self.errata_path = errata_path
        self._tables = tables
        # The errata applied (schema ``Corrections``); empty when figures are as printed.
        self.corrections = (corrections if corrections is not None
                            else _no_corrections().copy())  # a copy: it is handed out
        # Findings computed once for this very report and stored beside its processed tables
        # (None: reconciled on first use).
        self._findings: pd.DataFrame | None = findings
        # a Report built in memory from tables alone: the years of their fiscal_year columns
        self.subject = subject or subject_of_tables(tables)
        self.missing = tuple(missing)  # the required sections it does not print

    @property
    def bureau(self) -> str:
        """Return the bureau the report is about, as its cover names it ('' if unknown)."""
        return self.subject.bureau

    @property
    def fiscal_year(self) -> int:
        """Return the fiscal year of the report's budget tables (its title's year)."""
        return self.subject.fiscal_year

    @property
    def settlement_year(self) -> int | None:
        """Return the year of its settlement (None: it prints none)."""
        return self.subject.settlement_year

    @property
    def missing_sections(self) -> dict[str, ReportParseError]:
        """Return {section key: the error naming its heading and where it was looked for}."""
        return {m.key: m.error(str(self.path)) for m in self.missing}

    @property
    def missing_tables(self) -> tuple[str, ...]:
        """Return the tables it lacks for its missing sections (empty tables)."""
        return missing_tables(self.missing)

    @property
    def units(self) -> dict[str, str]:
        """Return {table: the unit its figures are in as this report reads them} ('천원',
        '백만원', '명'; '' for none): each note's unit, or for a table printed off its note
        its likely unit when ``reading`` is LIKELY."""
        return {table: unit.read(self.reading) for table, unit in self.table_units.items()}

    @property
    def read_as(self) -> dict[str, tuple[str, str]]:
        """Return {table: (unit its note prints, unit read)} for each table this report reads
        in another unit than its note's (empty when ``reading`` is PRINTED)."""
        return slips(self.table_units) if self.reading == LIKELY else {}

    @property
    def findings(self) -> pd.DataFrame:
        """Return a copy of the reconciliation findings (``seoul_budget.reconcile``), computed
        once from the tables as loaded (editing a returned table changes no finding)."""
        if self._findings is None:
            from .reconciliation import reconcile

            self._findings = reconcile(self)
        return self._findings.copy()

    @property
    def departments(self) -> tuple[str, ...]:
        """Return the snapshot's departments: those its staffing table (인력 현황) lists, in
        its order."""
        return tuple(str(name) for name in self._tables["staffing"]["department"])

    def departments_table(self) -> pd.DataFrame:
        """Return the ``departments`` table: the snapshot's departments in report order
        (``order``), the spellings its data folder's aliases map to each and the dates of its
        reorganisation map (:func:`seoul_budget.departments.table.departments_table`),
        validated."""
        from .departments.table import departments_table
        from .validate import validate

        frame = departments_table(self.departments,
                                  aliases_beside(self.path).of("department"),
                                  read_map(reorganisation_path(self.path.parent.parent)).changes)
        return validate("departments", frame, self.departments)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return {table name: DataFrame} for every table of the report, each a copy: editing
        one changes neither the report nor what it returns later (findings included)."""
        return {name: frame.copy() for name, frame in self._tables.items()}

    def for_department(self, name: str | None) -> Report:
        """Return this report narrowed to one department: tables with a ``department`` column
        hold only its rows, ``project_metrics`` only its key projects' figures (the other
        tables, revenue and printed totals, whole), findings and corrections only those about
        its rows; 'all', '전체' or None: this very report.

        ``name`` resolves as the notebooks' ``department`` parameter does (spacing and known
        spellings: '총 무 과' is 총무과; :func:`seoul_budget.departments.for_department`).
        Raises ParameterError listing the report's departments.
        """
        department = check_department(name, self.departments,
                                      aliases=aliases_beside(self.path).of("department"))
        if department is None:
            return self
        tables = {table: for_department(frame, department, self.departments)
                  for table, frame in self._tables.items()}
        figures = tables["project_metrics"]  # keyed by project number: those of its projects
        tables["project_metrics"] = figures[figures["project"].isin(
            tables["projects"]["number"])].reset_index(drop=True)
        return self._with(tables,
                          corrections=for_department(self.corrections, department,
                                                     self.departments, by="key",
                                                     owners=self._tables),
                          _findings=for_department(self.findings, department,
                                                   self.departments, by="key",
                                                   owners=self._tables))

    def in_likely_units(self) -> Report:
        """Return this report reading each table printed 1,000× off its unit note in its
        likely unit (``reading`` LIKELY): that table's money columns and printed totals times
        its record's factor (1,000 or 1/1,000), in whole won; every other table as it is.
        Findings and corrections are the same. Returns this very report when it already reads
        so, or when no table slipped."""
        factors = slip_factors(self.table_units)
        if self.reading == LIKELY or not factors:
            return self
        return self._with(in_likely_units(self._tables, factors), reading=LIKELY)

    def _with(self, tables: dict[str, pd.DataFrame], **changes: Any) -> Report:
        """Return a copy of this report holding ``tables``, with ``changes`` to its other
        attributes (everything else, its unit record and path included, shared)."""
        other = copy.copy(self)
        other.__dict__.update(_tables=tables, **changes)
        return other

    def long(self, table: str) -> pd.DataFrame:
        """Return a table with one row per figure: its key columns, ``measure`` (the column),
        ``value`` (Float64, in ``unit``) and ``unit`` ('KRW', 'persons', 'percent')."""
        return long_table(table, self.table(table))

    def labelled(self, table: str) -> pd.DataFrame:
        """Return a copy of a table under the Korean labels readers see, with units and the
        report's years ('<year> 예산현액 (원)', '정원 (명)', '부서')."""
        return labelled_table(table, self.table(table), self.subject)

    def table(self, name: str) -> pd.DataFrame:
        """Return a copy of one table by name: a parsed one, ``findings``, ``corrections`` or
        ``departments`` (:meth:`departments_table`). KeyError names the tables."""
        if name == "findings":
            return self.findings
        if name == "corrections":
            return self.corrections.copy()
        if name == "departments":
            return self.departments_table()
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



def load_report(path: str | Path | None = None,
                errata: str | Path | None | LedgerBesideSnapshots = DEFAULT_ERRATA, *,
                as_of: Any = None, data_dir: str | Path | None = None,
                processed_dir: str | Path | None = None) -> Report:
    """Return the Report for a raw report file: tidy, validated tables in KRW, every figure as
    its table's unit note reads it (``reading`` PRINTED).

    Without ``path``, the snapshot ``as_of`` (an ISO date, ``date``, ``datetime``,
    ``pandas.Timestamp`` or ``numpy.datetime64``, one from any output's ``as_of``; default
    the newest) of ``data_dir``
    (default ``$SEOUL_BUDGET_DATA``, else the project's ``data/raw``, from any working
    folder); ParameterError lists the available dates for an ``as_of`` with no snapshot.

    ``as_of`` is the printed 기준 date; when the file sits in a snapshot folder named by date
    (``data/raw/<YYYY-MM-DD>/report.txt``) the two must agree.
    ``errata``: by default the ledger ``<data_dir>/errata.csv`` is applied if it exists;
    ``None`` keeps every figure exactly as printed; a path applies that ledger. The applied
    corrections are in ``report.corrections``.
    Right after loading, each table's units are resolved once (``report.table_units``: a
    table printed 1,000× off its unit note and its likely unit), with the snapshot before it
    in its data folder as a witness, read in its own likely units: from this process's
    earlier loads, from its fresh processed folder under ``processed_dir`` (default the
    project's ``data/processed``), or parsed.
    Raises ReportParseError for any input it cannot read, ErrataError for a ledger that does
    not match the report.
    """
    if path is None:
        path = snapshot_path(as_of, data_dir)
    elif as_of is not None or data_dir is not None:
        raise ParameterError("give a report path or as_of/data_dir, not both")
    path = Path(path)
    ledger = ledger_path(path, errata)  # a stat: a ledger that cannot be one fails first
    report = _parse(path, ledger)
    processed = Path(processed_dir) if processed_dir not in (None, "") else \
        default_processed_dir()
    witness = _witness(report, processed) if report.previous_path is not None else None
    return _resolved(report, witness)


def _parse(path: Path, ledger: Path | None) -> Report:
    """Return a report parsed (with the reorganisation map and the aliases beside it),
    validated and corrected by ``ledger``, its units as its notes print them (not resolved)."""
    source = read_source(path)  # hashed before the parse: a later edit reads as stale
    as_of, records, units, organisation, subject, missing = parse_report(
        path, read_map(reorganisation_path(path.parent.parent)), aliases_beside(path))
    folder_date = snapshot_date(path)
    if folder_date is not None and folder_date != as_of:
        raise ReportParseError("the snapshot folder's date and the report's 기준 date differ",
                               path=str(path), expected=f"{folder_date.isoformat()} (folder)",
                               found=f"{as_of.isoformat()} (printed 기준 date)")
    tables = build_tables(str(path), records, organisation)
    previous = previous_snapshot(path) if folder_date is not None else None
    corrections, errata_sha256 = None, ""
    if ledger is not None:
        tables, corrections, errata_sha256 = _apply_ledger(path, as_of, tables, ledger,
                                                           organisation)
    tables["projects"] = validate_table(str(path), "projects", linked_projects(  # as corrected
        path, tables, organisation, units.get("projects", "")), organisation)
    report = Report(path, as_of, tables, corrections, errata_path=ledger,
                  table_units=as_printed(units), previous_path=previous, subject=subject,
                  missing=missing, read_sha256=(source.sha256, errata_sha256))
    report.invisible = source.invisible
    return report


def _resolved(report: Report, witness: Report | None) -> Report:
    """Return ``report`` with its unit record resolved (``witness``: the snapshot before it,
    in its likely units), remembered as the witness of the snapshot after it."""
    report.table_units = resolve_units(report, witness)
    projects = relinked(report)  # a link is the same whichever unit a table is read in
    if projects is not None:  # validated as the parse's are (text columns' dtypes)
        report._tables["projects"] = validate_table(str(report.path), "projects", projects,
                                                    Organisation(report.departments))
    key = _witness_key(report.path, report.errata_path)
    _WITNESSES[key] = report.in_likely_units()
    _WITNESSES.move_to_end(key)
    while len(_WITNESSES) > _KEEP_WITNESSES:
        _WITNESSES.popitem(last=False)
    return report


# Snapshots loaded in this process, in their likely units, as witnesses of the snapshot after
# each: a build, a check or a history reads months oldest first, so the month before is the
# one just read. By content (a file edited since is read again); a few, not every month.
_WITNESSES: OrderedDict[tuple[str, ...], Report] = OrderedDict()
_KEEP_WITNESSES = 4


def _witness_key(path: Path, ledger: Path | None) -> tuple[str, ...]:
    """Return what a snapshot's reading depends on, by content: its report, the ledger and
    what its processed folder is made with (:func:`seoul_budget.stamp.made_with`)."""
    return (str(path.resolve()), sha256_if_file(path) or "", str(ledger or ""),
            (sha256_if_file(ledger) or "") if ledger is not None else "",
            *made_with(path, previous_snapshot(path)).values())


def _witness(report: Report, processed_dir: Path) -> Report | None:
    """Return the snapshot before ``report`` in its data folder in its likely units, with the
    same ledger: remembered from this process, read from its fresh processed folder (tables
    and stamp), or parsed — and so, oldest first, every snapshot before it that neither holds,
    each the witness of the next. None when it cannot be read (its own build says why)."""
    day = snapshot_date(report.path)
    earlier = [path for when, path in sorted(discover_snapshots(report.path.parent.parent).items())
               if day is not None and when < day]
    ledger = report.errata_path
    pending: list[Path] = []
    known: Report | None = None
    for previous in reversed(earlier):
        known = _WITNESSES.get(_witness_key(previous, ledger))
        if known is None:
            stored = processed_report(previous, ledger, processed_dir)
            known = stored.in_likely_units() if stored is not None else None
        if known is not None:
            break
        pending.append(previous)
    for previous in reversed(pending):
        try:
            known = _resolved(_parse(previous, ledger), known).in_likely_units()
        except (ReportParseError, ErrataError):
            known = None  # it witnesses nothing for the next
    return known


def processed_report(path: Path, ledger: Path | None, processed_dir: Path) -> Report | None:
    """Return the Report of the snapshot at ``path`` from its processed folder under
    ``processed_dir`` — its tables, corrections and findings, its stamp's unit record,
    subject and missing sections; every figure as its note reads it — when the folder was
    written from this very report, ``ledger`` (the one beside it, whether or not it is
    there) and package; else None (parse it instead)."""
    folder = processed_dir / path.parent.name
    stamp = fresh_stamp(folder, path, ledger)
    record = record_from_json(stamp.get("units")) if stamp is not None else None
    if stamp is None or record is None:
        return None
    try:
        tables = {name: pd.read_parquet(folder / f"{name}.parquet")
                  for name in (*SCHEMAS, "corrections", "findings")}
    except (OSError, ValueError):  # a folder changed under a fresh stamp: parse instead
        return None
    corrections, findings = tables.pop("corrections"), tables.pop("findings")
    return Report(path, date.fromisoformat(path.parent.name), tables, corrections,
                  errata_path=ledger if ledger is not None and ledger.is_file() else None,
                  table_units=record, findings=findings, previous_path=previous_snapshot(path),
                  subject=subject_from_json(stamp.get("subject")),
                  missing=missing_from_list(stamp.get("missing_sections")))


def _apply_ledger(path: Path, as_of: date, tables: dict[str, pd.DataFrame], ledger: Path,
                  organisation: Organisation
                  ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, str]:
    """Return the tables with a ledger's corrections for this snapshot, re-validated, the
    corrections and the SHA-256 of the ledger's bytes they were read from."""
    from .errata import apply_errata, check_ledger_dates
    from .errata.ledger import read_ledger_source
    from .parse.text import read_lines

    rows, sha256 = read_ledger_source(ledger)
    # A row dated for no snapshot is the same error here as in check, parse and build: a
    # typo in its date would otherwise leave its figure uncorrected without a word. The dates
    # it may name: every snapshot of its data folder, or ``as_of`` for a file on its own.
    check_ledger_dates(rows, discover_snapshots(path.parent.parent)
                       if snapshot_date(path) is not None else [as_of], ledger)
    lines = {line.number: line.text for line in read_lines(path)}
    corrected, corrections = apply_errata(tables, rows, as_of, lines, ledger, report=path)
    for name in {str(t) for t in corrections["table"]} | {"printed_totals"}:
        corrected[name] = validate_table(str(path), name, rederived(name, corrected[name]),
                                         organisation)
    return corrected, corrections, sha256


@functools.cache
def _no_corrections() -> pd.DataFrame:
    """Return the empty corrections table (validated once; a Report keeps a copy)."""
    return corrections_frame([])

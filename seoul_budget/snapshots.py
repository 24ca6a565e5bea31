"""Where snapshots are on disk: ``data/raw/<as_of>/report.txt``, one folder per as-of date,
the data files beside them (errata ledger, reorganisation map, aliases), and the project's
default folders. Paths only: nothing here reads a report."""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import ErrataError, ParameterError
from .limits import check_ledger_file

REPORT_FILE = "report.txt"
ERRATA_FILE = "errata.csv"
REORGANISATION_FILE = "departments.csv"
ALIASES_FILE = "aliases.csv"
PROJECT_PROGRAMS_FILE = "project_programs.csv"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The date part of an ISO date or date-time string ('YYYY-MM-DD', 'YYYY-MM-DDT00:00:00').
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def snapshot_date(path: Path) -> date | None:
    """Return the as-of date a snapshot folder's name gives (data/raw/<YYYY-MM-DD>/report.txt)."""
    name = path.parent.name
    if not _ISO_DATE.match(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def project_root() -> Path:
    """Return the project folder (the one holding ``data/``), or the working directory.

    ``SEOUL_BUDGET_ROOT`` overrides it, so notebooks run from any folder find the bundled data.
    """
    env = os.environ.get("SEOUL_BUDGET_ROOT")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    if (here / "data" / "raw").is_dir():
        return here
    return Path.cwd()


DATA_ENV = "SEOUL_BUDGET_DATA"


def default_data_dir() -> Path:
    """Return the default raw-data folder: ``$SEOUL_BUDGET_DATA``, else ``<project>/data/raw``."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data" / "raw"


def default_processed_dir() -> Path:
    """Return the default processed-data folder: ``<project>/data/processed``."""
    return project_root() / "data" / "processed"


def _data_folder(data_dir: str | Path | None) -> Path:
    """Return the raw-data folder (default :func:`default_data_dir`); ParameterError if it
    is not a folder."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise ParameterError(f"data_dir {str(folder)!r} is not a folder; expected a folder "
                             f"holding <YYYY-MM-DD>/{REPORT_FILE} snapshots")
    return folder


def _folder_like(child: Path) -> bool:
    """Return True for a folder, or a link that may be one (a link to nothing: a share not
    mounted), never a hidden name."""
    return not child.name.startswith(".") and (child.is_dir() or child.is_symlink())


def discover_snapshots(data_dir: str | Path | None = None) -> dict[date, Path]:
    """Return {as_of: report path} for every snapshot folder ``<YYYY-MM-DD>/`` under
    ``data_dir``: its ``report.txt`` whatever that is (a folder, a pipe, a link to nothing or
    no file at all is the snapshot's error when it is read, never a snapshot gone — only a
    folder gone withdraws its month).

    Raises ParameterError if the folder does not exist.
    """
    found: dict[date, Path] = {}
    for child in sorted(_data_folder(data_dir).iterdir()):
        report = child / REPORT_FILE
        as_of = snapshot_date(report)
        if as_of is not None and _folder_like(child):
            found[as_of] = report
    return found


def stray_folders(data_dir: str | Path | None = None) -> list[Path]:
    """Return the folders in ``data_dir`` that are no snapshot because their name is no valid
    date (``2031-02-30``, ``2031-06-30 `` with a space, ``2031-10-31.bak``); hidden ones
    aside. The build names each in a warning line and builds the rest."""
    return [child for child in sorted(_data_folder(data_dir).iterdir())
            if _folder_like(child) and snapshot_date(child / REPORT_FILE) is None]


def snapshot_path(as_of: Any = None, data_dir: str | Path | None = None) -> Path:
    """Return the report path of a snapshot (default: the newest); ``as_of`` is any date
    :func:`parse_as_of` takes.

    Raises ParameterError naming the available dates if there is no such snapshot.
    """
    folder = _data_folder(data_dir)
    snapshots = discover_snapshots(folder)
    if not snapshots:
        raise ParameterError(f"data_dir {str(folder)!r} holds no snapshot "
                             f"(<YYYY-MM-DD>/{REPORT_FILE})")
    if as_of is None or as_of == "":
        return snapshots[max(snapshots)]
    day = parse_as_of(as_of, snapshots)
    if day not in snapshots:
        raise ParameterError(f"as_of {day.isoformat()!r} has no snapshot in {folder}; "
                             f"available: {available_dates(snapshots)}")
    return snapshots[day]


def available_dates(days: Iterable[date]) -> str:
    """Return the snapshot dates as a reader picks one: 'YYYY-MM-DD, …' oldest first, or
    'none'."""
    return ", ".join(day.isoformat() for day in sorted(days)) or "none"


def parse_as_of(value: Any, available: Iterable[date] = ()) -> date:
    """Return the as-of date ``value`` names: an ISO string ('YYYY-MM-DD', or a date-time at
    midnight as outputs print one), ``date``, ``datetime``, ``pandas.Timestamp`` or
    ``numpy.datetime64`` alike.

    ParameterError says why a value is no date (the format expected, a day the month does not
    have, a time of day other than midnight) and lists ``available`` snapshots when given.
    """
    try:
        return _as_date(value)
    except ValueError as error:
        choices = sorted(available)
        listed = f"; available: {available_dates(choices)}" if choices else ""
        shown = value.isoformat() if isinstance(value, date) else str(value)  # as written
        raise ParameterError(f"as_of {shown!r} {error}{listed}") from None


def _as_date(value: object) -> date:
    """Return the date of ``value``; ValueError with the reason it is not one."""
    if isinstance(value, datetime):  # pandas.Timestamp is one too
        if value != value:  # pandas.NaT: no date at all
            raise ValueError("is not a date (missing)")
        if value.time() != datetime.min.time():
            raise ValueError("has a time of day; a snapshot is a date (YYYY-MM-DD)")
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()  # numpy.datetime64 prints as ISO text
    match = _ISO_PREFIX.match(text)
    if match is None:
        raise ValueError("is not an ISO date (YYYY-MM-DD, a snapshot folder's name)")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"is not a date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"is not a date: {calendar.month_name[month]} {year} has {days} days")
    if len(text) == len("YYYY-MM-DD"):
        return date(year, month, day)
    # fromisoformat reads microseconds at most; numpy prints nanoseconds
    try:
        moment = datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", text))
    except ValueError:
        raise ValueError("is not an ISO date (YYYY-MM-DD, a snapshot folder's name)") \
            from None
    return _as_date(moment)


def errata_path(report_path: Path) -> Path:
    """Return the errata ledger that applies to a snapshot: ``<data_dir>/errata.csv``."""
    return report_path.parent.parent / ERRATA_FILE


def reorganisation_path(data_dir: str | Path) -> Path:
    """Return the reorganisation map beside the snapshots: ``<data_dir>/departments.csv``
    (departments renamed or merged, with the date each change took effect)."""
    return Path(data_dir) / REORGANISATION_FILE


def aliases_path(data_dir: str | Path) -> Path:
    """Return the aliases beside the snapshots: ``<data_dir>/aliases.csv`` (garbled spellings
    of departments, revenue categories, accounts and job categories, and what they stand
    for)."""
    return Path(data_dir) / ALIASES_FILE


def project_programs_path(data_dir: str | Path) -> Path:
    """Return the declared links of key projects to programs beside the snapshots:
    ``<data_dir>/project_programs.csv``."""
    return Path(data_dir) / PROJECT_PROGRAMS_FILE


def previous_snapshot(report_path: Path) -> Path | None:
    """Return the report of the snapshot before ``report_path``'s in its data folder (the
    newest earlier ``<YYYY-MM-DD>/report.txt``), or None: the first one, or a file outside
    the snapshot layout."""
    day = snapshot_date(report_path)
    if day is None or not report_path.parent.parent.is_dir():
        return None
    earlier = [d for d in discover_snapshots(report_path.parent.parent) if d < day]
    return report_path.parent.parent / max(earlier).isoformat() / REPORT_FILE if earlier \
        else None


class LedgerBesideSnapshots:
    """The default errata ledger: ``<data_dir>/errata.csv`` next to the snapshot folders."""

    def __repr__(self) -> str:
        return "<data_dir>/errata.csv"


DEFAULT_ERRATA = LedgerBesideSnapshots()


def ledger_path(path: Path, errata: str | Path | None | LedgerBesideSnapshots) -> Path | None:
    """Return the ledger to apply to the report at ``path``: ``errata`` named (ErrataError
    when it is missing), the one beside the snapshots for DEFAULT_ERRATA when there is one,
    or None (figures as printed). Either is refused by a stat when it is a folder or too
    large."""
    if errata is None:
        return None
    if isinstance(errata, LedgerBesideSnapshots):
        default = errata_path(path)
        check_ledger_file(default)  # a folder named errata.csv is an error, not "no ledger"
        return default if default.is_file() else None
    ledger = Path(errata)
    if not ledger.exists():
        raise ErrataError("no such errata ledger", path=str(ledger))
    check_ledger_file(ledger)
    return ledger

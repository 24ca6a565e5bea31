"""Notebook and CLI parameters, checked before any kernel starts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .aliases import NO_ALIASES, Aliases, read_aliases
from .departments import check_department, is_all_departments
from .errors import ParameterError
from .snapshots import aliases_path, default_data_dir, snapshot_path
from .subject import Subject


@dataclass(frozen=True)
class Parameters:
    """Validated notebook parameters: the snapshot, its folder and an optional department."""

    as_of: date
    data_dir: Path
    department: str | None  # canonical name, or None for the whole bureau

    @property
    def report_path(self) -> Path:
        """Return the snapshot's report file."""
        return self.data_dir / self.as_of.isoformat() / "report.txt"


def snapshot_departments(report_path: Path, aliases: Aliases = NO_ALIASES) -> tuple[str, ...]:
    """Return the departments a snapshot's staffing table lists (its organisation); none
    when its report cannot be read (the build then names the fault when it parses that
    snapshot)."""
    from .errors import ReportParseError
    from .parse.reader import report_departments

    try:
        return report_departments(report_path, aliases)
    except ReportParseError:
        return ()


def snapshot_subject(report_path: Path, aliases: Aliases = NO_ALIASES) -> Subject | None:
    """Return what a snapshot's report is about (bureau, fiscal and settlement years), read
    from its cover, headings and headers; None when its report cannot be read (the build
    then names the fault when it parses that snapshot)."""
    from .errors import ReportParseError
    from .parse.reader import report_subject

    try:
        return report_subject(report_path, aliases)
    except ReportParseError:
        return None


def check_parameters(as_of: Any = None, data_dir: str | Path | None = None,
                     department: str | None = None) -> Parameters:
    """Return validated Parameters: as_of (any date :func:`seoul_budget.snapshots.parse_as_of`
    takes) defaults to the newest snapshot in data_dir.

    ``department`` resolves against the snapshot's own departments (its staffing table).
    Raises ParameterError (value and valid choices named) for an unknown department, a
    malformed as_of, an as_of with no snapshot or a missing data folder.
    """
    folder = Path(data_dir) if data_dir not in (None, "") else default_data_dir()
    path = snapshot_path(as_of, folder)
    day = date.fromisoformat(path.parent.name)  # a snapshot folder's name
    dept = None
    if not is_all_departments(department):  # the whole bureau needs no read of the report
        aliases = read_aliases(aliases_path(folder))
        dept = check_department(department, snapshot_departments(path, aliases),
                                day.isoformat(), aliases.of("department"))
    return Parameters(as_of=day, data_dir=folder, department=dept)


def check_number(name: str, value: Any, minimum: float | None = None,
                 maximum: float | None = None) -> float:
    """Return a numeric notebook parameter as float; ParameterError names the value and the
    valid range when it is not a number or out of range."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    low = "-∞" if minimum is None else f"{minimum:g}"
    high = "∞" if maximum is None else f"{maximum:g}"
    if (not math.isfinite(number) or (minimum is not None and number < minimum)
            or (maximum is not None and number > maximum)):
        raise ParameterError(f"{name} {value!r} is not valid; expected a number from {low} "
                             f"to {high}")
    return number


def check_choice(name: str, value: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; ParameterError naming them otherwise."""
    if value not in choices:
        raise ParameterError(f"{name} {value!r} is not valid; choose one of: "
                             f"{', '.join(choices)}")
    return value

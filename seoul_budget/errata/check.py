"""The errata ledger checked across snapshots, once every snapshot is loaded: a row naming a
date no snapshot has, or applying to no snapshot at all, is an error (run by ``check``,
``parse`` and ``build``): never silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import ErrataError, first_few
from .ledger import Correction, read_ledger


def check_ledger_dates(rows: Iterable[Correction], snapshot_dates: Iterable[date],
                       ledger: str | Path = "errata.csv") -> None:
    """Raise ErrataError for the first row whose ``as_of``, ``from`` or ``to`` is a date no
    snapshot has (a typo would otherwise silently apply nowhere); returns None."""
    known = sorted(set(snapshot_dates))
    for fix in rows:
        for day in fix.dates():
            if day not in known:
                choices = ", ".join(d.isoformat() for d in known) or "none"
                raise ErrataError(f"{day.isoformat()} is not the date of a snapshot; "
                                  f"snapshots: {choices}", path=str(ledger),
                                  line=fix.ledger_line)


def check_ledger_coverage(ledger: str | Path, applied: dict[date, pd.DataFrame],
                          snapshot_dates: Iterable[date] | None = None) -> None:
    """Raise ErrataError for the ledger rows that applied to no snapshot; returns None.

    ``applied`` maps a snapshot's date to its corrections (``report.corrections`` or the
    processed folder's ``corrections`` table: its ``ledger_line`` says which row applied).
    ``snapshot_dates``: every snapshot the ledger serves (default: those in ``applied``); a
    row that may apply to a snapshot missing from ``applied`` is not judged.
    """
    rows = read_ledger(ledger)
    every = set(applied) if snapshot_dates is None else set(snapshot_dates)
    used = {int(n) for frame in applied.values() if "ledger_line" in frame
            for n in frame["ledger_line"].dropna()}
    idle = [fix for fix in rows if fix.ledger_line not in used
            and all(day in applied for day in every if fix.in_scope(day))]
    if not idle:
        return
    first = idle[0]
    more = (f" (also lines {first_few([str(f.ledger_line) for f in idle[1:]])})"
            if len(idle) > 1 else "")
    where = (f"the snapshot {first.as_of.isoformat()}" if first.as_of is not None
             else "any snapshot")
    raise ErrataError(f"{first.table} {first.key!r} {first.column} printed {first.printed} "
                      f"matches nothing in {where}: no snapshot prints that figure under that "
                      f"key{more}", path=str(ledger), line=first.ledger_line)


def check_ledger(ledger: str | Path, applied: dict[date, pd.DataFrame],
                 snapshot_dates: Iterable[date]) -> None:
    """Raise ErrataError for a ledger row naming a date no snapshot has, or applying to no
    snapshot (:func:`check_ledger_dates`, :func:`check_ledger_coverage`); returns None."""
    dates = sorted(set(snapshot_dates))
    check_ledger_dates(read_ledger(ledger), dates, ledger)
    check_ledger_coverage(ledger, applied, dates)

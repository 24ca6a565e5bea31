"""The unit record of a snapshot: for each table, the unit its note prints, the unit its
figures are likely in, and why. Resolved once, right after a report is loaded
(:func:`seoul_budget.reconciliation.units.resolve_units`), kept on the Report
(``report.table_units``) and in its processed stamp (``units``); every reader of units — the
Report's two readings, reconciliation's ``unit`` finding, history, the pages' banner — reads
this record. Plain data (no pandas), so a build reads it from a stamp cheaply.

A table reads in one of two ways, and a Report says which (``report.reading``):
:data:`PRINTED`, every figure as its unit note reads it (what ``load_report`` returns), or
:data:`LIKELY`, a table printed 1,000× off its note read in its likely unit (what the pages
show, ``report.in_likely_units()``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

PRINTED = "printed"  # every figure as its table's unit note reads it
LIKELY = "likely"  # a table printed 1,000× off its note read in its likely unit


@dataclass(frozen=True)
class UnitEvidence:
    """Why a table's figures are in another unit than its note says: one of its figures
    (``value``, KRW as its note reads it, on ``line``) beside the same figure in another
    table (``other_value`` KRW, printed there in ``other_unit`` of ``other_krw`` won each, on
    ``other_line``), of this report or, when ``other_as_of`` names one, of the snapshot
    before it; ``note_line`` is the line of the table's unit note."""

    note_line: int
    line: int
    value: float
    other_table: str
    other_as_of: str
    other_line: int
    other_value: float
    other_unit: str
    other_krw: float


@dataclass(frozen=True)
class TableUnit:
    """How a table's figures read: ``printed``, the unit its note prints ('천원'; '명'; ''
    for none); ``likely``, the unit they are in by the evidence; ``factor``, what the figures
    as the note reads them are multiplied by to read them in ``likely`` (1,000, 1/1,000; 1
    when they agree); ``why``, the evidence, when they disagree."""

    printed: str
    likely: str
    factor: float = 1.0
    why: UnitEvidence | None = None

    @property
    def slipped(self) -> bool:
        """Return True when the table's figures are not in the unit its note prints."""
        return self.factor != 1.0

    def read(self, reading: str) -> str:
        """Return the unit the table's figures are in under ``reading`` (PRINTED, LIKELY)."""
        return self.likely if reading == LIKELY else self.printed


UnitRecord = dict[str, TableUnit]


def as_printed(units: Mapping[str, str]) -> UnitRecord:
    """Return the record of tables whose figures are in the units their notes print
    ({table: printed unit}): nothing slipped."""
    return {table: TableUnit(unit, unit) for table, unit in units.items()}


def slip_factors(record: Mapping[str, TableUnit]) -> dict[str, float]:
    """Return {table: factor} of the tables printed off their unit note."""
    return {table: unit.factor for table, unit in record.items() if unit.slipped}


def slips(record: Mapping[str, TableUnit]) -> dict[str, tuple[str, str]]:
    """Return {table: (unit printed, unit read)} of the tables printed off their note."""
    return {table: (unit.printed, unit.likely) for table, unit in record.items()
            if unit.slipped}


def record_json(record: Mapping[str, TableUnit]) -> dict[str, dict[str, Any]]:
    """Return the record as the stamp stores it (JSON: tables sorted, ``why`` null when the
    figures agree with the note)."""
    return {table: asdict(record[table]) for table in sorted(record)}


def record_from_json(data: object) -> UnitRecord | None:
    """Return the record a stamp stores (see :func:`record_json`), or None when it holds no
    record of this form (an older stamp)."""
    if not isinstance(data, dict):
        return None
    record: UnitRecord = {}
    for table, entry in data.items():
        if not isinstance(entry, dict):
            return None
        try:
            why = entry.get("why")
            record[str(table)] = TableUnit(
                str(entry["printed"]), str(entry["likely"]), float(entry["factor"]),
                UnitEvidence(**why) if isinstance(why, dict) else None)
        except (KeyError, TypeError, ValueError):
            return None
    return record

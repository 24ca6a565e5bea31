"""The unit step: a money table printed 1,000× (or 1/1,000) off its unit note, decided once
per report right after loading, and the one ``unit`` finding that names it.

Tables repeat each other's figures: 세출 총괄 and 세출예산 집행현황, the revenue summary and
detail, the previous year's budget in the budget tables and that year's settlement, key-project
budgets and their programs; and the previous snapshot prints every table again (a witness: its
tables, read in their own likely units as its record says, are taken as right). For every pair
of tables the median ratio of the figures they share says whether they are printed in the same
unit (≈ 1), or 1,000^k apart. Each table gets an offset k (its figures are 1,000^k times what
its note says) so that the fewest pairs disagree, with the fewest tables off. :func:`resolve_units`
returns the record (:mod:`seoul_budget.table_units`): per table the printed unit, the likely
unit and, for a table with k ≠ 0, the evidence; :func:`unit_findings` turns each slipped table
into one ``unit`` error, at its unit note. Reconciliation then reads the report in its likely
units (a table honestly printed in 백만원 gives no error); nothing here rescales a table.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalog import table_title
from ..parse.numbers import UNIT_TO_KRW, likely_unit
from ..subject import Subject
from ..table_units import TableUnit, UnitEvidence, UnitRecord
from .cells import Cell, CellId, Sheet
from .checks import Check, LinearCheck
from .findings import ERROR, Finding, as_printed
from .suite import build_checks, cross_checks, settles_previous_year

if TYPE_CHECKING:
    from ..report import Report

FACTOR = 1_000  # a unit slip of a whole table is 천원 for 백만원 or 원 for 천원
WITNESS = "@"  # a table of the previous snapshot is named '<table>@<its as_of>'
_SAME = 0.5  # |log10 ratio| within this of a multiple of 3 counts as that multiple


@dataclass(frozen=True)
class Pair:
    """A figure printed in two tables: ``value`` at ``cell``, ``other`` (a sum) in
    ``other_table`` (KRW as each table's note reads it)."""

    cell: CellId
    other_table: str
    value: float
    other: float
    other_line: int
    other_cell: CellId | None = None  # the figure in ``other_table``, when it is one cell

    @property
    def table(self) -> str:
        return self.cell.table


def shared_figures(sheet: Sheet, checks: list[Check]) -> list[Pair]:
    """Return the figures two tables both print: each cross-table check of one table's figure
    against figures of one other table, and the previous year's budget total of 세출 총괄 and
    of that year's 세출결산 (different concepts, but within a few percent)."""
    pairs = []
    for check in checks:
        if check.family != "cross_table" or not isinstance(check, LinearCheck):
            continue
        others = [cell for cell, coef in check.terms if cell != check.target and coef < 0]
        tables = {cell.table for cell in others}
        if len(tables) != 1 or check.target.table in tables:
            continue
        if any(sheet.cells[c].unit != "KRW" for c in (check.target, *others)):
            continue
        pairs.append(Pair(check.target, tables.pop(), sheet.value(check.target),
                          sum(sheet.value(c) for c in others), others[0].source_line,
                          others[0] if len(others) == 1 else None))
    final = sheet.find("expenditure_summary", "계", "previous_budget")
    settled = sheet.find("settlement_expenditure", "계", "budget")
    if final is not None and settled is not None and settles_previous_year(sheet):
        pairs.append(Pair(settled, final.table, sheet.value(settled), sheet.value(final),
                          final.source_line, final))
    return pairs


def previous_figures(sheet: Sheet, previous: Sheet, label: str) -> list[Pair]:
    """Return a pair for each money figure of ``sheet`` that the previous snapshot's sheet
    prints under the same table, row key and column (read as that sheet reads it: the sheet
    of the previous report in its likely units); its table is named '<table>@<label>'."""
    pairs = []
    for cell_id, cell in sheet.cells.items():
        if cell.unit != "KRW":
            continue
        other = previous.find(cell_id.table, cell_id.key, cell_id.column)
        if other is None or previous.cells[other].unit != "KRW":
            continue
        pairs.append(Pair(cell_id, f"{cell_id.table}{WITNESS}{label}", cell.value,
                          previous.value(other), other.source_line, other))
    return pairs


def is_witness(table: str) -> bool:
    """Return True for a table of the previous snapshot (see :func:`previous_figures`)."""
    return WITNESS in table


def _offsets(pairs: list[Pair]) -> dict[tuple[str, str], tuple[int, Pair]]:
    """Return {(table, other table): (k, a representative pair)} where the tables' shared
    figures are 1,000^k apart by their median ratio (k = 0: the same unit); pairs whose
    ratio is no power of 1,000 give no edge."""
    ratios: dict[tuple[str, str], list[tuple[float, Pair]]] = defaultdict(list)
    for pair in pairs:
        if pair.value == 0 or pair.other == 0 or (pair.value > 0) != (pair.other > 0):
            continue
        ratios[(pair.table, pair.other_table)].append(
            (math.log10(pair.value / pair.other), pair))
    edges = {}
    for tables, found in ratios.items():
        middle = statistics.median(r for r, _ in found)
        k = round(middle / 3)
        if abs(middle - 3 * k) <= _SAME:
            # shown as the example: the largest figure that agrees with the median (a total)
            typical = max((pair for ratio, pair in found if abs(ratio - middle) <= _SAME),
                          key=lambda pair: abs(pair.other))
            edges[tables] = (k, typical)
    return edges


def unit_slips(sheet: Sheet, witnesses: list[Pair]) -> dict[str, tuple[int, Pair]]:
    """Return {table: (k, the pair that shows it)} of the money tables printed 1,000^k off
    their note (see the module docstring); ``witnesses``: pairs with the previous snapshot
    (:func:`previous_figures`), whose tables keep offset 0."""
    edges = _offsets(shared_figures(sheet, cross_checks(sheet)[0]) + witnesses)
    if not any(k for k, _ in edges.values()):
        return {}
    # a table's own checks tell one misprinted figure from a whole table off its note
    checks, _ = build_checks(sheet)
    tables = sorted({t for pair in edges for t in pair if not is_witness(t)})
    best: tuple[tuple[int, int], dict[str, int]] | None = None
    tied = False
    for choice in itertools.product((-1, 0, 1), repeat=len(tables)):
        offset = dict(zip(tables, choice, strict=True))
        broken = sum(offset.get(a, 0) - offset.get(b, 0) != k
                     for (a, b), (k, _) in edges.items())
        cost = (broken, sum(1 for k in choice if k))
        if best is None or cost < best[0]:
            best, tied = (cost, offset), False
        elif cost == best[0]:
            tied = True
    if best is None or tied:
        return {}  # two readings explain the figures equally well: no guess
    slips = {}
    offsets = best[1]
    for table, k in offsets.items():
        if not k:
            continue
        # the example shown: a pair that says the table is off (not one with a table that
        # slipped with it), a pair within the report first
        mine = [(a, b, edge, pair) for (a, b), (edge, pair) in edges.items() if table in (a, b)]
        evidence = next((pair for a, b, edge, pair in mine
                         if edge and edge == offsets.get(a, 0) - offsets.get(b, 0)), mine[0][3])
        if _one_figure_off(sheet, checks, table, k, evidence):
            continue  # one misprinted figure, reported by the table's own checks
        slips[table] = (k, evidence)
    return slips


def _one_figure_off(sheet: Sheet, checks: list[Check], table: str, offset: int,
                    evidence: Pair) -> bool:
    """Return True when one of the two figures that make ``table`` look 1,000^offset off is
    contradicted by its own table: a check within that table fails as printed and holds with
    the figure rescaled. A whole table printed in the wrong unit keeps its own sums (they scale
    together), so this tells one misprint (a total printed with ",000" too many) apart."""
    mine, theirs = ((evidence.cell, evidence.other_cell) if evidence.table == table
                    else (evidence.other_cell, evidence.cell))
    return (_contradicted_within(sheet, checks, mine, float(FACTOR) ** -offset)
            or _contradicted_within(sheet, checks, theirs, float(FACTOR) ** offset))


def _contradicted_within(sheet: Sheet, checks: list[Check], cell: CellId | None,
                         scale: float) -> bool:
    """Return True when a check within ``cell``'s table fails as printed and holds with
    ``cell`` multiplied by ``scale``."""
    if cell is None:
        return False

    def rescaled(cell_id: CellId) -> float:
        return sheet.value(cell_id) * (scale if cell_id == cell else 1.0)

    for check in checks:
        if not isinstance(check, LinearCheck) or cell not in check.cells():
            continue
        if any(other.table != cell.table for other in check.cells()):
            continue
        if not check.settled(sheet.value) and check.settled(rescaled):
            return True
    return False


def resolve_units(report: Report, witness: Report | None = None) -> UnitRecord:
    """Return the unit record of a report read as printed (``report.table_units`` as its
    notes print them): each table's printed unit, its likely unit and, for a table printed
    1,000^k off its note, the evidence (see the module docstring). ``witness``: the snapshot
    before it, read in its likely units (``in_likely_units()``), whose figures are taken as
    right."""
    sheet = Sheet(report)
    previous = Sheet(witness) if witness is not None else None
    pairs = (previous_figures(sheet, previous, witness.as_of.isoformat())
             if witness is not None and previous is not None else [])
    record = dict(report.table_units)
    for table, (k, pair) in unit_slips(sheet, pairs).items():
        printed = sheet.units.get(table, ("", 1))[0]
        factor = float(FACTOR) ** -k
        record[table] = TableUnit(printed, likely_unit(printed, factor), factor,
                                  _evidence(sheet, table, pair, previous))
    return record


def _evidence(sheet: Sheet, table: str, pair: Pair, previous: Sheet | None) -> UnitEvidence:
    """Return the example that shows ``table`` off its note (``pair``): one of its figures as
    its note reads it beside the same figure elsewhere, as that table reads it."""
    mine_first = pair.table == table
    mine, theirs = (pair.value, pair.other) if mine_first else (pair.other, pair.value)
    other = pair.other_table if mine_first else pair.table
    mine_line, other_line = ((pair.cell.source_line, pair.other_line) if mine_first
                             else (pair.other_line, pair.cell.source_line))
    base, _, day = other.partition(WITNESS)
    other_cell = _money_cell(previous if is_witness(other) and previous is not None
                             else sheet, base)
    return UnitEvidence(sheet.header_line(table, "단위") or mine_line, mine_line, mine,
                        base, day, other_line, theirs, other_cell.source_unit, other_cell.step)


def unit_findings(record: UnitRecord, subject: Subject | None = None) -> list[Finding]:
    """Return one ``unit`` error per table of the record printed off its note, at its unit
    note, with the example of its evidence (figures as each table's note reads it); titles
    with the years of the report's ``subject``."""
    findings = []
    for table in sorted(record):
        unit = record[table]
        if not unit.slipped or unit.why is None:
            continue
        why = unit.why
        cell = _figure(table, why.line, unit.printed, UNIT_TO_KRW.get(unit.printed, 1))
        other_cell = _figure(why.other_table, why.other_line, why.other_unit, why.other_krw)
        if why.other_as_of:
            other_title = f"{why.other_as_of} 보고서의 {table_title(why.other_table)}"
            other_title_en = f"the {why.other_as_of} report's {table_title(why.other_table)}"
        else:
            other_title = other_title_en = table_title(why.other_table, subject)
        mine, theirs, note, mine_line = why.value, why.other_value, why.note_line, why.line
        title = table_title(table, subject)
        larger = unit.factor < 1  # the figures read 1,000× too large as the note says
        size, size_en = ("1,000배", "1,000 times") if larger else ("1/1,000", "1/1,000 of")
        message = (f"{title}의 금액이 같은 수치를 싣는 다른 표({other_title})의 {size}임: 단위 "
                   f"표기({note}행)는 {unit.printed}이나 실제 단위는 {unit.likely}"
                   f"으로 보임. 예: {mine_line}행 {as_printed(cell, mine)} ↔ {other_title} "
                   f"{as_printed(other_cell, theirs)}. 표 전체의 단위 착오 하나로 보고하며, "
                   f"이 표의 다른 검증은 {unit.likely} 기준으로 함. 정정 제안: 이 표를 "
                   f"{unit.likely}으로 읽을 것.")
        message_en = (f"{title} prints {size_en} the figures another table repeats "
                      f"({other_title_en}): its unit note (line {note}) says "
                      f"{unit.printed}, its figures are in {unit.likely}. For example "
                      f"line {mine_line} prints {as_printed(cell, mine, True)} where "
                      f"{other_title_en} has "
                      f"{as_printed(other_cell, theirs, True)}. Reported once for the whole "
                      f"table; its other checks read it in {unit.likely}. Suggestion: "
                      f"read the table in {unit.likely}.")
        findings.append(Finding("unit", ERROR, table, "단위", "", message, message_en,
                                unit="KRW", expected=theirs, actual=mine,
                                source_line=note,
                                related_lines=str(mine_line),
                                suggestion=mine * unit.factor, suggestion_kind="unit_slip"))
    return findings


def _figure(table: str, line: int, unit: str, krw: float) -> Cell:
    """Return a money figure of ``table`` printed in ``unit`` (``krw`` won each), for
    showing figures as the report prints them."""
    return Cell(CellId(table, "", "", line), 0.0, "KRW", krw, unit)


def _money_cell(sheet: Sheet, table: str) -> Cell:
    """Return a money figure of a table (its unit as the sheet reads it, for showing figures)."""
    return next(c for c in sheet.cells.values() if c.id.table == table and c.unit == "KRW")

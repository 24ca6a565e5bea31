"""Attribution: which printed figure explains the checks that fail.

For every figure in a failing check, try the values that would make that check hold and the
values a printing slip would undo (``suggest.candidates``). A hypothesis — one figure
corrected, or a line item corrected together with the totals printed from it (a "cascade")
— is viable when it settles at least one failing check (within half its rounding band) and
unsettles no check that holds; a row printed wholly in the wrong unit is tried as one
hypothesis. The viable hypothesis with the most failures settled (less those it makes worse:
two misprints in one check can partly cancel) wins; a recognised slip breaks ties, then fewer
changed figures. It is applied and the search repeats. A failure no hypothesis explains is
reported as it stands; one that two different figures explain equally well is reported with
both named as candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .cells import CellId, Sheet
from .checks import FAIL, Check
from .suggest import RANK, candidates, slip_kind

# Columns whose figures may be negative; every other figure is a count or an amount ≥ 0.
SIGNED = {"change_printed", "surplus_printed", "change_rate_printed"}
_MAX_ROUNDS = 200
# A check over more figures than this is not attributed to one of them: each of its figures
# would be tried against every other (work growing with the square of the rows, minutes for
# a table of thousands), and one slip among hundreds of rows is no longer a finding a reader
# can act on. It is reported unexplained, as printed.
MAX_ATTRIBUTED_TERMS = 100


@dataclass
class Hypothesis:
    """Figures corrected together and the failing checks that then hold."""

    primary: CellId
    changes: dict[CellId, float]
    fixed: list[Check]
    kind: str
    worsened: int = 0  # failing checks the changes move further from holding

    @property
    def score(self) -> tuple[int, int, int]:
        """Return (failures settled − failures worsened, slip rank, − figures changed)."""
        return (len(self.fixed) - self.worsened, RANK[self.kind], -len(self.changes))


@dataclass
class Attribution:
    """The outcome: accepted hypotheses, ambiguous failures and unexplained ones."""

    accepted: list[Hypothesis] = field(default_factory=list)
    ambiguous: list[tuple[list[Check], list[Hypothesis]]] = field(default_factory=list)
    unexplained: list[Check] = field(default_factory=list)
    values: dict[CellId, float] = field(default_factory=dict)


class Engine:
    """Attributes failing checks to figures (see the module docstring)."""

    def __init__(self, sheet: Sheet, checks: list[Check]) -> None:
        self.sheet = sheet
        self.checks = [c for c in checks if len(c.cells()) <= MAX_ATTRIBUTED_TERMS]
        self.too_wide = [c for c in checks if len(c.cells()) > MAX_ATTRIBUTED_TERMS]
        self.values = {cell_id: cell.value for cell_id, cell in sheet.cells.items()}
        self.by_cell: dict[CellId, list[Check]] = defaultdict(list)
        for check in self.checks:
            for cell in check.cells():
                self.by_cell[cell].append(check)
        self.parents: dict[CellId, list[CellId]] = defaultdict(list)
        for check in self.checks:
            if check.family == "sum":
                for cell, coef in getattr(check, "terms", ()):
                    if coef < 0:
                        self.parents[cell].append(check.target)

    def get(self, cell: CellId) -> float:
        return self.values[cell]

    def run(self) -> Attribution:
        """Return the attribution of every failing check."""
        result = Attribution()
        failing = [c for c in self.checks if c.state(self.get) == FAIL]
        for _ in range(_MAX_ROUNDS):
            if not failing:
                break
            hypotheses = self._hypotheses(failing)
            if not hypotheses:
                break
            best = max(hypotheses, key=lambda h: h.score)
            rivals = [h for h in hypotheses if h.score == best.score
                      and h.primary != best.primary and h.primary not in best.changes
                      and best.primary not in h.changes
                      and {id(c) for c in h.fixed} & {id(c) for c in best.fixed}]
            if rivals:
                by_cell: dict[CellId, Hypothesis] = {}
                for h in (best, *rivals):
                    by_cell.setdefault(h.primary, h)
                result.ambiguous.append((best.fixed, list(by_cell.values())))
                done = {id(c) for c in best.fixed}
            else:
                self.values.update(best.changes)
                result.accepted.append(best)
                done = {id(c) for c in best.fixed}
            failing = [c for c in failing if id(c) not in done and c.state(self.get) == FAIL]
        result.unexplained = failing + [c for c in self.too_wide if c.state(self.get) == FAIL]
        result.values = dict(self.values)
        return result

    # -- hypotheses ------------------------------------------------------------------------
    def _hypotheses(self, failing: list[Check]) -> list[Hypothesis]:
        failing_ids = {id(c) for c in failing}
        cells = list(dict.fromkeys(cell for check in failing for cell in check.cells()))
        found: list[Hypothesis] = []
        for cell in cells:
            mine = [c for c in self.by_cell[cell] if id(c) in failing_ids]
            options = [self._changes(cell, value, cascade)
                       for value in self._values_for(cell, mine) for cascade in (False, True)]
            options += self._row_slips(cell)
            for changes in options:
                if changes is None or not self._helps(changes, failing_ids):
                    continue
                outcome = self._evaluate(changes, failing_ids)
                if outcome is not None and outcome[0]:
                    # the slip that turns the proposed value into the current one
                    current = replace(self.sheet.cells[cell], value=self.values[cell])
                    kind = slip_kind(current, changes[cell])
                    found.append(Hypothesis(cell, changes, outcome[0], kind, outcome[1]))
        return found

    def _row_slips(self, cell: CellId) -> list[dict[CellId, float] | None]:
        """Return a whole row's amounts ÷1,000 and ×1,000: a row printed in the wrong unit."""
        info = self.sheet.cells[cell]
        if info.unit != "KRW" or self.values[cell] != info.value:
            return []
        row = [c for c in self.sheet.cells if c.table == cell.table
               and c.source_line == cell.source_line and self.sheet.cells[c].unit == "KRW"
               and self.values[c] == self.sheet.cells[c].value and self.values[c]]
        if len(row) < 2:
            return []
        slips: list[dict[CellId, float] | None] = []
        for factor in (1 / 1000, 1000):
            changes = {c: float(round(self.values[c] * factor)) for c in row}
            if all(abs(changes[c] - self.values[c] * factor) < 1e-6 for c in row):
                slips.append(changes)
        return slips

    def _values_for(self, cell: CellId, failing: list[Check]) -> Iterable[float]:
        """Return candidate values: exact solutions of its failing checks, then slips undone."""
        current = self.values[cell]
        proposed: dict[float, None] = {}
        for check in failing:
            value = check.solve(cell, self.get)
            if value is not None:
                proposed[self._round(cell, value)] = None
        printed = self.sheet.cells[cell]
        sources = [printed] if current == printed.value else [printed,
                                                               replace(printed, value=current)]
        for source in sources:  # slips of the printed figure, and of a corrected one
            for value in candidates(source):
                proposed.setdefault(value, None)
        return [v for v in proposed if v != current and self._valid(cell, v)]

    def _helps(self, changes: dict[CellId, float], failing_ids: set[int]) -> bool:
        """Return True if the changes settle at least one failing check (a cheap filter)."""
        checks = [c for cell in changes for c in self.by_cell[cell] if id(c) in failing_ids]
        saved = {cell: self.values[cell] for cell in changes}
        self.values.update(changes)
        try:
            return any(c.settled(self.get) for c in checks)
        finally:
            self.values.update(saved)

    def _round(self, cell: CellId, value: float) -> float:
        """Return a money figure or a head count as a whole number (rates stay as they are)."""
        return float(round(value)) if self.sheet.cells[cell].unit in ("KRW", "persons") else value

    def _valid(self, cell: CellId, value: float) -> bool:
        """Return False for a negative figure where the column cannot be negative."""
        return cell.column in SIGNED or value >= 0

    def _ancestors(self, cell: CellId) -> list[CellId]:
        seen: dict[CellId, None] = {}
        stack = list(self.parents.get(cell, ()))
        while stack:
            parent = stack.pop()
            if parent not in seen:
                seen[parent] = None
                stack.extend(self.parents.get(parent, ()))
        return list(seen)

    def _changes(self, cell: CellId, value: float, cascade: bool) -> dict[CellId, float] | None:
        if not cascade:
            return {cell: value}
        ancestors = self._ancestors(cell)
        if not ancestors:
            return None
        delta = value - self.values[cell]
        changes = {cell: value}
        for parent in ancestors:
            changes[parent] = self.values[parent] + delta
            if not self._valid(parent, changes[parent]):
                return None
        return changes

    def _evaluate(self, changes: dict[CellId, float],
                  failing_ids: set[int]) -> tuple[list[Check], int] | None:
        """Return (failing checks the changes settle, failing checks they worsen).

        None if the changes break a check that holds: a settled check (within half its
        rounding band) that is no longer settled, or a check within rounding that fails.
        Worsened: a failing check moved further from holding (two misprints in one check
        can partly cancel, so this counts against a hypothesis instead of ruling it out).
        """
        affected = list(dict.fromkeys(c for cell in changes for c in self.by_cell[cell]))
        off = {id(c): c.off(self.get) for c in affected if id(c) in failing_ids}
        settled = {id(c): c.settled(self.get) for c in affected if id(c) not in failing_ids}
        saved = {cell: self.values[cell] for cell in changes}
        self.values.update(changes)
        try:
            fixed, worsened = [], 0
            for check in affected:
                if id(check) in failing_ids:
                    if check.settled(self.get):
                        fixed.append(check)
                    elif check.off(self.get) > off[id(check)] + check.slack:
                        worsened += 1
                elif settled[id(check)]:
                    if not check.settled(self.get):
                        return None
                elif check.state(self.get) == FAIL:
                    return None
            return fixed, worsened
        finally:
            self.values.update(saved)

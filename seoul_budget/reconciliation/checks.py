"""Checks: claims the printed figures make about each other.

A check is either linear (``Σ coef × figure = 0``: a total and its parts, a formula column,
the same figure in two tables) or a rate (``rate = 100 × numerator ÷ denominator``).
Each has two tolerances, in the figures' own unit: within ``exact_tol`` it holds; within
``tol`` the difference is rounding (reported as info at most); beyond ``tol`` it fails.
``solve`` returns the value one figure would need for the check to hold exactly, which is how
a mismatch is attributed to the figure that explains it. :func:`linear_check` and
:func:`rate_check` make one at the printed precision of a sheet's figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..parse.numbers import round_half_up
from .cells import CellId, Sheet

OK, ROUNDING, FAIL = "ok", "rounding", "fail"
_EPS = 1e-6

Getter = Callable[[CellId], float]


@dataclass(eq=False)
class Check:
    """A claim about printed figures; ``target`` is the figure the claim is printed as."""

    family: str  # sum | formula | rate | cross_table | prose
    name: str
    target: CellId
    label_ko: str
    label_en: str
    severity: str = "error"  # of a failure no single figure explains

    def cells(self) -> tuple[CellId, ...]:
        """Return every figure the check reads."""
        raise NotImplementedError

    def residual(self, get: Getter) -> float | None:
        """Return printed target − target implied by the other figures (None: undefined)."""
        raise NotImplementedError

    def expected(self, get: Getter) -> float | None:
        """Return the target's value implied by the other figures (None: undefined)."""
        residual = self.residual(get)
        return None if residual is None else get(self.target) - residual

    def state(self, get: Getter) -> str:
        """Return OK, ROUNDING or FAIL for the figures ``get`` returns."""
        raise NotImplementedError

    def solve(self, cell: CellId, get: Getter) -> float | None:
        """Return the value ``cell`` would need for the check to hold exactly (None: none)."""
        raise NotImplementedError

    def off(self, get: Getter) -> float:
        """Return how far the check is from holding (|residual|; infinite if undefined)."""
        residual = self.residual(get)
        return float("inf") if residual is None else abs(residual)

    @property
    def slack(self) -> float:
        """Return the rounding band: a difference up to this is not an error."""
        return float(getattr(self, "tol", 0.0))

    def settled(self, get: Getter) -> bool:
        """Return True if the check holds as well as rounding makes likely.

        A correction must settle a failing check, not just bring it inside the rounding
        band: the sum of n rounded figures is off by at most n/2 printed units, so a sum is
        settled within half its tolerance; a rate within half a printed unit.
        """
        raise NotImplementedError


@dataclass(eq=False)
class LinearCheck(Check):
    """``Σ coef × figure = 0``; the target's coefficient is +1."""

    terms: tuple[tuple[CellId, float], ...] = ()
    exact_tol: float = 0.0
    tol: float = 0.0

    def cells(self) -> tuple[CellId, ...]:
        return tuple(cell for cell, _ in self.terms)

    def residual(self, get: Getter) -> float:
        return sum(coef * get(cell) for cell, coef in self.terms)

    def state(self, get: Getter) -> str:
        off = abs(self.residual(get))
        if off <= self.exact_tol + _EPS:
            return OK
        return ROUNDING if off <= self.tol + _EPS else FAIL

    def settled(self, get: Getter) -> bool:
        return abs(self.residual(get)) <= max(self.exact_tol, self.tol / 2) + _EPS

    def solve(self, cell: CellId, get: Getter) -> float | None:
        coef = dict(self.terms).get(cell)
        if not coef:
            return None
        return get(cell) - self.residual(get) / coef


@dataclass(eq=False)
class RateCheck(Check):
    """``target = 100 × Σ numerator ÷ Σ denominator`` (a printed percentage).

    The printed rate is compared with the interval of rates its inputs allow: each money
    figure is printed rounded, so it may be off by half its printed unit (``numerator_slack``,
    ``denominator_slack``: the sums of those halves, in KRW). Within ``exact_tol`` (half the
    rate's printed unit) of that interval it holds; within ``tol``, rounding; beyond, it fails.
    """

    numerator: tuple[tuple[CellId, float], ...] = ()
    denominator: tuple[tuple[CellId, float], ...] = ()
    exact_tol: float = 0.05
    tol: float = 0.1
    decimals: int = 1
    numerator_slack: float = 0.0
    denominator_slack: float = 0.0

    def cells(self) -> tuple[CellId, ...]:
        seen = dict.fromkeys([self.target, *(c for c, _ in self.numerator),
                              *(c for c, _ in self.denominator)])
        return tuple(seen)

    def _parts(self, get: Getter) -> tuple[float, float]:
        num = sum(coef * get(cell) for cell, coef in self.numerator)
        den = sum(coef * get(cell) for cell, coef in self.denominator)
        return num, den

    def recomputed(self, get: Getter) -> float | None:
        """Return the rate the figures give, unrounded (None when the base is zero)."""
        num, den = self._parts(get)
        return None if abs(den) < _EPS else 100 * num / den

    def residual(self, get: Getter) -> float | None:
        rate = self.recomputed(get)
        return None if rate is None else get(self.target) - rate

    def bounds(self, get: Getter) -> tuple[float, float] | None:
        """Return the lowest and highest rate the printed inputs allow, each off by up to half
        its printed unit (None when the base is zero; infinite when it may be)."""
        num, den = self._parts(get)
        if abs(den) < _EPS:
            return None
        if abs(den) <= self.denominator_slack:
            return -math.inf, math.inf
        corners = [100 * n / d
                   for n in (num - self.numerator_slack, num + self.numerator_slack)
                   for d in (den - self.denominator_slack, den + self.denominator_slack)]
        return min(corners), max(corners)

    def state(self, get: Getter) -> str:
        num, den = self._parts(get)
        if abs(den) < _EPS and self.denominator_slack == 0:
            return OK if abs(num) < _EPS and abs(get(self.target)) < _EPS else FAIL
        if abs(den) <= self.denominator_slack:
            return OK  # a base printed as 0 may be up to half a unit: any rate is possible
        low, high = self.bounds(get) or (0.0, 0.0)
        printed = get(self.target)
        off = max(low - printed, printed - high, 0.0)
        if off <= self.exact_tol + 1e-9:
            return OK
        return ROUNDING if off <= self.tol + 1e-9 else FAIL

    def settled(self, get: Getter) -> bool:
        return self.state(get) == OK

    def solve(self, cell: CellId, get: Getter) -> float | None:
        num, den = self._parts(get)
        if cell == self.target:
            rate = self.recomputed(get)
            return None if rate is None else float(round_half_up(rate, self.decimals))
        rate = get(self.target)
        coef = dict(self.numerator).get(cell)
        if coef:
            if abs(den) < _EPS:
                return None
            return get(cell) + (rate * den / 100 - num) / coef
        coef = dict(self.denominator).get(cell)
        if coef and abs(rate) > _EPS:
            return get(cell) + (100 * num / rate - den) / coef
        return None


def linear_check(sheet: Sheet, family: str, name: str, target: CellId,
                 terms: Sequence[tuple[CellId, float]], label_ko: str,
                 label_en: str) -> LinearCheck:
    """Return ``target = Σ coef × term`` with one printed unit of rounding per term (head
    counts and other counts are exact)."""
    unit = sheet.cells[target].unit
    tol = 0.0 if unit in ("persons", "count") else sum(sheet.cells[c].step for c, _ in terms)
    full = ((target, 1.0), *((cell, -coef) for cell, coef in terms))
    return LinearCheck(family, name, target, label_ko, label_en, terms=full, tol=tol)


def rate_check(sheet: Sheet, family: str, name: str, target: CellId,
               numerator: Sequence[tuple[CellId, float]],
               denominator: Sequence[tuple[CellId, float]], label_ko: str,
               label_en: str) -> RateCheck:
    """Return ``target = 100 × Σ numerator ÷ Σ denominator`` at the target's printed precision,
    each money input allowed half its printed unit of rounding (counts are exact)."""
    cell = sheet.cells[target]
    exact, tol = rate_tolerances(cell.step)
    return RateCheck(family, name, target, label_ko, label_en, numerator=tuple(numerator),
                     denominator=tuple(denominator), exact_tol=exact, tol=tol,
                     decimals=cell.decimals, numerator_slack=_half_units(sheet, numerator),
                     denominator_slack=_half_units(sheet, denominator))


def _half_units(sheet: Sheet, terms: Sequence[tuple[CellId, float]]) -> float:
    """Return how far a sum of printed money figures may be from the exact one (KRW): half a
    printed unit per figure. Counts and rates are exact here (0)."""
    return sum(abs(coef) * sheet.cells[cell].step / 2 for cell, coef in terms
               if sheet.cells[cell].unit == "KRW")


def rate_tolerances(step: float) -> tuple[float, float]:
    """Return (exact, rounding) tolerances of a rate printed to ``step`` (0.1, 1, 0.01 …).

    Half a printed unit is plain rounding; up to one printed unit, and never less than
    0.1 percentage point, is reported as rounding (info); beyond that the rate is wrong.
    """
    return step / 2, max(0.1, step)

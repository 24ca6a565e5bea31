"""seoul_budget.reconciliation.checks: a linear check and a rate check on figures given by
hand, their states (ok, rounding, fail), the value one figure would need, and the tolerances
of a printed rate. Every figure below is worked by hand in the comments."""

from __future__ import annotations

import pytest

from seoul_budget.reconciliation.cells import CellId
from seoul_budget.reconciliation.checks import (
    FAIL,
    OK,
    ROUNDING,
    LinearCheck,
    RateCheck,
    rate_tolerances,
)

TOTAL, A, B = (CellId("t", key, "budget", line) for key, line in (("계", 1), ("a", 2), ("b", 3)))


def linear(tol: float) -> LinearCheck:
    """계 = a + b, ``tol`` of rounding."""
    return LinearCheck("sum", "sum", TOTAL, "합", "sum",
                       terms=((TOTAL, 1.0), (A, -1.0), (B, -1.0)), tol=tol)


@pytest.mark.parametrize(("total", "state"), [(100, OK), (101, ROUNDING), (102, ROUNDING),
                                               (103, FAIL), (97, FAIL)])
def test_a_sum_holds_within_rounding_and_fails_beyond(total, state):
    figures = {TOTAL: total, A: 60, B: 40}  # 60 + 40 = 100; two parts of one unit: tol 2
    assert linear(tol=2).state(figures.__getitem__) == state


def test_a_failing_sum_is_solved_for_each_of_its_figures():
    figures = {TOTAL: 103, A: 60, B: 40}
    check = linear(tol=2)
    assert check.residual(figures.__getitem__) == 3  # 103 − (60 + 40)
    assert check.expected(figures.__getitem__) == 100
    assert check.solve(A, figures.__getitem__) == 63  # 103 − 40
    assert check.solve(B, figures.__getitem__) == 43  # 103 − 60
    assert check.solve(TOTAL, figures.__getitem__) == 100
    assert check.solve(CellId("t", "c", "budget", 4), figures.__getitem__) is None


def test_a_sum_is_settled_within_half_its_rounding_band():
    check = linear(tol=2)  # settled: |residual| ≤ 2 / 2 = 1
    assert check.settled({TOTAL: 101, A: 60, B: 40}.__getitem__)
    assert not check.settled({TOTAL: 102, A: 60, B: 40}.__getitem__)


RATE, NUM, DEN = (CellId("expenditure", "x", column, 487)
                  for column in ("committed_rate_printed", "committed", "budget"))


def rate() -> RateCheck:
    """The bundled report's line 487: 집행률 printed 93.3 for 192,302 ÷ 206,044 천원; each money
    figure may be off by half a 천원 (500 KRW)."""
    return RateCheck("rate", "committed_rate_printed", RATE, "집행률", "rate",
                     numerator=((NUM, 1.0),), denominator=((DEN, 1.0),),
                     numerator_slack=500, denominator_slack=500)


def figures(printed: float) -> dict[CellId, float]:
    return {RATE: printed, NUM: 192_302_000, DEN: 206_044_000}


@pytest.mark.parametrize(("printed", "state"), [(93.3, OK), (93.4, ROUNDING), (93.5, FAIL),
                                                 (93.2, FAIL), (90.0, FAIL)])
def test_a_rate_holds_at_its_printed_precision(printed, state):
    # 192,302 ÷ 206,044 = 93.3306 %; with both figures ±0.5 천원 it lies in about
    # [93.3301, 93.3310]: 93.3 is within 0.05 (ok), 93.4 within 0.1 (0.069: rounding),
    # 93.2 is 0.13 off and 93.5 0.17 (fail).
    assert rate().state(figures(printed).__getitem__) == state


def test_a_rate_is_solved_for_the_rate_and_for_its_inputs():
    get = figures(93.5).__getitem__
    check = rate()
    assert check.solve(RATE, get) == 93.3  # 93.33 rounded half up to one decimal
    # committed for 93.5 %: 0.935 × 206,044,000 = 192,651,140
    assert check.solve(NUM, get) == pytest.approx(192_651_140)
    # budget for 93.5 %: 192,302,000 ÷ 0.935 = 205,670,588.2
    assert check.solve(DEN, get) == pytest.approx(205_670_588.2, abs=0.1)


def test_a_rate_of_nothing_over_nothing_is_zero():
    check = RateCheck("rate", "r", RATE, "r", "r", numerator=((NUM, 1.0),),
                      denominator=((DEN, 1.0),))
    assert check.state({RATE: 0, NUM: 0, DEN: 0}.__getitem__) == OK
    assert check.state({RATE: 0, NUM: 5, DEN: 0}.__getitem__) == FAIL
    assert check.recomputed({RATE: 0, NUM: 5, DEN: 0}.__getitem__) is None


@pytest.mark.parametrize(("step", "tolerances"), [(0.1, (0.05, 0.1)), (1, (0.5, 1)),
                                                   (0.01, (0.005, 0.1))])
def test_rate_tolerances_are_half_a_unit_and_at_least_a_tenth(step, tolerances):
    assert rate_tolerances(step) == pytest.approx(tolerances)

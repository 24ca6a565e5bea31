"""Suggested corrections: the printing slips that turn one right figure into a wrong one.

A figure that breaks its checks is most likely a slip of one of these kinds (strongest first):
a unit slip (printed ×1,000 or ÷1,000, e.g. 원 in a 천원 table), two neighbouring digits
transposed, or one wrong digit. ``candidates`` lists the values such slips would undo;
``slip_kind`` names the slip between a printed value and a proposed one.
"""

from __future__ import annotations

from ..parse.numbers import round_half_up
from .cells import Cell

UNIT_SLIP, TRANSPOSITION, ONE_DIGIT, DERIVED = "unit_slip", "transposition", "one_digit", "derived"
RANK = {UNIT_SLIP: 3, TRANSPOSITION: 2, ONE_DIGIT: 1, DERIVED: 0}
KIND_KO = {UNIT_SLIP: "단위 착오", TRANSPOSITION: "이웃한 두 숫자가 뒤바뀜",
           ONE_DIGIT: "숫자 하나 오기", DERIVED: "다른 수치로부터 계산한 값"}
KIND_EN = {UNIT_SLIP: "a unit slip", TRANSPOSITION: "two neighbouring digits transposed",
           ONE_DIGIT: "one wrong digit", DERIVED: "the value the other figures imply"}


def _steps(value: float, step: float) -> int | None:
    """Return the value as a whole number of printed units, or None if it is not one."""
    count = value / step
    nearest = round(count)
    return int(nearest) if abs(count - nearest) < 1e-6 else None


def candidates(cell: Cell) -> dict[float, str]:
    """Return {value: slip kind} for every value a single printing slip could have come from."""
    found: dict[float, str] = {}
    if cell.unit == "KRW":
        for factor in (1 / 1000, 1000):
            value = round(cell.value * factor)
            if value != cell.value and value == cell.value * factor:
                found[float(value)] = UNIT_SLIP
    units = _steps(cell.value, cell.step)
    if units is None:
        return found
    sign = -1 if units < 0 else 1
    digits = str(abs(units))
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            if not (swapped[0] == "0" and len(swapped) > 1):
                found.setdefault(sign * int(swapped) * cell.step, TRANSPOSITION)
    for i, digit in enumerate(digits):
        for other in "0123456789":
            if other == digit or (i == 0 and other == "0" and len(digits) > 1):
                continue
            changed = digits[:i] + other + digits[i + 1:]
            found.setdefault(sign * int(changed) * cell.step, ONE_DIGIT)
    return {_clean(value, cell): kind for value, kind in found.items()}


def _clean(value: float, cell: Cell) -> float:
    """Return a candidate without float noise (rates: rounded to the printed decimals)."""
    if cell.step >= 1:
        return float(round(value))
    return float(round_half_up(value, cell.decimals))


def slip_kind(cell: Cell, proposed: float) -> str:
    """Return the slip that turns ``proposed`` into the printed value (DERIVED if none)."""
    printed = cell.value
    if cell.unit == "KRW" and proposed and (abs(printed - proposed * 1000) < 0.5
                                            or abs(printed * 1000 - proposed) < 0.5):
        return UNIT_SLIP
    a, b = _steps(printed, cell.step), _steps(proposed, cell.step)
    if a is None or b is None or (a < 0) != (b < 0):
        return DERIVED
    x, y = str(abs(a)), str(abs(b))
    if len(x) != len(y):
        return DERIVED
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        return ONE_DIGIT
    if len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] \
            and x[diff[1]] == y[diff[0]]:
        return TRANSPOSITION
    return DERIVED

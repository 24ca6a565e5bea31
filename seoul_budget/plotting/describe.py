"""Chart descriptions: the title and the main figures of a chart in one Korean sentence or
three, for a reader who cannot see it (the page's text alternative, WCAG 1.1.1)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from ..formatting import format_number, format_percent
from ..textwidth import TITLE_UNITS, shorten

_UNIT = re.compile(r"\(([^()]+)\)\s*$")
LISTED = 3  # a series of more values than this is described by its largest ones


def unit_of(value_label: str) -> str:
    """Return the unit an axis label names in parentheses ('금액 (억원)' -> '억원')."""
    match = _UNIT.search(value_label or "")
    return match.group(1).strip() if match else ""


def phrase(text: str) -> str:
    """Return a title or label as it stands in a description: on one line (wrapped labels
    joined again, :func:`seoul_budget.textwidth.one_line`), cut to ``TITLE_UNITS``."""
    return shorten(text, TITLE_UNITS)


def figure(value: float, unit: str, decimals: int = 0) -> str:
    """Return one figure with its unit ('547억원', '41.4%'); '' when missing."""
    if not np.isfinite(value):
        return ""
    if unit == "%":
        return format_percent(value, max(decimals, 1))
    return f"{format_number(value, decimals)}{unit}"


def largest(labels: Sequence[str], values: Sequence[float], unit: str, decimals: int = 0,
            count: int = LISTED, lowest: bool = False) -> str:
    """Return 'label figure' pairs of the largest (or lowest) ``count`` values, in that
    order ('기후센터 547억원, 녹색정책담당관 404억원')."""
    data = np.asarray(values, dtype="float64")
    finite = [i for i in range(len(data)) if np.isfinite(data[i])]
    order = sorted(finite, key=lambda i: (data[i] if lowest else -data[i], i))[:count]
    return ", ".join(f"{phrase(labels[i])} {figure(data[i], unit, decimals)}" for i in order)


def bars_alt(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float]],
             unit: str) -> str:
    """Return the description of a bar chart: title, how many bars, and each series' values
    (all of them, or the largest when there are many)."""
    parts = []
    many = len(labels) > LISTED
    for name, values in series.items():
        listed = largest(labels, values, unit, count=len(labels) if not many else LISTED)
        lead = f"{name} 큰 순" if many else name
        parts.append(f"{lead}: {listed}" if len(series) > 1 or many else listed)
    return f"{phrase(title)}. 막대그림, 항목 {len(labels)}개. {'; '.join(parts)}."


def rates_alt(title: str, labels: Sequence[str], rates: Sequence[float], elapsed: float,
              behind: int | None, threshold_pp: float | None) -> str:
    """Return the description of execution rates against the share of the year elapsed."""
    text = (f"{phrase(title)}. 막대그림, 항목 {len(labels)}개, 연간 경과율 "
            f"{format_percent(elapsed)}. 낮은 순: {largest(labels, rates, '%', 1, lowest=True)}")
    if len(labels) > LISTED:
        text += f". 높은 순: {largest(labels, rates, '%', 1)}"
    if behind is not None and threshold_pp is not None:
        text += (f". 경과율보다 {format_number(threshold_pp, 1)}%p 넘게 낮은 항목 "
                 f"{behind}개")
    return text + "."


def changes_alt(title: str, labels: Sequence[str], changes: Sequence[float], unit: str) -> str:
    """Return the description of a chart of increases and decreases."""
    data = np.asarray(changes, dtype="float64")
    up = [i for i in range(len(data)) if data[i] > 0]
    down = [i for i in range(len(data)) if data[i] < 0]
    parts = [f"{phrase(title)}. 막대그림, 항목 {len(labels)}개, 증가 {len(up)}개·감소 "
             f"{len(down)}개"]
    if up:
        parts.append("가장 크게 는 것: " + largest([labels[i] for i in up],
                                               [data[i] for i in up], unit, count=1))
    if down:
        parts.append("가장 크게 준 것: " + largest([labels[i] for i in down],
                                               [data[i] for i in down], unit, count=1,
                                               lowest=True))
    return ". ".join(parts) + "."


def matrix_alt(title: str, rows: Sequence[str], columns: Sequence[str],
               values: np.ndarray, unit: str) -> str:
    """Return the description of a heatmap: its size and its largest cell."""
    text = f"{phrase(title)}. 색으로 나타낸 표, {len(rows)}행 × {len(columns)}열"
    if values.size and np.isfinite(values).any():
        r, c = np.unravel_index(int(np.nanargmax(values)), values.shape)
        text += (f". 가장 큰 칸: {phrase(rows[r])} · {phrase(columns[c])} "
                 f"{figure(float(values[r, c]), unit)}")
    return text + "."


def shares_alt(title: str, labels: Sequence[str], parts: Mapping[str, Sequence[float]]) -> str:
    """Return the description of 100 % stacked bars: the parts and, for the first part, the
    rows where it is largest and smallest."""
    names = list(parts)
    text = f"{phrase(title)}. 막대그림, 항목 {len(labels)}개, 구성: {', '.join(names)}"
    if names:
        first = parts[names[0]]
        text += (f". {names[0]} 비율 높은 곳: {largest(labels, first, '%', 1, 1)}, "
                 f"낮은 곳: {largest(labels, first, '%', 1, 1, lowest=True)}")
    return text + "."

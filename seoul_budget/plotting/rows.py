"""Row labels of horizontal bar charts: beside the axis, or — on a phone, when a label would
need more than two lines there — on their own line above each bar, across the chart's width,
so the bars keep the width of the screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from .layout import Layout, fit_label, text_units, wrap_labels, wrap_text
from .style import LINE_SPACING, PALETTE, TEXT_SIZE

LINE_INCHES = 0.17  # one line of 9 pt text with its spacing


@dataclass(frozen=True)
class Rows:
    """Where a chart's rows put their labels and bars.

    ``ticks`` are the labels beside the axis ('' when drawn above), ``above`` those drawn
    above the bars; a bar is centred ``offset`` below its row's position and may use
    ``share`` of its height; a row is ``inches`` tall.
    """

    ticks: list[str]
    above: list[str]
    offset: float
    share: float
    inches: float

    def centre(self, positions: np.ndarray, shift: float = 0.0) -> np.ndarray:
        """Return where bars go: the rows' positions, moved clear of labels above, plus
        ``shift`` (a fraction of the bar's room, for bars side by side)."""
        return positions + self.offset + shift * self.share

    def height(self, height: float) -> float:
        """Return a bar height (as a share of a row without labels above) for these rows."""
        return height * self.share


def labels_above(labels: Sequence[Any], layout: Layout) -> bool:
    """Return True when the labels go above their bars: on a phone, a label longer than two
    lines beside the axis."""
    return layout.narrow and any(text_units(str(label)) > 2 * layout.label_units
                                 for label in labels)


def bar_rows(labels: Sequence[Any], layout: Layout, row_inches: float) -> Rows:
    """Return the rows of a chart with ``row_inches`` per bar row (without labels above)."""
    if not labels_above(labels, layout):
        return Rows(wrap_labels(labels, layout), [], 0.0, 1.0, row_inches)
    above = [wrap_text(fit_label(label), 2 * layout.label_units) for label in labels]
    lines = max(label.count("\n") + 1 for label in above)
    inches = row_inches + LINE_INCHES * lines
    text = LINE_INCHES * lines / inches  # share of the row the label takes
    return Rows([""] * len(above), above, text / 2, 1 - text, inches)


def label_rows(ax: Axes, rows: Rows, positions: np.ndarray, extent: float = 0.7) -> None:
    """Put the rows' labels on the axes (call after the y limits are set); a label above
    sits just over its row's bars, which span ``extent`` of a row without labels above."""
    ax.set_yticks(positions, labels=rows.ticks)
    for label in ax.get_yticklabels():
        label.set_linespacing(LINE_SPACING)
    if not rows.above:
        return
    ax.tick_params(axis="y", length=0)
    for y, text in zip(rows.centre(positions), rows.above, strict=True):
        ax.text(0.0, y - rows.height(extent) / 2 - 0.03, text, ha="left", va="bottom",
                transform=ax.get_yaxis_transform(), fontsize=TEXT_SIZE, color=PALETTE["text"],
                linespacing=LINE_SPACING, zorder=3,  # over grid and reference lines
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})

"""Charts over snapshots: execution rates month by month against the share of the year
elapsed. Rates in percent; one point per snapshot, labelled with its date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from ..formatting import format_percent, header
from .layout import WIDE, Layout, chart_width, fit_label, responsive, set_alt
from .style import (
    PALETTE,
    TEXT_SIZE,
    category_color,
    legend_below,
    new_axes,
    percent_axis,
    tick_count,
)

# Beyond this many series the points are not labelled (the table beside the chart has them).
LABELLED_SERIES = 3


# Lines told apart without colour (a grey printout, a reader who does not see colour): each
# series its own marker, and, cycling more slowly, its own dash; the elapsed share keeps the
# dashed line with a bar marker.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", (0, (1, 1.2)), (0, (5, 1.5, 1, 1.5)), (0, (7, 2)))


def line_style(index: int) -> dict[str, object]:
    """Return the marker and dash of the ``index``-th line of a chart (0-based): eight
    markers, then the next dash; no two of the first 32 lines alike."""
    return {"marker": MARKERS[index % len(MARKERS)],
            "linestyle": DASHES[(index // len(MARKERS) + index) % len(DASHES)]}


@responsive
def rates_by_month(periods: Sequence[str], rates: Mapping[str, Sequence[float]],
                   elapsed: Sequence[float], *, title: str, layout: Layout = WIDE) -> Figure:
    """Return lines of execution rates (percent) by snapshot — one line per entry of
    ``rates`` (legend name → one rate per period) — with the share of the year elapsed as a
    dashed line, drawn for ``layout``. More than three lines take the category colours
    in order; every line has its own marker and dash
    (:func:`line_style`), so lines are told apart without colour. With few lines every
    point is labelled."""
    count = len(periods)
    width = chart_width(layout, plot=max(7.1, 1.1 * count + 3.6))
    fig, ax = new_axes(title, layout, 5.2 if layout.narrow else 4.6, width)
    positions = np.arange(count)
    defaults = [PALETTE["primary"], PALETTE["positive"], PALETTE["accent"]]
    label_points = len(rates) <= LABELLED_SERIES
    for index, (name, values) in enumerate(rates.items()):
        series = np.asarray(values, dtype="float64")
        color = category_color(index) if len(rates) > 3 else defaults[index % len(defaults)]
        ax.plot(positions, series, linewidth=2, markersize=6, color=color,
                label=fit_label(name), **line_style(index))
        if label_points:
            for x, value in zip(positions, series, strict=True):
                if np.isfinite(value):
                    ax.annotate(format_percent(value), (x, value), textcoords="offset points",
                                xytext=(0, 7), ha="center", fontsize=TEXT_SIZE, color=color)
    # a bar-shaped marker: with a single month the elapsed share is a point, not a line
    ax.plot(positions, np.asarray(elapsed, dtype="float64"), linestyle="--", linewidth=1.4,
            marker="_", markersize=18, markeredgewidth=1.6, color=PALETTE["text"],
            label="연간 경과율")
    ax.set_xticks(positions, labels=list(periods), rotation=90 if layout.narrow else 0)
    ax.set_xlim(-0.5, max(0.5, count - 0.5))
    ax.set_ylim(0, 105)
    ax.set_ylabel(header("집행률", "%"))
    ax.grid(axis="x", visible=False)
    percent_axis(ax, "y")
    tick_count(ax, "y", layout)
    legend_below(fig, ax, min(5, len(rates) + 1), layout)
    last = {name: list(values)[-1] for name, values in rates.items() if len(values)}
    latest = ", ".join(f"{name} {format_percent(value)}" for name, value in last.items())
    shares = list(elapsed)
    return set_alt(fig, f"{title}. {list(periods)[-1] if count else ''} 기준 {latest}, "
                        f"연간 경과율 {format_percent(shares[-1]) if shares else ''}")

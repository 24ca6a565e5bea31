"""Charts over snapshots: execution rates month by month against the share of the year
elapsed. Rates in percent; one point per snapshot, labelled with its date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from ..formatting import format_percent, header
from .style import PALETTE, department_color, legend_below, new_axes, percent_axis

# Beyond this many series the points are not labelled (the table beside the chart has them).
LABELLED_SERIES = 3


def rates_by_month(periods: Sequence[str], rates: Mapping[str, Sequence[float]],
                   elapsed: Sequence[float], *, title: str,
                   colors: Mapping[str, str] | None = None) -> Figure:
    """Return lines of execution rates (percent) by snapshot — one line per entry of
    ``rates`` (legend name → one rate per period) — with the share of the year elapsed as a
    dashed line. Departments named in ``rates`` keep their colour; others take ``colors`` or
    the palette. With few lines every point is labelled with its value."""
    count = len(periods)
    fig, ax = new_axes(title, height=4.6, width=max(7.5, 1.1 * count + 4.0))
    positions = np.arange(count)
    defaults = [PALETTE["primary"], PALETTE["positive"], PALETTE["accent"]]
    label_points = len(rates) <= LABELLED_SERIES
    for index, (name, values) in enumerate(rates.items()):
        series = np.asarray(values, dtype="float64")
        color = (colors or {}).get(name) or (department_color(name) if len(rates) > 3
                                             else defaults[index % len(defaults)])
        ax.plot(positions, series, marker="o", linewidth=2, color=color, label=name)
        if label_points:
            for x, value in zip(positions, series, strict=True):
                if np.isfinite(value):
                    ax.annotate(format_percent(value), (x, value), textcoords="offset points",
                                xytext=(0, 7), ha="center", fontsize=8, color=color)
    ax.plot(positions, np.asarray(elapsed, dtype="float64"), linestyle="--", linewidth=1.4,
            color=PALETTE["text"], label="연간 경과율")
    ax.set_xticks(positions, labels=list(periods))
    ax.set_xlim(-0.5, max(0.5, count - 0.5))
    ax.set_ylim(0, 105)
    ax.set_ylabel(header("집행률", "%"))
    ax.grid(axis="x", visible=False)
    percent_axis(ax, "y")
    legend_below(fig, ax, min(5, len(rates) + 1))
    return fig

"""The charts of the section notebooks. Each returns a :class:`matplotlib.figure.Figure` and
takes its figures in the unit it names: money in KRW (converted to the ``unit`` shown on the
axis: 천원, 백만원 or 억원), head counts in persons, rates in percent. Departments are drawn in
the report's order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..formatting import format_number, format_percent, header
from .style import (
    PALETTE,
    SEQUENTIAL_CMAP,
    bar_width,
    horizontal,
    in_report_order,
    label_width,
    legend_below,
    new_axes,
    number_axis,
    percent_axis,
    scale_money,
)


def grouped_bars(labels: Sequence[str], series: Mapping[str, Sequence[float]], *,
                 title: str, value_label: str, colors: Sequence[str] | None = None,
                 decimals: int = 0, value_suffix: str = "",
                 annotate: bool = True) -> Figure:
    """Return horizontal grouped bars: one row per label, one bar per series (legend name →
    values, already in the unit ``value_label`` names, e.g. '인원 (명)')."""
    names = list(series)
    default = ([PALETTE["primary"]] if len(names) == 1
               else [PALETTE["secondary"], PALETTE["primary"], PALETTE["positive"]])
    colors = list(colors or default)
    count = len(labels)
    fig, ax = new_axes(title, height=max(2.8, 0.55 * count * max(1, len(names)) ** 0.5 + 1.4),
                        width=bar_width(labels))
    height = 0.8 / max(1, len(names))
    positions = np.arange(count)
    for i, name in enumerate(names):
        values = np.asarray(series[name], dtype="float64")
        offset = (i - (len(names) - 1) / 2) * height
        bars = ax.barh(positions + offset, values, height=height * 0.92, label=name,
                       color=colors[i % len(colors)])
        if annotate:
            ax.bar_label(bars, labels=[format_number(v, decimals) + value_suffix
                                       if np.isfinite(v) else "" for v in values],
                         padding=3, fontsize=8, color=PALETTE["text"])
    ax.set_yticks(positions, labels=list(labels))
    horizontal(ax, count)
    ax.set_xlabel(value_label)
    number_axis(ax, "x", decimals)
    ax.margins(x=0.12)
    if len(names) > 1:
        legend_below(fig, ax, len(names))
    return fig


def staffing_chart(staffing: pd.DataFrame) -> Figure:
    """Return 정원 vs 현원 by department (persons), departments short of staff highlighted."""
    frame = staffing.set_index("department").reindex(in_report_order(list(staffing.department)))
    labels = [f"{d}  (△{s})" if s > 0 else d
              for d, s in zip(frame.index, frame["authorized"] - frame["current"], strict=True)]
    fig = grouped_bars(labels, {"정원": frame["authorized"], "현원": frame["current"]},
                       title="부서별 정원 대비 현원", value_label=header("인원", "명"))
    ax = fig.axes[0]
    for tick, short in zip(ax.get_yticklabels(), frame["authorized"] > frame["current"],
                           strict=True):
        if short:
            tick.set_color(PALETTE["accent"])
            tick.set_fontweight("bold")
    return fig


def heatmap(matrix: pd.DataFrame, *, title: str, value_label: str, row_label: str = "",
            column_label: str = "", decimals: int = 0) -> Figure:
    """Return an annotated heatmap of ``matrix`` (rows top to bottom, columns left to right);
    empty (zero) cells are left blank so the pattern reads at a glance."""
    values = matrix.to_numpy(dtype="float64")
    rows, cols = values.shape
    fig, ax = new_axes(title, height=0.45 * rows + 1.8,
                        width=max(6.5, 0.75 * cols + 2.0 + label_width(matrix.index)))
    image = ax.imshow(values, cmap=SEQUENTIAL_CMAP, aspect="auto",
                      vmin=0, vmax=max(1.0, float(np.nanmax(values)) if values.size else 1.0))
    ax.grid(False)
    ax.set_xticks(range(cols), labels=[str(c) for c in matrix.columns])
    ax.set_yticks(range(rows), labels=[str(r) for r in matrix.index])
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.set_xlabel(column_label)
    ax.set_ylabel(row_label)
    ax.xaxis.set_label_position("top")
    for spine in ax.spines.values():
        spine.set_visible(False)
    threshold = np.nanmax(values) * 0.55 if values.size else 0
    for r in range(rows):
        for c in range(cols):
            value = values[r, c]
            if np.isfinite(value) and value != 0:
                ax.text(c, r, format_number(value, decimals), ha="center", va="center",
                        fontsize=9, color="white" if value > threshold else PALETTE["text"])
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(value_label)
    bar.outline.set_visible(False)
    return fig


RATE_AXIS_MAX = 110.0  # rates beyond this are drawn to the edge and labelled with their value


def rate_vs_elapsed(labels: Sequence[str], rates: Sequence[float], elapsed: float, *,
                    title: str, rate_label: str, threshold_pp: float | None = None,
                    secondary: Sequence[float] | None = None,
                    secondary_name: str = "") -> Figure:
    """Return horizontal bars of execution rates (percent) against a line at the share of the
    year elapsed; bars more than ``threshold_pp`` points behind are drawn in the accent colour.
    ``secondary`` (e.g. the spent rate) is drawn as a thin bar inside each main bar. Rates above
    110 % (a printed figure out of range) reach the edge and keep their true label."""
    rates = np.asarray(rates, dtype="float64")
    count = len(labels)
    fig, ax = new_axes(title, height=max(3.0, 0.38 * count + 2.1), width=bar_width(labels))
    positions = np.arange(count)
    behind = (rates < elapsed - threshold_pp) if threshold_pp is not None else np.zeros(count,
                                                                                        bool)
    colors = [PALETTE["accent"] if b else PALETTE["primary"] for b in behind]
    drawn = np.minimum(np.nan_to_num(rates), RATE_AXIS_MAX)
    bars = ax.barh(positions, drawn, height=0.7, color=colors)
    if secondary is not None:
        inner = np.minimum(np.nan_to_num(np.asarray(secondary, dtype="float64")), RATE_AXIS_MAX)
        ax.barh(positions, inner, height=0.25, color=PALETTE["muted"])
    ax.bar_label(bars, labels=[("▶ " if r > RATE_AXIS_MAX else "") + format_percent(r)
                               if np.isfinite(r) else "" for r in rates],
                 padding=3, fontsize=8, color=PALETTE["text"])
    line = ax.axvline(elapsed, color=PALETTE["text"], linestyle="--", linewidth=1.2)
    ax.set_yticks(positions, labels=list(labels))
    horizontal(ax, count)
    ax.set_xlim(0, RATE_AXIS_MAX + 18)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel(header("집행률", "%"))
    percent_axis(ax, "x")
    handles = [Patch(color=PALETTE["primary"], label=rate_label)]
    if threshold_pp is not None:
        handles.append(Patch(color=PALETTE["accent"],
                             label=f"경과율보다 {format_number(threshold_pp, 1)}%p 넘게 낮음"))
    if secondary is not None:
        handles.append(Patch(color=PALETTE["muted"], label=secondary_name))
    line.set_label(f"연간 경과율 {format_percent(elapsed)}")
    handles.append(line)
    fig.legend(handles=handles, loc="outside lower center", ncol=min(4, len(handles)))
    return fig


def change_bars(labels: Sequence[str], changes: Sequence[float], *, title: str,
                value_label: str, notes: Sequence[str] | None = None,
                decimals: int = 0) -> Figure:
    """Return diverging horizontal bars of changes (in the unit ``value_label`` names):
    increases in the positive colour, decreases in the accent colour, each bar labelled with
    its value and an optional note (e.g. '순증')."""
    values = np.asarray(changes, dtype="float64")
    count = len(labels)
    fig, ax = new_axes(title, height=max(2.8, 0.42 * count + 1.6),
                        width=bar_width(labels, 6.4))
    positions = np.arange(count)
    colors = [PALETTE["positive"] if v >= 0 else PALETTE["accent"] for v in values]
    bars = ax.barh(positions, values, height=0.7, color=colors)
    texts = [format_number(v, decimals) for v in values]
    if notes is not None:
        texts = [f"{t} ({n})" if n else t for t, n in zip(texts, notes, strict=True)]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=8, color=PALETTE["text"])
    ax.axvline(0, color=PALETTE["text"], linewidth=0.8)
    ax.set_yticks(positions, labels=list(labels))
    horizontal(ax, count)
    ax.set_xlabel(value_label)
    number_axis(ax, "x", decimals)
    span = float(np.nanmax(np.abs(values))) if count else 1.0
    ax.set_xlim(min(0.0, float(np.nanmin(values))) - 0.45 * span,
                max(0.0, float(np.nanmax(values))) + 0.45 * span)
    return fig


def stacked_shares(labels: Sequence[str], parts: Mapping[str, Sequence[float]], *,
                   title: str, colors: Sequence[str] | None = None,
                   min_label: float = 4.0) -> Figure:
    """Return 100 % stacked horizontal bars: each row's ``parts`` (legend name → percent of the
    row's total) side by side; parts of at least ``min_label`` percent are labelled."""
    names = list(parts)
    colors = list(colors or [PALETTE["primary"], PALETTE["positive"], PALETTE["accent"],
                             PALETTE["secondary"]])
    count = len(labels)
    fig, ax = new_axes(title, height=max(2.8, 0.42 * count + 1.9), width=bar_width(labels))
    positions = np.arange(count)
    left = np.zeros(count)
    for i, name in enumerate(names):
        values = np.nan_to_num(np.asarray(parts[name], dtype="float64"))
        color = colors[i % len(colors)]
        bars = ax.barh(positions, values, left=left, height=0.7, label=name, color=color)
        ax.bar_label(bars, labels=[format_percent(v) if v >= min_label else "" for v in values],
                     label_type="center", fontsize=8,
                     color="white" if color != PALETTE["secondary"] else PALETTE["text"])
        left = left + values
    ax.set_yticks(positions, labels=list(labels))
    horizontal(ax, count)
    ax.set_xlim(0, 100)
    ax.set_xlabel(header("예산현액 대비 비율", "%"))
    percent_axis(ax, "x")
    legend_below(fig, ax, len(names))
    return fig


def monthly_line(periods: Sequence[str], values: Sequence[float], *, title: str,
                 value_label: str, period_labels: Sequence[str] | None = None,
                 average: float | None = None, average_label: str = "") -> Figure:
    """Return a line-and-bar chart of a monthly series (values in the unit ``value_label``
    names), each point labelled, with an optional dashed average line."""
    values = np.asarray(values, dtype="float64")
    fig, ax = new_axes(title, height=4.0)
    positions = np.arange(len(values))
    ax.bar(positions, values, width=0.6, color=PALETTE["muted"])
    ax.plot(positions, values, marker="o", color=PALETTE["primary"], linewidth=2)
    for x, v in zip(positions, values, strict=True):
        ax.annotate(format_number(v), (x, v), textcoords="offset points", xytext=(0, 8),
                    ha="center", fontsize=9, color=PALETTE["text"])
    if average is not None:
        ax.axhline(average, color=PALETTE["accent"], linestyle="--", linewidth=1.2,
                   label=average_label)
        ax.legend(loc="lower left")
    ax.set_xticks(positions, labels=list(period_labels or periods))
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(value_label)
    ax.set_ylim(0, float(np.nanmax(values)) * 1.18 if len(values) else 1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    number_axis(ax, "y")
    return fig


def progress_bars(labels: Sequence[str], actual: Sequence[float], target: Sequence[float], *,
                  title: str, unit: str, elapsed: float | None = None) -> Figure:
    """Return bars of achievement (actual / target, percent) with actual and target printed
    beside each bar in ``unit`` (명, 건 …); ``elapsed`` (percent of the period gone) is drawn
    as a dashed line, the pace a target on schedule would show."""
    actual_a = np.asarray(actual, dtype="float64")
    target_a = np.asarray(target, dtype="float64")
    share = np.where(target_a > 0, actual_a / np.where(target_a > 0, target_a, 1) * 100, np.nan)
    count = len(labels)
    fig, ax = new_axes(title, height=max(2.4, 0.5 * count + 1.5), width=bar_width(labels))
    positions = np.arange(count)
    ax.barh(positions, np.full(count, 100.0), height=0.6, color=PALETTE["muted"])
    ax.barh(positions, np.nan_to_num(np.minimum(share, 100)), height=0.6,
            color=PALETTE["primary"], label="달성")
    for y, s, a, t in zip(positions, share, actual_a, target_a, strict=True):
        if np.isfinite(s):
            ax.text(102, y, f"{format_percent(s)}\n{format_number(a)}{unit} / "
                    f"{format_number(t)}{unit}", va="center", fontsize=9, color=PALETTE["text"])
    if elapsed is not None:
        ax.axvline(elapsed, color=PALETTE["accent"], linestyle="--", linewidth=1.2,
                   label=f"기간 경과율 {format_percent(elapsed)}")
        legend_below(fig, ax, 2)
    ax.set_yticks(positions, labels=list(labels))
    horizontal(ax, count)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(header("목표 대비 달성률", "%"))
    percent_axis(ax, "x")
    return fig


def money_bars(labels: Sequence[str], series: Mapping[str, Any], *, title: str,
               unit: str = "억원", decimals: int = 0,
               colors: Sequence[str] | None = None) -> Figure:
    """Return :func:`grouped_bars` of KRW series shown in ``unit`` (the axis says which)."""
    scaled = {name: scale_money(values, unit) for name, values in series.items()}
    return grouped_bars(labels, scaled, title=title, value_label=header("금액", unit),
                        colors=colors, decimals=decimals)



"""The charts of the section notebooks. Each returns a :class:`matplotlib.figure.Figure` and
takes its figures in the unit it names: money in KRW (converted to the ``unit`` shown on the
axis: 천원, 백만원 or 억원), head counts in persons, rates in percent. Departments are drawn in
the report's order.

Every chart is drawn for a layout (``layout=WIDE`` by default, ``NARROW`` for a phone), can be
drawn again at the other (:func:`.layout.redraw`) and carries a description of what it shows
(:func:`.layout.alt_of`). The heatmap and the grouped bars are seaborn's (``heatmap``,
``barplot``) on the project's style; bars coloured one by one, stacked shares and lines are
matplotlib's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import colormaps
from matplotlib.colors import Normalize, to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..departments import department_choices
from ..formatting import format_number, format_percent, header
from .describe import (
    bars_alt,
    changes_alt,
    figure,
    matrix_alt,
    phrase,
    rates_alt,
    shares_alt,
    unit_of,
)
from .layout import (
    WIDE,
    Layout,
    chart_width,
    fit_label,
    line_count,
    responsive,
    set_alt,
    wrap_labels,
)
from .rows import bar_rows, label_rows
from .style import (
    PALETTE,
    SEQUENTIAL_CMAP,
    TEXT_SIZE,
    horizontal,
    in_report_order,
    legend_below,
    new_axes,
    number_axis,
    percent_axis,
    scale_money,
    text_color_on,
    tick_count,
)


def _rows_height(labels: Sequence[str], row: float, extra: float, floor: float) -> float:
    """Return a row chart's height: ``row`` inches per label, 0.16 more per extra text line."""
    return max(floor, row * len(labels) + 0.16 * (line_count(labels) - len(labels)) + extra)


@responsive
def grouped_bars(labels: Sequence[str], series: Mapping[str, Sequence[float]], *,
                 title: str, value_label: str, colors: Sequence[str] | None = None,
                 layout: Layout = WIDE) -> Figure:
    """Return horizontal grouped bars: one row per label, one bar per series (legend name →
    values, already in the unit ``value_label`` names, e.g. '인원 (명)')."""
    names = list(series)
    default = ([PALETTE["primary"]] if len(names) == 1
               else [PALETTE["secondary"], PALETTE["primary"], PALETTE["positive"]])
    colors = list(colors or default)
    rows = bar_rows(labels, layout, 0.55 * max(1, len(names)) ** 0.5)
    fig, ax = new_axes(title, layout, _rows_height(rows.ticks, rows.inches, 1.4, 2.8),
                       chart_width(layout, rows.ticks))
    positions = np.arange(len(rows.ticks))
    # One row per label and series; each row sits at its label's position (moved clear of a
    # label drawn above it), so two labels that read alike stay two rows.
    long = pd.DataFrame({
        "row": np.tile(rows.centre(positions), len(names)),
        "series": np.repeat(names, len(positions)),
        "value": np.concatenate([np.asarray(series[name], dtype="float64") for name in names])
        if names else np.array([], dtype="float64")})
    palette = {name: colors[i % len(colors)] for i, name in enumerate(names)}
    sns.barplot(long, x="value", y="row", hue="series", hue_order=names, orient="y",
                native_scale=True, palette=palette, saturation=1, width=rows.height(0.8),
                gap=0.08, errorbar=None, legend=False, ax=ax)
    for name, bars in zip(names, ax.containers, strict=True):
        bars.set_label(name)  # the legend's entry (seaborn's own legend is left out)
        ax.bar_label(bars, fmt=format_number, padding=3, fontsize=TEXT_SIZE,
                     color=PALETTE["text"])
    ax.set_ylabel("")
    horizontal(ax, len(positions))
    label_rows(ax, rows, positions, 0.8)
    ax.set_xlabel(value_label)
    tick_count(ax, "x", layout)
    number_axis(ax, "x")
    ax.margins(x=0.16 if layout.narrow else 0.12)
    if len(names) > 1:
        legend_below(fig, ax, len(names), layout)
    return set_alt(fig, bars_alt(title, list(labels), series, unit_of(value_label)))


@responsive
def staffing_chart(staffing: pd.DataFrame, *, layout: Layout = WIDE) -> Figure:
    """Return 정원 vs 현원 by department (persons), departments short of staff highlighted."""
    order = in_report_order(list(staffing.department), department_choices(staffing["department"]))
    frame = staffing.set_index("department").reindex(order)
    gaps = frame["authorized"] - frame["current"]
    labels = [f"{d} (△{s})" if s > 0 else d for d, s in zip(frame.index, gaps, strict=True)]
    fig = grouped_bars(labels, {"정원": frame["authorized"], "현원": frame["current"]},
                       title="부서별 정원 대비 현원", value_label=header("인원", "명"),
                       layout=layout)
    ax = fig.axes[0]
    tick_count(ax, "x", layout, whole=True)  # persons: no tick between two whole people
    for tick, short in zip(ax.get_yticklabels(), frame["authorized"] > frame["current"],
                           strict=True):
        if short:
            tick.set_color(PALETTE["accent"])
            tick.set_fontweight("bold")
    short = [f"{d} △{int(s)}명" for d, s in zip(frame.index, gaps, strict=True) if s > 0]
    alt = (f"부서별 정원 대비 현원. 막대그림, 부서 {len(frame)}개. 정원 "
           f"{int(frame['authorized'].sum())}명, 현원 {int(frame['current'].sum())}명. "
           f"현원이 정원보다 적은 부서 {len(short)}곳: {', '.join(short) or '없음'}.")
    return set_alt(fig, alt)


@responsive
def heatmap(matrix: pd.DataFrame, *, title: str, value_label: str,
            layout: Layout = WIDE) -> Figure:
    """Return an annotated heatmap of ``matrix`` (rows top to bottom, columns left to right);
    empty (zero) cells are left blank so the pattern reads at a glance. A phone layout turns
    the column names upright and leaves out the colour bar (every cell carries its value)."""
    values = matrix.to_numpy(dtype="float64")
    rows, cols = values.shape
    row_labels = wrap_labels([str(r) for r in matrix.index], layout)
    width = (layout.max_width if layout.narrow else
             max(6.5, min(layout.max_width, 0.75 * cols + 2.0
                          + chart_width(layout, row_labels, 0) - 0.4)))
    fig, ax = new_axes(title, layout, 0.45 * rows + (2.6 if layout.narrow else 1.8), width)
    peak = max(1.0, float(np.nanmax(values)) if values.size else 1.0)
    sns.heatmap(pd.DataFrame(values), ax=ax, cmap=SEQUENTIAL_CMAP, vmin=0, vmax=peak,
                cbar=not layout.narrow,
                cbar_kws={"shrink": 0.8, "pad": 0.02, "label": value_label})
    # Each cell's value, in the colour that reads on the cell (seaborn's own choice leaves
    # mid-tone cells under 4.5:1); an empty (zero) cell stays blank.
    cell_color, scale = colormaps[SEQUENTIAL_CMAP], Normalize(0, peak)
    for (row, column), value in np.ndenumerate(values):
        if np.isfinite(value) and value != 0:
            ax.text(column + 0.5, row + 0.5, format_number(value), ha="center",
                    va="center", fontsize=TEXT_SIZE,
                    color=text_color_on(to_hex(cell_color(scale(value)))))
    ax.grid(False)
    ax.set_xticks(np.arange(cols) + 0.5, labels=[fit_label(c) for c in matrix.columns],
                  rotation=90 if layout.narrow else 0)
    ax.set_yticks(np.arange(rows) + 0.5, labels=row_labels, rotation=0)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.xaxis.set_label_position("top")
    return set_alt(fig, matrix_alt(title, [str(r) for r in matrix.index],
                                            [str(c) for c in matrix.columns], values,
                                            unit_of(value_label)))


RATE_AXIS_MAX = 110.0  # rates beyond this are drawn to the edge and labelled with their value


@responsive
def rate_vs_elapsed(labels: Sequence[str], rates: Sequence[float], elapsed: float, *,
                    title: str, rate_label: str, threshold_pp: float | None = None,
                    secondary: Sequence[float] | None = None,
                    secondary_name: str = "", layout: Layout = WIDE) -> Figure:
    """Return horizontal bars of execution rates (percent) against a line at the share of the
    year elapsed; bars more than ``threshold_pp`` points behind are drawn in the accent colour.
    ``secondary`` (e.g. the spent rate) is drawn as a thin bar under each main bar. Rates above
    110 % (a printed figure out of range) reach the edge and keep their true label."""
    rates = np.asarray(rates, dtype="float64")
    rows = bar_rows(labels, layout, 0.5 if secondary is not None else 0.38)
    count = len(rates)
    fig, ax = new_axes(title, layout, max(3.0, rows.inches * count + 2.3),
                       chart_width(layout, rows.ticks))
    positions = np.arange(count)
    behind = (rates < elapsed - threshold_pp) if threshold_pp is not None else np.zeros(count,
                                                                                        bool)
    colors = [PALETTE["accent"] if b else PALETTE["primary"] for b in behind]
    drawn = np.minimum(np.nan_to_num(rates), RATE_AXIS_MAX)
    main = rows.centre(positions, -0.14 if secondary is not None else 0.0)
    bars = ax.barh(main, drawn, height=rows.height(0.5 if secondary is not None else 0.7),
                   color=colors)
    ax.bar_label(bars, labels=[("▶ " if r > RATE_AXIS_MAX else "") + format_percent(r)
                               if np.isfinite(r) else "" for r in rates],
                 padding=3, fontsize=TEXT_SIZE, color=PALETTE["text"])
    if secondary is not None:
        inner = np.minimum(np.nan_to_num(np.asarray(secondary, dtype="float64")), RATE_AXIS_MAX)
        ax.barh(rows.centre(positions, 0.27), inner, height=rows.height(0.22),
                color=PALETTE["positive"])
    line = ax.axvline(elapsed, color=PALETTE["text"], linestyle="--", linewidth=1.2)
    horizontal(ax, count)
    label_rows(ax, rows, positions, 0.78 if secondary is not None else 0.7)
    ax.set_xlim(0, RATE_AXIS_MAX + (30 if layout.narrow else 18))
    ax.set_xticks([0, 50, 100] if layout.narrow else [0, 20, 40, 60, 80, 100])
    ax.set_xlabel(header("집행률", "%"))
    percent_axis(ax, "x")
    handles = [Patch(color=PALETTE["primary"], label=rate_label)]
    if threshold_pp is not None:
        handles.append(Patch(color=PALETTE["accent"],
                             label=f"경과율보다 {format_number(threshold_pp, 1)}%p 넘게 낮음"))
    if secondary is not None:
        handles.append(Patch(color=PALETTE["positive"], label=secondary_name))
    line.set_label(f"연간 경과율 {format_percent(elapsed)}")
    handles.append(line)
    columns = 1 if layout.narrow else min(4, len(handles))
    fig.legend(handles=handles, loc="outside lower center", ncol=columns)
    alt = rates_alt(title, list(labels), rates, elapsed,
                             int(behind.sum()) if threshold_pp is not None else None,
                             threshold_pp)
    return set_alt(fig, alt)


@responsive
def change_bars(labels: Sequence[str], changes: Sequence[float], *, title: str,
                value_label: str, notes: Sequence[str] | None = None,
                layout: Layout = WIDE) -> Figure:
    """Return diverging horizontal bars of changes (in the unit ``value_label`` names):
    increases in the positive colour, decreases in the accent colour, each bar labelled with
    its value and an optional note (e.g. '순증')."""
    values = np.asarray(changes, dtype="float64")
    rows = bar_rows(labels, layout, 0.42)
    count = len(values)
    fig, ax = new_axes(title, layout, max(2.8, rows.inches * count + 1.6),
                       chart_width(layout, rows.ticks, 6.4))
    positions = np.arange(count)
    colors = [PALETTE["positive"] if v >= 0 else PALETTE["accent"] for v in values]
    bars = ax.barh(rows.centre(positions), values, height=rows.height(0.7), color=colors)
    texts = [format_number(v) for v in values]
    if notes is not None:
        joiner = "\n" if layout.narrow else " "
        texts = [f"{t}{joiner}({n})" if n else t for t, n in zip(texts, notes, strict=True)]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=TEXT_SIZE, color=PALETTE["text"])
    ax.axvline(0, color=PALETTE["text"], linewidth=0.8)
    horizontal(ax, count)
    label_rows(ax, rows, positions)
    ax.set_xlabel(value_label)
    tick_count(ax, "x", layout)
    number_axis(ax, "x")
    span = float(np.nanmax(np.abs(values))) if count else 1.0
    room = 0.9 if layout.narrow else 0.45
    ax.set_xlim(min(0.0, float(np.nanmin(values))) - room * span,
                max(0.0, float(np.nanmax(values))) + room * span)
    return set_alt(fig, changes_alt(title, list(labels), values, unit_of(value_label)))


@responsive
def stacked_shares(labels: Sequence[str], parts: Mapping[str, Sequence[float]], *,
                   title: str, layout: Layout = WIDE) -> Figure:
    """Return 100 % stacked horizontal bars: each row's ``parts`` (legend name → percent of the
    row's total) side by side; parts of at least 4 percent (12 on a phone) are labelled."""
    names = list(parts)
    colors = [PALETTE["primary"], PALETTE["positive"], PALETTE["accent"], PALETTE["secondary"]]
    shown = wrap_labels(labels, layout)
    count = len(shown)
    fig, ax = new_axes(title, layout, _rows_height(shown, 0.42, 1.9, 2.8),
                       chart_width(layout, shown))
    positions = np.arange(count)
    left = np.zeros(count)
    smallest = 12.0 if layout.narrow else 4.0
    for i, name in enumerate(names):
        values = np.nan_to_num(np.asarray(parts[name], dtype="float64"))
        bars = ax.barh(positions, values, left=left, height=0.7, label=name,
                       color=colors[i % len(colors)])
        ax.bar_label(bars, labels=[format_percent(v) if v >= smallest else "" for v in values],
                     label_type="center", fontsize=TEXT_SIZE,
                     color=text_color_on(colors[i % len(colors)]))
        left = left + values
    ax.set_yticks(positions, labels=shown)
    horizontal(ax, count)
    ax.set_xlim(0, 100)
    ax.set_xlabel(header("예산현액 대비 비율", "%"))
    percent_axis(ax, "x")
    legend_below(fig, ax, len(names), layout)
    return set_alt(fig, shares_alt(title, list(labels), parts))


@responsive
def monthly_line(periods: Sequence[str], values: Sequence[float], *, title: str,
                 value_label: str, period_labels: Sequence[str] | None = None,
                 average: float | None = None, average_label: str = "",
                 layout: Layout = WIDE) -> Figure:
    """Return a line chart of a monthly series (values in the unit ``value_label`` names),
    each point labelled, with an optional dashed average line."""
    values = np.asarray(values, dtype="float64")
    fig, ax = new_axes(title, layout, 3.6 if layout.narrow else 4.0,
                       layout.max_width if layout.narrow else 8.0)
    positions = np.arange(len(values))
    ax.plot(positions, values, marker="o", color=PALETTE["primary"], linewidth=2)
    for x, v in zip(positions, values, strict=True):
        ax.annotate(format_number(v), (x, v), textcoords="offset points", xytext=(0, 8),
                    ha="center", fontsize=TEXT_SIZE, color=PALETTE["text"])
    if average is not None:
        ax.axhline(average, color=PALETTE["accent"], linestyle="--", linewidth=1.2,
                   label=average_label)
        ax.legend(loc="lower left")
    names = list(period_labels or periods)
    ax.set_xticks(positions, labels=names)
    ax.set_xlim(-0.5, len(values) - 0.5)
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(value_label)
    ax.set_ylim(0, float(np.nanmax(values)) * 1.18 if len(values) else 1)
    tick_count(ax, "y", layout)
    number_axis(ax, "y")
    unit = unit_of(value_label)
    alt = f"{phrase(title)}. 꺾은선그림, {len(values)}개월: " + ", ".join(
        f"{name} {figure(v, unit)}" for name, v in zip(names, values, strict=True))
    if average is not None:
        alt += f". {phrase(average_label)}"
    return set_alt(fig, alt + ".")


@responsive
def progress_bars(labels: Sequence[str], actual: Sequence[float], target: Sequence[float], *,
                  title: str, unit: str, elapsed: float | None = None,
                  layout: Layout = WIDE) -> Figure:
    """Return bars of achievement (actual / target, percent); each row names its actual and
    target in ``unit`` (명, 건 …); ``elapsed`` (percent of the period gone) is drawn as a
    dashed line, the pace a target on schedule would show."""
    actual_a = np.asarray(actual, dtype="float64")
    target_a = np.asarray(target, dtype="float64")
    share = np.where(target_a > 0, actual_a / np.where(target_a > 0, target_a, 1) * 100, np.nan)
    rows = [f"{label}\n{format_number(a)}{unit} / {format_number(t)}{unit}"
            for label, a, t in zip(labels, actual_a, target_a, strict=True)]
    shown = wrap_labels(rows, layout) if layout.narrow else rows
    fig, ax = new_axes(title, layout, _rows_height(shown, 0.5, 1.6, 2.4),
                       chart_width(layout, shown))
    positions = np.arange(len(shown))
    ax.barh(positions, np.full(len(shown), 100.0), height=0.6, color=PALETTE["track"])
    ax.barh(positions, np.nan_to_num(np.minimum(share, 100)), height=0.6,
            color=PALETTE["primary"], label="달성")
    for y, s in zip(positions, share, strict=True):
        if np.isfinite(s):
            inside = s >= 25
            ax.text(min(s, 100) - 2 if inside else s + 2, y, format_percent(s), va="center",
                    ha="right" if inside else "left", fontsize=TEXT_SIZE,
                    color=text_color_on(PALETTE["primary"]) if inside else PALETTE["text"])
    if elapsed is not None:
        ax.axvline(elapsed, color=PALETTE["accent"], linestyle="--", linewidth=1.2,
                   label=f"기간 경과율 {format_percent(elapsed)}")
        legend_below(fig, ax, 2, layout)
    ax.set_yticks(positions, labels=shown)
    horizontal(ax, len(shown))
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 50, 100] if layout.narrow else [0, 25, 50, 75, 100])
    ax.set_xlabel(header("목표 대비 달성률", "%"))
    percent_axis(ax, "x")
    alt = f"{phrase(title)}. " + "; ".join(
        f"{label}: {format_number(a)}{unit} / 목표 {format_number(t)}{unit} "
        f"({format_percent(s)})" for label, a, t, s in zip(labels, actual_a, target_a, share,
                                                             strict=True))
    if elapsed is not None:
        alt += f"; 기간 경과율 {format_percent(elapsed)}"
    return set_alt(fig, alt + ".")


@responsive
def money_bars(labels: Sequence[str], series: Mapping[str, Any], *, title: str,
               unit: str = "억원", colors: Sequence[str] | None = None,
               layout: Layout = WIDE) -> Figure:
    """Return :func:`grouped_bars` of KRW series shown in ``unit`` (the axis says which)."""
    scaled = {name: scale_money(values, unit) for name, values in series.items()}
    return grouped_bars(list(labels), scaled, title=title, value_label=header("금액", unit),
                        colors=colors, layout=layout)

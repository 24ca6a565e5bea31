"""One chart style for every notebook: a Korean font, one palette, Korean titles and axes.

The font is NanumGothic, shipped inside the ``koreanize-matplotlib`` wheel (no system font is
needed); DejaVu Sans, bundled with matplotlib, is the fallback for the few symbols NanumGothic
lacks, so no chart shows empty boxes and matplotlib never warns that a glyph is missing.
Importing this module changes nothing: :func:`use_style` (called by ``nb.setup``) applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from ..fonts import korean_font_files
from ..formatting import check_unit, format_number, needed_decimals
from ..textwidth import TITLE_UNITS, shorten
from .layout import Layout, wrap_text

FONT_FAMILY = "NanumGothic"
FONT_FALLBACK = "DejaVu Sans"

# One palette. Every colour that carries data is also written as text (a label in its colour
# on white, or white on a bar of it), so each has at least 4.5:1 contrast against white
# (WCAG 1.4.3, which covers 1.4.11's 3:1); "track" (the empty part of a progress bar) and
# "grid" carry none. Departments keep their colour in every chart (report order).
PALETTE: dict[str, str] = {
    "primary": "#2F5D8C",     # this year, 현원, 집행 (6.9:1)
    "secondary": "#66737F",   # the year before, 정원, 예산 (4.9:1)
    "accent": "#B85C1E",      # behind pace, shortage, decrease (4.6:1)
    "positive": "#2E7D6B",    # increase, collected (4.9:1)
    "text": "#2B2B2B",
    "track": "#E3E7EC",
    "grid": "#E6E9ED",
}
DATA_COLORS: tuple[str, ...] = ("primary", "secondary", "accent", "positive", "text")
# Colours for categories (departments in report order, then any others), each ≥ 4.5:1 on
# white (a line's point labels are written in its colour).
CATEGORY_COLORS: tuple[str, ...] = (
    "#2F5D8C", "#B85C1E", "#2E7D6B", "#B5485D", "#7A6BB0", "#8A6E00", "#2879A5", "#8C6D4F")
MIN_TEXT_CONTRAST = 4.5  # WCAG 1.4.3 for text under 18 pt: every chart text against its ground
DARKEST_TEXT = "#000000"  # on a mid-tone cell where neither the text colour nor white reaches it
SEQUENTIAL_CMAP = "Blues"

# Text sizes in points. A chart is drawn at the width a page shows it (see Layout), where one
# point is 4/3 CSS px: 9 pt is 12 px, so no label is under 11 px even on a 360 px phone.
TEXT_SIZE = 9.0
TITLE_SIZE = 12.0
LINE_SPACING = 1.4  # of wrapped titles and labels

STYLE: dict[str, Any] = {
    "font.family": [FONT_FAMILY, FONT_FALLBACK],
    "text.parse_math": False,  # '$x^2$' in a name is text, not mathtext; no label uses math
    "axes.unicode_minus": False,
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#B8C0C8",
    "axes.labelcolor": PALETTE["text"],
    "axes.titlesize": TITLE_SIZE,
    "figure.titlesize": TITLE_SIZE,
    "figure.titleweight": "bold",
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 12,
    "axes.labelsize": TEXT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": PALETTE["grid"],
    "grid.linewidth": 0.8,
    "xtick.color": PALETTE["text"],
    "ytick.color": PALETTE["text"],
    "xtick.labelsize": TEXT_SIZE,
    "ytick.labelsize": TEXT_SIZE,
    "legend.frameon": False,
    "legend.fontsize": TEXT_SIZE,
    "figure.constrained_layout.use": True,
}


_REGISTERED: set[str] = set()


def use_style() -> None:
    """Apply the project's chart style (Korean font, palette, layout) to matplotlib, the
    bundled NanumGothic faces (regular, bold …) made known to it once."""
    for path in korean_font_files():
        if str(path) not in _REGISTERED:
            font_manager.fontManager.addfont(str(path))
            _REGISTERED.add(str(path))
    matplotlib.rcParams.update(STYLE)
    matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(
        color=list(CATEGORY_COLORS))


def category_color(index: int) -> str:
    """Return the colour of the ``index``-th category (0-based; the colours repeat after
    the last)."""
    return CATEGORY_COLORS[index % len(CATEGORY_COLORS)]


def relative_luminance(color: str) -> float:
    """Return a colour's relative luminance (WCAG 2: 0 for black, 1 for white)."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                for c in to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on
    white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_color_on(background: str) -> str:
    """Return the colour to write text in on ``background``: the palette's text colour where
    it reaches :data:`MIN_TEXT_CONTRAST`, else white, else black (which, with white, reaches
    it on every ground)."""
    for color in (PALETTE["text"], "#FFFFFF"):
        if contrast_ratio(color, background) >= MIN_TEXT_CONTRAST:
            return color
    return DARKEST_TEXT


def in_report_order(labels: Sequence[str], departments: Sequence[str]) -> list[str]:
    """Return ``labels`` with the report's ``departments`` first, in its order, others after."""
    known = [d for d in departments if d in set(labels)]
    return known + [label for label in labels if label not in departments]


def scale_money(values: Any, unit: str) -> np.ndarray:
    """Return KRW values divided into ``unit`` (천원, 백만원, 억원) as floats."""
    factor = check_unit(unit)
    return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype="float64") / factor


class NumberFormatter(Formatter):
    """Tick labels with thousands separators and △ for negatives, every tick of an axis with
    the decimals its ticks need (at least ``decimals``): ticks 2.5 apart read '2.5', '5.0',
    never '3', '5', so no tick names a figure other than the one it stands at."""

    def __init__(self, decimals: int = 0, suffix: str = "") -> None:
        self.decimals, self.suffix, self.shown = decimals, suffix, decimals

    def set_locs(self, locs: Sequence[float]) -> None:
        super().set_locs(locs)
        # rounded first: a tick at 0.1 + 0.2 is 0.3, not 0.30000000000000004
        self.shown = max([self.decimals, *(needed_decimals(round(float(v), 9)) for v in locs)])

    def __call__(self, value: float, pos: int | None = None) -> str:
        return format_number(value, self.shown) + self.suffix


def number_axis(ax: Axes, axis: str = "x", decimals: int = 0, suffix: str = "") -> None:
    """Format an axis's ticks with thousands separators and △ for negatives
    (:class:`NumberFormatter`)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(NumberFormatter(decimals, suffix))


def percent_axis(ax: Axes, axis: str = "x") -> None:
    """Format an axis's ticks as percentages ('40%')."""
    number_axis(ax, axis, 0, "%")


def new_axes(title: str, layout: Layout, height: float,
             width: float) -> tuple[Figure, Axes]:
    """Return a figure and axes of ``width`` × ``height`` inches titled ``title`` (wrapped to
    the layout's line length, from the figure's left edge; cut to ``TITLE_UNITS``)."""
    fig, ax = plt.subplots(figsize=(width, height))
    fig.suptitle(wrap_text(shorten(title, TITLE_UNITS), layout.title_units), x=0.01,
                 ha="left", linespacing=LINE_SPACING)
    return fig, ax


def legend_below(fig: Figure, ax: Axes, columns: int, layout: Layout) -> None:
    """Put the axes' legend under the chart, outside the plotting area, in at most the
    layout's number of columns."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center",
               ncol=max(1, min(columns, layout.legend_columns)))


def tick_count(ax: Axes, axis: str, layout: Layout, whole: bool = False) -> None:
    """Limit an axis to the layout's number of ticks (a phone has room for fewer); ``whole``:
    ticks only at whole numbers (an axis of persons or counts)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(nbins=layout.ticks, integer=whole))


def horizontal(ax: Axes, count: int) -> None:
    """Put the first row at the top and drop the horizontal grid lines."""
    # first row at the top; a chart of no rows keeps one row's room (no singular limits)
    ax.set_ylim(max(count, 1) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    for label in ax.get_yticklabels():
        label.set_linespacing(LINE_SPACING)


def close(fig: Figure) -> None:
    """Release a figure (notebooks show figures through :func:`seoul_budget.notebook.show`)."""
    plt.close(fig)

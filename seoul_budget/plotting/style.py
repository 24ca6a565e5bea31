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
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..departments import DEPARTMENTS
from ..fonts import korean_font_files, korean_font_path
from ..formatting import check_unit, format_number

FONT_FAMILY = "NanumGothic"
FONT_FALLBACK = "DejaVu Sans"

# One palette. Departments keep their colour in every chart (report order).
PALETTE: dict[str, str] = {
    "primary": "#2F5D8C",     # 2023, 현원, 집행
    "secondary": "#A7B4C2",   # 2022, 정원, 예산
    "accent": "#E07B39",      # behind pace, shortage, decrease
    "positive": "#3A8F7B",    # increase, collected
    "muted": "#D9DEE4",       # background bars
    "text": "#2B2B2B",
    "grid": "#E6E9ED",
}
DEPARTMENT_COLORS: dict[str, str] = dict(zip(DEPARTMENTS, (
    "#2F5D8C", "#E07B39", "#3A8F7B", "#B5485D", "#7A6BB0", "#C9A227", "#4F9FC9", "#8C6D4F"),
    strict=True))
SEQUENTIAL_CMAP = "Blues"

STYLE: dict[str, Any] = {
    "font.family": [FONT_FAMILY, FONT_FALLBACK],
    "axes.unicode_minus": False,
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#B8C0C8",
    "axes.labelcolor": PALETTE["text"],
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 12,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": PALETTE["grid"],
    "grid.linewidth": 0.8,
    "xtick.color": PALETTE["text"],
    "ytick.color": PALETTE["text"],
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.constrained_layout.use": True,
}


def font_path() -> str:
    """Return the path of the bundled NanumGothic TTF file."""
    path = korean_font_path()
    if path is None:
        raise FileNotFoundError("NanumGothic is missing: install koreanize-matplotlib")
    return str(path)


_REGISTERED: set[str] = set()


def register_fonts() -> None:
    """Make the bundled NanumGothic faces (regular, bold …) known to matplotlib, once."""
    for path in korean_font_files():
        if str(path) not in _REGISTERED:
            font_manager.fontManager.addfont(str(path))
            _REGISTERED.add(str(path))


def use_style() -> None:
    """Apply the project's chart style (Korean font, palette, layout) to matplotlib."""
    register_fonts()
    matplotlib.rcParams.update(STYLE)
    matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(
        color=list(DEPARTMENT_COLORS.values()))


def department_color(name: str) -> str:
    """Return the colour of a canonical department (grey for anything else)."""
    return DEPARTMENT_COLORS.get(name, PALETTE["secondary"])


def in_report_order(labels: Sequence[str]) -> list[str]:
    """Return ``labels`` with canonical departments first, in report order, others after."""
    known = [d for d in DEPARTMENTS if d in set(labels)]
    return known + [label for label in labels if label not in DEPARTMENTS]


def scale_money(values: Any, unit: str) -> np.ndarray:
    """Return KRW values divided into ``unit`` (천원, 백만원, 억원) as floats."""
    factor = check_unit(unit)
    return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype="float64") / factor


def number_axis(ax: Axes, axis: str = "x", decimals: int = 0, suffix: str = "") -> None:
    """Format an axis's ticks with thousands separators and △ for negatives."""
    formatter = FuncFormatter(lambda value, _pos: format_number(value, decimals) + suffix)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(formatter)


def percent_axis(ax: Axes, axis: str = "x") -> None:
    """Format an axis's ticks as percentages ('40%')."""
    number_axis(ax, axis, 0, "%")


def label_width(labels: Sequence[Any]) -> float:
    """Return the width (inches) tick labels need at the style's 9 pt: Hangul and other wide
    characters count double."""
    def units(text: str) -> int:
        return sum(2 if ord(ch) >= 0x1100 else 1 for ch in text)
    longest = max((units(str(label)) for label in labels), default=0)
    return longest * 0.068


def bar_width(labels: Sequence[Any], plot: float = 5.6) -> float:
    return min(13.0, max(float(STYLE["figure.figsize"][0]), plot + label_width(labels) + 0.4))


def new_axes(title: str, height: float | None = None,
              width: float | None = None) -> tuple[Figure, Axes]:
    base_w, base_h = STYLE["figure.figsize"]
    fig, ax = plt.subplots(figsize=(width or base_w, height or base_h))
    ax.set_title(title)
    return fig, ax


def legend_below(fig: Figure, ax: Axes, columns: int) -> None:
    """Put the axes' legend under the chart, outside the plotting area."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=max(1, columns))


def horizontal(ax: Axes, count: int) -> None:
    ax.set_ylim(count - 0.5, -0.5)  # first row at the top
    ax.grid(axis="y", visible=False)


def close(fig: Figure) -> None:
    """Release a figure (notebooks show figures through :func:`seoul_budget.notebook.show`)."""
    plt.close(fig)

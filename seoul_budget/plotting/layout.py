"""Chart layouts: a chart is drawn for the width a page shows it at, wide (a desktop or paper)
or narrow (a phone), and remembers how it was drawn so it can be drawn again at the other.

Sizes are in inches of 96 CSS px: a chart 3.75 in wide is 360 px on a phone, where its 9 pt
labels are 12 px. Labels wrap between words (Korean 띄어쓰기), never inside one, unless a
single word is wider than the line. Text from the data is cut with '…' before it wraps (a
label at ``LABEL_UNITS``, a title at ``TITLE_UNITS``, a description at ``TOOLTIP_UNITS``),
so no name makes a chart taller or wider than a few lines of text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from ..textwidth import LABEL_UNITS, TOOLTIP_UNITS, one_line, shorten, text_units

CSS_PX_PER_INCH = 96
REDRAW_ATTR = "seoul_budget_redraw"
ALT_ATTR = "seoul_budget_alt"


@dataclass(frozen=True)
class Layout:
    """How a chart is drawn: its width (inches) and where its text wraps (in text units: a
    Hangul syllable is 2, a digit or Latin letter 1)."""

    name: str
    max_width: float
    min_width: float
    label_units: int
    title_units: int
    legend_columns: int
    ticks: int

    @property
    def narrow(self) -> bool:
        """Return True for the phone layout."""
        return self.name == "narrow"


WIDE = Layout("wide", max_width=10.0, min_width=7.0, label_units=44, title_units=100,
              legend_columns=4, ticks=8)
NARROW = Layout("narrow", max_width=3.75, min_width=3.75, label_units=18, title_units=34,
                legend_columns=2, ticks=4)


def wrap_text(text: str, units: int) -> str:
    """Return ``text`` broken into lines of at most ``units`` between words; a word longer
    than a line is cut where the line ends."""
    lines: list[str] = []
    current = ""
    for word in str(text).split():
        candidate = f"{current} {word}" if current else word
        if text_units(candidate) <= units:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if text_units(current + char) > units:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return "\n".join(lines)


def fit_label(label: Any) -> str:
    """Return a label from the data cut to ``LABEL_UNITS`` text units (three wide lines)."""
    return shorten(label, LABEL_UNITS)


def wrap_labels(labels: Sequence[Any], layout: Layout) -> list[str]:
    """Return tick labels cut to ``LABEL_UNITS`` and wrapped for ``layout``."""
    return [wrap_text(fit_label(label), layout.label_units) for label in labels]


def label_width(labels: Sequence[Any]) -> float:
    """Return the width (inches) the longest line of the labels needs at 9 pt."""
    longest = max((text_units(line) for label in labels for line in str(label).split("\n")),
                  default=0)
    return longest * 0.068


def line_count(labels: Sequence[Any]) -> int:
    """Return the number of text lines of the labels (one per label at least)."""
    return sum(max(1, str(label).count("\n") + 1) for label in labels)


def chart_width(layout: Layout, labels: Sequence[Any] = (), plot: float = 5.6) -> float:
    """Return a chart's width (inches): room for the labels and ``plot`` inches of plot on a
    wide page, within the layout's limits; the phone width on a narrow one."""
    if layout.narrow:
        return layout.max_width
    return min(layout.max_width, max(layout.min_width, plot + label_width(labels) + 0.4))


def responsive(chart: Callable[..., Figure]) -> Callable[..., Figure]:
    """Decorate a chart function taking ``layout=``: the figure it returns remembers how to
    draw itself again at another layout (see :func:`redraw`)."""

    @functools.wraps(chart)
    def draw(*args: Any, layout: Layout = WIDE, **kwargs: Any) -> Figure:
        fig = chart(*args, layout=layout, **kwargs)
        setattr(fig, REDRAW_ATTR, functools.partial(draw, *args, **kwargs))
        return fig

    return draw


def redraw(fig: Figure, layout: Layout) -> Figure | None:
    """Return the chart drawn again at ``layout`` (a new figure), or None when ``fig`` was not
    made by a :func:`responsive` chart."""
    again = getattr(fig, REDRAW_ATTR, None)
    return again(layout=layout) if again is not None else None


def set_alt(fig: Figure, text: str) -> Figure:
    """Attach the text that describes the chart to a reader who cannot see it (cut to
    ``TOOLTIP_UNITS``); return fig."""
    setattr(fig, ALT_ATTR, shorten(text, TOOLTIP_UNITS))
    return fig


def alt_of(fig: Figure) -> str:
    """Return the chart's description: the one attached, else its titles ('' if none)."""
    attached = getattr(fig, ALT_ATTR, None)
    if attached:
        return str(attached)
    titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
    return ". ".join(one_line(t) for t in titles if t and t.strip())

"""The chart style's colours: every chart text reads against its ground (WCAG 1.4.3, 4.5:1)."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from seoul_budget import plotting
from seoul_budget.plotting.style import MIN_TEXT_CONTRAST


@pytest.fixture(autouse=True)
def _style():
    plotting.use_style()


def test_contrast_ratio_is_wcags():
    assert plotting.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert plotting.contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert plotting.contrast_ratio("#2B2B2B", "#2B2B2B") == pytest.approx(1.0)
    # #777777 on white is the well-known just-failing grey: 4.48:1
    assert plotting.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_every_colour_written_as_text_reads_on_white():
    # Labels are written in the data colours (a tick in the accent colour, a line's points
    # in its category colour) or in white on a bar of them: both ways the same ratio.
    colours = {name: plotting.PALETTE[name] for name in plotting.DATA_COLORS}
    colours.update({f"category {i}": c for i, c in enumerate(plotting.CATEGORY_COLORS)})
    for name, colour in colours.items():
        assert plotting.contrast_ratio(colour, "#FFFFFF") >= MIN_TEXT_CONTRAST, (name, colour)


def test_text_on_any_shade_of_the_heatmap_reads():
    shades = matplotlib.colormaps[plotting.SEQUENTIAL_CMAP](np.linspace(0, 1, 256))
    for shade in shades:
        ground = to_hex(shade)
        text = plotting.text_color_on(ground)
        assert plotting.contrast_ratio(text, ground) >= MIN_TEXT_CONTRAST, (ground, text)
    assert plotting.text_color_on("#FFFFFF") == plotting.PALETTE["text"]
    assert plotting.text_color_on(plotting.PALETTE["primary"]) == "#FFFFFF"


def _cell_colour(mesh, row: int, column: int, columns: int) -> str:
    return to_hex(mesh.get_facecolors()[row * columns + column])


def test_heatmap_writes_each_value_readably_on_its_cell():
    # values across the whole scale, so mid-tone cells (where neither dark nor white text
    # reached 4.5:1 with seaborn's choice: 3.76:1) are among them
    matrix = pd.DataFrame(np.arange(1, 21, dtype=float).reshape(4, 5),
                          index=list("ABCD"), columns=list("abcde"))
    fig = plotting.heatmap(matrix, title="시험", value_label="명")
    ax = fig.axes[0]
    mesh = ax.collections[0]
    texts = [t for t in ax.texts if t.get_text()]
    assert len(texts) == 20
    for text in texts:
        x, y = text.get_position()
        ground = _cell_colour(mesh, int(y), int(x), 5)
        assert plotting.contrast_ratio(to_hex(text.get_color()), ground) >= MIN_TEXT_CONTRAST, (
            text.get_text(), ground)
    plotting.close(fig)


def test_stacked_share_labels_read_on_their_bars():
    fig = plotting.stacked_shares(["가", "나"], {"하나": [40, 30], "둘": [30, 30],
                                                  "셋": [20, 20], "넷": [10, 20]}, title="시험")
    ax = fig.axes[0]
    labelled = [t for t in ax.texts if t.get_text()]
    assert len(labelled) == 8
    for label in labelled:  # each label's colour against the bar under its centre
        x, y = label.get_position()
        under = [p for p in ax.patches
                 if p.get_x() <= x <= p.get_x() + p.get_width()
                 and p.get_y() <= y <= p.get_y() + p.get_height() and p.get_width() > 0]
        assert under, label.get_text()
        ground = to_hex(under[-1].get_facecolor())
        assert plotting.contrast_ratio(to_hex(label.get_color()), ground) >= MIN_TEXT_CONTRAST
    plotting.close(fig)


def _ticks(ax, axis: str = "x") -> list[tuple[float, str]]:
    """Return (position, label) of an axis's ticks inside its view, as drawn."""
    ax.figure.canvas.draw()
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    ticks = ax.get_xticks() if axis == "x" else ax.get_yticks()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [(float(t), label.get_text()) for t, label in zip(ticks, labels, strict=True)
            if min(low, high) <= t <= max(low, high)]


def test_a_tick_between_whole_numbers_shows_its_decimals():
    # an axis from 0 to 1 ticks every 0.2: each label is its own figure, one decimal each
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_xlim(0, 1)
    plotting.number_axis(ax, "x")
    assert [label for _, label in _ticks(ax)] == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    plt.close(fig)


def test_a_persons_axis_ticks_whole_people_only():
    # one department of 17 posts and 17 staff (a bureau of one department): ticks 2.5 apart
    # once read '3', '8', '13' at 2.5, 7.5 and 12.5 persons
    staffing = pd.DataFrame({"department": ["가부서"], "authorized": [17], "current": [17]})
    fig = plotting.staffing_chart(staffing)
    ticks = _ticks(fig.axes[0])
    assert len(ticks) >= 3
    for position, label in ticks:
        assert position == int(position) and label == f"{int(position):,}", ticks

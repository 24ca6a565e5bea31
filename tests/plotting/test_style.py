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

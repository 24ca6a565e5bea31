"""plotting/months.py: lines told apart by marker and dash, not colour alone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from seoul_budget import plotting  # noqa: E402
from seoul_budget.plotting.months import line_style  # noqa: E402


def test_eight_department_lines_differ_in_marker_or_dash_not_colour_alone():
    rates = {f"부서{i}": [10.0 * i, 10.0 * i + 5] for i in range(8)}
    figure = plotting.rates_by_month(["5월", "6월"], rates, [41.4, 49.6], title="집행률")
    lines = [line for line in figure.axes[0].get_lines()
             if line.get_label() in rates]
    assert len(lines) == 8
    assert len({line.get_marker() for line in lines}) == 8  # eight markers
    assert len({line.get_linestyle() for line in lines}) >= 2  # and dashes besides
    plotting.close(figure)


def test_a_dash_changes_every_line_and_the_marker_cycle_shifts_it():
    assert line_style(0)["linestyle"] != line_style(1)["linestyle"]
    assert line_style(0)["marker"] == line_style(8)["marker"]
    assert line_style(0)["linestyle"] != line_style(8)["linestyle"]

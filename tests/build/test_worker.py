"""build/worker.py: the key figure and the report lines behind it are read from the
executed notebook's output metadata; what a hand-edited notebook puts there is checked."""

from __future__ import annotations

import pytest

from seoul_budget.build.worker import KEY_LINES_SHOWN, key_figure
from seoul_budget.catalog import KEY_FIGURE_METADATA, KEY_LINES_METADATA


def executed(metadata: dict) -> dict:
    return {"cells": [{"cell_type": "markdown", "source": "x"},
                      {"cell_type": "code", "outputs": [{"metadata": {}},
                                                        {"metadata": metadata}]}]}


def test_the_key_figure_and_its_lines_come_from_the_same_output():
    nb = executed({KEY_FIGURE_METADATA: "정원 9명 · 현원 8명", KEY_LINES_METADATA: [25, 31]})
    assert key_figure(nb) == ("정원 9명 · 현원 8명", [25, 31])


@pytest.mark.parametrize("value", [None, "25", [0, -3, 2.5, "7", True], {"a": 1}])
def test_lines_that_are_not_line_numbers_are_left_out(value):
    assert key_figure(executed({KEY_FIGURE_METADATA: "x", KEY_LINES_METADATA: value})) == \
        ("x", [])


def test_at_most_a_few_lines_are_named():
    lines = list(range(1, 20))
    assert key_figure(executed({KEY_FIGURE_METADATA: "x", KEY_LINES_METADATA: lines})) == \
        ("x", lines[:KEY_LINES_SHOWN])


def test_lines_without_a_key_figure_are_not_read():
    assert key_figure(executed({KEY_LINES_METADATA: [25]})) == ("", [])

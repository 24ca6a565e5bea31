"""The key figure a section notebook declares for the index, and the report lines behind it:
the first output whose metadata carries ``seoul_budget_key_figure`` (and
``seoul_budget_key_lines``; :func:`seoul_budget.notebook.display.show_takeaways` puts them
there), read from the executed notebook, so the index needs no table to show it."""

from __future__ import annotations

from typing import Any

from ..catalog import KEY_FIGURE_METADATA, KEY_LINES_METADATA
from ..textwidth import shorten

KEY_FIGURE_UNITS = 320  # text units (a Hangul syllable is 2): 160 syllables


KEY_LINES_SHOWN = 6  # the index names at most this many lines behind a key figure


def _key_output(nb: Any) -> dict[str, Any]:
    """Return the metadata of the output that declares the key figure ({} if none does)."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            metadata = output.get("metadata") or {}
            value = metadata.get(KEY_FIGURE_METADATA)
            if isinstance(value, str) and value.strip():
                return metadata
    return {}


def key_figure(nb: Any) -> str:
    """Return the executed notebook's key figure line ('' if it declares none)."""
    value = _key_output(nb).get(KEY_FIGURE_METADATA)
    return shorten(value, KEY_FIGURE_UNITS) if value else ""


def key_lines(nb: Any) -> list[int]:
    """Return the report lines (1-based) behind the key figure, at most
    ``KEY_LINES_SHOWN`` ([] if it names none); anything but a positive whole number is left
    out (the metadata comes from a notebook anyone may edit)."""
    value = _key_output(nb).get(KEY_LINES_METADATA)
    lines = [line for line in value if type(line) is int and line > 0] \
        if isinstance(value, list) else []
    return lines[:KEY_LINES_SHOWN]

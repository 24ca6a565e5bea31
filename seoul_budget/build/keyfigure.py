"""The key figure a section notebook declares for the index: the first output whose metadata
carries ``seoul_budget_key_figure`` (:func:`seoul_budget.notebook.display.show_takeaways`
puts it there), read from the executed notebook, so the index needs no table to show it."""

from __future__ import annotations

from typing import Any

from ..catalog import KEY_FIGURE_METADATA
from ..textwidth import shorten

KEY_FIGURE_UNITS = 320  # text units (a Hangul syllable is 2): 160 syllables


def key_figure(nb: Any) -> str:
    """Return the executed notebook's key figure line ('' if it declares none)."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            value = (output.get("metadata") or {}).get(KEY_FIGURE_METADATA)
            if isinstance(value, str) and value.strip():
                return shorten(value, KEY_FIGURE_UNITS)
    return ""

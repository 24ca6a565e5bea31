"""Text from the report made safe to show: the one place data text is escaped before it joins
HTML or Markdown that a page renders (program names, project titles, reasons)."""

from __future__ import annotations

import html
import re
from typing import Any

# Markdown's inline marks ([ ] also defuse links; parentheses only matter after them).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def html_text(value: Any) -> str:
    """Return ``value`` as HTML text: markup characters and quotes escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def md_text(value: Any) -> str:
    """Return ``value`` as Markdown text shown literally: HTML escaped and Markdown's
    punctuation backslash-escaped, so '**', '<b>' or '[a](b)' in data never format."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html_text(value))

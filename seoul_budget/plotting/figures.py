"""A chart as a page carries it: compact SVG drawn at each layout (text kept as text, set in
the page's embedded font, so it stays sharp on paper and searchable), a PNG for notebook
viewers, and the description of what it shows."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .layout import CSS_PX_PER_INCH, NARROW, alt_of, redraw

PNG_DPI = 96
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "seoul-budget", "svg.image_inline": True}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^)"]+)')
_ID = re.compile(r'\sid="([^"]+)"')
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|width|height|transform|points|viewBox)=")'
                       r'([^"]*)(")')
_NUMBER = re.compile(r"-?\d+\.\d+")
_NO_ROTATION = re.compile(r'\stransform="rotate\(-?0 [^)]*\)"')
_FONT_FAMILY = re.compile(r"font-family:[^;\"]*;?\s*")
_BETWEEN_TAGS = re.compile(r">\s+<")
_ROOT_SIZE = re.compile(r'<svg([^>]*?)\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


@dataclass(frozen=True)
class ChartOutput:
    """One chart ready for a page: its description, natural width and height (CSS px) and
    SVG at each layout ('' when the chart cannot be drawn again narrow), and a PNG."""

    alt: str
    wide_svg: str
    narrow_svg: str
    png_base64: str
    width_px: int


def _short(value: str) -> str:
    number = float(value)
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _compact_geometry(match: re.Match[str]) -> str:
    value = " ".join(_NUMBER.sub(lambda m: _short(m.group(0)), match.group(2)).split())
    return f"{match.group(1)}{value}{match.group(3)}"


def compact_svg(svg: str, prefix: str) -> str:
    """Return matplotlib's SVG made small for inlining in a page: no XML prologue or metadata,
    ids only where referenced (prefixed with ``prefix``, unique in a page), coordinates to
    two decimals, no font family (the page's font applies), size in CSS px."""
    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1))
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: f' id="{prefix}{m.group(1)}"' if m.group(1) in referenced else "",
                  svg)
    svg = _REFERENCE.sub(lambda m: m.group(0).replace(m.group(1), prefix + m.group(1)), svg)
    svg = _NO_ROTATION.sub("", svg)
    svg = _GEOMETRY.sub(_compact_geometry, svg)
    svg = _FONT_FAMILY.sub("", svg)
    svg = _BETWEEN_TAGS.sub("><", svg).strip()
    return _ROOT_SIZE.sub(lambda m: (f'<svg{m.group(1)} width="{round(float(m.group(2)) * 4 / 3)}"'
                                     f' height="{round(float(m.group(3)) * 4 / 3)}"'), svg, count=1)


def figure_svg(fig: Figure, name: str) -> str:
    """Return the figure as compact SVG whose ids start with ``name`` and a content hash."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    raw = buffer.getvalue()
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    return compact_svg(raw, f"{name}{digest}-")


def figure_png(fig: Figure) -> str:
    """Return the figure as a base64 PNG at 96 dpi (its natural size on screen)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def chart_output(fig: Figure, alt: str | None = None) -> ChartOutput:
    """Return the chart for a page: SVG at the figure's own (wide) layout and, for a chart of
    :mod:`.charts`, drawn again for a phone; a PNG; ``alt`` or the chart's own description.

    The figure's layout is frozen after its first drawing (the PNG reuses it: half the time).
    """
    narrow = redraw(fig, NARROW)
    try:
        narrow_svg = figure_svg(narrow, "n") if narrow is not None else ""
    finally:
        if narrow is not None:
            plt.close(narrow)
    wide_svg = figure_svg(fig, "w")
    fig.set_layout_engine("none")
    return ChartOutput(alt=alt or alt_of(fig), wide_svg=wide_svg, narrow_svg=narrow_svg,
                       png_base64=figure_png(fig),
                       width_px=round(fig.get_figwidth() * CSS_PX_PER_INCH))

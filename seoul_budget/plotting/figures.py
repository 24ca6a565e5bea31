"""A chart as a page carries it: compact SVG drawn at each layout (text kept as text, set in
the page's embedded font, so it stays sharp on paper and searchable), a PNG for notebook
viewers, and the description of what it shows."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .layout import CSS_PX_PER_INCH, NARROW, alt_of, redraw

PNG_DPI = 96
# A chart is laid out once (laid_out) and saved without a layout engine: savefig lays a
# figure that has one out again for every file. After saving, savefig gives a figure without
# one the rc's default engine back unless the rc names none: hence this rc around every save
# (what it saves: benchmarks/README.md).
_NO_LAYOUT_RC = {"figure.autolayout": False, "figure.constrained_layout.use": False}
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "seoul-budget", "svg.image_inline": True,
           **_NO_LAYOUT_RC}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_HREF = f"{{{XLINK_NS}}}href"
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
_GEOMETRY = frozenset({"d", "x", "y", "x1", "x2", "y1", "y2", "width", "height", "transform",
                       "points", "viewBox"})
_NUMBER = re.compile(r"-?\d+\.\d+")
_NO_ROTATION = re.compile(r"^rotate\(-?0 [^)]*\)$")
_FONT_FAMILY = re.compile(r"font-family:[^;]*;?\s*")


@dataclass(frozen=True)
class ChartOutput:
    """One chart ready for a page: its description, natural width and height (CSS px) and
    SVG at each layout ('' when the chart cannot be drawn again narrow), and a PNG."""

    alt: str
    wide_svg: str
    narrow_svg: str
    png_base64: str
    width_px: int


def _short(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _unwrap_groups(parent: ET.Element) -> None:
    """Replace every attribute-less <g> under ``parent`` by its children (same drawing)."""
    children: list[ET.Element] = []
    for child in list(parent):
        _unwrap_groups(child)
        if _tag(child) == "g" and not child.attrib:
            children.extend(list(child))
        else:
            children.append(child)
    parent[:] = children


def compact_svg(svg: str, prefix: str) -> str:
    """Return matplotlib's SVG made small for inlining in a page: no metadata, no empty
    groups, ids only where referenced (prefixed with ``prefix``, unique in a page),
    coordinates to two decimals, repeated styles as classes, no font family (the page's font
    applies), size in CSS px."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg.encode("utf-8"))
    for element in list(root):
        if _tag(element) == "metadata":
            root.remove(element)
    elements = list(root.iter())
    referenced = {m for e in elements for value in e.attrib.values()
                  for m in _REFERENCE.findall(value)}
    referenced |= {e.attrib[_HREF][1:] for e in elements
                   if e.attrib.get(_HREF, "").startswith("#")}
    styles: dict[str, str] = {}
    for element in elements:
        attrib = element.attrib
        if "id" in attrib:
            if attrib["id"] in referenced:
                attrib["id"] = prefix + attrib["id"]
            else:
                del attrib["id"]
        if _NO_ROTATION.match(attrib.get("transform", "")):
            del attrib["transform"]
        for name in list(attrib):
            if name in _GEOMETRY:
                attrib[name] = " ".join(_NUMBER.sub(_short, attrib[name]).split())
            elif name == _HREF and attrib[name].startswith("#"):  # not an embedded image
                attrib[name] = "#" + prefix + attrib[name][1:]
            elif "url(#" in attrib[name]:
                attrib[name] = attrib[name].replace("url(#", f"url(#{prefix}")
        style = _FONT_FAMILY.sub("", attrib.pop("style", "")).strip().rstrip(";")
        if style:
            attrib["class"] = styles.setdefault(style, f"{prefix}s{len(styles)}")
    _unwrap_groups(root)
    rules = "".join(f".{name}{{{style}}}" for style, name in styles.items())
    for defs in root.iter(f"{{{SVG_NS}}}defs"):
        for sheet in defs.iter(f"{{{SVG_NS}}}style"):
            sheet.text = (sheet.text or "") + rules
            rules = ""
    if rules:
        defs = ET.Element(f"{{{SVG_NS}}}style")
        defs.text = rules
        root.insert(0, defs)
    for name in ("width", "height"):
        root.attrib[name] = str(round(float(root.attrib[name].removesuffix("pt")) * 4 / 3))
    for element in root.iter():
        element.tail = None
        if _tag(element) != "text" and element.text is not None and not element.text.strip():
            element.text = None
    return ET.tostring(root, encoding="unicode")


def figure_svg(fig: Figure, name: str) -> str:
    """Return the figure as compact SVG whose ids start with ``name`` and a content hash."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    raw = buffer.getvalue()
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:6]
    return compact_svg(raw, f"{name}{digest}")


def figure_png(fig: Figure) -> str:
    """Return the figure as a base64 PNG at 96 dpi (its natural size on screen)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_NO_LAYOUT_RC):
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def laid_out(fig: Figure) -> Figure:
    """Lay the figure out once with its layout engine and remove the engine; return fig."""
    fig.draw_without_rendering()
    with matplotlib.rc_context(_NO_LAYOUT_RC):
        fig.set_layout_engine(None)
    return fig


def chart_output(fig: Figure, alt: str | None = None) -> ChartOutput:
    """Return the chart for a page: SVG at the figure's own (wide) layout and, for a chart of
    :mod:`.charts`, drawn again for a phone; a PNG; ``alt`` or the chart's own description.
    Each figure is laid out once (:func:`laid_out`); the wide SVG and the PNG share it."""
    narrow = redraw(fig, NARROW)
    try:
        narrow_svg = figure_svg(laid_out(narrow), "n") if narrow is not None else ""
    finally:
        if narrow is not None:
            plt.close(narrow)
    laid_out(fig)
    return ChartOutput(alt=alt or alt_of(fig), wide_svg=figure_svg(fig, "w"),
                       narrow_svg=narrow_svg, png_base64=figure_png(fig),
                       width_px=round(fig.get_figwidth() * CSS_PX_PER_INCH))

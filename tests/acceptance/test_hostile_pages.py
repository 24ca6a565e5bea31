"""Hostile names in the report, as a reviewer's browser meets them: one build of every notebook
on the bundled report with the payloads of tests/hostile.py (a meta refresh and a full-page
link as names, '"><svg onload=…>', '</table>', a javascript: Markdown link, '$x^2$', a
3,000-character unbroken name, a 1 MB project title, markup in the ledger's reasons), opened
in headless Chromium at 390 px and 1366 px.

Every page builds; nothing navigates; no element, attribute or link from the data is in the
DOM, the payloads show as text; no page is wider than the window; charts and pages keep
their size (huge names cut with '…', the fuller text in a title); no glyph is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import hostile
import pytest
from browser import measure_pages
from bundled import DAY
from pages import SECTIONS, WIDTHS

MAX_PAGE_BYTES = 295 * 1024  # as for the bundled report's pages (tests/acceptance/test_pages.py)
MAX_CHART_PX = 1600  # no chart is taller or wider than this many CSS px

# Elements, attributes and links that could only have come from the data.
_FOREIGN = """() => Array.from(document.querySelectorAll(
  'meta[http-equiv="refresh"], script, iframe, object, embed, svg[onload], [onload], ' +
  '[onerror], [style*="position:fixed"], [style*="position: fixed"], ' +
  'a[href*=":"]:not([href^="#"]), a[href*="example.org"]'))
  .map(el => el.outerHTML.slice(0, 120))"""

_MEASURE = """() => ({
  scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  text: document.body.innerText,
  charts: Array.from(document.querySelectorAll('figure.chart svg')).map(svg => (
    {width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height})),
  cut: Array.from(document.querySelectorAll('.sb-cut')).map(el => (
    {shown: el.textContent, title: el.getAttribute('title')})),
})"""


def page_paths(reports: Path) -> dict[str, Path]:
    return {"index": reports / "index.html",
            **{name: reports / DAY / f"{name}.html" for name in SECTIONS}}


@pytest.fixture(scope="module")
def seen(hostile_reports) -> dict[tuple[str, int], dict]:
    """Every hostile page at both widths: {(page, width): what the browser measured}, with
    the page's address a second after it loaded and the foreign elements found."""
    dialogs: list[str] = []

    def watch(page) -> None:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def measure(page, width: int) -> dict:
        page.wait_for_timeout(1000 if width == WIDTHS[0] else 100)  # time to navigate away
        return {**page.evaluate(_MEASURE), "url": page.url,
                "foreign": page.evaluate(_FOREIGN), "dialogs": list(dialogs)}

    return measure_pages(page_paths(hostile_reports), WIDTHS, measure, prepare=watch)


def test_every_page_builds_and_stays_light(hostile_reports):
    manifest = json.loads((hostile_reports / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["status"] for entry in manifest["outputs"].values()} == {"ok"}
    for name, path in page_paths(hostile_reports).items():
        assert path.stat().st_size <= MAX_PAGE_BYTES, (name, path.stat().st_size)


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_navigates_and_no_element_comes_from_the_data(seen, hostile_reports, width):
    for name, path in page_paths(hostile_reports).items():
        view = seen[(name, width)]
        assert view["url"] == path.resolve().as_uri(), f"{name} navigated to {view['url']}"
        assert view["foreign"] == [], name
        assert view["dialogs"] == [], name


def test_the_payloads_show_as_text(seen):
    text = {name: seen[(name, 1366)]["text"] for name in ["index", *SECTIONS]}
    assert hostile.META in text["00_overview"] and hostile.META in text["02_revenue"]
    assert hostile.OVERLAY in text["05_key_projects"]
    for payload in (hostile.SVG, hostile.JS_LINK, hostile.MATH, "</table></div><h1>주입</h1>"):
        assert payload in text["03_expenditure"], payload
    assert hostile.LEDGER_REASON in text["04_settlement"]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_window(seen, width):
    for name in ["index", *SECTIONS]:
        view = seen[(name, width)]
        assert view["scrollWidth"] <= view["innerWidth"], (name, view["scrollWidth"])


def test_huge_names_are_cut_in_charts_and_tables_with_the_fuller_text_on_hover(seen):
    for (name, width), view in seen.items():
        for chart in view["charts"]:
            assert max(chart["width"], chart["height"]) <= MAX_CHART_PX, (name, width, chart)
    cut = seen[("05_key_projects", 1366)]["cut"]
    huge = [c for c in cut if c["shown"].startswith("나나")]
    assert huge and all(c["shown"].endswith("…") and len(c["shown"]) <= 101 for c in huge)
    assert all(c["title"].startswith("나나") and len(c["title"]) <= 2001 for c in huge)
    long_name = [c for c in seen[("02_revenue", 1366)]["cut"] if c["shown"].startswith("가WW")]
    assert long_name and all(len(c["shown"]) <= 200 for c in long_name)


def test_no_glyph_is_missing_and_no_chart_failed_to_draw(hostile_reports):
    for name in SECTIONS:
        executed = (hostile_reports / DAY / f"{name}.ipynb").read_text(encoding="utf-8")
        for warning in ("Glyph", "missing from font", "Image size", "Traceback"):
            assert warning not in executed, (name, warning)

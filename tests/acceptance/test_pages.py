"""The reviewer pages as reviewers meet them: headless Chromium (Debian's) at 390 px, a phone,
and 1366 px, a laptop, and printed to A4 PDF. One build of the section notebooks on the
bundled report (conftest.py), every page opened once per width.

Expected figures are the report's printed totals: 세출예산 집행현황 계 163,848,799 /
84,471,483 천원 (line 484); 2022 세출결산 계 143,205 / 128,873 / 5,063 / 18.571 (the
ledger's correction of a printed 18,571) / 9,251 백만원, 93.5 % (line 603); 2022 세입결산 계
17,371 / 19,483 / 19,116 / 367 백만원 (line 589).
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import CHROMIUM_ARGS, chromium_path, measure_pages
from bundled import DAY

SECTIONS = ["00_overview", "01_staffing", "02_revenue", "03_expenditure",
            "04_settlement", "05_key_projects", "06_trends"]
WIDTHS = (390, 1366)
MAX_PAGE_BYTES = 250 * 1024
MIN_CHART_TEXT_PX = 11.0
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")

# What one page shows, measured in the browser.
_MEASURE = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
  const charts = Array.from(document.querySelectorAll('figure.chart')).map(fig => {
    const svg = Array.from(fig.querySelectorAll('svg')).find(shown);
    let minPx = null;
    if (svg) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        minPx = minPx === null ? px : Math.min(minPx, px);
      }
    }
    return {alt: fig.getAttribute('aria-label') || '', role: fig.getAttribute('role'),
            visible: !!svg, minPx};
  });
  const tables = Array.from(document.querySelectorAll('.sb-table')).map(box => {
    const scroll = box.querySelector('.sb-scroll');
    const hint = box.querySelector('.sb-hint');
    const first = box.querySelector('tbody tr > :first-child');
    return {overflows: scroll.scrollWidth > scroll.clientWidth + 1,
            hint: !!hint && shown(hint), sticky: first ? getComputedStyle(first).position : ''};
  });
  const rowsWithoutHeader = Array.from(document.querySelectorAll('tbody tr')).filter(tr => {
    const cell = tr.firstElementChild;
    return !(cell && cell.tagName === 'TH' && cell.getAttribute('scope') === 'row');
  }).length;
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('style').forEach(el => el.remove());
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    nav: Array.from(document.querySelectorAll('header.topbar nav a')).map(a => (
      {href: a.getAttribute('href'), text: a.textContent.trim(),
       current: a.getAttribute('aria-current')})),
    pager: Array.from(document.querySelectorAll('nav.pager a')).map(a => (
      {href: a.getAttribute('href'), rel: a.getAttribute('rel')})),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => (
      {href: a.getAttribute('href'), text: a.textContent.trim()})),
    charts, tables, rowsWithoutHeader,
    images: Array.from(document.images).map(img => img.alt),
    tabStops: document.querySelectorAll('[tabindex]').length,
    headings: Array.from(document.querySelectorAll('h1, h2, h3')).map(h => h.innerText.trim()),
    text: document.body.innerText, allText: copy.textContent,
  };
}"""


def page_paths(reports: Path) -> dict[str, Path]:
    return {"index": reports / "index.html",
            **{name: reports / DAY / f"{name}.html" for name in SECTIONS}}


@pytest.fixture(scope="module")
def seen(built_reports) -> dict[tuple[str, int], dict]:
    """Every page at both widths: {(page, width): what the browser measured}."""
    return measure_pages(page_paths(built_reports), WIDTHS,
                         lambda page, width: page.evaluate(_MEASURE))


@pytest.fixture(scope="module")
def printed(built_reports) -> dict[str, dict]:
    """The settlement and expenditure pages printed to A4: page count, text per page, the
    headings and table column headers the page shows."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name in ("03_expenditure", "04_settlement"):
                page.goto((built_reports / DAY / f"{name}.html").resolve().as_uri(),
                          wait_until="load")
                page.evaluate("() => document.fonts.ready")
                columns = page.evaluate(
                    "() => Array.from(document.querySelectorAll('thead th'))"
                    ".map(th => th.innerText.trim())")
                headings = page.evaluate(
                    "() => Array.from(document.querySelectorAll('h2, h3'))"
                    ".map(h => h.innerText.trim())")
                pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
                found[name] = {"pages": [p.extract_text() or "" for p in pdf.pages],
                               "columns": columns, "headings": headings}
        finally:
            browser.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(seen, width):
    for name in ["index", *SECTIONS]:
        view = seen[(name, width)]
        assert view["scrollWidth"] <= view["innerWidth"], (name, width, view["scrollWidth"])


def test_wide_tables_scroll_in_their_box_with_a_hint_and_the_first_column_kept(seen):
    overflowing = 0
    for name in SECTIONS:
        for table in seen[(name, 390)]["tables"]:
            if table["overflows"]:
                overflowing += 1
                assert table["hint"], name
                assert table["sticky"] == "sticky", name
    assert overflowing >= 10  # the money tables of 03 and 04 alone are wider than a phone
    for name in SECTIONS:  # a laptop shows no hint for a table that fits
        assert not any(t["hint"] for t in seen[(name, 1366)]["tables"] if not t["overflows"])


@pytest.mark.parametrize("width", WIDTHS)
def test_charts_are_drawn_for_the_width_with_readable_text(seen, width):
    for name in SECTIONS[1:]:
        charts = seen[(name, width)]["charts"]
        assert charts, name
        for chart in charts:
            assert chart["visible"], (name, width)
            assert chart["minPx"] >= MIN_CHART_TEXT_PX, (name, width, chart["minPx"])


def test_charts_say_what_they_show(seen):
    for name in SECTIONS:
        view = seen[(name, 1366)]
        for chart in view["charts"]:
            assert chart["role"] == "img"
            assert len(chart["alt"]) > 30 and re.search(r"\d", chart["alt"]), chart["alt"]
        assert "그림" not in view["images"]
    expenditure = [c["alt"] for c in seen[("03_expenditure", 1366)]["charts"]]
    assert any(alt.startswith("부서별 예산현액·원인행위액·지출액.") and "데이터센터 547억원" in alt
               for alt in expenditure)


def test_every_page_links_the_index_and_every_section_in_order(seen, built_reports):
    titles = [link["text"] for link in seen[("00_overview", 1366)]["nav"][1:]]
    assert len(titles) == len(SECTIONS)
    for position, name in enumerate(SECTIONS):
        view = seen[(name, 1366)]
        nav = view["nav"]
        assert (nav[0]["text"], nav[0]["href"]) == ("전체 목록", "../index.html")
        assert [link["href"] for link in nav[1:]] == [f"{s}.html" for s in SECTIONS]
        assert [link["current"] for link in nav[1:]].count("page") == 1
        assert nav[1 + position]["current"] == "page"
        expected = ([{"href": f"{SECTIONS[position - 1]}.html", "rel": "prev"}]
                    if position else [])
        expected += ([{"href": f"{SECTIONS[position + 1]}.html", "rel": "next"}]
                     if position + 1 < len(SECTIONS) else [])
        assert view["pager"] == expected
        folder = (built_reports / DAY)
        for link in view["links"]:
            target = urlsplit(link["href"])
            if target.scheme or not target.path:
                continue
            assert (folder / unquote(target.path)).resolve().is_file(), (name, link)
    assert titles == [seen[(name, 1366)]["headings"][0] for name in SECTIONS]


def test_the_index_links_pages_and_notebooks_apart_with_what_each_holds(seen, built_reports):
    view = seen[("index", 1366)]
    pages = [link for link in view["links"] if link["href"].endswith(".html")]
    notebooks = [link for link in view["links"] if link["href"].endswith(".ipynb")]
    # the 최신 line links the newest snapshot's pages too, in the same order
    hrefs = list(dict.fromkeys(link["href"] for link in pages))
    assert hrefs == [f"{DAY}/{s}.html" for s in SECTIONS]
    assert {link["text"] for link in notebooks} == {"노트북(.ipynb)"}
    assert len(notebooks) == len(SECTIONS)
    for link in pages + notebooks:
        assert (built_reports / unquote(link["href"])).is_file()
    text = view["text"]
    assert "부서별 정원·현원과 부족 인원" in text  # what 01 holds
    assert "예산현액 1,638.5억원 · 원인행위 51.6% · 집행 부진 8개 사업 316.8억원" in text
    assert "2022 집행률 93.5% · 집행잔액 9,251백만원" in text


def test_tables_have_row_headers_and_output_boxes_no_tab_stops(seen):
    for name in ["index", *SECTIONS]:
        view = seen[(name, 1366)]
        assert view["rowsWithoutHeader"] == 0, name
        assert view["tabStops"] == 0, name


def test_pages_quote_the_printed_totals(seen):
    expenditure = seen[("03_expenditure", 1366)]["text"]
    assert "163,848,799" in expenditure and "84,471,483" in expenditure
    assert "합계 84,471,485 · 반올림" in expenditure  # the programs' sum, beside it
    settlement = seen[("04_settlement", 1366)]["text"]
    for figure in ("143,205", "128,873", "5,063", "18.571", "9,251", "원문 18,571 · 정정",
                   "17,371", "19,483", "19,116", "367"):
        assert figure in settlement, figure
    overview = seen[("00_overview", 1366)]["text"]
    assert "원문 오류 5건 정정, 남은 오류 0건." in overview
    assert "‘정보자원 통합 관리’로 199억원" in overview  # the key takeaways open the page
    revenue = seen[("02_revenue", 1366)]["text"]
    assert "\t△10\t" in revenue  # 지난년도수입 과태료: △10% as printed, not △10.0


def test_no_code_names_in_any_page(seen):
    for name in ["index", *SECTIONS]:
        found = SNAKE_CASE.findall(seen[(name, 1366)]["allText"])
        assert found == [], (name, sorted(set(found)))
        assert "errata.csv" not in seen[(name, 1366)]["allText"]


def test_every_page_is_light(built_reports):
    for name, path in page_paths(built_reports).items():
        assert path.stat().st_size <= MAX_PAGE_BYTES, (name, path.stat().st_size)


def test_print_keeps_every_column_and_fits_a_few_a4_pages(printed):
    assert len(printed["04_settlement"]["pages"]) <= 5
    assert len(printed["03_expenditure"]["pages"]) <= 8
    for name, pdf in printed.items():
        text = "".join("".join(page.split()) for page in pdf["pages"])
        assert pdf["columns"], name
        for column in pdf["columns"]:
            for word in column.split():
                assert word in text, (name, column, word)


def test_print_leaves_no_heading_at_the_foot_of_a_page(printed):
    for name, pdf in printed.items():
        headings = {"".join(h.split()) for h in pdf["headings"]}
        for number, page in enumerate(pdf["pages"][:-1], start=1):
            lines = [line for line in page.splitlines() if line.strip()]
            assert lines and "".join(lines[-1].split()) not in headings, (name, number, lines[-1])


# A missing value as pandas or Python prints it, as a word of its own.
MISSING_WORDS = re.compile(r"(?<![\w.])(?:nan|NaN|NaT|None|null|undefined)(?![\w(]|\.\w)|<NA>")


class _ShownText(HTMLParser):
    """What a reader meets on a page: its text outside script and style, and the attribute
    texts a browser shows or reads out (title, alt, aria-label)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.parts += [value for name, value in attrs
                       if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def test_no_missing_value_is_printed_on_any_page_of_any_month(built_months):
    pages = sorted(built_months.glob("*/*.html")) + [built_months / "index.html"]
    months = {page.parent.name for page in pages} - {built_months.name}
    assert len(months) == 3 and len(pages) == 3 * len(SECTIONS) + 1 + len(
        list(built_months.glob("*/source.html")))
    for page in pages:
        shown = _ShownText()
        shown.feed(page.read_text("utf-8"))
        found = MISSING_WORDS.findall("\n".join(shown.parts))
        assert found == [], (page.relative_to(built_months), found)


def test_the_missing_value_words_are_caught():
    assert MISSING_WORDS.findall("기간 nan · <NA> · None · 12.5 · NaN%") == \
        ["nan", "<NA>", "None", "NaN"]
    assert MISSING_WORDS.findall("sb-provenance finance Nonetheless nan.png") == []

"""The reviewer pages as reviewers meet them: headless Chromium (Debian's) at 390 px, a phone,
and 1366 px, a laptop, and printed to A4 PDF. One build of the section notebooks on the
bundled report (conftest.py), every page opened once per width.

Expected figures are the report's printed totals: 세출예산 집행현황 계 163,848,799 /
84,471,483 천원 (line 484); 2022 세출결산 계 143,205 / 128,873 / 5,063 / 18.571 (the
ledger's correction of a printed 18,571; so the page shows the table in 천원) / 9,251 백만원,
93.5 % (line 603); 2022 세입결산 계
17,371 / 19,483 / 19,116 / 367 백만원 (line 589).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import CHROMIUM_ARGS, chromium_path, measure_pages
from bundled import DAY
from pages import SECTIONS, WIDTHS

# Every figure links to its source line, titled with the line as printed: about 10 KB on the
# widest page (03) over the 250 KB the pages kept before; its four charts' figures as linked
# tables (차트 자료) about 15 KB more.
MAX_PAGE_BYTES = 295 * 1024
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
  const tables = Array.from(document.querySelectorAll('.sb-table'))
    .filter(box => !box.closest('details.sb-chart-data')).map(box => {
    const scroll = box.querySelector('.sb-scroll');
    const hint = box.querySelector('.sb-hint');
    const first = box.querySelector('tbody tr > :first-child');
    return {overflows: scroll.scrollWidth > scroll.clientWidth + 1,
            focusable: scroll.tabIndex === 0,
            hintText: hint ? hint.innerText.trim() : '',
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
    tabStops: Array.from(document.querySelectorAll('[tabindex]'))
      .filter(el => !el.classList.contains('sb-scroll')).length,
    headings: Array.from(document.querySelectorAll('h1, h2, h3')).map(h => h.innerText.trim()),
    text: document.body.innerText, allText: copy.textContent,
  };
}"""


def page_paths(reports: Path) -> dict[str, Path]:
    return {"index": reports / "index.html",
            **{name: reports / DAY / f"{name}.html" for name in SECTIONS}}


@pytest.fixture(scope="module")
def seen(built_reports) -> dict[tuple[str, int], dict]:
    """Every page at both widths: {(page, width): what the browser measured}; at 1366 px
    on a section page also its money figures per section (``sections``)."""
    def measure(page, width: int) -> dict:
        found = page.evaluate(_MEASURE)
        if width == 1366 and not page.url.endswith("/index.html"):
            found["sections"] = page.evaluate(_SECTION_MONEY)
        return found

    return measure_pages(page_paths(built_reports), WIDTHS, measure)


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
                title = page.evaluate("() => document.querySelector('h1').innerText.trim()")
                pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
                found[name] = {"pages": [p.extract_text() or "" for p in pdf.pages],
                               "columns": columns, "headings": headings,
                               "title": title}
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
    # every month's pages in the sections' order (the 최신 line links the newest month's
    # pages too, in the same order), and one notebook link beside each page
    months = sorted({link["href"].split("/")[0] for link in pages})
    assert DAY in months
    for month in months:
        hrefs = list(dict.fromkeys(link["href"] for link in pages
                                   if link["href"].startswith(f"{month}/")))
        assert hrefs == [f"{month}/{s}.html" for s in SECTIONS]
    assert {link["text"] for link in notebooks} == {"노트북(.ipynb)"}
    assert len(notebooks) == len(SECTIONS) * len(months)
    for link in pages + notebooks:
        assert (built_reports / unquote(link["href"])).is_file()
    text = view["text"]
    assert "부서별 정원·현원과 부족 인원" in text  # what 01 holds
    assert "예산현액 1,638.5억원 · 원인행위 51.6% · 집행 부진 8개 사업 316.8억원" in text
    # 9,251백만원 as printed, in 천원 as on its page (a corrected figure is not whole in 백만원)
    assert "2022 집행률 93.5% · 집행잔액 9,251,000천원" in text


def test_tables_have_row_headers_and_only_scroll_boxes_are_tab_stops(seen):
    for name in ["index", *SECTIONS]:
        view = seen[(name, 1366)]
        assert view["rowsWithoutHeader"] == 0, name
        assert view["tabStops"] == 0, name  # no output box but a table's scroll box
        assert all(table["focusable"] for table in view["tables"]), name


def test_a_table_wider_than_a_phone_says_which_columns_lie_to_the_right(seen):
    # 03's programs table: 예산현액, 원인행위액, 집행률 … do not fit beside the program's name
    hints = [t["hintText"] for t in seen[("03_expenditure", 390)]["tables"] if t["overflows"]]
    assert hints and all("옆으로 밀면 오른쪽의" in hint and "열이 보입니다" in hint
                         for hint in hints), hints


def test_pages_quote_the_printed_totals(seen):
    expenditure = seen[("03_expenditure", 1366)]["text"]
    assert "163,848,799" in expenditure and "84,471,483" in expenditure
    assert "합계 84,471,485 · 반올림" in expenditure  # the programs' sum, beside it
    settlement = seen[("04_settlement", 1366)]["text"]
    # 세출결산 in 천원, one unit for the table: the corrected 18,571천원 is not whole in
    # 백만원 (no '18.571' among integers); 세입결산 as printed, in 백만원
    for figure in ("143,205,000", "128,873,000", "5,063,000", "\t18,571\t", "9,251,000",
                   "원문 18,571,000 · 정정", "17,371", "19,483", "19,116", "367"):
        assert figure in settlement, figure
    assert "18.571" not in settlement.split("데이터 검증")[0]  # the tables and headline
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


def test_each_rate_has_one_name_on_every_page(seen):
    # The report heads its rates '집행률 (%)' over 원인행위 and 지출액 (line 482): every page,
    # its charts and the index call them 집행률(원인행위) and 집행률(지출), nothing else.
    for name in ["index", *SECTIONS]:
        text = seen[(name, 1366)]["allText"]
        for other in ("집행률 (원인행위)", "집행률 (지출)", "지출률", "집행률(지출액)"):
            assert other not in text, (name, other)
    for name in ("index", "00_overview", "03_expenditure", "06_trends"):
        assert "집행률(원인행위)" in seen[(name, 1366)]["allText"], name


def test_every_page_is_light(built_reports):
    for name, path in page_paths(built_reports).items():
        assert path.stat().st_size <= MAX_PAGE_BYTES, (name, path.stat().st_size)


def test_print_keeps_every_column_and_fits_a_few_a4_pages(printed):
    assert len(printed["04_settlement"]["pages"]) <= 5
    assert len(printed["03_expenditure"]["pages"]) <= 10  # its four charts at 7 pt text
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

# A4 between the print margins (210 mm − 2 × 11 mm) in CSS px, where a page is laid out for
# print; a chart's text in pt is its font size × the drawing's scale × 0.75.
A4_TEXT_WIDTH_PX = 710
MIN_PRINT_PT = 7.0
_PRINTED_CHART_TEXT = """() => Array.from(document.querySelectorAll('figure.chart svg'))
  .filter(svg => svg.getClientRects().length > 0).map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = Array.from(svg.querySelectorAll('text'))
      .map(text => parseFloat(getComputedStyle(text).fontSize) * scale * 0.75);
    return Math.min(...sizes);
  })"""


def test_printed_chart_text_is_at_least_7_pt(built_reports):
    def printed_sizes(page, width):
        return page.evaluate(_PRINTED_CHART_TEXT)

    found = measure_pages({name: path for name, path in page_paths(built_reports).items()
                           if name != "index"}, [A4_TEXT_WIDTH_PX], printed_sizes,
                          prepare=lambda page: page.emulate_media(media="print"))
    charts = {key: sizes for key, sizes in found.items() if sizes}
    assert len(charts) >= 5  # every page with charts prints one drawing of each
    for key, sizes in charts.items():
        assert min(sizes) >= MIN_PRINT_PT, (key, sizes)


def test_printed_pages_carry_a_running_header_and_page_numbers(printed):
    for name, pdf in printed.items():
        total = len(pdf["pages"])
        for number, text in enumerate(pdf["pages"], start=1):
            flat = " ".join(text.split())
            assert f"{number} / {total}" in flat, (name, number, flat[:120])
            head = "".join(flat.split())
            assert "디지털정책관" in head and "2023년5월31일기준" in head, (name, number)
            assert "".join(pdf["title"].split()) in head, (name, number, pdf["title"])


_LINK_STYLES = """() => Array.from(document.querySelectorAll('a.sb-src')).map(a => {
    const own = getComputedStyle(a), around = getComputedStyle(a.parentElement);
    return {decoration: own.textDecorationLine, color: own.color, around: around.color,
            after: getComputedStyle(a, '::after').content};
  })"""


def test_printed_figures_are_plain_figures_without_underline_or_popup(built_reports):
    # on paper a link cannot be followed: no dotted underline, the text's own colour
    def print_styles(page, width):  # and the charts' figures left out of print
        return {"links": page.evaluate(_LINK_STYLES), "chart_data": page.evaluate(
            "() => Array.from(document.querySelectorAll('details.sb-chart-data'))"
            ".map(d => getComputedStyle(d).display)")}

    pages = {name: built_reports / DAY / f"{name}.html"
             for name in ("00_overview", "03_expenditure", "04_settlement")}
    seen = measure_pages(pages, [1366], print_styles,
                         prepare=lambda page: page.emulate_media(media="print"))
    for (name, _), links in seen.items():
        assert len(links["links"]) > 20, name
        assert links["chart_data"] and set(links["chart_data"]) == {"none"}, name
        links = links["links"]
        for link in links:
            assert link["decoration"] == "none", (name, link)
            assert link["color"] == link["around"], (name, link)
            assert link["after"] in ("none", "normal"), (name, link)


_FOCUSED_BULLET = """() => {
    const link = document.querySelector('.sb-takeaways li a.sb-src');
    const item = link.closest('li'), next = item.nextElementSibling;
    link.focus();
    const box = next.getBoundingClientRect();
    const points = [];
    for (let x = box.left + 4; x < box.right - 4; x += 12)
      for (let y = box.top + 4; y < box.bottom - 4; y += 6) points.push([x, y]);
    const covered = points.filter(([x, y]) => {
      const el = document.elementFromPoint(x, y);
      return el && !next.contains(el) && el !== next; });
    return {focused: link.matches(':focus-visible'),
            popup: getComputedStyle(link, '::after').content,
            points: points.length, covered: covered.length,
            pushed: next.getBoundingClientRect().top >= item.getBoundingClientRect().bottom};
  }"""


def test_a_focused_link_shows_its_line_without_hiding_the_next_bullet_on_a_phone(
        built_reports):
    # on a 390 px screen a takeaway's focused link shows its printed line, and the next
    # takeaway stays wholly visible (the line pushes it down)
    def focus_first(page, width):
        page.keyboard.press("Tab")  # a keyboard user: focus shows as :focus-visible
        page.evaluate("() => window.scrollTo(0, 0)")
        return page.evaluate(_FOCUSED_BULLET)

    pages = {name: built_reports / DAY / f"{name}.html"
             for name in ("03_expenditure", "04_settlement")}
    for (name, _), found in measure_pages(pages, [390], focus_first).items():
        assert found["focused"], name
        assert found["popup"].startswith('"원문 '), (name, found)
        assert found["points"] > 10 and found["covered"] == 0, (name, found)
        assert found["pushed"], (name, found)


MONEY_UNITS = {"천원": 1_000, "백만원": 1_000_000, "억원": 100_000_000}
_MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(천원|백만원|억원)")
# Per section of a page (its part under one h2; the takeaways before the first): the texts
# and the money cells of its tables with their column's heading.
_SECTION_MONEY = """() => {
    const sections = [{title: '', texts: [], cells: []}];
    const walker = document.createTreeWalker(document.querySelector('main'),
                                             NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      if (el.tagName === 'H2') sections.push({title: el.innerText.trim(), texts: [], cells: []});
      const here = sections[sections.length - 1];
      if (el.matches('p, li, .sb-card, .sb-takeaways') && !el.closest('table'))
        here.texts.push(el.innerText);
      if (el.matches('.sb-table tbody td.num')) {
        const heads = Array.from(el.closest('table').querySelectorAll('thead th'));
        const link = el.querySelector('a.sb-src');
        here.cells.push([(link || el).innerText.trim(),
                         heads[el.cellIndex] ? heads[el.cellIndex].innerText : '']);
      }
    }
    return sections;
  }"""


def _krw_by_unit(mentions: list[tuple[str, str]]) -> dict[int, set[str]]:
    """Return {KRW: the units it is written in} of (figure, unit) mentions."""
    found: dict[int, set[str]] = {}
    for figure, unit in mentions:
        value = round(float(figure.replace(",", "")) * MONEY_UNITS[unit])
        if value:
            found.setdefault(value, set()).add(unit)
    return found


def _section_mentions(section: dict) -> list[tuple[str, str]]:
    """Return a page section's money figures as (figure, unit): its tables' cells (unit from
    the column's heading) and the figures its text writes with a unit."""
    found = []
    for text, head in section["cells"]:
        unit = next((u for u in MONEY_UNITS if f"({u})" in head), None)
        if unit and re.fullmatch(r"△?[\d,]+(\.\d+)?", text):
            found.append((text.lstrip("△"), unit))
    for text in dict.fromkeys(section["texts"]):
        found += [(m.group(1), m.group(2)) for m in _MONEY.finditer(text)]
    return found


TAKEAWAYS = "핵심 내용"
# The findings quote a figure as the report prints it, in its printed unit ('원문 143,205백만원')
AS_PRINTED_SECTIONS = ("데이터 검증 결과",)


def test_no_page_section_shows_one_money_figure_in_two_units(seen):
    # item 8: the settlement's 집행잔액 143,205백만원 in the takeaways and 143,205,000천원 in
    # the table below was one figure in two units: a section's tables and text, with the
    # page's takeaways above them, write each figure in one unit
    twice, paired = {}, 0
    for name in SECTIONS:
        found = seen[(name, 1366)]["sections"]
        takeaways = next(section for section in found if section["title"] == TAKEAWAYS)
        for section in found:
            if section["title"].startswith(AS_PRINTED_SECTIONS):
                continue
            paired += 1
            mentions = _section_mentions(takeaways) + _section_mentions(section)
            both = {value: sorted(units) for value, units in _krw_by_unit(mentions).items()
                    if len(units) > 1}
            if both:
                twice[(name, section["title"])] = both
    assert paired > 3 * len(SECTIONS)
    assert twice == {}, twice


def test_one_figure_in_two_units_is_caught():
    # 143,205백만원 and 143,205,000천원 are one figure (worked by hand: both 143,205,000,000원)
    section = {"cells": [["143,205,000", "예산현액 (A) (천원)"], ["△9,251", "차이 (백만원)"]],
               "texts": ["예산현액 143,205백만원 가운데", "예산현액 143,205백만원 가운데"]}
    units = _krw_by_unit(_section_mentions(section))
    assert units[143_205_000_000] == {"백만원", "천원"}
    assert units[9_251_000_000] == {"백만원"}


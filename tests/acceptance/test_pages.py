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
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import AXE_RUN, CHROMIUM_ARGS, axe_source, chromium_path, measure_pages
from bundled import DAY
from pages import embedded_characters, visible_text

from seoul_budget.build.webfont import page_characters

SECTIONS = ["00_overview", "01_staffing", "02_revenue", "03_expenditure",
            "04_settlement", "05_key_projects", "06_trends"]
WIDTHS = (390, 1366)
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


# A missing value as pandas or Python prints it, as a word of its own.
MISSING_WORDS = re.compile(r"(?<![\w.])(?:nan|NaN|NaT|None|null|undefined)(?![\w(]|\.\w)|<NA>")


def test_no_missing_value_is_printed_on_any_page_of_any_month(built_months):
    pages = sorted(built_months.glob("*/*.html")) + [built_months / "index.html"]
    months = {page.parent.name for page in pages} - {built_months.name}
    assert len(months) == 3 and len(pages) == 3 * len(SECTIONS) + 1 + len(
        list(built_months.glob("*/source.html")))
    for page in pages:
        found = MISSING_WORDS.findall(visible_text(page, attributes=True))
        assert found == [], (page.relative_to(built_months), found)


def test_every_page_embeds_a_glyph_for_every_character_it_shows(built_months):
    # '정원 − 현원' (U+2212, which NanumGothic lacks) on 00/03/04/06, a report's own ➔ on
    # its source page: no text falls back to a font of the reader's machine
    pages = sorted(built_months.glob("*/*.html")) + [built_months / "index.html"]
    minus = 0
    for page in pages:
        text = page.read_text("utf-8")
        shown = set(page_characters(visible_text(page, attributes=True)))
        minus += "\u2212" in shown
        assert shown <= embedded_characters(text), (page.relative_to(built_months),
                                                     shown - embedded_characters(text))
    assert minus >= 3


def test_the_missing_value_words_are_caught():
    assert MISSING_WORDS.findall("기간 nan · <NA> · None · 12.5 · NaN%") == \
        ["nan", "<NA>", "None", "NaN"]
    assert MISSING_WORDS.findall("sb-provenance finance Nonetheless nan.png") == []


def month_pages(reports: Path) -> dict[str, Path]:
    """Every page of a build: {'<as_of>/<name>': path} and the index."""
    return {"index": reports / "index.html",
            **{f"{page.parent.name}/{page.stem}": page
               for page in sorted(reports.glob("*/*.html"))}}


def test_axe_finds_no_violation_on_any_page_of_three_months(built_months, tmp_path_factory):
    source = axe_source(tmp_path_factory.mktemp("axe"))

    def audit(page, width):
        page.add_script_tag(content=source)
        return page.evaluate(AXE_RUN)

    pages = month_pages(built_months)
    assert len(pages) >= 1 + 3 * len(SECTIONS)
    found = measure_pages(pages, WIDTHS, audit, bypass_csp=True)
    violations = {key: value for key, value in found.items() if value}
    assert violations == {}, violations


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


class _Links(HTMLParser):
    """The links to the source page on a page (href, title), or a source page's anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.anchors: set[str] = set()
        self.texts: dict[str, str] = {}
        self._line: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("class") == "sb-src":
            self.links.append((found.get("href") or "", found.get("title") or ""))
        if found.get("class") == "sb-line" and found.get("id"):
            self.anchors.add(found["id"])
        self._line = found["id"] if found.get("class") == "sb-line" else self._line
        if found.get("class") == "sb-lt" and self._line:
            self.texts[self._line] = ""

    def handle_data(self, data: str) -> None:
        if self._line in self.texts:
            self.texts[self._line] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._line = None


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


class _Sources:
    """Every month's source page of a build: its anchors and line texts, and its report's
    lines as printed, by the source page's resolved path."""

    def __init__(self, reports: Path) -> None:
        self.parsed: dict[Path, _Links] = {}
        self.printed: dict[Path, list[str]] = {}
        for source in sorted(reports.glob("*/source.html")):
            self.parsed[source.resolve()] = _parsed(source)
            self.printed[source.resolve()] = (
                reports.parent / "raw" / source.parent.name / "report.txt").read_text(
                "utf-8").splitlines()

    def check(self, page: Path, href: str, title: str) -> Path:
        """Assert that ``href`` (relative to ``page``) lands on a line of a month's source page
        and ``title`` shows that line as printed; return the source page."""
        target = urlsplit(href)
        source = (page.parent / unquote(target.path)).resolve()
        assert source in self.parsed, (page.name, href)
        lines, printed = self.parsed[source], self.printed[source]
        assert target.fragment in lines.anchors, (page.name, href)
        number = int(target.fragment[1:])
        text = " | ".join(c.strip() for c in printed[number - 1].split("\t")).strip(" |")
        assert title == f"원문 {number}행: {text}"[:400] or title.endswith("…"), title
        assert lines.texts[target.fragment] == printed[number - 1]  # as printed
        return source


def test_every_link_to_a_source_line_lands_on_it_and_shows_its_printed_text(built_months):
    sources = _Sources(built_months)
    counted, elsewhere = {}, 0
    for source in sources.parsed:
        assert len(sources.parsed[source].anchors) == len(sources.printed[source])  # each line
        for page in sorted(source.parent.glob("*.html")):
            if page.name == "source.html":
                continue
            links = _parsed(page).links
            counted[f"{source.parent.name}/{page.stem}"] = len(links)
            for href, title in links:
                elsewhere += sources.check(page, href, title) != source
    assert len({key.split("/")[0] for key in counted}) == 3
    # program rows, revenue items, settlement lines, project figures and findings link
    for name in ("02_revenue", "03_expenditure", "04_settlement", "05_key_projects"):
        assert all(count > 10 for key, count in counted.items() if key.endswith(name)), counted
    # 06 of June and July: programs removed or re-budgeted link to the month before's lines
    assert elsewhere >= 2


# What one page shows as figures: every table figure and headline card, with the link it
# carries (resolved by the browser), its hover text, its table and column, and whether it
# is a total row.
_FIGURES = """() => Array.from(document.querySelectorAll(
    '.sb-table tbody td.num, .sb-card-figure')).filter(el => /\\d/.test(el.innerText))
  .map(el => {
    const table = el.closest('.sb-table');
    const caption = table ? ((table.querySelector('caption') || {}).innerText || '') : '';
    const heads = table ? Array.from(table.querySelectorAll('thead th')) : [];
    const link = el.querySelector('a.sb-src');
    const row = el.closest('tr');
    return {table: table ? caption.trim() : '카드',
            column: row && heads[el.cellIndex] ? heads[el.cellIndex].innerText.trim() : '',
            row: row ? Array.from(row.parentNode.children).indexOf(row) : 0,
            total: !!(row && row.classList.contains('total')),
            text: el.innerText.trim(),
            href: link ? link.getAttribute('href') : null,
            resolved: link ? link.href : null, title: link ? link.title : ''};
  })"""
# Figures no one line of a report holds, left unlinked on purpose or not yet linked:
NOT_FROM_ONE_LINE = (
    "절별 검증 결과",  # counts of this analysis's findings, not the report's figures
)
NOT_FROM_ONE_LINE_COLUMNS = (
    "주요업무",  # a count of a department's duty lines, printed nowhere
    "사업 수",  # 06: a count of a month's program rows, printed nowhere
    "연간 경과율",  # 06: the share of the year gone at a 기준일, a date's, not the report's
)
# 06 (June): a re-budgeted program whose earlier month printed it on two lines (summed)
SUMMED_ROWS = ("예산현액이 바뀐 사업",)
# 06: a department's budget change made of no program added, removed or rebudgeted: a 0
# summed from no line
ZERO_SUMS = ("부서별 예산현액 증감과 그 구성",)


def _is_exempt(figure: dict, linked_rows: set[tuple[str, int]],
               rows: set[tuple[str, int]]) -> bool:
    """Return True for a figure no single line holds: see NOT_FROM_ONE_LINE; or a total row
    of a selection whose every other row links (the total is their sum)."""
    if figure["table"].startswith(NOT_FROM_ONE_LINE + SUMMED_ROWS):
        return True
    if figure["column"].startswith(NOT_FROM_ONE_LINE_COLUMNS):
        return True
    if figure["table"].startswith(ZERO_SUMS) and figure["text"] == "0":
        return True
    body = {row for row in rows if row[0] == figure["table"]} - {
        (figure["table"], figure["row"])}
    return figure["total"] and bool(body) and body <= linked_rows


def test_every_figure_of_three_months_links_to_its_line_in_a_browser(built_months):
    """The issue's Done-when: in Chromium, every figure element of every page of three months
    carries a link to an existing line anchor, its hover text that line as printed; one link
    per page is followed and lands on its line."""
    sources = _Sources(built_months)
    pages = {key: path for key, path in month_pages(built_months).items() if key != "index"
             and not key.endswith("/source")}
    assert len(pages) == 3 * len(SECTIONS)

    def figures_and_a_visit(page, width):
        found = page.evaluate(_FIGURES)
        first = next((f["resolved"] for f in found if f["resolved"]), None)
        landed = None
        if first:
            page.goto(first, wait_until="load")
            landed = page.evaluate("() => { const el = document.getElementById("
                                   "location.hash.slice(1)); return el && el.className; }")
        return {"figures": found, "landed": landed}

    seen = measure_pages(pages, [1366], figures_and_a_visit)
    counts: dict[str, tuple[int, int]] = {}
    missing = []
    for (key, _), result in seen.items():
        figures = result["figures"]
        rows = {(f["table"], f["row"]) for f in figures}
        unlinked_rows = {(f["table"], f["row"]) for f in figures if not f["href"]}
        linked_rows = rows - unlinked_rows
        for figure in figures:
            if figure["href"]:
                sources.check(pages[key], figure["href"], figure["title"])
            elif not _is_exempt(figure, linked_rows, rows):
                missing.append((key, figure["table"], figure["column"], figure["row"]))
        linked = sum(bool(f["href"]) for f in figures)
        counts[key] = (linked, len(figures))
        if linked:
            assert result["landed"] == "sb-line", key  # the followed link reached its line
    assert missing == [], missing[:20]
    # the figures counted (linked, all), by page: pages of figures link nearly all of them
    assert sum(linked for linked, _ in counts.values()) >= 3000, counts
    for section in ("01_staffing", "02_revenue", "03_expenditure", "04_settlement",
                    "05_key_projects"):
        for key, (linked, every) in counts.items():
            if key.endswith(section):
                assert linked >= 0.95 * every, (key, linked, every)


# Words of the software, not of the report, a reviewer should never meet on a page.
SOFTWARE_WORDS = ("스냅숏", "스냅샷", "선택한 기준", "부서를 골라도", "data/raw", "data/processed",
                  "errata.csv", "매개변수", "파라미터", "커널", "DataFrame", "정오표")


def test_no_software_words_on_any_page_of_three_months(built_months):
    pages = [path for key, path in month_pages(built_months).items()
             if not key.endswith("/source")]  # the report's own text is as printed
    assert len(pages) == 1 + 3 * len(SECTIONS)
    for page in pages:
        text = visible_text(page, attributes=True)
        found = [word for word in SOFTWARE_WORDS if word in text]
        assert found == [], (page.relative_to(built_months), found)


def test_a_dated_figure_is_set_against_the_elapsed_share_of_its_own_date(built_months):
    # 방문수 58,696명 printed for 2023. 1. 16. ~ 6. 1. (line 177): 152 of 365 days = 41.6 %,
    # on the July page too (its 기준일 7.31. would give 58.1 %)

    july = visible_text(built_months / "2023-07-31" / "05_key_projects.html")
    assert "(2023. 6. 1. 기준 연간 경과율 41.6%)" in july


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


def test_no_page_section_shows_one_money_figure_in_two_units(built_reports):
    # item 8: the settlement's 집행잔액 143,205백만원 in the takeaways and 143,205,000천원 in
    # the table below was one figure in two units: a section's tables and text, with the
    # page's takeaways above them, write each figure in one unit
    def sections(page, width):
        return page.evaluate(_SECTION_MONEY)

    pages = {name: built_reports / DAY / f"{name}.html" for name in SECTIONS}
    twice, paired = {}, 0
    for (name, _), found in measure_pages(pages, [1366], sections).items():
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


_CHART_DATA = """() => Array.from(document.querySelectorAll('figure.chart')).map(chart => {
    const after = chart.nextElementSibling;  // the output right after the chart's
    const details = after ? after.querySelector(':scope > details.sb-chart-data') : null;
    if (!details) return {found: false};
    const cells = Array.from(details.querySelectorAll('tbody td.num'))
      .filter(td => /\\d/.test(td.textContent));
    return {found: true, open: details.open,
            summary: details.querySelector('summary').textContent.trim(),
            figures: cells.length,
            linked: cells.filter(td => td.querySelector('a.sb-src')).length};
  })"""


def test_every_chart_s_figures_are_under_it_folded_away_and_linked(built_months):
    # every chart of every page of three months has its figures as a table under it, closed,
    # each figure linked to its line (the figures test checks where the links land)
    pages = {key: path for key, path in month_pages(built_months).items()
             if key != "index" and not key.endswith("/source")}
    charts = tables = figures = linked = 0
    for (key, _), found in measure_pages(pages, [1366],
                                         lambda page, width: page.evaluate(_CHART_DATA)).items():
        for chart in found:
            charts += 1
            assert chart["found"], key
            assert not chart["open"] and chart["summary"] == "차트 자료", (key, chart)
            assert chart["figures"] > 0, (key, chart)
            tables += 1
            figures += chart["figures"]
            linked += chart["linked"]
    assert charts >= 3 * 16 and tables == charts, (charts, tables)
    # 48 charts, 885 figures in the three months: every one linked
    assert linked == figures and figures > 10 * charts, (linked, figures)

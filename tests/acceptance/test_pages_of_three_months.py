"""The reviewer pages of three months (tests/monthly.py: May as bundled, June and July made
from it), built once (conftest.py ``built_months``) and read as a reviewer checks them: every
figure linked to its printed line, every chart's figures beside it, no missing-value words,
no software words, every glyph embedded, and axe-core's accessibility rules at 390 and
1366 px. Apart from test_pages.py (one month's layout and print) so that the two run on two
test workers at once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import AXE_RUN, axe_source, measure_pages
from pages import SECTIONS, WIDTHS, embedded_characters, visible_text

from seoul_budget.build.webfont import page_characters

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


def is_section_page(url: str) -> bool:
    """True for a section page (not the index, not a source page) of a build."""
    return not url.endswith(("/index.html", "/source.html"))


@pytest.fixture(scope="module")
def browsed(built_months, tmp_path_factory) -> dict[tuple[str, int], dict]:
    """Every page of the three months opened once at each width: {(page, width): what was
    found}. On every page, axe-core's violations; at 1366 px on a section page also the
    figures under each chart (``charts``), every figure with its link (``figures``) and the
    class of the element that following the first link lands on (``landed``; last, since it
    leaves the page)."""
    source = axe_source(tmp_path_factory.mktemp("axe"))

    def measure(page, width: int) -> dict:
        page.add_script_tag(content=source)
        found = {"violations": page.evaluate(AXE_RUN)}
        if width == 1366 and is_section_page(page.url):
            found["charts"] = page.evaluate(_CHART_DATA)
            found["figures"] = page.evaluate(_FIGURES)
            first = next((f["resolved"] for f in found["figures"] if f["resolved"]), None)
            found["landed"] = None
            if first:
                page.goto(first, wait_until="load")
                found["landed"] = page.evaluate(
                    "() => { const el = document.getElementById(location.hash.slice(1));"
                    " return el && el.className; }")
        return found

    pages = month_pages(built_months)
    assert len(pages) >= 1 + 3 * len(SECTIONS)
    return measure_pages(pages, WIDTHS, measure, bypass_csp=True)


def section_pages(browsed: dict[tuple[str, int], dict]) -> dict[str, dict]:
    """{page: what was found at 1366 px} of the section pages."""
    return {key: found for (key, width), found in browsed.items()
            if width == 1366 and "figures" in found}


def test_axe_finds_no_violation_on_any_page_of_three_months(browsed):
    violations = {key: found["violations"] for key, found in browsed.items()
                  if found["violations"]}
    assert violations == {}, violations

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


def test_every_figure_of_three_months_links_to_its_line_in_a_browser(built_months, browsed):
    """The issue's Done-when: in Chromium, every figure element of every page of three months
    carries a link to an existing line anchor, its hover text that line as printed; one link
    per page is followed and lands on its line."""
    sources = _Sources(built_months)
    pages = {key: path for key, path in month_pages(built_months).items() if key != "index"
             and not key.endswith("/source")}
    seen = section_pages(browsed)
    assert set(seen) == set(pages) and len(pages) == 3 * len(SECTIONS)
    counts: dict[str, tuple[int, int]] = {}
    missing = []
    for key, result in seen.items():
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


def test_every_chart_s_figures_are_under_it_folded_away_and_linked(browsed):
    # every chart of every page of three months has its figures as a table under it, closed,
    # each figure linked to its line (the figures test checks where the links land)
    charts = tables = figures = linked = 0
    for key, page in section_pages(browsed).items():
        found = page["charts"]
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

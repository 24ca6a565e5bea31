"""build/source_page.py: a snapshot's report as a page, one anchor per line, text as printed."""

from __future__ import annotations

from datetime import date

from seoul_budget.build.render import link_sources
from seoul_budget.build.source_page import printed_lines, source_page, write_source_page

LINES = ["□ 세출\t예산", "디지탈정책관\t1,000\t<b>", ""]


def test_every_line_has_its_anchor_and_its_text_as_printed():
    page = source_page(LINES, "2031-05-31/report.txt", None, "2031년 5월 31일 기준")
    assert page.count('class="sb-line"') == 3
    for number in (1, 2, 3):
        assert f'id="L{number}"' in page and f'href="#L{number}"' in page
    assert "디지탈정책관\t1,000\t&lt;b&gt;" in page  # garbled name, tabs kept; markup escaped
    assert "default-src 'none'" in page and '<html lang="ko">' in page


def test_the_page_is_written_once_for_the_same_report(tmp_path):
    report = tmp_path / "raw" / "2031-05-31" / "report.txt"
    report.parent.mkdir(parents=True)
    report.write_text("\n".join(LINES), encoding="utf-8")
    folder = tmp_path / "reports" / "2031-05-31"
    args = (report, folder, date(2031, 5, 31), None)
    assert write_source_page(*args) is True
    assert write_source_page(*args) is False
    assert printed_lines(report) == LINES[:2] or printed_lines(report)[:2] == LINES[:2]


def test_a_link_to_a_line_points_at_the_page_and_shows_the_printed_text():
    body = 'x <a class="sb-src" href="source.html#L2">2</a> y'
    linked = link_sources(body, "../2031-05-31/source.html", LINES)
    assert ('<a class="sb-src" href="../2031-05-31/source.html#L2" '
            'title="원문 2행: 디지탈정책관 | 1,000 | &lt;b&gt;">2</a>') in linked


def test_a_bidi_control_shows_as_a_mark_and_reorders_nothing(tmp_path):
    # U+202E (right-to-left override) before a program's figures would show them reversed
    # ('원억3.05'); U+2067 and U+200E are as invisible. Each shows as a mark where it was.
    report = tmp_path / "raw" / "2031-05-31" / "report.txt"
    report.parent.mkdir(parents=True)
    report.write_text("□ 세출\n\t엠보팅\u2067 서비스\u202e 운영\t\u200e206,044\t93.3%\n",
                      encoding="utf-8")
    lines = printed_lines(report)
    assert lines[1] == "\t엠보팅⟦U+2067⟧ 서비스⟦U+202E⟧ 운영\t⟦U+200E⟧206,044\t93.3%"
    body = link_sources('<a class="sb-src" href="source.html#L2">206,044</a>', "", lines)
    page = source_page(lines, "2031-05-31/report.txt", None, "2031년 5월 31일 기준")
    for shown in (body, page):
        assert not any(char in shown for char in "\u2067\u202e\u200e")
    assert "서비스⟦U+202E⟧ 운영 | ⟦U+200E⟧206,044 | 93.3%" in body


def test_a_link_to_another_months_line_points_at_that_months_page_and_text(tmp_path):
    earlier = tmp_path / "raw" / "2031-04-30" / "report.txt"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("□ 세출\n정보시설팀관\t500", encoding="utf-8")
    reports = {"2031-04-30": str(earlier)}
    body = ('<a class="sb-src" href="source.html#L2" data-snapshot="2031-04-30">500</a> '
            '<a class="sb-src" href="source.html#L2" data-snapshot="2031-05-31">1,000</a>')
    linked = link_sources(body, "../2031-05-31/source.html", LINES, reports)
    assert ('<a class="sb-src" href="../2031-04-30/source.html#L2" '
            'title="원문 2행: 정보시설팀관 | 500">500</a>') in linked
    # its own month's line, named by date, stays on its own page
    assert ('<a class="sb-src" href="../2031-05-31/source.html#L2" '
            'title="원문 2행: 디지탈정책관 | 1,000 | &lt;b&gt;">1,000</a>') in linked
    # a department's page lies one folder deeper: the months stay side by side
    deeper = link_sources(body, "../../2031-05-31/source.html", LINES, reports)
    assert 'href="../../2031-04-30/source.html#L2"' in deeper


def test_a_page_beside_its_source_page_links_it_by_name():
    from seoul_budget.build.navigation import source_href

    assert source_href("2031-05-31", date(2031, 5, 31)) == "source.html"
    assert source_href("2031-05-31/데이터센터", date(2031, 5, 31)) == "../../2031-05-31/source.html"
    body = '<a class="sb-src" href="source.html#L1" data-snapshot="2031-05-31">x</a>'
    assert link_sources(body, "source.html", LINES, {}, "2031-05-31") == (
        '<a class="sb-src" href="source.html#L1" title="원문 1행: □ 세출 | 예산">x</a>')


def test_a_link_names_the_printed_page_of_its_line():
    lines = ["□ 세출\t예산", "디지탈정책관\t1,000", "- 4 -", "정보시설팀관\t500"]
    body = ('<a class="sb-src" href="source.html#L2">1,000</a>'
            '<a class="sb-src" href="source.html#L4">500</a>')
    linked = link_sources(body, "source.html", lines)
    assert 'title="원문 2행 (4쪽): 디지탈정책관 | 1,000"' in linked
    assert 'title="원문 4행 (5쪽): 정보시설팀관 | 500"' in linked
    assert "쪽" not in link_sources(body, "source.html", LINES + [""])

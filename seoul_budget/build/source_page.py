"""``reports/<as_of>/source.html``: a snapshot's report as printed, one anchor per line.

Every figure a reviewer page shows links here (``source.html#L<line>``), so a reader can
check it against the text it was read from. The text is the report's own, untouched but for
HTML escaping (tabs, garbled names and printed units as they are) and invisible format
characters shown as a visible mark (a bidi control would reorder the figures after it), under
the pages' stylesheet and Content-Security-Policy, offline. The page is rewritten only when
its bytes change.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from ..atomic import write_text_atomic
from ..parse.text import decode_korean, marked_invisible, read_lines, text_lines
from ..subject import Subject
from .jobs import report_name, snapshot_label
from .webfont import FONT_MARKER, with_font

SOURCE_FILE = "source.html"
STYLESHEET = Path(__file__).resolve().parent.parent / "templates" / "reviewer" / "page.css"
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "base-uri 'none'; form-action 'none'")  # the reviewer pages' policy
NOTE = ("분석 보고서의 수치가 읽힌 원문 파일 {file}입니다. 줄마다 행 번호가 있고, 보고서의 수치를 "
        "누르면 그 행으로 옵니다. 글자는 원문 그대로이며(잘못 적힌 이름과 단위도 고치지 "
        "않았습니다), 칸은 탭으로 나뉘어 있습니다.")
_PAGE = "\n".join([
    "<!DOCTYPE html>", '<html lang="ko">', "<head>", '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
    '<meta name="generator" content="seoul_budget">', "<title>{title}</title>", "{font}",
    "<style>", "{css}", "</style>", "</head>", "<body>",
    '<header class="topbar"><div class="topbar-inner"><p class="masthead">'
    '<span class="bureau">{bureau}</span> <span class="snapshot">{label}</span></p>',
    '<nav aria-label="보고서 목록"><ol><li><a class="to-index" href="../index.html">전체 목록'
    "</a></li></ol></nav></div></header>",
    '<main id="content">', "<h1>원문 ({label})</h1>", '<p class="sb-note">{note}</p>',
    '<div class="sb-source" role="region" tabindex="0" aria-label="원문 {label}">', "{lines}",
    "</div>", "</main>", "</body>", "</html>", ""])


def source_lines_html(lines: list[str]) -> str:
    """Return the report's lines as HTML: one block per line, anchored ``L<n>`` (1-based),
    its number a link to itself, its text escaped and otherwise as printed."""
    return "\n".join(
        f'<div class="sb-line" id="L{number}"><a class="sb-ln" href="#L{number}">{number}</a>'
        f'<span class="sb-lt">{html.escape(text, quote=False)}</span></div>'
        for number, text in enumerate(lines, start=1))


def source_page(lines: list[str], file_label: str, subject: Subject | None,
                label: str) -> str:
    """Return the source page of one snapshot: ``lines`` of its report (as read by the
    parser, so line numbers agree with every ``source_line``), ``file_label`` the report's
    file within its snapshot folder, ``label`` the snapshot's ('2031년 5월 31일 기준')."""
    bureau = report_name(subject)
    page = _PAGE.format(title=html.escape(f"원문 — {bureau} {label}"), font=FONT_MARKER,
                        css=STYLESHEET.read_text(encoding="utf-8"),
                        bureau=html.escape(bureau), label=html.escape(label),
                        note=html.escape(NOTE.format(file=file_label), quote=False),
                        lines=source_lines_html(lines))
    return with_font(page)


def printed_lines(report_path: Path) -> list[str]:
    """Return the report's lines as printed (decoded, not normalised; invisible format
    characters marked: :func:`seoul_budget.parse.text.marked_invisible`), numbered as the
    parser numbers them (:func:`seoul_budget.parse.text.read_lines`, which also refuses a
    file that is no report)."""
    parsed = read_lines(report_path)
    text = decode_korean(report_path.read_bytes()) or ""
    printed = text_lines(text.removeprefix("\ufeff"))
    if len(printed) != len(parsed):  # a line break the parser reads otherwise: its text
        return [line.text for line in parsed]
    return [marked_invisible(line) for line in printed]


def write_source_page(report_path: Path, folder: Path, as_of: date,
                      subject: Subject | None) -> bool:
    """Write ``folder/source.html`` for the report at ``report_path`` (the snapshot of
    ``as_of``) unless it already holds the same bytes; return True if it was (re)written."""
    page = source_page(printed_lines(report_path), f"{as_of.isoformat()}/{report_path.name}",
                       subject, snapshot_label(as_of))
    target = folder / SOURCE_FILE
    if target.is_file() and target.read_text(encoding="utf-8") == page:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, page)
    return True

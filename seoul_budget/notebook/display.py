"""What notebooks display: Markdown, charts, headline cards, key takeaways, tables, the page
header, the findings of a section and links to the other sections. IPython is imported
inside these functions, so the library imports without Jupyter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .. import formatting as fmt
from .. import plotting
from ..catalog import KEY_FIGURE_METADATA, KEY_LINES_METADATA, NOTEBOOKS, OVERVIEW, titled
from ..hashing import file_sha256
from ..metrics.takeaways import Takeaways
from ..parse.document import missing_tables
from .context import Context
from .escape import html_text
from .findings import CORRECTED, ERROR, KIND_TITLES, WARNING
from .findings_view import findings_section_html
from .html import basis_html, cards_html, chart_data_html, table_html


def input_fingerprint(path: Path) -> str:
    """Return the first 12 hex digits of the SHA-256 of a file (shown for provenance)."""
    return file_sha256(path)[:12]


def _show_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def md(text: str) -> None:
    """Display Markdown (narrative computed from the data)."""
    from IPython.display import Markdown, display

    display(Markdown(text))


CHART_METADATA = "seoul_budget_chart"


def chart_bundle(fig: Any, alt: str | None = None) -> tuple[dict[str, str], dict[str, Any]]:
    """Return the display data and metadata of a chart: a PNG and its description as plain
    text (what notebook viewers show), and in the metadata the SVG for a wide and a narrow
    page, which the reviewer pages use (:mod:`seoul_budget.build.render`)."""
    chart = plotting.chart_output(fig, alt)
    data = {"image/png": chart.png_base64, "text/plain": f"그림: {chart.alt}"}
    metadata = {"image/png": {"width": chart.width_px},
                CHART_METADATA: {"alt": chart.alt, "width": chart.width_px,
                                 "wide": chart.wide_svg, "narrow": chart.narrow_svg}}
    return data, metadata


def chart_title(fig: Any) -> str:
    """Return the title a chart shows on one line ('' if none): the figure's title, else its
    first axes' title."""
    title = fig.get_suptitle() or next(
        (ax.get_title() for ax in fig.get_axes() if ax.get_title()), "")
    return " ".join(title.split())


def show(fig: Any, alt: str | None = None, data: pd.DataFrame | None = None,
         **table: Any) -> None:
    """Display a matplotlib figure once (see :func:`chart_bundle`) and release it; ``alt``
    replaces the chart's own description. ``data``, the figures the chart draws, is shown
    under it folded away (:func:`.html.chart_data_html`, with ``table``'s keyword arguments
    of :func:`.html.table_html`: ``lines`` links each figure to its line)."""
    from IPython.display import display

    title = chart_title(fig)
    bundle, metadata = chart_bundle(fig, alt)
    display(bundle, raw=True, metadata=metadata)
    plotting.close(fig)
    if data is not None:
        _show_html(chart_data_html(data, title, **table))


def header_block(ctx: Context, section: str) -> str:
    """Return the HTML shown under a notebook's title: snapshot and scope, a notice for each
    section of the page the report does not print, and in small type the source file (within
    its snapshot folder) and its SHA-256 prefix."""
    path = Path(ctx.params.report_path)
    source = f"{path.parent.name}/{path.name}"
    lines = [f'<p class="sb-scope"><strong>기준일</strong> {ctx.as_of.year}. {ctx.as_of.month}. '
             f"{ctx.as_of.day}. · <strong>범위</strong> {html_text(ctx.scope)}</p>"]
    if ctx.department:
        lines.append(f"<blockquote>이 보고서는 <strong>{html_text(ctx.department)}</strong> "
                     "한 부서로 좁혀 보여 줍니다. 부서로 나뉘지 않는 표(세입 등)는 "
                     f"{html_text(ctx.subject.whole_bureau)} 수치입니다.</blockquote>")
    lines += missing_notices(ctx, section, source)
    lines += unit_warnings(ctx, section)
    lines.append(f'<p class="sb-provenance">원문 파일 {html_text(source)} · SHA-256 '
                 f"{input_fingerprint(path)}</p>")
    return "".join(lines)


def missing_notices(ctx: Context, section: str, source: str) -> list[str]:
    """Return an HTML notice for each section of the page (any, for the overview and the
    trends page) the report does not print: the heading expected and where it was looked
    for, in ``source`` (the file as the page names it). The page shows no figure of it."""
    own = set(NOTEBOOKS[section].tables)
    notices = []
    for missing in ctx.report.missing:
        tables = set(missing_tables((missing,)))
        if own and not tables & own:
            continue
        after = (f" '{missing.after}'({missing.after_line}행) 뒤에서" if missing.after
                 else " 처음부터")
        until = (f" '{missing.until}'({missing.until_line}행) 앞까지" if missing.until
                 else " 끝까지")
        notices.append(
            f'<blockquote class="sb-warning">⚠ <strong>원문에 없는 절</strong> — '
            f"「{html_text(missing.title)}」: 제목 '{html_text(missing.heading)}'을(를) 원문 "
            f"{html_text(source)}의{html_text(after)}{html_text(until)} 찾았으나 없습니다. "
            "이 절의 표와 수치는 보여 줄 수 없습니다.</blockquote>")
    return notices


def unit_warnings(ctx: Context, section: str) -> list[str]:
    """Return HTML warnings, in report order, that a table of the section (any, for the
    overview) is printed 1,000× off its unit note (the report's unit record) and in which
    unit the page reads it, so a reader matching the print knows; each after the ``unit``
    finding's message, which says why."""
    record = ctx.report.table_units
    tables = [table for table, unit in record.items() if unit.slipped and (
        section == OVERVIEW or table in NOTEBOOKS[section].tables)]
    tables.sort(key=lambda table: record[table].why.note_line if record[table].why else 0)
    findings = ctx.findings
    messages = dict(zip(findings.loc[findings["check"] == "unit", "table"],
                        findings.loc[findings["check"] == "unit", "message"], strict=True))
    warnings = []
    for table in tables:
        printed, read = record[table].printed, record[table].read(ctx.report.reading)
        shown = (f"이 페이지는 이 표의 수치를 {html_text(read)} 단위로 읽어 보여 줍니다. 원문과 "
                 f"대조할 때는 원문 수치를 {html_text(read)} 단위로 읽으세요(원문의 단위 표기 "
                 f"{html_text(printed)}대로 읽으면 금액이 1,000배 달라집니다)."
                 if read != printed else "이 표의 금액과 그로부터 계산한 증감·비율은 원문의 "
                 "단위 표기를 따른 것이라 실제와 1,000배 다를 수 있습니다.")
        warnings.append(f'<blockquote class="sb-warning">⚠ <strong>단위 확인 필요</strong> — '
                        f"{html_text(messages.get(table, ''))} {shown}</blockquote>")
    return warnings


def error_banner(ctx: Context) -> str:
    """Return the warning a page carries at its top while reconciliation errors remain in its
    snapshot (HTML, escaped), or '' when none remains."""
    errors = int((ctx.findings["severity"] == "error").sum())
    if not errors:
        return ""
    day = fmt.format_day(ctx.as_of)
    return ('<div class="sb-alert" role="alert" style="border: 2px solid #C0392B; '
            'background: #FDECEA; color: #7B1E14; padding: 10px 14px; border-radius: 6px; '
            'margin: 8px 0;"><strong>검증 오류 '
            f'{errors}건</strong> — {html_text(day)} 기준 원문에는 다른 수치와 맞지 않고 '
            '분석 정정 목록으로도 고치지 않은 수치가 남아 있습니다. 이 보고서의 합계·비율 '
            '가운데 일부는 '
            '틀릴 수 있으니, 보고서 끝의 데이터 검증 결과를 먼저 확인하세요.</div>')


def show_header(ctx: Context, section: str) -> None:
    """Display the header block of a section notebook and, while reconciliation errors remain
    in the snapshot, a warning above everything else."""
    _show_html(error_banner(ctx) + header_block(ctx, section))


def takeaways_html(takeaways: Takeaways) -> str:
    """Return a page's key takeaways as an escaped list under '핵심 내용', each with the
    report lines its figures are read from ('근거: 484행')."""
    lines = [*takeaways.lines, *[()] * len(takeaways.sentences)]
    items = "".join(f"<li>{html_text(sentence)}{basis_html(lines[i])}</li>"
                    for i, sentence in enumerate(takeaways.sentences))
    return f'<section class="sb-takeaways"><h2>핵심 내용</h2><ul>{items}</ul></section>'


def show_takeaways(takeaways: Takeaways) -> None:
    """Display a page's key takeaways; its key figure and the report lines behind it go into
    the output's metadata, where the build finds them for the index."""
    from IPython.display import display

    display({"text/html": takeaways_html(takeaways),
             "text/plain": "\n".join(takeaways.sentences)}, raw=True,
            metadata={KEY_FIGURE_METADATA: takeaways.key_figure,
                      KEY_LINES_METADATA: list(takeaways.key_lines)})


def show_cards(cards: Sequence[tuple[str, str, str]]) -> None:
    """Display :func:`cards_html`."""
    _show_html(cards_html(cards))


def show_table(frame: pd.DataFrame, **kwargs: Any) -> None:
    """Display :func:`table_html` of ``frame`` (same arguments)."""
    _show_html(table_html(frame, **kwargs))


def show_findings(ctx: Context, section: str,
                  kinds: Sequence[str] | None = None) -> pd.DataFrame:
    """Display a section's data quality: the verdict ('원문 오류 5건 정정, 남은 오류 0건'),
    each correction once, then the findings of ``kinds`` (all by default); return the
    findings of the section. ``section`` 'overview' covers every table."""
    # The overview and the trends notebook have no tables of their own: they cover them all.
    tables = None if section == OVERVIEW or not NOTEBOOKS[section].tables \
        else NOTEBOOKS[section].tables
    findings, corrections = ctx.findings_about(tables), ctx.corrections_to(tables)
    _show_html(findings_section_html(findings, corrections, tuple(kinds or KIND_TITLES),
                                     ctx.subject))
    return findings.reset_index(drop=True)


OVERVIEW_KINDS = (CORRECTED, ERROR, WARNING)  # rounding and notes stay on each section's page


def section_links(current: str = OVERVIEW, values: Mapping[str, object] | None = None) -> str:
    """Return Markdown links to every section's HTML report (same folder), in reading order,
    each with what it holds; the catalog's placeholders (years, the number of key projects)
    filled from ``values`` (:attr:`Context.catalog_values`), else left out."""
    lines = []
    for section in NOTEBOOKS.values():
        if section.key == current:
            continue
        holds = f" — {titled(section.holds, values)}" if section.holds else ""
        lines.append(f"- [{titled(section.title, values)}]({section.stem}.html){holds}")
    return "\n".join(lines)

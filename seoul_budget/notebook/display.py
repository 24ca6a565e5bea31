"""What notebooks display: Markdown, charts, headline cards, tables, the page header, the
findings of a section and links to the other sections. IPython is imported inside these
functions, so the library imports without Jupyter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .. import plotting
from ..catalog import NOTEBOOKS, OVERVIEW
from ..hashing import file_sha256
from ..snapshots import project_root
from .context import Context
from .findings import (
    SEVERITIES,
    corrections_display,
    corrections_for,
    findings_display,
    findings_for,
    findings_html,
    findings_summary,
)
from .html import cards_html, table_html


def input_fingerprint(path: Path) -> str:
    """Return the first 12 hex digits of the SHA-256 of a file (shown for provenance)."""
    return file_sha256(path)[:12]


def display_path(path: Path) -> str:
    """Return ``path`` relative to the project folder when it is inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def md(text: str) -> None:
    """Display Markdown (narrative computed from the data)."""
    from IPython.display import Markdown

    _display(Markdown(text))


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


def show(fig: Any, alt: str | None = None) -> None:
    """Display a matplotlib figure once (see :func:`chart_bundle`) and release it; ``alt``
    replaces the chart's own description."""
    from IPython.display import display

    data, metadata = chart_bundle(fig, alt)
    display(data, raw=True, metadata=metadata)
    plotting.close(fig)


def header_block(ctx: Context, section: str) -> str:
    """Return the Markdown shown under a notebook's title: snapshot, scope and source file."""
    path = ctx.params.report_path
    lines = [
        f"**기준일** {ctx.as_of.year}. {ctx.as_of.month}. {ctx.as_of.day}. · "
        f"**범위** {ctx.scope} · **원문** `{display_path(path)}` "
        f"(SHA-256 `{input_fingerprint(path)}`)",
    ]
    if ctx.department:
        lines.append("")
        lines.append(f"> 이 보고서는 **{ctx.department}** 한 부서로 좁혀 보여 줍니다. "
                     "부서로 나뉘지 않는 표(세입 등)는 국 전체 수치입니다.")
    return "\n".join(lines)


def show_header(ctx: Context, section: str) -> None:
    """Display the header block of a section notebook."""
    md(header_block(ctx, section))


def show_cards(cards: Sequence[tuple[str, str, str]]) -> None:
    """Display :func:`cards_html`."""
    from IPython.display import HTML

    _display(HTML(cards_html(cards)))


def show_table(frame: pd.DataFrame, **kwargs: Any) -> None:
    """Display :func:`table_html` of ``frame`` (same arguments)."""
    from IPython.display import HTML

    _display(HTML(table_html(frame, **kwargs)))


def show_findings(ctx: Context, section: str,
                  severities: Sequence[str] | None = None) -> pd.DataFrame:
    """Display a section's data-quality findings (of ``severities``; all by default) and the
    corrections applied to its tables, printed and corrected figures side by side; return the
    findings shown. ``section`` 'overview' covers every table."""
    from IPython.display import HTML

    tables = None if section == OVERVIEW else NOTEBOOKS[section].tables
    every = findings_for(ctx.findings, tables, ctx.department)
    findings = every if severities is None else every[every["severity"].isin(list(severities))]
    corrections = corrections_for(ctx.corrections, tables, ctx.department)
    md(f"**검증 요약** — {findings_summary(every, corrections)}")
    if len(findings):
        _display(HTML(findings_html(findings_display(findings),
                                    "원문 수치 검증 결과 (원문 값과 계산 값 대조)")))
    elif severities is not None:
        shown = "·".join(SEVERITIES[s] for s in severities)
        rest = len(every)
        md(f"{shown}에 해당하는 불일치는 없습니다."
           + (f" 참고 사항 {rest}건은 각 절의 보고서에 있습니다." if rest else ""))
    else:
        md("이 절의 표에서 맞지 않는 수치는 발견되지 않았습니다.")
    if len(corrections):
        _display(HTML(findings_html(corrections_display(corrections),
                                    "정오표로 정정한 수치 (원문 값 → 정정 값)")))
    return findings.reset_index(drop=True)


def section_links(current: str = OVERVIEW) -> str:
    """Return Markdown links to every section's HTML report (same folder), in reading order."""
    lines = []
    for section in NOTEBOOKS.values():
        if section.key == current:
            continue
        lines.append(f"- [{section.title}]({section.stem}.html)")
    return "\n".join(lines)

"""What notebooks display: Markdown, charts, headline cards, tables, the page header, the
findings of a section and links to the other sections. IPython is imported inside these
functions, so the library imports without Jupyter."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .. import formatting as fmt
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
    severity_counts,
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


def show(fig: Any) -> None:
    """Display a matplotlib figure once and release it."""
    _display(fig)
    plotting.close(fig)


def header_block(ctx: Context, section: str) -> str:
    """Return the Markdown shown under a notebook's title: snapshot, scope and source file."""
    path = ctx.params.report_path
    lines = [
        f"**기준일** {fmt.format_day(ctx.as_of)} · "
        f"**범위** {ctx.scope} · **원문** `{display_path(path)}` "
        f"(SHA-256 `{input_fingerprint(path)}`)",
    ]
    if ctx.department:
        lines.append("")
        lines.append(f"> 이 보고서는 **{ctx.department}** 한 부서로 좁혀 보여 줍니다. "
                     "부서로 나뉘지 않는 표(세입 등)는 국 전체 수치입니다.")
    lines += unit_warnings(ctx, section)
    return "\n".join(lines)


def unit_warnings(ctx: Context, section: str) -> list[str]:
    """Return Markdown lines warning that a table of the section (any, for the overview) is
    printed 1,000× off its unit note: its amounts and the changes computed from them are not
    to be read as printed (the ``unit`` findings say which unit is likely)."""
    findings = ctx.findings
    slips = findings[(findings["check"] == "unit") & (findings["severity"] == "error")]
    if section != OVERVIEW:
        slips = slips[slips["table"].isin(list(NOTEBOOKS[section].tables))]
    lines = []
    for row in slips.itertuples(index=False):
        lines += ["", f"> ⚠ **단위 확인 필요** — {row.message} 이 표의 금액과 그로부터 계산한 "
                  "증감·비율은 원문의 단위 표기를 따른 것이라 실제와 1,000배 다릅니다."]
    return lines


def error_banner(ctx: Context) -> str:
    """Return the warning a page carries at its top while reconciliation errors remain in its
    snapshot (HTML, escaped), or '' when none remains."""
    errors = severity_counts(ctx.findings)["error"]
    if not errors:
        return ""
    day = fmt.format_day(ctx.as_of)
    return ('<div class="sb-alert" role="alert" style="border: 2px solid #C0392B; '
            'background: #FDECEA; color: #7B1E14; padding: 10px 14px; border-radius: 6px; '
            'margin: 8px 0;"><strong>검증 오류 '
            f'{errors}건</strong> — {html.escape(day)} 기준 원문에는 다른 수치와 맞지 않고 '
            '정오표로도 고치지 않은 수치가 남아 있습니다. 이 보고서의 합계·비율 가운데 일부는 '
            '틀릴 수 있으니, 보고서 끝의 데이터 검증 결과를 먼저 확인하세요.</div>')


def show_header(ctx: Context, section: str) -> None:
    """Display the header block of a section notebook and, while reconciliation errors remain
    in the snapshot, a warning above everything else."""
    banner = error_banner(ctx)
    if banner:
        from IPython.display import HTML

        _display(HTML(banner))
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

    # The overview and the trends notebook have no tables of their own: they cover them all.
    tables = None if section == OVERVIEW or not NOTEBOOKS[section].tables \
        else NOTEBOOKS[section].tables
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

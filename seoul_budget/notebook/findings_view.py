"""The data-quality part of a page as HTML: the verdict first ('원문 오류 5건 정정, 남은 오류
0건'), then each correction once (printed → corrected, the reason in Korean, the English
folded away), remaining errors and warnings, rounding differences in a compact table, and
explained notes. Every text is escaped; a text from the data is cut to a few lines
(:func:`.escape.html_fit`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..subject import Subject
from ..textwidth import PROSE_UNITS
from .escape import html_fit, html_text
from .findings import (
    CORRECTED,
    ERROR,
    NOTE,
    ROUNDING,
    WARNING,
    ReaderFinding,
    quality_counts,
    quality_sentence,
    reader_corrections,
    reader_findings,
)
from .html import source_link, table_html

HEADINGS = {CORRECTED: "분석 정정 목록으로 고친 원문 오류", ERROR: "남은 오류",
            WARNING: "확인이 필요한 경고",
            ROUNDING: "반올림 차이 (오류 아님)", NOTE: "참고 사항 (설명이 되는 차이)"}
INTROS = {
    CORRECTED: "원문에 잘못 인쇄된 수치입니다. 정정은 보고서를 낸 기관이 발표한 것이 아니라, "
               "이 분석을 만든 쪽이 원문의 다른 수치로 확인해 정한 것입니다(분석 정정 목록; "
               "항목마다 결정한 사람과 날짜를 적었습니다). "
               "이 보고서의 표와 그림은 정정 값을 씁니다.",
    ROUNDING: "원문 합계·비율과 세부 항목으로 다시 계산한 값이 인쇄 단위(1천원, 1백만원, "
              "0.1%) 안에서 다른 경우입니다. 반올림으로 설명되므로 오류가 아닙니다.",
    NOTE: "표 사이에서 다르지만 까닭이 확인된 수치입니다(분류 차이, 조직 개편, 이월 등).",
}


def _english(text: str) -> str:
    if not text:
        return ""
    return (f'<details class="sb-en"><summary>English</summary>'
            f"<p>{html_fit(text, PROSE_UNITS)}</p></details>")


def _where(item: ReaderFinding) -> str:
    number = "".join(char for char in item.line if char.isdigit())
    ref = (f' <span class="sb-finding-ref">{source_link(number, item.line)}</span>'
           if item.line else "")
    return f'<p class="sb-where">{html_fit(item.where)}{ref}</p>'


def _item(item: ReaderFinding) -> str:
    reason = f"<p>{html_fit(item.text_ko, PROSE_UNITS)}</p>" if item.text_ko else ""
    if item.kind == CORRECTED:
        figures = (f"<p>원문 <strong>{html_fit(item.printed)}</strong> → 정정 "
                   f"<strong>{html_fit(item.expected)}</strong></p>")
        reason = f"<p>사유: {html_fit(item.text_ko, PROSE_UNITS)}</p>" if item.text_ko else ""
        reason += f'<p class="sb-decided">{html_fit(item.decided)}</p>' if item.decided else ""
    elif item.kind == NOTE:  # the message states the figures and why they differ
        figures = ""
    else:
        parts = [f"{label} <strong>{html_fit(value)}</strong>" for label, value in
                 (("원문", item.printed), ("다시 계산한 값", item.expected),
                  ("정정 제안", item.suggestion)) if value]
        figures = f"<p>{', '.join(parts)}</p>" if parts else ""
    return f"<li>{_where(item)}{figures}{reason}{_english(item.text_en)}</li>"


def _block(kind: str, items: Sequence[ReaderFinding]) -> str:
    if not items:
        return ""
    intro = f"<p>{html_text(INTROS[kind])}</p>" if kind in INTROS else ""
    heading = f"<h3>{html_text(HEADINGS[kind])} ({len(items)}건)</h3>"
    if kind == ROUNDING:
        return heading + intro + rounding_table(items)
    return f'{heading}{intro}<ol class="sb-findings-list">{"".join(map(_item, items))}</ol>'


def rounding_table(items: Sequence[ReaderFinding]) -> str:
    """Return the rounding differences as one compact table (where, printed, recomputed,
    difference; the line as a small reference)."""
    frame = pd.DataFrame({
        "위치": [i.row for i in items], "표": [i.table for i in items],
        "원문 값": [i.printed for i in items],
        "다시 계산한 값": [i.expected for i in items], "차이": [i.difference for i in items],
        "source_line": [i.line.removeprefix("원문 ").removesuffix("행") for i in items]})
    return table_html(frame, units=dict.fromkeys(frame.columns, None),
                      labels={"source_line": "원문 행"},
                      align_right=["원문 값", "다시 계산한 값", "차이", "source_line"],
                      caption="반올림 차이 (원문 값과 다시 계산한 값)")


def findings_section_html(findings: pd.DataFrame, corrections: pd.DataFrame,
                          kinds: Sequence[str] = (CORRECTED, ERROR, WARNING, ROUNDING, NOTE),
                          subject: Subject | None = None) -> str:
    """Return a section's data-quality HTML: the verdict, then the ``kinds`` shown (titles
    with the years of the report's ``subject``)."""
    counts = quality_counts(findings, corrections)
    found = reader_findings(findings, subject)
    parts = [f'<div class="sb-findings"><p class="sb-verdict"><strong>'
             f"{html_text(quality_sentence(counts))}</strong></p>"]
    for kind in kinds:
        items = (reader_corrections(corrections, subject) if kind == CORRECTED
                 else [f for f in found if f.kind == kind])
        parts.append(_block(kind, items))
    return "".join(parts) + "</div>"

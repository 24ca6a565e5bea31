"""Reader's HTML for notebook outputs: headline cards and tables with Korean headers, units
and figures formatted as a Korean reader expects. Every text is HTML-escaped; the same frame
always gives the same HTML."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .. import formatting as fmt
from ..schemas import column_labels, column_unit

UNIT_SUFFIX = {"KRW": None, "persons": "명", "signed": "명", "percent": "%", "points": "%p"}

# Korean labels and units of the columns metrics add (the data dictionary covers the rest).
COMPUTED_LABELS: dict[str, str] = {
    "programs": "사업 수", "committed_rate": "집행률(원인행위)", "spent_rate": "지출률",
    "rate": "집행률", "elapsed": "연간 경과율", "gap_pp": "경과율 대비",
    "shortage": "부족 인원", "fill_rate": "충원율", "share": "비율",
    "change": "증감액", "change_rate": "증감률", "status": "구분",
    "budget_share": "예산 비중", "specialists": "기술·전문 직렬", "specialist_share":
    "기술·전문 직렬 비율", "unspent_recomputed": "집행잔액 재계산 (A−B−C−D)",
    "carried_over_share": "이월 비율", "subsidy_share": "보조금반납 비율",
    "unspent_share": "집행잔액 비율", "execution_rate": "집행률 (A−E)/A",
    "collection_rate": "수납률 (수납/징수결정)", "assessed_vs_budget": "징수결정/예산현액",
    "duties": "주요업무 수",
    "as_of": "기준일", "budget_before": "이전 예산현액", "budget_after": "예산현액",
    "budget_change": "예산현액 증감", "committed_before": "이전 원인행위액",
    "committed_after": "원인행위액", "committed_change": "원인행위액 증감",
    "spent_before": "이전 지출액", "spent_after": "지출액", "spent_change": "지출액 증감",
    "added": "신규 사업", "removed": "삭제 사업", "rebudgeted": "예산 변경",
    "new_name": "바뀐 이름",
}
COMPUTED_UNITS: dict[str, str] = {
    "programs": "count", "committed_rate": "percent", "spent_rate": "percent",
    "rate": "percent", "elapsed": "percent", "gap_pp": "points", "shortage": "persons",
    "fill_rate": "percent", "share": "percent", "change": "KRW", "change_rate": "percent",
    "budget_share": "percent", "specialists": "persons", "specialist_share": "percent",
    "unspent_recomputed": "KRW", "carried_over_share": "percent", "subsidy_share": "percent",
    "unspent_share": "percent", "execution_rate": "percent", "collection_rate": "percent",
    "assessed_vs_budget": "percent", "duties": "count",
    "budget_before": "KRW", "budget_after": "KRW", "budget_change": "KRW",
    "committed_before": "KRW", "committed_after": "KRW", "committed_change": "KRW",
    "spent_before": "KRW", "spent_after": "KRW", "spent_change": "KRW", "added": "KRW",
    "removed": "KRW", "rebudgeted": "KRW",
}


def _unit_label(unit: str | None, money_unit: str) -> str | None:
    if unit == "KRW":
        return money_unit
    return UNIT_SUFFIX.get(unit or "")


def cards_html(cards: Sequence[tuple[str, str, str]]) -> str:
    """Return headline figures as a row of cards: (label, figure, note) each, HTML-escaped."""
    items = []
    for label, figure, note in cards:
        items.append(
            '<div style="flex: 1 1 180px; border: 1px solid #D9DEE4; border-radius: 6px; '
            'padding: 10px 14px; background: #F7F9FB;">'
            f'<div style="font-size: 0.85em; color: #555;">{html.escape(label)}</div>'
            f'<div style="font-size: 1.45em; font-weight: bold; color: #2F5D8C;">'
            f'{html.escape(figure)}</div>'
            f'<div style="font-size: 0.8em; color: #555;">{html.escape(note)}</div></div>')
    return ('<div style="display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0;">'
            + "".join(items) + "</div>")


def _formatter(unit: str | None, money_unit: str, decimals: int | None) -> Callable[[Any], str]:
    if unit == "KRW":
        return fmt.money_formatter(money_unit, decimals or 0)
    if unit in ("persons", "count"):
        return lambda v: fmt.format_number(v, decimals or 0)
    if unit == "percent":
        return lambda v: fmt.format_number(v, 1 if decimals is None else decimals)
    if unit == "signed":
        return lambda v: fmt.format_signed_persons(v, suffix=False)
    if unit == "points":
        return lambda v: fmt.format_points(v, 1 if decimals is None else decimals)[:-2] \
            if not fmt.is_missing(v) else ""
    return lambda v: "" if fmt.is_missing(v) else str(v)


SHORT_TEXT = 16  # text columns no longer than this stay on one line


def table_html(frame: pd.DataFrame, *, table: str | None = None,
               labels: Mapping[str, str] | None = None,
               units: Mapping[str, str | None] | None = None, money_unit: str = "천원",
               decimals: Mapping[str, int] | None = None, caption: str | None = None,
               highlight: Iterable[bool] | None = None, note: str | None = None,
               align_right: Sequence[str] = ()) -> str:
    """Return a reader's HTML table: Korean headers with units, formatted figures.

    A column's label comes from ``labels``, else from the data dictionary of ``table``
    (:func:`seoul_budget.schemas.column_labels`); its unit ('KRW', 'persons', 'percent' or
    None) from ``units``, else from the data dictionary. Money is shown in ``money_unit``;
    headers carry the unit ('예산현액 (천원)'). ``highlight`` marks rows to emphasise;
    ``align_right`` names text columns holding figures (right-aligned like numbers). All text
    is HTML-escaped. Output is deterministic (ids derive from the content).
    """
    labels = dict(labels or {})
    units = dict(units or {})
    decimals = dict(decimals or {})
    known = column_labels(table) if table else {}
    shown = pd.DataFrame(index=range(len(frame)))
    numeric: list[str] = []
    for column in frame.columns:
        if column in units:
            unit = units[column]
        elif table and column in known:
            unit = column_unit(table, column)
        else:
            unit = COMPUTED_UNITS.get(column)
        label = labels.get(column) or known.get(column) or COMPUTED_LABELS.get(column) or column
        suffix = _unit_label(unit, money_unit)
        heading = fmt.header(label, suffix) if suffix else label
        values = frame[column].tolist()
        shown[heading] = [_formatter(unit, money_unit, decimals.get(column))(v) for v in values]
        if unit is not None or column in align_right:
            numeric.append(heading)
    digest = hashlib.sha256((caption or "").encode() + repr(list(shown.columns)).encode()
                            + repr(shown.to_numpy().tolist()).encode()).hexdigest()[:10]
    styler = shown.style.hide(axis="index").format(escape="html")
    styler = styler.format_index(escape="html", axis="columns").set_uuid(f"sb{digest}")
    styler = styler.set_table_attributes('class="sb-table"')
    styles: list[dict[str, Any]] = [
        {"selector": "", "props": "border-collapse: collapse; font-size: 0.92em;"},
        {"selector": "caption", "props": "caption-side: top; text-align: left; "
                                         "font-weight: bold; padding: 4px 0;"},
        {"selector": "th", "props": "background: #EEF2F6; padding: 4px 8px; "
                                    "text-align: center; white-space: nowrap;"},
        {"selector": "td", "props": "padding: 3px 8px; border-bottom: 1px solid #E6E9ED;"},
    ]
    styler = styler.set_table_styles(styles)
    text_columns = [c for c in shown.columns if c not in numeric]
    short_text = [c for c in text_columns
                  if shown[c].map(len).max(skipna=True) <= SHORT_TEXT] if len(shown) else []
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right",
                                                          "white-space": "nowrap"})
    if text_columns:
        styler = styler.set_properties(subset=text_columns, **{"text-align": "left"})
    if short_text:
        styler = styler.set_properties(subset=short_text, **{"white-space": "nowrap"})
    if highlight is not None:
        flags = list(highlight)
        styler = styler.apply(lambda row: ["background: #FCEBDD; font-weight: bold;"
                                           if flags[row.name] else "" for _ in row], axis=1)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    out = styler.to_html()
    if note:
        out += f'<p style="font-size: 0.85em; color: #555;">{html.escape(note)}</p>'
    return out



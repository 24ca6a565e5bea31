"""Reader's HTML for notebook outputs: headline cards and tables with Korean headers, units
and figures formatted as a Korean reader expects.

The markup is plain and semantic (``<th scope="row">`` row headers, a caption, classes for
figures); its look comes from the reviewer page's stylesheet (``templates/reviewer``), so a
page carries one stylesheet, not one per table. A wide table sits in a box that scrolls
sideways on a narrow screen, with a hint saying so. Every text is HTML-escaped, and a cell's
text longer than a cell should hold is cut with '…' (its fuller text in a ``title``, see
:func:`.escape.html_fit`); the same frame always gives the same HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

import pandas as pd

from .. import formatting as fmt
from ..metrics.printed import CORRECTION, REASON_NOTES, TotalRow, line_tuple
from ..schemas import COMPUTED, column_labels, column_spec, column_unit
from ..subject import Subject
from ..textwidth import CELL_UNITS, TITLE_UNITS, char_units, shorten
from .escape import html_fit, html_text

UNIT_SUFFIX = {"persons": "명", "signed": "명", "percent": "%", "points": "%p"}
PHONE_TABLE_EM = 27.0  # what a phone shows of a table (362 px at 13 px a character)
KEEP_TOGETHER_ROWS = 15  # a table this short is printed on one page, not split
HIGHLIGHT_STYLE = "background: #FCEBDD"  # also seen in notebook viewers without our CSS
TABLE_MONEY_UNIT = "천원"  # the unit tables show money in, unless a page asks for another
SCROLL_HINT = "표가 화면보다 넓습니다. 옆으로 밀면 나머지 열이 보입니다."
HINT_COLUMNS = 3  # the columns off a phone's screen a hint names; more are counted


def scroll_hint(labels: Sequence[str], widths: Sequence[float]) -> str:
    """Return what a wide table says on a phone: that it scrolls, and which columns lie
    beyond the screen's right edge, :data:`PHONE_TABLE_EM` (column widths in em, the first
    column always shown): the first few by name, the rest counted."""
    hidden, edge = [], 0.0
    for index, (label, width) in enumerate(zip(labels, widths, strict=True)):
        edge += width
        if index and edge > PHONE_TABLE_EM:
            hidden.append(label)
    if not hidden:
        return SCROLL_HINT
    named = ", ".join(f"‘{name}’" for name in hidden[:HINT_COLUMNS])
    more = f" 등 {len(hidden)}개" if len(hidden) > HINT_COLUMNS else ""
    return (f"표가 화면보다 넓습니다. 표를 옆으로 밀면 오른쪽의 {named}{more} 열이 "
            "보입니다.")


Card = tuple[str, str, str] | tuple[str, str, str, Sequence[Any]]


def _line_name(line: Any) -> str:
    """Return how a basis names a line: '25행', or with its report's 기준일 for another
    snapshot's ('2031. 5. 31. 485행': two months may print on the same line number)."""
    if isinstance(line, LineRef):
        return f"{fmt.format_day(line.snapshot)} {line.line}행"
    return f"{line}행"


def basis_html(lines: Iterable[Any]) -> str:
    """Return the lines a computed figure is read from as links: '근거: 25행, 31행'."""
    numbers = line_tuple(*lines)
    if not numbers:
        return ""
    links = ", ".join(source_link(number, _line_name(number)) for number in numbers)
    return f'<span class="sb-basis">근거: {links}</span>'


def cards_html(cards: Sequence[Card]) -> str:
    """Return headline figures as a row of cards, HTML-escaped: (label, figure, note) each,
    and optionally the source lines the figure is read or computed from (a rate from its
    numerator's and denominator's): the figure links to the first, and where there are
    several the card lists them ('근거: 25행, 31행')."""
    items = []
    for label, figure, note, *rest in cards:
        lines = line_tuple(*rest[0]) if rest else ()
        shown = source_link(lines[0], figure) if lines else html_text(figure)
        basis = basis_html(lines) if len(lines) > 1 else ""
        items.append(f'<div class="sb-card"><div class="sb-card-label">{html_text(label)}</div>'
                     f'<div class="sb-card-figure">{shown}</div>'
                     f'<div class="sb-card-note">{html_text(note)}{basis}</div></div>')
    return f'<div class="sb-cards">{"".join(items)}</div>'


def _formatter(unit: str | None, money_unit: str, decimals: int | None) -> Callable[[Any], str]:
    if unit == "KRW":
        return lambda v: fmt.format_money(v, money_unit, decimals or 0)
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


def _column_unit(column: str, table: str | None, known: Mapping[str, str],
                 units: Mapping[str, str | None]) -> str | None:
    if column in units:
        return units[column]
    if table and column in known:
        return column_unit(table, column)
    computed = column_spec(COMPUTED, column)  # a column the metrics add
    return computed.unit if computed is not None else None


def _column_label(column: str, labels: Mapping[str, str], known: Mapping[str, str]) -> str:
    computed = column_spec(COMPUTED, column)
    return (labels.get(column) or known.get(column)
            or (computed.title if computed is not None else column))


def _em(text: str) -> float:
    """Return the width of ``text`` in em: a wide character (a Hangul syllable, '△') 1, a
    digit or Latin letter ~0.58 (:func:`seoul_budget.textwidth.char_units` says which)."""
    return sum(1.0 if char_units(char) == 2 else 0.58 for char in text)


def min_width_em(heading: str, texts: Sequence[str], classes: Sequence[str]) -> float:
    """Return the narrowest a column can be (em): its widest word of the heading, its widest
    figure or short text (they do not wrap), its widest word of longer text; plus padding."""
    nowrap = "num" in classes or "short" in classes
    words = list(texts) if nowrap else [word for text in texts for word in text.split()]
    return max([_em(w) for w in heading.split()] + [_em(w) for w in words] + [0.0]) + 1.1


def _total_cells(total: TotalRow | Mapping[str, Any], order: Sequence[str],
                 formatters: Mapping[str, Callable[[Any], str]]
                 ) -> tuple[dict[str, str], dict[str, str]]:
    """Return the total row's figures and notes, formatted like their columns."""
    if not isinstance(total, TotalRow):
        return {c: formatters[c](total[c]) for c in order if c in total}, {}
    values, notes = {}, {}
    for column in order:
        figure = total.value(column)
        if figure is None:
            continue
        values[column] = formatters[column](figure)
        reason = total.reasons.get(column)
        if reason == CORRECTION and column in total.printed_as:
            notes[column] = f"원문 {formatters[column](total.printed_as[column])} · 정정"
        elif reason:
            shown = formatters[column](total.recomputed[column])
            notes[column] = f"합계 {shown} · {REASON_NOTES[reason]}"
    return values, notes


SOURCE_PAGE = "source.html"  # the snapshot's report as a page (seoul_budget.build.source_page)
SOURCE_COLUMN = "source_line"


class LineRef(NamedTuple):
    """A line of another snapshot's report: ``snapshot`` its 기준일 (ISO), ``line`` 1-based."""

    snapshot: str
    line: int


def line_refs(lines: Iterable[Any], snapshot: date | str) -> list[LineRef | None]:
    """Return ``lines`` of the report of ``snapshot`` (its 기준일) as :class:`LineRef`s, None
    for a missing one: a table comparing months links each figure to its own month's line."""
    day = snapshot.isoformat() if isinstance(snapshot, date) else str(snapshot)
    return [None if fmt.is_missing(line) else LineRef(day, int(line)) for line in lines]


def source_link(line: Any, text: str | None = None) -> str:
    """Return a link to a line of the snapshot's source page, or of another snapshot's for a
    :class:`LineRef` (``text`` alone for no line): its text the line number, or ``text``; the
    build points it at that snapshot's page and adds the line's printed text as its title."""
    snapshot = ""
    if isinstance(line, LineRef):
        snapshot = f' data-snapshot="{html_text(line.snapshot)}"'
        line = line.line
    if fmt.is_missing(line) or not str(line).strip().isdigit():
        return html_text(text or "")
    number = int(str(line).strip())
    return (f'<a class="sb-src" href="{SOURCE_PAGE}#L{number}"{snapshot}>'
            f"{html_text(text if text is not None else str(number))}</a>")


def _cell(tag: str, text: str, classes: Sequence[str], scope: str | None = None,
          note: str = "", line: Any = None) -> str:
    attrs = f' scope="{scope}"' if scope else ""
    attrs += f' class="{" ".join(classes)}"' if classes else ""
    extra = f'<span class="sb-recomputed">{html_text(note)}</span>' if note else ""
    if isinstance(line, list | tuple) and not isinstance(line, LineRef):  # several lines
        numbers = line_tuple(*line)
        line = numbers[0] if numbers else None
        extra += basis_html(numbers) if len(numbers) > 1 else ""
    body = source_link(line, text) if line is not None and text else html_fit(text)
    return f"<{tag}{attrs}>{body}{extra}</{tag}>"


# A page shows at most this many rows of a table: a reader scans a few hundred, and a table
# of thousands (still under the report's size limit) made pages of tens of megabytes and
# notebooks ten times that. The rows left out are counted under the table; every row is in
# the snapshot's workbook and CSV files.
MAX_PAGE_ROWS = 300


def _hidden_lines(frame: pd.DataFrame, lines: str | Sequence[Any] | Mapping[str, str] | None
                  ) -> tuple[list[Any] | None, dict[str, list[Any]], list[str]]:
    """Return (each row's line, {figure column: each row's line}, the columns of ``frame``
    that hold them, not figures) from :func:`table_html`'s ``lines``."""
    if isinstance(lines, str):
        return frame[lines].tolist(), {}, [lines]
    if isinstance(lines, Mapping):
        return (None, {column: frame[held].tolist() for column, held in lines.items()},
                list(dict.fromkeys(lines.values())))
    return (None if lines is None else list(lines)[:len(frame)]), {}, []


def table_html(frame: pd.DataFrame, *, table: str | None = None,
               labels: Mapping[str, str] | None = None,
               units: Mapping[str, str | None] | None = None,
               money_unit: str = TABLE_MONEY_UNIT,
               decimals: Mapping[str, int] | None = None, caption: str | None = None,
               highlight: Iterable[bool] | None = None, note: str | None = None,
               align_right: Sequence[str] = (), row_header: str | None = None,
               total: TotalRow | Mapping[str, Any] | None = None, total_label: str = "계",
               subject: Subject | None = None,
               lines: str | Sequence[Any] | Mapping[str, str] | None = None) -> str:
    """Return a reader's HTML table: Korean headers with units, formatted figures.

    A column's label comes from ``labels``, else from the data dictionary of ``table``
    (:func:`seoul_budget.schemas.column_labels`; a year in it from the report's
    ``subject``: '<fiscal year> 예산현액'), else from its columns the metrics add
    (``schemas.COMPUTED``); its unit ('KRW', 'persons', 'percent' or None) from ``units``,
    else from the data dictionary the same way. Money is shown in ``money_unit``;
    headers carry the unit ('예산현액 (천원)'). The ``row_header`` column (default: the first)
    comes first and heads each row (``<th scope="row">``, kept in view while the table
    scrolls sideways). ``highlight`` marks rows to emphasise; ``align_right`` names text
    columns holding figures. Every figure of a row links to the row's source line:
    its ``source_line`` column when the table shows one, else ``lines``: a column of
    ``frame`` (then not shown), one line per row, or per figure column the column of
    ``frame`` holding its line (a row joined from two tables' lines; a list of lines for a
    figure computed from several: it links to the first and lists them). ``total`` ends the
    table with a ``total_label`` row: a :class:`~seoul_budget.metrics.printed.TotalRow`
    (its printed figures, and under each
    one that is not the rows' sum, the sum and why) or plain column -> value. All text is
    HTML-escaped. At most :data:`MAX_PAGE_ROWS` rows are shown (the ``total`` is still the
    whole table's); a line under the table counts the rest.
    """
    hidden = max(len(frame) - MAX_PAGE_ROWS, 0)
    flagged = list(highlight)[:MAX_PAGE_ROWS] if highlight is not None else None
    frame = frame.iloc[:MAX_PAGE_ROWS]
    row_lines, column_lines, held = _hidden_lines(frame, lines)
    frame = frame.drop(columns=[c for c in held if c in frame.columns])
    labels, units, decimals = dict(labels or {}), dict(units or {}), dict(decimals or {})
    known = column_labels(table, subject) if table else {}
    order = list(frame.columns)
    if row_header is not None and row_header in order:
        order.remove(row_header)
        order.insert(0, row_header)
    heads, formatters, classes = [], {}, {}
    for column in order:
        unit = _column_unit(column, table, known, units)
        label = _column_label(column, labels, known)
        suffix = money_unit if unit == "KRW" else UNIT_SUFFIX.get(unit or "")
        heads.append(fmt.header(label, suffix) if suffix else label)
        formatters[column] = _formatter(unit, money_unit, decimals.get(column))
        if unit is not None or column in align_right:
            classes[column] = ["num"]
        else:
            longest = max((len(shorten(v, CELL_UNITS)) for v in frame[column].tolist()),
                          default=0)
            classes[column] = ["text"] + (["short"] if longest <= SHORT_TEXT else [])
    flags = flagged if flagged is not None else [False] * len(frame)
    body = []
    # Every figure of a row links to the row's line of the source page when the table shows
    # it; the 계 row's figures to the printed total's line.
    at = order.index(SOURCE_COLUMN) if SOURCE_COLUMN in order[1:] else None
    for index, record in enumerate(frame[order].itertuples(index=False, name=None)):
        row_line = (record[at] if at is not None
                    else row_lines[index] if row_lines is not None else None)
        cells = [_cell("th" if i == 0 else "td", formatters[c](v), classes[c],
                       "row" if i == 0 else None,
                       line=(v if c == SOURCE_COLUMN
                             else column_lines[c][index] if c in column_lines else row_line)
                       if i and (c == SOURCE_COLUMN or "num" in classes[c]) else None)
                 for i, (c, v) in enumerate(zip(order, record, strict=True))]
        mark = f' class="hl" style="{HIGHLIGHT_STYLE}"' if flags[index] else ""
        body.append(f"<tr{mark}>{''.join(cells)}</tr>")
    if total is not None:
        values, notes = _total_cells(total, order, formatters)
        total_line = total.source_line if isinstance(total, TotalRow) else None
        cells = [_cell("th", total_label, classes[order[0]], "row")]
        cells += [_cell("td", values.get(c, ""), classes[c], note=notes.get(c, ""),
                        line=total_line if c != SOURCE_COLUMN else None)
                  for c in order[1:]]
        body.append(f'<tr class="total">{"".join(cells)}</tr>')
    head = "".join(_cell("th", h, classes[c], "col") for h, c in zip(heads, order, strict=True))
    caption = shorten(caption, TITLE_UNITS) if caption else None
    title = f"<caption>{html_text(caption)}</caption>" if caption else ""
    shown = {c: [shorten(formatters[c](v), CELL_UNITS) for v in frame[c].tolist()]
             for c in order}
    widths = [min_width_em(h, shown[c], classes[c]) for h, c in zip(heads, order, strict=True)]
    wide = sum(widths) > PHONE_TABLE_EM
    # A box that may scroll sideways is reached by keyboard too (a tab stop), named for a
    # screen reader by its caption.
    region = (f' role="region" tabindex="0" aria-label="{html_text(caption or "표")}"')
    keep = len(body) <= KEEP_TOGETHER_ROWS
    kinds = "".join((" sb-wide" if wide else "", " sb-keep" if keep else ""))
    out = (f'<div class="sb-table{kinds}">'
           f'<div class="sb-scroll"{region}><table>{title}<thead><tr>{head}</tr></thead>'
           f'<tbody>{"".join(body)}</tbody></table></div>')
    if wide:
        names = [_column_label(c, labels, known) for c in order]
        out += f'<p class="sb-hint">{html_text(scroll_hint(names, widths))}</p>'
    if hidden:
        out += (f'<p class="sb-note">처음 {len(frame):,}행만 보입니다. 나머지 {hidden:,}행은 '
                "이 보고서의 통합문서(xlsx)와 CSV 파일에 있습니다.</p>")
    if note:
        out += f'<p class="sb-note">{html_text(note)}</p>'
    return out + "</div>"


CHART_DATA = "차트 자료"


def chart_data_html(frame: pd.DataFrame, title: str, **table: Any) -> str:
    """Return the figures a chart draws as a table folded away under it ('차트 자료'): a
    :func:`table_html` of ``frame`` (same keyword arguments: ``lines`` links each figure to
    its line, as in every table), captioned with the chart's ``title``; closed until a reader
    opens it, left out of print (the chart is printed)."""
    caption = f"{CHART_DATA}: {title}" if title else CHART_DATA
    return (f'<details class="sb-chart-data"><summary>{CHART_DATA}</summary>'
            f"{table_html(frame, caption=caption, **table)}</details>")


"""Figures in a key project's text: each number with its unit, the label the text gives it,
its period and its line — read by what the text says, the same way for every project.

A figure is a number with a unit of count, money or share printed after it ('1,234명',
'2,000백만원', '12.5%', '10만명'); money is stored in 원 and 만명 in 명, the unit as printed
kept beside. Its label is what the text puts before it: the line's heading ('(참여인원)',
'지원규모 :', '월 이용자(명) :' — whose unit also reads the bare numbers of the line) and the
words of its own clause ('60대 이상 비율', '태블릿'), a counted noun after '개' ('20개 팀'),
a target or change word after it ('목표', '상승'); where the clause says nothing, the label
of the figure it stands for (after '→', or the count a share is of), the heading, or the
words that follow. Its period comes from the dates next to it, then from its clause, its
line, and the bullet it sits under (whose 기준 date it shares), else the report's fiscal
year (:mod:`seoul_budget.parse.dates`).

Numbers that are no figures are left out: ranges ('2~5명'), thresholds ('1000㎡ 이상',
'5점만점'), kinds and ages ('4대 보험', '60대 이상'), dates, times and table rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_periods
from .figure_labels import (
    CHANGES,
    PARTICLES,
    STRONG,
    TARGET,
    Figure,
    TextLine,
    describe,
    strip_particle,
    strong_start,
    words,
)
from .text import label_key

# Units a figure may carry, longest first; each maps to (the unit stored, its multiplier).
UNITS: dict[str, tuple[str, int]] = {
    "백만원": ("원", 1_000_000), "억원": ("원", 100_000_000), "천원": ("원", 1_000),
    "만원": ("원", 10_000), "원": ("원", 1), "만명": ("명", 10_000), "천명": ("명", 1_000),
    "명": ("명", 1), "개소": ("개소", 1), "개사": ("개사", 1), "가구": ("가구", 1),
    "개": ("개", 1), "건": ("건", 1), "곳": ("곳", 1), "대": ("대", 1), "회": ("회", 1),
    "팀": ("팀", 1), "점": ("점", 1), "%p": ("%p", 1), "%": ("%", 1), "종": ("종", 1),
    "편": ("편", 1), "권": ("권", 1), "톤": ("톤", 1), "㎡": ("㎡", 1), "km": ("km", 1)}
_FIGURE = re.compile(r"(?<![\d,.~])(?<!제)(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                     r"\s?(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + ")")
_BARE = re.compile(r"\((?P<number>\d{1,3}(?:,\d{3})+|\d+)\)")
_DIGIT = re.compile(r"\d")
_HANGUL = re.compile(r"[가-힣]+")
_NEXT_WORD = re.compile(r"\s+(?P<w>[가-힣]+)")
_CLAUSE_HEAD = re.compile(r"\s*[가-힣]{2,}\s*[:：]")
_THRESHOLD = re.compile(r"\s?(?:이상|이하|미만|초과|내외|만점)")
_TARGET_OR_CHANGE = (TARGET, *CHANGES)


@dataclass(frozen=True)
class Context:
    """What a line passes to the lines under it: its 기준 date and the year it is about."""

    as_of: str = ""
    year: int | None = None


def metric_id(label: str, unit: str) -> str:
    """Return the stable id of a metric: its label without spaces, and its unit
    ('월 이용자', '명' → '월이용자_명')."""
    return f"{label_key(label)}_{unit}"


def bullet_level(text: str) -> tuple[int, str]:
    """Return (indent level, text after the bullet mark): '- x' is 0, ' - x' is 1."""
    match = re.match(r"^(?P<indent>\s*)(?:[-▪•➔▶]\s*)?", text)
    indent = len(match["indent"]) if match else 0
    return (0 if indent == 0 else 1), text[match.end() if match else 0:]


def line_context(text: str, year: int) -> Context:
    """Return what a bullet passes to the bullets under it: its 기준 date, else the first
    year it names."""
    if not _DIGIT.search(text):
        return Context()
    dates = find_periods(text, year)
    as_of = next((f.period for f in dates if f.as_of), "")
    named = next((f.year for f in dates if f.explicit_year), None)
    return Context(as_of, named)


def line_figures(text: str, year: int, context: Context = Context(),
                 heading: str = "", topics: dict[str, str] | None = None) -> list[Figure]:
    """Return the figures of one line of a project's text, labelled, each with its period.

    ``year``: the report's fiscal year (for dates without one); ``context``: the bullet the
    line sits under; ``heading``: a heading to use when the line has none ('사업예산' for
    the figures of a budget note); ``topics``: {unit: label} of earlier figures of the
    project, for a figure whose line names nothing at all (updated with this line's)."""
    if not _DIGIT.search(text):
        return []  # no number, no figure (most lines of a project's text)
    line = _read_line(bullet_level(text)[1], year, heading)
    figures = _find(line)
    for index, figure in enumerate(figures):
        describe(line, figures, index)
        figure.period = _period(line, figure, context, year)
    topics = {} if topics is None else topics
    for figure in figures:
        label = figure.label()
        if not label:
            figure.subject, figure.fallback = topics.get(figure.unit, ""), True
        elif not figure.fallback:
            topics[figure.unit] = re.sub(r"^(?:월|일|연)\s+", "", label)
    return [f for f in figures if f.subject or f.heading or f.noun or f.suffix]


def _read_line(text: str, year: int, heading: str) -> TextLine:
    """Return a line with its heading ('(x)' at its start or 'x :' before its figures)."""
    line = TextLine(text, dates=find_periods(text, year))
    match = re.match(r"\s*\((?P<h>[^()\d]{1,30})\)\s*", text)
    colon = re.search(r"(?<!\d)\s*[:：]\s*(?!\d)", text)
    if match:
        line.heading, line.heading_end = match["h"], match.end()
    elif colon and len(text[:colon.start()].split()) <= 8:
        line.heading, line.heading_end = text[:colon.start()], colon.end()
    if line.heading:
        unit = re.search(r"\((?P<u>[^()]+)\)\s*$", line.heading)
        if unit and unit["u"] in UNITS:
            line.heading_unit = unit["u"]
        cleaned = re.sub(r"\([^()]*\)", " ", line.heading)
        line.parts = tuple(words(p) for p in cleaned.split("/"))
        line.heading = words(cleaned.replace("/", " ")) if len(line.parts) < 2 else ""
        line.parts = line.parts if len(line.parts) >= 2 else ()
    elif heading:
        line.heading = heading
    return line


def _find(line: TextLine) -> list[Figure]:
    """Return the line's figures in order (the numbers that are no figures left out)."""
    text = line.text
    found: list[Figure] = []
    inside = [(d.start, d.end) for d in line.dates]
    for match in _FIGURE.finditer(text):
        printed = match["unit"]
        start, end = match.start(), match.end()
        if any(s <= start < e for s, e in inside) or text[end:end + 1] == "~":
            continue
        word = _HANGUL.match(text, end)
        glued = word.group(0) if word else ""
        value = float(match["number"].replace(",", ""))
        noun = ""
        if glued and not printed.endswith("원") and glued not in PARTICLES:
            if printed != "개":
                continue  # '5점만점', '2회의' … the unit starts another word
            noun, end = strip_particle(glued), end + len(glued)
        if _THRESHOLD.match(text, match.end()):
            continue
        following = _NEXT_WORD.match(text, end)
        if printed == "대" and value < 100 and (following or (
                value % 10 == 0 and text[end:].lstrip().startswith("("))):
            continue  # '4대 보험', '60대 이상', '60대(30%)': kinds and ages, not vehicles
        if printed == "개" and not noun and following and not _ends_clause(text, following):
            noun, end = strip_particle(following["w"]), following.end()
            following = None
        suffix = ""
        if following is None:
            following = _NEXT_WORD.match(text, end)
        if following and not (glued and not noun) and \
                strip_particle(following["w"]) in _TARGET_OR_CHANGE:
            suffix = strip_particle(following["w"])
        stored, factor = UNITS[printed]
        found.append(Figure(start, end, value * factor, stored, printed, noun, suffix))
    if line.heading_unit:
        stored, factor = UNITS[line.heading_unit]
        for match in _BARE.finditer(text, line.heading_end):
            value = float(match["number"].replace(",", ""))
            found.append(Figure(match.start("number"), match.end("number"), value * factor,
                                stored, line.heading_unit))
    return sorted(found, key=lambda f: f.start)


def _ends_clause(text: str, following: re.Match[str]) -> bool:
    """Return True if the word after '개' is followed by words of a clause of its own."""
    return _CLAUSE_HEAD.match(text, following.end()) is not None


def _period(line: TextLine, figure: Figure, context: Context, year: int) -> str:
    """Return a figure's period: the date next to it, in its clause, on its line, of the
    bullet above it, or the fiscal year."""
    text = line.text
    for found in line.dates:
        if found.end <= figure.start and re.fullmatch(r"[\s(/]*", text[found.end:figure.start]):
            return found.period
        if found.start >= figure.end and re.fullmatch(r"[\s()/,]*",
                                                      text[figure.end:found.start]):
            return found.period
    clause = strong_start(text, figure.start, 0)
    stop = min([len(text)] + [i for i in (text.find(m, figure.end) for m in STRONG) if i >= 0])
    after = [f for f in line.dates if figure.end <= f.start < stop]
    if after:
        return after[0].period
    earlier = [f for f in line.dates if clause <= f.start and f.end <= figure.start]
    if earlier:
        return earlier[-1].period
    named = [f for f in line.dates if f.end <= figure.start and f.explicit_year]
    if named:
        return str(named[-1].year)
    if context.as_of:
        return context.as_of
    return str(context.year or year)

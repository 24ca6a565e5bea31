"""The label a key project's text gives a figure: the heading of its line, the words of its
clause, a counted noun, a target or change word after it — or, where the clause says nothing,
the label of the figure it stands for.

Labels are what the text says, shortened to its last few words: fillers that say when or how
much ('총', '각', '상반기'), marks and particles are dropped; '…을 통한 교육' keeps '교육'
and what follows the link word; 'X 등 Y' keeps Y.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import Found
from .text import clean_label, collapse_spaced_hangul, label_key

# What may follow a unit in the same word: particles and endings ('80명으로', '12.5%로').
PARTICLES = frozenset({"이", "가", "은", "는", "을", "를", "의", "과", "와", "로", "으로", "에",
                       "에서", "임", "이며", "이고", "씩", "당", "중", "까지", "부터", "만",
                       "도", "인", "이다", "으로서", "이나", "나", "에는", "으로는"})
# A change a figure states, by the word after it, and its sign; a target ('10만명 목표').
CHANGES = {"상승": 1, "증가": 1, "확대": 1, "증원": 1, "감소": -1, "감축": -1, "절감": -1}
TARGET = "목표"
SHARE_WORDS = ("비율", "비중", "점유율")
STRONG = "→⇒➔※[]>;|"  # marks that end a clause
WEAK = ",/"  # marks between the items of a list
# Words that say when or how much rather than what: dropped from labels.
_FILLERS = frozenset({"총", "각", "약", "연간", "상반기", "하반기", "상·하반기", "전년도",
                      "금년", "올해", "연말까지", "매월", "현재", "기준", "등"})
# A word ending so links what precedes it to what follows ('…을 통한 교육'): a label starts
# after it.
_LINKS = ("통한", "위한", "대한", "따른", "관한", "의한", "인한", "통해", "위해", "을", "를",
          "에서", "으로", "에게")
_MAX_WORDS = 3
_LONGEST_FIRST = tuple(sorted(PARTICLES, key=len, reverse=True))
_MARKS = re.compile(r"[*※'’‘\"「」『』\[\]()]")
_BULLET = re.compile(r"^\s*[-▪•➔▶]\s*")
_LIST = re.compile(f"[{WEAK}]")
_NUMERIC = re.compile(r"[\d,.~·\-]+")
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class Figure:
    """A figure found on a line: offsets, value in the stored unit, and its label's parts."""

    start: int
    end: int  # after the unit (and the counted noun glued to it)
    value: float
    unit: str
    printed_unit: str
    noun: str = ""
    suffix: str = ""
    heading: str = ""
    subject: str = ""
    period: str = ""
    fallback: bool = False  # the label was taken from another figure or the context

    def label(self) -> str:
        """Return the label: heading, then what the clause says (or the counted noun)."""
        core = self.noun if self.heading and self.noun else " ".join(
            p for p in (self.subject, self.noun) if p)
        if self.heading and core and label_key(self.heading) not in label_key(core):
            text = f"{self.heading}: {core}"
        else:
            text = core or self.heading
        if self.suffix and not text.endswith(self.suffix):
            text = f"{text} {self.suffix}".strip()
        return clean_label(text)


@dataclass
class TextLine:
    """A line of a project's text: its heading (a slash list of headings: ``parts``), the
    unit its heading gives bare numbers, and its dates."""

    text: str
    heading: str = ""
    heading_end: int = 0
    heading_unit: str = ""
    parts: tuple[str, ...] = ()
    dates: list[Found] = field(default_factory=list)


def strip_particle(word: str) -> str:
    """Return a word without a particle or ending ('상승으로' → '상승'), two syllables kept."""
    for particle in _LONGEST_FIRST:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def words(text: str) -> str:
    """Return the last words of a label's text, without fillers, marks and linking words."""
    text = collapse_spaced_hangul(_MARKS.sub(" ", text))
    text = _BULLET.sub(" ", text)
    parts = _LIST.split(text)
    kept = [parts.pop()]
    while parts and not _HAS_DIGIT.search(parts[-1]) and parts[-1].strip():
        kept.insert(0, parts.pop())  # a list of names before the figure: '가로등, 보안등'
    text = ", ".join(k.strip() for k in kept if k.strip())
    found = [w.strip(".:;·") for w in text.split()]
    found = [w for w in found if w and w not in PARTICLES
             and not _NUMERIC.fullmatch(w)]
    if "등" in found:  # 'X 등 Y': Y such as X
        tail = found[len(found) - found[::-1].index("등"):]
        found = tail or found[: found.index("등")]
    found = [w for w in found if w not in _FILLERS]
    for index in range(len(found) - 1, -1, -1):
        if found[index].endswith(_LINKS) and index < len(found) - 1:
            found = found[index + 1:]
            break
    if found and len(found[-1]) >= 3 and found[-1][-1] in "이가은는":
        found[-1] = found[-1][:-1]
    return clean_label(" ".join(found[-_MAX_WORDS:]).strip(", "))


def _without_dates(line: TextLine, start: int, end: int) -> str:
    """Return text[start:end] with the dates in it blanked out."""
    chars = list(line.text[start:end])
    for found in line.dates:
        for position in range(max(found.start, start), min(found.end, end)):
            chars[position - start] = " "
    return "".join(chars)


def strong_start(text: str, position: int, floor: int) -> int:
    """Return where the clause holding ``position`` starts (not before ``floor``)."""
    return max([floor] + [text.rfind(mark, floor, position) + 1 for mark in STRONG])


def _open_paren(text: str, start: int, floor: int) -> int | None:
    """Return the '(' a position sits inside of (after ``floor``), or None."""
    depth = 0
    for position in range(start - 1, floor - 1, -1):
        if text[position] == ")":
            depth += 1
        elif text[position] == "(":
            if depth == 0:
                return position
            depth -= 1
    return None


def describe(line: TextLine, figures: list[Figure], index: int) -> None:
    """Set a figure's heading and subject from the text around it."""
    figure, text = figures[index], line.text
    in_heading = figure.start < line.heading_end
    floor = 0 if in_heading else line.heading_end
    clause = strong_start(text, figure.start, floor)
    before = [f for f in figures[:index] if f.end <= figure.start and f.start >= clause]
    figure.heading = "" if in_heading else line.heading
    if before and before[-1].unit == "%" and re.fullmatch(
            r"\s*(?:으로|로)\s*", text[before[-1].end:figure.start]):
        # '60대 이상 비율이 40.0%로 400명': the count the share is of
        figure.subject = words(re.sub("|".join(SHARE_WORDS), " ", before[-1].subject))
        if figure.subject:
            return
    start = max(clause, before[-1].end if before else clause)
    paren = _open_paren(text, figure.start, start)
    if paren is not None:
        inner = _without_dates(line, paren + 1, figure.start)
        owner = next((f for f in reversed(before) if not text[f.end:paren].strip()), None)
        figure.subject = words(_LIST.split(inner)[-1])
        if owner is not None and not _LIST.search(inner):
            _describe_owner(figure, owner)
            return
        if figure.subject:
            return
        segment = _without_dates(line, start, paren)
    else:
        segment = _without_dates(line, start, figure.start)
    if before:
        segment = _LIST.split(segment)[-1]
    figure.subject = words(segment)
    if not figure.subject:
        _fallback(line, figures, index, clause, before)
    elif re.fullmatch(r"\d+[가-힣]{1,2}", figure.subject):
        _continue_list(figures, index)


def _continue_list(figures: list[Figure], index: int) -> None:
    """'전기버스 1차 120대, 2차 300대': an item named only by its ordinal takes the words
    the first item of the list puts before its own ordinal."""
    figure = figures[index]
    suffix = re.sub(r"^\d+", "", figure.subject)
    for other in reversed(figures[:index]):
        words = other.subject.split()
        if len(words) >= 2 and re.fullmatch(rf"\d+{re.escape(suffix)}", words[-1]):
            figure.subject = " ".join([*words[:-1], figure.subject])
            return


def _describe_owner(figure: Figure, owner: Figure) -> None:
    """A figure in parentheses right after another ('1,234명(일평균 56명)', '20개팀(80명)')
    is part of it: the other's label, then its own words."""
    figure.heading = owner.heading
    if figure.subject:
        figure.subject = f"{owner.label() if not owner.heading else owner.subject} " \
                         f"{figure.subject}".strip()
    else:
        figure.subject = owner.subject if not owner.noun or not owner.heading else ""
    figure.fallback = owner.fallback


def _fallback(line: TextLine, figures: list[Figure], index: int, clause: int,
              before: list[Figure]) -> None:
    """Give a figure whose clause names nothing the label of what it stands for."""
    figure, text = figures[index], line.text
    if clause > 0 and text[clause - 1] in "→⇒➔":  # after an arrow: the figure it follows
        earlier = strong_start(text, clause - 1, line.heading_end)
        same = [f for f in figures if earlier <= f.start < clause - 1 and f.unit == figure.unit]
        mine = [f for f in before + [figure] if f.unit == figure.unit]
        if len(same) >= len(mine):
            partner = same[len(mine) - 1]
            figure.subject, figure.noun = partner.subject, figure.noun or partner.noun
            figure.heading = partner.heading
            return
    if line.parts:
        figure.heading = _part(line, figures, figure)
        return
    if line.heading:
        return
    after = re.match(r"\s*([가-힣]+(?:\s+[가-힣]+)?)", text[figure.end:])
    if after and not figure.noun:
        figure.subject, figure.suffix = words(after.group(1)), ""
        figure.fallback = False


def _part(line: TextLine, figures: list[Figure], figure: Figure) -> str:
    """Return the part of a heading 'A /B' a figure of the values 'x / y' stands for: the
    part of its slot, or for a figure after them the part whose figure has its unit."""
    bounds, position = [], line.heading_end
    for value in line.text[line.heading_end:].split("/"):
        bounds.append((position, position + len(value)))
        position += len(value) + 1
    slot = next((i for i, (s, e) in enumerate(bounds) if s <= figure.start < e), 0)
    units = {}
    for i, (s, e) in enumerate(bounds[: len(line.parts)]):
        first = next((f for f in figures if s <= f.start < e), None)
        if first is not None:
            units.setdefault(first.unit, i)
    if slot >= len(line.parts) - 1 and figure.unit in units:
        slot = units[figure.unit]
    return line.parts[min(slot, len(line.parts) - 1)]

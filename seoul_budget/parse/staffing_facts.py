"""Counts of persons stated in prose under the staffing table, read by the sentence's shape.

A statement names a whole and a part of it: '<whole> N명 중 <part> M명(S%)', the whole's count
in parentheses or not ('전체 직원(255명) 중 …'), the part's count or share or both, and after
a colon the part broken down ('… 소지자(77.6%) : 전산 분야 158명, 정보통신 분야 40명'). Each
count becomes one fact: its label as printed, its value (persons), its printed share, and a
``metric`` that is its path of labels ('전체 직원 > 전문자격증 소지자 > 전산 분야'; words in
parentheses left out), so a part knows its whole. A line that is no such statement is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import Record
from .document import Section

SEP = " > "  # between a whole's label and its part's in a metric
_COUNT = re.compile(r"\(?\s*(?<![\d.])(?P<n>\d[\d,]*)\s*명\s*\)?")
_SHARE = re.compile(r"\(\s*(?P<s>\d+(?:\.\d+)?)\s*%\s*\)")
_OF = re.compile(r"\s중\s")  # '<whole> 중 <part>'
_MARKS = "※*-·○□ \t"  # bullets before a statement
_TOTAL_WORD = re.compile(r"\s*총$")  # '총 36명': the word belongs to the figure


@dataclass(frozen=True)
class Clause:
    """A labelled figure of a statement: its label as printed, count and share (or None)."""

    label: str
    count: int | None
    share: float | None

    @property
    def name(self) -> str:
        """Return the label without words in parentheses ('관련분야 직렬(전산 등)' ->
        '관련분야 직렬'): the clause's part of a metric."""
        return " ".join(re.sub(r"\([^)]*\)", " ", self.label).split())


def clause(text: str) -> Clause | None:
    """Return a clause's label and figures ('전체 직원(255명)' -> 전체 직원, 255, None), or
    None when it states neither a count of persons nor a share, or has no label."""
    count = _COUNT.search(text)
    share = _SHARE.search(text)
    if count is None and share is None:
        return None
    label = text
    for match in sorted((m for m in (count, share) if m), key=lambda m: -m.start()):
        label = label[:match.start()] + " " + label[match.end():]
    label = _TOTAL_WORD.sub("", " ".join(label.split())).strip(_MARKS + ",:")
    if not label:
        return None
    return Clause(label, int(count["n"].replace(",", "")) if count else None,
                  float(share["s"]) if share else None)


def statement(text: str) -> list[tuple[tuple[str, ...], Clause]]:
    """Return the facts of one line as (path of names, clause): the whole, its part and the
    part's breakdown; [] when the line is no '<whole> N명 중 <part> …' statement."""
    parts = _OF.split(text.strip(_MARKS), maxsplit=1)
    if len(parts) != 2:
        return []
    whole = clause(parts[0])
    part_text, _, breakdown = parts[1].partition(":")
    part = clause(part_text)
    if whole is None or whole.count is None or part is None:
        return []
    facts = [((whole.name,), whole), ((whole.name, part.name), part)]
    for piece in breakdown.split(","):
        detail = clause(piece)
        if detail is not None and detail.count is not None:
            facts.append(((whole.name, part.name, detail.name), detail))
    return facts


def stated_facts(section: Section) -> list[Record]:
    """Return the staffing figures stated in prose under the table (persons and percent)."""
    return [{"metric": SEP.join(path), "label": found.label, "value": found.count,
             "share_printed": found.share, "unit": "명", "source_line": line.number}
            for line in section.lines if not line.is_table_row
            for path, found in statement(line.text)]

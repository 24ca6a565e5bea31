"""The bureau's departments: how a printed name is matched to the departments of one
snapshot.

A snapshot's organisation is read from its own staffing table (인력 현황): :class:`Organisation`
holds those departments, and every other table's department names resolve against them —
exactly, through the aliases (``data/raw/aliases.csv``: garbled spellings), or by a tolerant
match for spaced, shortened or slightly garbled Hangul (:func:`close_department`). A name that
resolves to no department of the snapshot is an error, never a new department.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..parse.text import label_key


def department_name(text: str, aliases: Mapping[str, str] | None = None) -> str:
    """Return a printed department name as a canonical name: a spelling ``aliases`` knows
    ({label key: name}) gives its department, any other name loses its whitespace
    ('데이터 융합 담당관' -> '데이터융합담당관')."""
    return (aliases or {}).get(label_key(text)) or re.sub(r"\s+", "", text)


# Titles a head of department carries after the department's name (기후센터소장, 환경연구원장).
_HEAD_TITLES = ("소장", "장")
# How 세출 총괄 shortens a division: '기후정책관' for 기후정책담당관.
_DIVISION, _SHORT = "담당관", "관"


def short_form(name: str) -> str:
    """Return a name as 세출 총괄 shortens a division ('기후정책관' for 기후정책담당관); other
    names unchanged."""
    return name[: -len(_DIVISION)] + _SHORT if name.endswith(_DIVISION) else name


def _within_one_edit(a: str, b: str) -> bool:
    """Return True if two strings differ by at most one edit, counted in syllables: one
    syllable changed, missing or extra, or two neighbouring syllables swapped (a
    Damerau-Levenshtein distance of 0 or 1). Linear in time and memory: the common start and
    end are set aside and what is left must be that one edit, so a long name costs no
    matrix."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < min(len(a), len(b)) and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[:len(a) - end], b[:len(b) - end]
    return max(len(a), len(b)) <= 1 or (len(a) == len(b) == 2 and a == b[::-1])


def close_department(text: str, departments: Iterable[str]) -> str | None:
    """Return the one department ``text`` is a slightly garbled or shortened spelling of, or
    None.

    Whitespace is ignored; '담당관' may be shortened to '관' (as 세출 총괄 prints divisions); a
    head's title may follow the name ('기후인프라센터소장') (:func:`abbreviated_department`).
    Then one syllable may differ, be missing, be extra, or two neighbouring syllables swap
    ('기후졍책관' is 기후정책담당관), in names of four syllables or more; two departments
    that close give None (no guess).
    """
    key = label_key(text)
    names = list(departments)
    exact = abbreviated_department(text, names)
    if exact is not None:
        return exact
    distances = {name: _garbling(key, name) for name in names}
    best = min(distances.values(), default=None)
    if best is None or best > 1:
        return None
    close = [name for name, distance in distances.items() if distance == best]
    return close[0] if len(close) == 1 else None


def abbreviated_department(text: str, departments: Iterable[str]) -> str | None:
    """Return the department ``text`` names in the template's own short forms, or None: the
    name with '담당관' shortened to '관' ('기후정책관'), or followed by its head's title
    ('기후센터소장'); whitespace ignored. No syllable is guessed."""
    key = label_key(text)
    names = list(departments)
    for title in _HEAD_TITLES:
        if key.endswith(title) and key[: -len(title)] in names:
            return key[: -len(title)]
    shortened = [name for name in names if short_form(label_key(name)) == short_form(key)]
    return shortened[0] if len(shortened) == 1 else None


def _garbling(key: str, name: str) -> int:
    """Return how many syllables ``key`` differs from ``name`` by, in full or shortened: 0 for
    the same name, 1 for one syllable garbled in a name of four or more (the last syllable
    kept: it says what kind of unit it is, 관, 원, 센터), 2 for anything else."""
    found = 2
    for a, b in ((key, name), (short_form(key), short_form(name))):
        if a == b:
            return 0
        if min(len(a), len(b)) >= 4 and a[-1] == b[-1] and _within_one_edit(a, b):
            found = 1
    return found


@dataclass(frozen=True)
class Organisation:
    """A snapshot's departments, in staffing-table order, with the line that lists each.

    ``former`` holds names a department went by in an earlier organisation (the previous
    year's settlement is a record of that year's; the reorganisation map names them): they
    are valid where a table records the past. ``aliases`` ({label key: department}, from
    ``aliases.csv``) are garbled spellings no rule reads.
    """

    departments: tuple[str, ...]
    lines: Mapping[str, int] = field(default_factory=dict)
    former: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, text: str, tolerant: bool = True) -> str | None:
        """Return the department of this snapshot a printed name means, or None.

        Exact (whitespace ignored), then an alias of it, then the template's short forms
        (:func:`abbreviated_department`), then, if ``tolerant``, :func:`close_department`.
        """
        name = self.named(text)
        if name is not None:
            return name
        if tolerant:
            return close_department(text, self.departments)
        return abbreviated_department(text, self.departments)

    def named(self, text: str) -> str | None:
        """Return the department of this snapshot a printed name spells exactly (whitespace
        ignored) or by an alias, or None: no short form, no guess."""
        key = label_key(text)
        for name in self.departments:
            if label_key(name) == key:
                return name
        known = self.aliases.get(key)
        return known if known in self.departments else None

    def resolve_former(self, text: str) -> str | None:
        """Return a name of this or an earlier organisation a printed name means, or None: a
        department of the snapshot, or a ``former`` one (exact or by an alias)."""
        name = self.resolve(text)
        if name is not None:
            return name
        key = label_key(text)
        known = self.aliases.get(key)
        return next((name for name in sorted(self.former)
                     if label_key(name) in (key, label_key(known or ""))), None)

    def listed(self) -> str:
        """Return the departments as a message lists them: '기후정책담당관 (line 26), …'."""
        return ", ".join(f"{name} (line {self.lines[name]})" if name in self.lines else name
                         for name in self.departments)

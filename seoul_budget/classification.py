"""Budget classifications printed in the report: revenue categories and accounts, as names.

Where a label stands in its table's hierarchy is found by structure (parse/hierarchy.py: what
each row sums to; the column a page prints it in); nothing here decides it. What is here names
what structure placed: the spelling a known revenue category is shown in (a display aid: a
category no list knows is read all the same), an account's name from its printed label, and
the labels of totals.
"""

from __future__ import annotations

import re

from .aliases import ACCOUNT, NO_ALIASES, REVENUE_CATEGORY, Aliases
from .parse.text import clean_label, label_key

TOTAL_LABELS = {"계", "합계", "총계"}
# The template's revenue hierarchy has three levels of categories above its items.
LEVEL_COLUMNS = ("category", "subcategory", "detail_category")

# How the standard local-finance revenue categories (장, 관, 항) are spelled on pages, for
# labels that print them spaced out or with separators ('지 방 행 정 제 재 , 부 과 금').
KNOWN_REVENUE_CATEGORIES = (
    "세외수입", "경상적세외수입", "임시적세외수입", "지방행정제재·부과금", "보조금", "국고보조금등",
    "국고보조금", "시도비보조금등", "보전수입등 및 내부거래", "보전수입등", "내부거래",
    "지방세", "지방교부세", "조정교부금등", "지방채",
)
_SPELLINGS = {label_key(name): name for name in KNOWN_REVENUE_CATEGORIES}
# The account every department has; the account of a department row that prints no split.
GENERAL_ACCOUNT = "일반회계"
_ACCOUNT_SUFFIX = "회계"  # how an account's name ends: a hint, never a list
_SUBTOTAL = re.compile(r"^소계\(?(?P<account>.*?)\)?$")


def category_name(label: str, aliases: Aliases = NO_ALIASES) -> str:
    """Return the name a revenue category label is shown by: what an alias says it stands
    for, in a known category's spelling, else the label cleaned ('경 상 적 세 외 수 입' ->
    '경상적세외수입'; spaced-out letters joined, whitespace collapsed)."""
    name = aliases.canonical(REVENUE_CATEGORY, label) or label
    return _SPELLINGS.get(label_key(name)) or clean_label(name)


def account_name(label: str, aliases: Aliases = NO_ALIASES) -> str:
    """Return an account's name from its printed label: an alias's, else the label without
    whitespace ('일 반 회 계' -> '일반회계', '도시개발 특별회계' -> '도시개발특별회계')."""
    return aliases.canonical(ACCOUNT, label) or re.sub(r"\s+", "", label)


def looks_like_account(label: str, aliases: Aliases = NO_ALIASES) -> bool:
    """Return True when a label reads as an account's name (it ends in 회계, or an alias
    names an account): a hint where structure leaves a choice, never a list."""
    return account_name(label, aliases).endswith(_ACCOUNT_SUFFIX)


def subtotal_account(label: str, aliases: Aliases = NO_ALIASES) -> str | None:
    """Return the account a subtotal row names ('소 계 (도시개발특별회계)' -> its name; a
    bare '소계' -> ''), or None when the label is no subtotal."""
    match = _SUBTOTAL.match(label_key(label).replace("（", "(").replace("）", ")"))
    if match is None:
        return None
    inner = match["account"]
    return account_name(inner, aliases) if inner else ""


def is_total_label(text: str) -> bool:
    """Return True for a grand-total label (계, 합계, 총계)."""
    return label_key(text) in TOTAL_LABELS

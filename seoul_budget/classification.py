"""Budget classifications printed in the report: revenue categories and accounts.

The source lays hierarchical tables out as flat rows; the level of a category row comes from
this vocabulary (not from indentation, which differs between pages), and each category knows
its parent, so the hierarchy is rebuilt even where the source skips a level.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parse.text import label_key

TOTAL_LABELS = {"계", "합계", "총계"}


@dataclass(frozen=True)
class Category:
    """A revenue category: canonical name, level (1 = 장 … 3 = 항) and parent name."""

    name: str
    level: int
    parent: str | None


# Level 1: 장-like groups; level 2: 관; level 3: 항. Order follows the report.
_CATEGORIES = [
    Category("세외수입", 1, None),
    Category("경상적세외수입", 2, "세외수입"),
    Category("공유재산임대료", 3, "경상적세외수입"),
    Category("주차요금수입", 3, "경상적세외수입"),
    Category("기타사용료", 3, "경상적세외수입"),
    Category("증지수입", 3, "경상적세외수입"),
    Category("기타이자수입", 3, "경상적세외수입"),
    Category("임시적세외수입", 2, "세외수입"),
    Category("자치단체간부담금", 3, "임시적세외수입"),
    Category("시도비보조금등반환금수입", 3, "임시적세외수입"),
    Category("자체보조금등반환수입", 3, "임시적세외수입"),
    Category("위탁비반환수입", 3, "임시적세외수입"),
    Category("그외수입", 3, "임시적세외수입"),
    Category("지난년도수입", 3, "임시적세외수입"),
    Category("지방행정제재·부과금", 2, "세외수입"),
    Category("과징금", 3, "지방행정제재·부과금"),
    Category("기타과태료", 3, "지방행정제재·부과금"),
    Category("보조금", 1, None),
    Category("국고보조금등", 2, "보조금"),
    Category("국고보조금", 3, "국고보조금등"),
    Category("보전수입등 및 내부거래", 1, None),
    Category("보전수입등", 2, "보전수입등 및 내부거래"),
    Category("국고보조금사용잔액", 3, "보전수입등"),
]
REVENUE_CATEGORIES: dict[str, Category] = {c.name: c for c in _CATEGORIES}

# Spellings printed in the report -> canonical category, with where each was seen.
REVENUE_CATEGORY_ALIASES: dict[str, str] = {
    "입시적세외수입": "임시적세외수입",  # 세입 총괄 (typo)
    "시도비반환금수입": "시도비보조금등반환금수입",  # 세입 총괄 (short form)
    "과정금": "과징금",  # 세입 세부내역 p.3 (typo)
}

_LOOKUP: dict[str, str] = {label_key(c.name): c.name for c in _CATEGORIES}
_LOOKUP.update({label_key(a): n for a, n in REVENUE_CATEGORY_ALIASES.items()})

LEVEL_COLUMNS = ("category", "subcategory", "detail_category")


def lookup_revenue_category(text: str) -> Category | None:
    """Return the revenue category a printed label names, or None if it names none."""
    name = _LOOKUP.get(label_key(text))
    return REVENUE_CATEGORIES[name] if name else None


def category_path(category: Category) -> dict[str, str]:
    """Return {'category': …, 'subcategory': …, 'detail_category': …} down to ``category``."""
    path: dict[str, str] = dict.fromkeys(LEVEL_COLUMNS, "")
    node: Category | None = category
    while node is not None:
        path[LEVEL_COLUMNS[node.level - 1]] = node.name
        node = REVENUE_CATEGORIES[node.parent] if node.parent else None
    return path


ACCOUNTS = ("일반회계", "특별회계", "도시개발특별회계")


def lookup_account(text: str) -> str | None:
    """Return the account (일반회계, 특별회계 …) a printed label names, or None."""
    key = label_key(text)
    for prefix in ("소계(", "소계"):
        if key.startswith(prefix):
            key = key[len(prefix):].rstrip(")")
    return key if key in ACCOUNTS else None


def is_total_label(text: str) -> bool:
    """Return True for a grand-total label (계, 합계, 총계)."""
    return label_key(text) in TOTAL_LABELS

"""The bureau's eight departments: canonical names, report order, and every spelling seen.

Every department name read from the report goes through :func:`lookup_department`; a name
that is neither canonical nor a known alias is an error, never a new department.
"""

from __future__ import annotations

from .parse.text import label_key

BUREAU = "디지털정책관"  # the bureau itself: its rows are totals, not a department

DEPARTMENTS: tuple[str, ...] = (
    "디지털정책담당관",
    "빅데이터담당관",
    "정보시스템담당관",
    "정보공개담당관",
    "공간정보담당관",
    "정보통신보안담당관",
    "데이터센터",
    "서울기록원",
)

DEPARTMENTS_EN: dict[str, str] = {
    "디지털정책담당관": "Digital Policy Division",
    "빅데이터담당관": "Big Data Division",
    "정보시스템담당관": "Information Systems Division",
    "정보공개담당관": "Information Disclosure Division",
    "공간정보담당관": "Spatial Information Division",
    "정보통신보안담당관": "ICT Security Division",
    "데이터센터": "Data Center",
    "서울기록원": "Seoul Metropolitan Archives",
}

# Spellings printed in the report (after whitespace is removed) -> canonical name.
# Each alias says where it was seen, so a reviewer can judge it.
DEPARTMENT_ALIASES: dict[str, str] = {
    "디지탈정책관": "디지털정책담당관",  # 세출 총괄 (garbled)
    "빅데이터관": "빅데이터담당관",  # 세출 총괄 (abbreviated)
    "정보시설팀관": "정보시스템담당관",  # 세출 총괄 (garbled)
    "정보당공개관": "정보공개담당관",  # 세출 총괄 (garbled)
    "공간당정보관": "공간정보담당관",  # 세출 총괄 (garbled)
    "정보통신보안관": "정보통신보안담당관",  # 세출 총괄 (abbreviated)
    "데이터센터소장": "데이터센터",  # key project 8 header (the head's title)
}

_LOOKUP: dict[str, str] = {label_key(name): name for name in DEPARTMENTS}
_LOOKUP.update({label_key(alias): name for alias, name in DEPARTMENT_ALIASES.items()})


def lookup_department(text: str) -> str | None:
    """Return the canonical department for a printed name, or None if it is not one."""
    return _LOOKUP.get(label_key(text))


def is_bureau(text: str) -> bool:
    """Return True if the printed name is the bureau itself (a total row)."""
    return label_key(text) == BUREAU

"""인력 현황: authorised and current staff by department and job category, in persons."""

from __future__ import annotations

import re

from ..classification import is_total_label
from ..departments import Organisation, department_name
from .common import Record, check_width, count, total_record
from .document import Section
from .numbers import parse_count_with_share
from .text import Line, label_key

# Job categories in the header, in column order: (group, category).
JOB_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("행정·기술직군", "행정"),
    ("행정·기술직군", "전산"),
    ("행정·기술직군", "방송통신"),
    ("행정·기술직군", "지적"),
    ("행정·기술직군", "기타"),
    ("연구직", "연구직"),
    ("전문경력관", "전문경력관"),
    ("임기제", "임기제"),
    ("관리운영직", "관리운영직"),
)
# label, 정원, 현원 합계, 9 job categories, 과부족
_WIDTH = 3 + len(JOB_CATEGORIES) + 1


def parse_staffing(section: Section) -> dict[str, list[Record]]:
    """Return staffing, staffing_by_category and their printed totals (all counts in persons).

    The staffing table defines the snapshot's departments (:func:`organisation`): each row
    names one, as printed (a known spelling gives its usual name).
    """
    _check_header(section)
    staffing: list[Record] = []
    by_category: list[Record] = []
    totals: list[Record] = []
    rows = section.data_rows()
    for line in rows:
        cells = line.cells
        check_width(section, line, cells, _WIDTH - 1, _WIDTH)
        label = cells[0]
        surplus = count(section, line, cells[-1] if len(cells) == _WIDTH else "", "과부족")
        if is_total_label(label):
            totals += _total_rows(section, line, cells, surplus)
            continue
        if not label:
            raise section.error(line, "a department's name", found=label or "(no label)",
                                message="a staffing row that names no department")
        name = department_name(label)
        staffing.append({"department": name,
                         "authorized": count(section, line, cells[1], "정원"),
                         "current": count(section, line, cells[2], "현원"),
                         "surplus_printed": surplus, "source_line": line.number})
        for offset, (group, category) in enumerate(JOB_CATEGORIES):
            by_category.append({"department": name, "job_group": group,
                                "job_category": category,
                                "headcount": count(section, line, cells[3 + offset], category),
                                "source_line": line.number})
    if not staffing:
        raise section.error(rows[0], "a row per department", found="only totals")
    return {"staffing": staffing, "staffing_by_category": by_category, "printed_totals": totals,
            "staffing_facts": _facts(section)}


def _check_header(section: Section) -> None:
    blocks = section.blocks()
    if not blocks:
        raise section.error(section.heading, "the staffing table", found="no table")
    header_text = " ".join(label_key(line.text) for line in blocks[0].header)
    for _, category in JOB_CATEGORIES:
        if category not in header_text:
            raise section.error(blocks[0].header[0] if blocks[0].header else section.heading,
                                f"a header naming the job category {category!r}")


def _total_rows(section: Section, line: Line, cells: list[str], surplus: int) -> list[Record]:
    table = "staffing"
    rows = [total_record(table, "계", "authorized", line, unit="persons",
                         value=count(section, line, cells[1], "정원")),
            total_record(table, "계", "current", line, unit="persons",
                         value=count(section, line, cells[2], "현원")),
            total_record(table, "계", "surplus_printed", line, unit="persons", value=surplus)]
    for offset, (_, category) in enumerate(JOB_CATEGORIES):
        cell = cells[3 + offset]
        try:
            headcount, share = parse_count_with_share(cell)
        except ValueError:
            raise section.error(line, f"a head count like '59 (23.1%)' for {category}",
                                found=cell) from None
        key = f"계 > {category}"
        rows.append(total_record("staffing_by_category", key, "headcount", line,
                                 unit="persons", value=headcount or 0))
        if share is not None:
            rows.append(total_record("staffing_by_category", key, "share_printed", line,
                                     unit="percent", rate_printed=share))
    return rows


_FACTS = (
    (re.compile(r"5급 팀장 이상\s*(?P<a>[\d,]+)명 중.*?총\s*(?P<b>[\d,]+)명\s*\((?P<s>[\d.]+)%\)"),
     (("team_leaders", "5급 팀장 이상", "a", None),
      ("team_leaders_in_related_series", "5급 팀장 이상 중 관련분야 직렬", "b", "s"))),
    (re.compile(r"전체 직원\((?P<a>[\d,]+)명\) 중 전문자격증 소지자\((?P<s>[\d.]+)%\)\s*:\s*"
                r"전산 분야\s*(?P<b>[\d,]+)명,\s*정보통신 분야\s*(?P<c>[\d,]+)명"),
     (("staff_total", "전체 직원", "a", None),
      ("certified_staff", "전문자격증 소지자", None, "s"),
      ("certified_it", "전문자격증 소지자 (전산 분야)", "b", None),
      ("certified_telecom", "전문자격증 소지자 (정보통신 분야)", "c", None))),
)


def _facts(section: Section) -> list[Record]:
    """Return the staffing figures stated in prose under the table (persons and percent)."""
    facts: list[Record] = []
    for line in section.lines:
        for pattern, fields in _FACTS:
            match = pattern.search(line.text)
            if not match:
                continue
            for metric, label, value_group, share_group in fields:
                value = int(match[value_group].replace(",", "")) if value_group else None
                share = float(match[share_group]) if share_group else None
                facts.append({"metric": metric, "label": label, "value": value,
                              "share_printed": share, "unit": "명",
                              "source_line": line.number})
    return facts


def organisation(staffing: list[Record], former: frozenset[str] = frozenset()) -> Organisation:
    """Return the snapshot's organisation: the departments of its staffing records, in order,
    with the line that lists each; ``former`` names of earlier organisations."""
    return Organisation(tuple(r["department"] for r in staffing),
                        {r["department"]: r["source_line"] for r in staffing}, former)

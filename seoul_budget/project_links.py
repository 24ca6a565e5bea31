"""Key projects linked to the programs of 세출예산 집행현황 whose budget theirs is.

A project's link, in this order of evidence:

1. ``declared``: a row of ``project_programs.csv`` names its program (below);
2. ``text``: its budget note names the program and department ('※ 녹색 일자리사업
   (일자리지원과) 예산 재배정'); a department of another bureau is kept as the text names it
   (outside this report's tables), one of this report's is looked up in its programs;
3. ``budget``: exactly one program of its department prints its budget (the program's
   예산현액 rounded half up to the unit the project prints, 백만원) — ``name+budget`` when
   that program's name is also in the title ('대기측정망 운영' in '대기측정망 확충 및 운영');
4. ``name``: exactly one program of its department has a similar name and a budget one
   printing slip away (a unit slip, two digits transposed, one digit wrong): the printed
   budget is most likely that program's, misprinted.

A name alone links nothing: two programs of a department may share words with a project
they do not fund. A project with no link says why in ``program_note``. Nothing here is
about one report: no project, program or department is named in code.

The declarations, ``data/raw/project_programs.csv``: where the report alone does not say (a
name too different, a budget misprinted or changed), one row per declared link (UTF-8 with or
without BOM, or CP949/EUC-KR; at most 1 MB)::

    project,department,account,program,note
    대기측정망 확충 및 운영,대기질개선과,일반회계,대기측정망 운영,예산현액이 사업예산과 같음

- ``project``: the project's title as printed (spacing ignored) — a title, not a number, so
  a row still names its project when the list is renumbered; a row whose project a snapshot
  does not list is for other snapshots;
- ``program``: the program's name as 집행현황 prints it (spacing ignored);
- ``department`` (optional, blank: the project's own) and ``account`` (optional, blank:
  the only account of that department holding such a program);
- ``note`` (optional): why.

A missing file is no declaration. A malformed file — not text, another header, a row
without project or program, more cells than the header, two rows for one project — is a
ProjectLinkError naming the file and the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .datafile import csv_rows
from .departments import Organisation
from .errors import ProjectLinkError
from .limits import MAX_MAP_BYTES
from .parse.numbers import UNIT_TO_KRW, round_half_up
from .parse.projects import BUDGET_STATE_TEXT, NO_SAME_BUDGET, TEXT_LINK, budget_state
from .parse.text import clean_label, collapse_spaced_hangul, label_key
from .reconciliation.cells import Cell, CellId
from .reconciliation.suggest import DERIVED, slip_kind
from .snapshots import project_programs_path
from .table_units import LIKELY, slips

if TYPE_CHECKING:
    from .report import Report

LINK_COLUMNS = ("program", "program_department", "program_account", "program_link",
                "program_note")
# The columns of project_programs.csv.
DECLARATION_COLUMNS = ("project", "department", "account", "program", "note")


@dataclass(frozen=True)
class DeclaredLink:
    """One row: the project titled ``project`` is funded by ``program`` (of ``department``
    and ``account`` when given; '' otherwise); ``line`` is the row's 1-based line."""

    project: str
    department: str
    account: str
    program: str
    note: str
    line: int
    path: str


def read_project_programs(path: str | Path) -> tuple[DeclaredLink, ...]:
    """Return the declared links of a ``project_programs.csv`` (empty when there is no file).

    Raises ProjectLinkError naming the file and line for a file that is no such map.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a link to nothing is refused
        return ()
    links: list[DeclaredLink] = []
    seen: dict[str, DeclaredLink] = {}
    for row in csv_rows(path, DECLARATION_COLUMNS, "project-program map", MAX_MAP_BYTES,
                        ProjectLinkError):
        if row.extra:
            raise ProjectLinkError("the row has more cells than the header", path=str(path),
                                   line=row.line)
        cells = {k: clean_label(v) for k, v in row.cells.items()}
        if not cells["project"] or not cells["program"]:
            raise ProjectLinkError("a row names the project (its title) and the program",
                                   path=str(path), line=row.line)
        link = DeclaredLink(cells["project"], cells["department"], cells["account"],
                            cells["program"], cells["note"], row.line, str(path))
        first = seen.setdefault(label_key(link.project), link)
        if first is not link:
            raise ProjectLinkError(f"project {link.project!r} is declared twice (line "
                                   f"{first.line}); a project is linked to one program",
                                   path=str(path), line=link.line)
        links.append(link)
    return tuple(links)


def linked_projects(path: Path, tables: Mapping[str, pd.DataFrame],
                    organisation: Organisation | None, unit: str) -> pd.DataFrame:
    """Return the projects table of a report at ``path`` with each project's program, the
    declarations of ``project_programs.csv`` beside its snapshot folders included; ``unit``:
    the unit project budgets are read in ('백만원')."""
    declared = read_project_programs(project_programs_path(path.parent.parent))
    return link_projects(tables["projects"], tables["expenditure"], declared, organisation,
                         unit)


def relinked(report: Report) -> pd.DataFrame | None:
    """Return a report's projects table linked again with each table in its likely unit
    (its unit record resolved), or None when neither projects nor 집행현황 slipped: a link
    is the same whichever unit a table is read in, as findings are."""
    if not {"projects", "expenditure"} & set(slips(report.table_units)):
        return None
    likely = report.in_likely_units()
    linked = linked_projects(report.path, likely.tables(), Organisation(report.departments),
                             report.table_units["projects"].read(LIKELY))
    return report.tables()["projects"].assign(**{c: linked[c] for c in LINK_COLUMNS})


def link_projects(projects: pd.DataFrame, expenditure: pd.DataFrame,
                  declared: Iterable[DeclaredLink], organisation: Organisation | None,
                  unit: str) -> pd.DataFrame:
    """Return a copy of ``projects`` with its program columns set (``LINK_COLUMNS``):
    linked from ``declared`` rows, its text, its budget or its name (see the module's
    docstring). ``unit``: the unit project budgets are printed in ('백만원')."""
    by_title = {label_key(link.project): link for link in declared}
    columns = ["department", "account", "program", "budget"]
    programs = [dict(zip(columns, values, strict=True)) for values, basic in zip(
        expenditure[columns].itertuples(index=False, name=None),
        expenditure.get("is_basic_expense", pd.Series(False, index=expenditure.index)),
        strict=True) if not basic]
    step = UNIT_TO_KRW.get(unit, 1)
    links = []
    for row in projects.to_dict("records"):
        link = by_title.get(label_key(str(row["title"])))
        links.append(_declared(link, row, programs, organisation) if link is not None
                     else _linked(row, programs, organisation, step))
    found = dict(zip(LINK_COLUMNS, zip(*links, strict=True), strict=True)) if links else {}
    return projects.assign(**{c: list(found.get(c, ())) for c in LINK_COLUMNS})


Link = tuple[str | None, str | None, str | None, str | None, str | None]


def _declared(link: DeclaredLink, row: Mapping[str, object], programs: list[dict[str, object]],
              organisation: Organisation | None) -> Link:
    department = (_department(link.department, organisation) if link.department
                  else str(row["department"]))
    found = [p for p in programs if p["department"] == department
             and label_key(str(p["program"])) == label_key(link.program)
             and (not link.account or label_key(str(p["account"])) == label_key(link.account))]
    file_name = re.split(r"[\\/]", link.path)[-1]  # a Windows path's too
    where = f"{file_name} {link.line}행" + (f": {link.note}" if link.note else "")
    if len(found) == 1:
        program = found[0]
        return (str(program["program"]), department, str(program["account"]), "declared",
                where)
    return (link.program, department, link.account or None, "declared",
            f"{where} — 세출예산 집행현황의 {department}에 이 사업이 "
            f"{'여럿' if found else '없음'}")


def _linked(row: Mapping[str, object], programs: list[dict[str, object]],
            organisation: Organisation | None, step: int) -> Link:
    """Return a project's link from its text, its budget or its name (no declaration)."""
    department = str(row["department"])
    if row.get("program_link") == TEXT_LINK:
        named = _department(str(row["program_department"]), organisation)
        if organisation is None or named not in organisation.departments:
            return (row["program"], row["program_department"], None, TEXT_LINK,
                    row["program_note"])
        found = [p for p in programs if p["department"] == named
                 and label_key(str(p["program"])) == label_key(str(row["program"] or ""))]
        if len(found) == 1:
            return (str(found[0]["program"]), named, str(found[0]["account"]), TEXT_LINK,
                    row["program_note"])
        department = named
    budget = row["budget"]
    if pd.isna(budget):
        # 비예산 only when the report says so: no line, or one not read, is not 비예산
        state = budget_state(budget, row.get("budget_note"), row.get("source_line"),
                             row.get("heading_line"))
        return None, None, None, None, BUDGET_STATE_TEXT[state]
    mine = [p for p in programs if p["department"] == department]
    similar = [p for p in mine if similar_name(str(p["program"]), str(row["title"]))]
    same = [p for p in mine if _rounded(p["budget"], step) == int(budget)]
    if len(same) > 1:
        same = [p for p in same if p in similar] or same
    if len(same) == 1:
        how = "name+budget" if same[0] in similar else "budget"
        note = ("이름이 비슷하고 예산현액이 사업예산과 같은 사업" if how == "name+budget"
                else "부서의 세출 사업 가운데 예산현액이 사업예산과 같은 유일한 사업")
        return _row(same[0], how, note)
    slipped = [p for p in similar if one_slip(int(budget), int(p["budget"]), step)]
    if not same and len(slipped) == 1:
        return _row(slipped[0], "name", "이름이 비슷하고 예산현액이 사업예산과 인쇄 착오 "
                    "하나만큼 다른 사업")
    return None, None, None, None, _why_none(same, similar)


def _row(program: dict[str, object], how: str, note: str) -> Link:
    return (str(program["program"]), str(program["department"]), str(program["account"]), how,
            note)


def _why_none(same: Sequence[dict[str, object]], similar: Sequence[dict[str, object]]) -> str:
    """Return why no program is linked (the department is the project's row's)."""
    if same:
        names = ", ".join(f"'{p['program']}'" for p in same)
        return f"부서의 세출 사업 {len(same)}개({names})가 같은 예산이라 하나를 고를 수 없음"
    text = NO_SAME_BUDGET
    if similar:
        names = ", ".join(f"'{p['program']}'" for p in similar)
        text += f"(이름이 비슷한 {names}은(는) 금액이 달라 연결하지 않음)"
    return text


def _department(name: str, organisation: Organisation | None) -> str:
    """Return a department a data file or text names, as the report names it if it is one."""
    # exact spellings only: a department of another bureau may be one syllable off one of ours
    resolved = organisation.resolve(name, tolerant=False) if organisation is not None else None
    return resolved or name


def _rounded(budget: object, step: int) -> int:
    """Return a program's budget (KRW) as a project prints it: rounded half up to ``step``."""
    return int(round_half_up(int(budget) / step)) * step


def _tokens(text: str) -> list[str]:
    return re.findall(r"[0-9A-Za-z가-힣]+", collapse_spaced_hangul(text))


def similar_name(program: str, title: str) -> bool:
    """Return True if a program's name, without its last word ('대기측정망 관리 운영' →
    '대기측정망 관리'), is a run of words of a project's title (a name of one word: one of
    the title's words), at least three letters long."""
    words, title_words = _tokens(program), _tokens(title)
    stem = words[:-1] if len(words) > 1 else words
    if not stem or sum(len(w) for w in stem) < 3:
        return False
    size = len(stem)
    return any(title_words[i:i + size] == stem for i in range(len(title_words) - size + 1))


def one_slip(printed: int, program: int, step: int) -> bool:
    """Return True if a project's printed budget is a program's 예산현액 (both KRW; the
    project prints whole ``step``s) but for one printing slip: either figure printed 1,000×
    off, two neighbouring digits transposed, or one digit wrong."""
    rounded = _rounded(program, step)
    if printed == rounded:
        return False
    if printed in (_rounded(program * 1000, step), _rounded(program // 1000, step)):
        return True
    cell = Cell(CellId("projects", "", "budget", 0), float(printed), "KRW", float(step), "")
    return slip_kind(cell, float(rounded)) != DERIVED


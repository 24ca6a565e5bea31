"""Declared links of key projects to programs, ``data/raw/project_programs.csv``: the
program of 세출예산 집행현황 whose budget a key project's is, where the report alone does not
say (a name too different, a budget misprinted or changed).

Most projects need no row: a project is linked when exactly one program of its department
prints its budget, or when its text names the department whose budget it is
(:mod:`seoul_budget.project_links`). One row per declared link (UTF-8 with or without BOM, or
CP949/EUC-KR; at most 1 MB)::

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

from dataclasses import dataclass
from pathlib import Path

from .datafile import csv_rows
from .errors import ProjectLinkError
from .limits import MAX_MAP_BYTES
from .parse.text import clean_label, label_key

LINK_COLUMNS = ("project", "department", "account", "program", "note")
KIND = "project-program map"


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
    for row in csv_rows(path, LINK_COLUMNS, KIND, MAX_MAP_BYTES, ProjectLinkError):
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

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

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .datafile import header_mismatch
from .errors import ProjectLinkError
from .limits import MAX_MAP_BYTES, input_file_problem, read_capped
from .parse.text import (
    clean_label,
    control_character,
    decode_korean,
    displayable,
    label_key,
    nul_line,
)

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
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    header = tuple(name.strip() for name in (reader.fieldnames or []))
    if header != LINK_COLUMNS:
        raise ProjectLinkError(header_mismatch(header, LINK_COLUMNS), path=str(path), line=1)
    reader.fieldnames = list(header)
    links: list[DeclaredLink] = []
    seen: dict[str, DeclaredLink] = {}
    for row in reader:
        if None in row:  # csv puts the cells beyond the header under the key None
            raise ProjectLinkError("the row has more cells than the header", path=str(path),
                                   line=reader.line_num)
        cells = {k: clean_label(v or "") for k, v in row.items()}
        if not any(cells.values()):
            continue
        if not cells["project"] or not cells["program"]:
            raise ProjectLinkError("a row names the project (its title) and the program",
                                   path=str(path), line=reader.line_num)
        link = DeclaredLink(cells["project"], cells["department"], cells["account"],
                            cells["program"], cells["note"], reader.line_num, str(path))
        first = seen.setdefault(label_key(link.project), link)
        if first is not link:
            raise ProjectLinkError(f"project {link.project!r} is declared twice (line "
                                   f"{first.line}); a project is linked to one program",
                                   path=str(path), line=link.line)
        links.append(link)
    return tuple(links)


def _text(path: Path) -> str:
    """Return the file's text (ProjectLinkError, one line, if it cannot be one); a file over
    the size limit, or no regular file, is refused by a stat, before a byte is read."""
    problem = input_file_problem(path, MAX_MAP_BYTES, KIND)
    if problem is not None:
        raise ProjectLinkError(problem, path=str(path))
    raw = read_capped(path, MAX_MAP_BYTES, KIND, ProjectLinkError)
    line = nul_line(raw)
    if line is not None:
        raise ProjectLinkError("the file is binary (it holds NUL bytes), not a CSV map",
                               path=str(path), line=line)
    text = decode_korean(raw)
    if text is None:
        raise ProjectLinkError(f"the {KIND} is neither UTF-8 nor CP949/EUC-KR text; save it "
                               "as 'CSV UTF-8'", path=str(path))
    control = control_character(text)
    if control is not None:
        raise ProjectLinkError(f"the {KIND} holds a control character {control[1]!r}",
                               path=str(path), line=control[0])
    return displayable(text)

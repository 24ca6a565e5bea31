"""A reader's choice of department, and the one rule that narrows rows to it.

A reader asks for the whole bureau ('all', '전체', '' or None) or for one department in any
spelling the report's own names accept ('기후 정책 담당관', '기후정책관'). :func:`check_department`
turns that choice into a department of a snapshot or None; :func:`for_department` keeps the rows
of a table, a history, findings or corrections that are that department's. Notebook parameters,
``Report.for_department``, ``metrics.for_department``, the notebooks' helpers and the build's
department selection all go through these two.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from ..errors import ParameterError
from ..parse.text import label_key
from .names import Organisation, close_department, department_name, short_form

if TYPE_CHECKING:
    import pandas as pd

# The department parameter's value for the whole bureau (the notebooks' default), and every
# choice that asks for no narrowing (None too), compared ignoring case and surrounding spaces.
ALL = "all"
WHOLE_BUREAU = ("", ALL, "전체")
# What says whose a row is: its department column (tables, histories) or its key, the row's
# path in its table ('기후센터 > 일반회계 > 기본경비': findings, corrections).
By = Literal["department", "key"]


def is_all_departments(value: object) -> bool:
    """Return True when a department choice asks for the whole bureau: None, '', 'all' (any
    case) or '전체'."""
    return value is None or (isinstance(value, str) and value.strip().lower() in WHOLE_BUREAU)


def check_department(value: str | None, departments: Sequence[str],
                     snapshot: str = "", aliases: Mapping[str, str] | None = None) -> str | None:
    """Return the department of ``departments`` (a snapshot's own: ``report.departments``)
    that ``value`` names — the same name with any spacing, its short form ('기후정책관'), or
    a spelling ``aliases`` knows ({label key: department}, from ``aliases.csv``) — or None
    when it asks for the whole bureau.

    Raises ParameterError naming the valid choices (and ``snapshot``, the report they are
    from, when given).
    """
    if is_all_departments(value):
        return None
    name = Organisation(tuple(departments), aliases=aliases or {}).resolve(str(value),
                                                                          tolerant=False)
    if name is None:
        where = f" in the {snapshot} report" if snapshot else ""
        close = closest_departments(str(value), departments)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise ParameterError(f"department {value!r} is not a department of the bureau{where}; "
                             f"{hint}choose 'all' or one of: {', '.join(departments)}")
    return name


def closest_departments(value: str, departments: Sequence[str], limit: int = 2) -> list[str]:
    """Return up to ``limit`` departments a name that names none may have meant, closest
    first: the one a slightly garbled spelling stands for (:func:`close_department`), then
    those whose names (whitespace ignored, '담당관' as '관') share most of it."""
    found = close_department(value, departments)
    keys = {short_form(label_key(name)): name for name in departments}
    similar = difflib.get_close_matches(short_form(label_key(value)), keys, n=limit,
                                        cutoff=0.5)
    return list(dict.fromkeys([*([found] if found else []), *(keys[k] for k in similar)]))[:limit]


def department_choices(values: pd.Series) -> tuple[str, ...]:
    """Return the departments a department column may name: its categories (report order)
    when it is categorical, else the names in order of appearance."""
    if str(values.dtype) == "category":
        return tuple(str(name) for name in values.cat.categories)
    return tuple(dict.fromkeys(str(v) for v in values.dropna()))


def owned_keys(tables: Mapping[str, pd.DataFrame], department: str) -> set[tuple[str, str]]:
    """Return (table, key) of each row of ``tables`` whose department column is
    ``department`` and whose key does not name it (a key project's is '3. <title>'): a
    finding or a correction about such a row is the department's too."""
    from ..parse.keys import KEYED_TABLES, row_keys  # pandas: only once rows are narrowed

    owned = set()
    for table, frame in tables.items():
        if table in KEYED_TABLES and "department" in frame:
            mine = frame[frame["department"].astype("string") == department]
            owned |= {(table, key) for key in row_keys(table, mine)}
    return owned


def names_department(key: object, department: str) -> bool:
    """Return True when ``key`` (a row's path, '기후센터 > 일반회계 > 기본경비') has
    ``department`` as one of its parts — never for a name that merely contains it
    ('노인복지정책과' is not '복지정책과')."""
    from ..parse.keys import SEP

    return isinstance(key, str) and department in key.split(SEP)


def for_department(frame: pd.DataFrame, department: str | None,
                   departments: Sequence[str] | None = None, *,
                   by: By = "department",
                   owners: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Return a copy of the rows of ``frame`` that are ``department``'s, index reset: every
    row for the whole bureau ('all', '전체', '' or None).

    ``by`` says whose a row is: ``"department"`` (a table or a history) keeps the rows of its
    department column — a table without one (revenue, printed totals) covers the whole bureau
    and comes back whole; ``"key"`` (findings, corrections) keeps the rows whose key names the
    department (:func:`names_department`) or, given ``owners`` (the report's tables), a row
    of the department's that its key does not name (:func:`owned_keys`).

    The name resolves as :func:`check_department` reads it against ``departments`` (a
    snapshot's own); without them, against the column's departments
    (:func:`department_choices`), or for ``by="key"`` the name as given
    (whitespace removed). Raises
    ParameterError naming the choices for a name that is none of them.
    """
    if is_all_departments(department):
        return frame.reset_index(drop=True)
    if by not in frame:  # the column that says whose a row is
        return frame.reset_index(drop=True)
    if departments is None:
        departments = (department_choices(frame[by]) if by == "department"
                       else (department_name(str(department)),))
        if not departments and not len(frame):
            # no rows and no names to check against (an empty table read back from its
            # processed file keeps no categories): none of any department's
            return frame.reset_index(drop=True)
    name = check_department(department, departments)
    if by == "department":
        rows = frame[by] == name
    else:
        keys = frame[by].tolist()
        rows = [names_department(key, name) for key in keys]
        if owners:
            # a row its key does not name may be the department's all the same (a key
            # project's): look up whose only in the tables such rows are about
            asked = {table for table, named in zip(frame["table"], rows, strict=True)
                     if not named and table in owners}
            owned = owned_keys({table: owners[table] for table in asked}, name)
            rows = [named or (table, key) in owned
                    for table, key, named in zip(frame["table"], keys, rows, strict=True)]
    return frame.loc[rows].reset_index(drop=True)

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


def for_department(frame: pd.DataFrame, department: str | None,
                   departments: Sequence[str] | None = None, *,
                   by: By = "department") -> pd.DataFrame:
    """Return a copy of the rows of ``frame`` that are ``department``'s, index reset: every
    row for the whole bureau ('all', '전체', '' or None).

    ``by`` says whose a row is: ``"department"`` (a table or a history) keeps the rows of its
    department column — a table without one (revenue, printed totals) covers the whole bureau
    and comes back whole; ``"key"`` (findings, corrections) keeps the rows whose key names the
    department.

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
    name = check_department(department, departments)
    if by == "department":
        rows = frame[by] == name
    else:
        rows = frame[by].astype("string").fillna("").str.contains(name, regex=False)
    return frame[rows].reset_index(drop=True)

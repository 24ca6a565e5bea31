"""The bureau's departments: their names and spellings (``names``: how a printed name resolves
against a snapshot's own departments, :class:`Organisation`), the reorganisation map over
snapshots (``reorganisation``: ``departments.csv``, :func:`later_name`), and a reader's choice of
one with the rule that narrows rows to it (``scope``: :func:`for_department`).
"""

from .names import (
    Organisation,
    close_department,
    department_name,
)
from .reorganisation import (
    Reorganisation,
    ReorganisationMap,
    former_names,
    later_name,
    later_names,
    read_map,
    read_reorganisations,
)
from .scope import ALL, check_department, department_choices, for_department, is_all_departments

__all__ = ["ALL", "Organisation", "Reorganisation", "ReorganisationMap", "check_department",
           "close_department", "department_choices", "department_name", "for_department",
           "former_names", "is_all_departments", "later_name", "later_names", "read_map",
           "read_reorganisations"]

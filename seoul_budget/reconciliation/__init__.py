"""Reconciliation: check every printed total, subtotal, rate and repeated figure of a report.

>>> findings = sb.reconcile(report)          # also ``report.findings``
>>> findings[findings.severity == "error"]

A finding says where (table, key, column, source_line), what the other figures imply
(``expected``), what is printed (``actual``) and, when one printing slip explains the mismatch,
the most likely correct value (``suggestion``, ``suggestion_kind``). Modules: ``cells`` (every
printed figure), ``checks`` (claims between figures), ``sums``, ``formulas``, ``cross``,
``funding``, ``stated``, ``project_text``, ``execution`` (the checks of each family),
``suite`` (every check of a report), ``units`` (a table printed 1,000× off its unit note: the
unit step after loading, and its finding), ``attribute`` and ``suggest`` (which figure
explains a failure), ``findings`` (the results and their wording), ``reconcile`` (all of
it), ``text`` (findings as text, CSV or JSON).
"""

from .findings import ERROR, INFO, WARNING
from .reconcile import reconcile
from .suite import build_checks

__all__ = ["ERROR", "INFO", "WARNING", "build_checks", "reconcile"]

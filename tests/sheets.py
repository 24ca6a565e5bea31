"""Small reports built in memory from hand-made tables, for reconciliation's unit tests.

A report's figures as cells (``reconciliation.cells.Sheet``) without a file: each test writes
the few rows it needs, in KRW or persons as the tables hold them, and works the checks' results
by hand. The rows are the bundled report's where a test says so (its line numbers).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

import seoul_budget as sb
from seoul_budget.reconciliation.cells import Sheet
from seoul_budget.subject import Subject

AS_OF = date(2023, 5, 31)
# A made-up bureau: the labels of the checks name its years.
SUBJECT = Subject("가나다국", 2023, 2022)
TOTALS_COLUMNS = ["table", "key", "level", "column", "value", "rate_printed", "unit",
                  "source_line"]


def totals(*rows: tuple) -> pd.DataFrame:
    """Return a ``printed_totals`` table: rows of (table, key, level, column, value, unit,
    line); a percent row's value is its printed rate."""
    records = [(table, key, level, column, None if unit == "percent" else value,
                value if unit == "percent" else None, unit, line)
               for table, key, level, column, value, unit, line in rows]
    frame = pd.DataFrame(records, columns=TOTALS_COLUMNS)
    return frame.astype({"value": "Float64", "rate_printed": "Float64", "source_line": int})


def sheet_of(path: Path = Path("report.txt"), **tables: pd.DataFrame) -> Sheet:
    """Return the cells of a report holding just ``tables`` (printed as the catalog's units);
    its text lines are ``path``'s when that file exists (none otherwise)."""
    return Sheet(sb.Report(path, AS_OF, dict(tables), subject=SUBJECT))

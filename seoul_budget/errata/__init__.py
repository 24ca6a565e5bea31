"""The errata ledger: its file's format (``ledger``), its corrections applied to one snapshot
(``apply``) and the ledger checked across snapshots (``check``)."""

from .apply import apply_errata, correction_figure, corrections_frame
from .check import check_ledger, check_ledger_coverage, check_ledger_dates
from .ledger import LEDGER_COLUMNS, REQUIRED_COLUMNS, Correction, figure_value, read_ledger

__all__ = ["LEDGER_COLUMNS", "REQUIRED_COLUMNS", "Correction", "apply_errata",
           "check_ledger", "check_ledger_coverage", "check_ledger_dates", "correction_figure",
           "corrections_frame",
           "figure_value", "read_ledger"]

"""The package's exceptions: one per kind of failure a user can act on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def first_few(items: Sequence[str], limit: int = 10) -> str:
    """Return items as a message lists them, at most ``limit`` and the rest counted
    ('3, 4, 5 and 9,997 more'): an error stays one readable line however long the list."""
    shown = ", ".join(items[:limit])
    rest = len(items) - limit
    return f"{shown} and {rest:,} more" if rest > 0 else shown


# The longest part of an error (its detail, what was expected) in characters: a list of a
# report's departments fits many times over; a name of 200,000 syllables in one does not.
MAX_PART = 1_500


def bounded(text: str, limit: int = MAX_PART) -> str:
    """Return ``text`` cut to ``limit`` characters with the rest counted ('… and 598,500
    characters more'): an error stays one readable line whatever the data held."""
    rest = len(text) - limit
    return f"{text[:limit]}… and {rest:,} characters more" if rest > 0 else text


class SeoulBudgetError(Exception):
    """Base class of every error this package raises on purpose."""


class LocatedError(SeoulBudgetError):
    """An error in an input file: ``path`` (the file), the 1-based ``line`` at fault and
    ``detail`` (what is wrong), in one line '<path>:<line>: <detail>'."""

    FILE = "file"  # what the file is called when no path is known

    def __init__(self, message: str = "", *, path: str | None = None,
                 line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(self._format())

    def _where(self) -> str:
        return str(self.path or f"<{self.FILE}>") + (f":{self.line}" if self.line is not None
                                                     else "")

    def _format(self) -> str:
        return f"{self._where()}: {bounded(self.detail)}"


class ReportParseError(LocatedError):
    """The report text cannot be read into tables.

    Attributes name where (``path``, 1-based ``line``, report ``section``) and what
    (``expected`` vs ``found``), so the message can be acted on without a traceback.
    """

    FILE = "report"

    def __init__(self, message: str = "", *, path: str | None = None, line: int | None = None,
                 section: str | None = None, expected: str | None = None,
                 found: str | None = None) -> None:
        self.section = section
        self.expected = expected
        self.found = found
        super().__init__(message, path=path, line=line)

    def _format(self) -> str:
        where = self._where() + (f" [{self.section}]" if self.section else "")
        parts = [bounded(self.detail)] if self.detail else []
        if self.expected is not None:
            parts.append(f"expected {bounded(self.expected)}")
        if self.found is not None:
            found = self.found if len(self.found) <= 80 else self.found[:77] + "..."
            parts.append(f"found {found!r}")
        return f"{where}: " + "; ".join(parts)


class ErrataError(LocatedError):
    """The errata ledger is unreadable, or does not match the report it is applied to.

    Attributes name where: ``path`` (the ledger), 1-based ``line`` of the ledger row,
    ``as_of`` of the snapshot when the error concerns one snapshot only (the others can still
    be built) and ``report`` (that snapshot's report file).
    """

    FILE = "errata ledger"

    def __init__(self, message: str = "", *, path: str | None = None, line: int | None = None,
                 as_of: date | None = None, report: str | None = None) -> None:
        self.as_of = as_of
        self.report = report
        super().__init__(message, path=path, line=line)

    def _format(self) -> str:
        snapshot = f" [snapshot {self.as_of.isoformat()}]" if self.as_of is not None else ""
        return f"{self._where()}{snapshot}: {bounded(self.detail)}"


# The ledger's error under the name an analyst looks for (``except sb.LedgerError``): one
# class, so a handler of either name catches every ledger error on every route.
LedgerError = ErrataError


class DataFileError(LocatedError):
    """A small data file beside the snapshots cannot be read or contradicts itself.

    Attributes: ``path`` of the file and the 1-based ``line`` of the row at fault.
    """

    FILE = "data file"


class OrganisationError(DataFileError):
    """The reorganisation map (``departments.csv``) cannot be read or contradicts itself."""

    FILE = "departments.csv"


class AliasError(DataFileError):
    """The aliases file (``aliases.csv``: garbled spellings and what they stand for) cannot be
    read or contradicts itself."""

    FILE = "aliases.csv"


class ProjectLinkError(DataFileError):
    """The declared links of key projects to programs (``project_programs.csv``) cannot be
    read."""

    FILE = "project_programs.csv"


class ParameterError(SeoulBudgetError, ValueError):
    """A notebook or CLI parameter is invalid (names the value and the valid choices)."""


class BuildError(SeoulBudgetError):
    """A report build could not be set up (not raised for a failing notebook)."""


class KernelError(SeoulBudgetError):
    """A build's kernel could not be started, reset or reached; never leaves the build: the
    job it was for fails, with this message."""


class OutputError(SeoulBudgetError):
    """A file or folder the command writes cannot be written: not a folder, read-only, the
    disk full. Attributes: ``path`` (the file or folder) and ``cause`` (the system's reason)."""

    def __init__(self, cause: str, *, path: str) -> None:
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: {cause}")

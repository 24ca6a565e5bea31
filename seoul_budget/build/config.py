"""How a build is set up: its folders and options (``BuildConfig``) and which jobs it runs
(``JobSelection``). The command line fills them in; Python callers build them directly."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..snapshots import default_data_dir, default_processed_dir, project_root

CELL_TIMEOUT_ENV = "SEOUL_BUDGET_CELL_TIMEOUT"


@dataclass(frozen=True)
class BuildConfig:
    """Where a build reads and writes (absolute folders), and how."""

    data_dir: Path
    reports_dir: Path
    processed_dir: Path
    notebooks_dir: Path
    jobs: int
    with_code: bool = False
    force: bool = False

    @classmethod
    def create(cls, *, data_dir: str | Path | None = None,
               reports_dir: str | Path | None = None,
               processed_dir: str | Path | None = None,
               notebooks_dir: str | Path | None = None, jobs: int | None = None,
               with_code: bool = False, force: bool = False) -> BuildConfig:
        """Return a config with the project's defaults for what is not given: ``data/raw``,
        ``reports``, ``data/processed``, ``notebooks`` and one notebook per usable core.

        Raises ParameterError for a job count below 1.
        """
        count = jobs if jobs is not None else available_cores()
        if count < 1:
            raise ParameterError(f"--jobs {count}: give at least 1 parallel notebook")
        root = project_root()
        return cls(data_dir=_folder(data_dir, default_data_dir()),
                   reports_dir=_folder(reports_dir, root / "reports"),
                   processed_dir=_folder(processed_dir, default_processed_dir()),
                   notebooks_dir=_folder(notebooks_dir, root / "notebooks"),
                   jobs=count, with_code=with_code, force=force)


@dataclass(frozen=True)
class JobSelection:
    """Which jobs a build runs: snapshots (``as_of``: a date, or None/'all' for every one),
    departments (None: the bureau; a name; 'each': the bureau and every department), or one
    job by its id from ``--list-jobs``."""

    as_of: str | None = None
    department: str | None = None
    job: str | None = None


def _folder(value: str | Path | None, default: Path) -> Path:
    return (Path(value) if value not in (None, "") else default).resolve()


def available_cores() -> int:
    """Return the cores this process may use (its CPU affinity where known), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def cell_timeout() -> int | None:
    """Return the per-cell time limit in seconds (``SEOUL_BUDGET_CELL_TIMEOUT``, default 1200;
    0 means none)."""
    value = os.environ.get(CELL_TIMEOUT_ENV, "1200")
    try:
        seconds = int(value)
    except ValueError:
        raise ParameterError(f"{CELL_TIMEOUT_ENV}={value!r} is not a whole number of "
                             "seconds") from None
    return seconds if seconds > 0 else None

"""What a build will do: the jobs a selection asks for (:func:`select_jobs`), which of them are
due (:func:`plan`: each job's inputs, their fingerprint, whether its outputs are up to date
and whether a snapshot it reads cannot be read), and the listing ``--list-jobs`` prints.

What an output was made from is kept as hashes: an output is up to date when they all match.
Inputs of a job: the snapshot's report and the corrections the errata ledger makes to it
(``corrections_sha256`` from its processed stamp: a ledger edit rebuilds only the snapshots
whose corrections changed), the declared links of key projects to programs
(``project_programs.csv``), the notebook, the package (its version and its source files, so a
fix in the library rebuilds the reports), the versions of the libraries that shape the output,
the parameters and the rendering options. A notebook that reads earlier snapshots (the trends
notebook) also depends on the report and corrections of every snapshot up to its own, and on
the reorganisation map — never on a later snapshot, so a new month leaves it as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import BuildError, ParameterError
from ..hashing import sha256_if_file
from ..limits import MAX_REPORT_BYTES
from ..params import (
    check_department,
    check_parameters,
    is_all_departments,
    snapshot_departments,
    snapshot_subject,
)
from ..snapshots import (
    aliases_path,
    discover_snapshots,
    project_programs_path,
    reorganisation_path,
)
from ..version import __version__, source_sha256
from .config import BuildConfig, JobSelection
from .jobs import EACH, Job, NotebookInfo, discover_notebooks, plan_jobs, split_job_id
from .manifest import Entry, is_up_to_date
from .prepare import SnapshotState, needed_snapshots

# Distributions whose version changes what a report shows.
ENVIRONMENT_DISTRIBUTIONS = ("pandas", "numpy", "matplotlib", "seaborn", "koreanize-matplotlib",
                             "pandera", "pyarrow", "nbconvert", "nbclient", "papermill",
                             "ipykernel")


@lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """Return {distribution: version} of Python and the libraries that shape a report
    ('absent' for one not installed)."""
    versions = {"python": platform.python_version(), "seoul_budget": __version__}
    for name in ENVIRONMENT_DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def run_inputs(with_code: bool) -> dict[str, object]:
    """Return the inputs every job of a run shares: package, environment, rendering."""
    return {
        "package_version": __version__,
        "package_sha256": source_sha256(),
        "environment": environment(),
        "render": {"with_code": with_code},
    }


class FileHashes:
    """SHA-256 of the files a run reads and writes, each hashed once while it stays the same
    file (keyed by its inode, size and modification time: an output a job rewrites during the
    run is hashed again)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[Path, int, int, int], str | None] = {}

    def __call__(self, path: Path, limit: int | None = None) -> str | None:
        """Return the file's SHA-256 (:func:`seoul_budget.hashing.sha256_if_file`); None if
        it is missing or larger than ``limit`` bytes (never read: its snapshot is refused by
        its size)."""
        try:
            info = os.stat(path)
        except OSError:  # no such file, or a link to nothing: said without caching
            return sha256_if_file(path)
        if limit is not None and info.st_size > limit:
            return None
        key = (path, info.st_ino, info.st_size, info.st_mtime_ns)
        if key not in self._seen:
            self._seen[key] = sha256_if_file(path)
        return self._seen[key]


def job_inputs(job: Job, shared: dict[str, object], hashes: FileHashes,
               corrections: Mapping[date, str | None],
               snapshots: Mapping[date, Path] | None = None,
               reorganisation: Path | None = None) -> dict[str, object]:
    """Return the inputs of a job: the run's shared inputs plus report, corrections (None
    while unknown: the snapshot is not prepared yet), notebook, parameters and the sections its
    page links to (a new section notebook changes every page's links); for a notebook that
    reads history, every snapshot up to the job's (``snapshots``: all of them) and the
    reorganisation map; for every job, the previous snapshot's report (a witness of its
    tables' units in the findings every page shows)."""
    snapshots = snapshots or {}
    inputs: dict[str, object] = {
        **shared,
        "report_sha256": hashes(job.report_path, MAX_REPORT_BYTES),
        "corrections_sha256": corrections.get(job.as_of),
        # the declared links of key projects to programs: the projects' links and findings
        "project_programs_sha256": hashes(project_programs_path(job.report_path.parent.parent)),
        "notebook_sha256": hashes(job.notebook.path),
        "parameters": job.parameters,
        "sections": [list(section) for section in job.sections],
    }
    before = [day for day in snapshots if day < job.as_of]
    if before:
        inputs["previous_report_sha256"] = hashes(snapshots[max(before)], MAX_REPORT_BYTES)
    if job.notebook.reads_history:
        earlier = sorted((day, path) for day, path in snapshots.items()
                         if day <= job.as_of)
        inputs["history"] = {day.isoformat(): {"report_sha256": hashes(path, MAX_REPORT_BYTES),
                                               "corrections_sha256": corrections.get(day)}
                             for day, path in earlier}
        inputs["reorganisation_sha256"] = hashes(reorganisation) if reorganisation else None
    return inputs


def fingerprint(inputs: dict[str, object]) -> str:
    """Return one hash of a job's inputs (stable: keys sorted)."""
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PlannedJob:
    """A job with its inputs, fingerprint and whether its outputs are up to date."""

    job: Job
    inputs: dict[str, Any]
    fingerprint: str
    up_to_date: bool


def select_departments(value: str | None, snapshots: Mapping[date, Path]
                       ) -> dict[date, list[str | None]]:
    """Return {as_of: the scopes to build}: [None] (the bureau), the one department ``value``
    names, or the bureau and each of the snapshot's own departments (``each``). Departments
    resolve against each snapshot's staffing table: a department a snapshot does not list
    (renamed, merged, not yet founded) gets no job in it.

    Raises ParameterError naming the choices for a department no selected snapshot lists.
    """
    if is_all_departments(value):
        return {day: [None] for day in snapshots}
    organisations = {day: snapshot_departments(path) for day, path in snapshots.items()}
    if str(value).strip().lower() == EACH:
        return {day: [None, *names] for day, names in organisations.items()}
    chosen: dict[date, list[str | None]] = {}
    for day, names in organisations.items():
        try:
            chosen[day] = [check_department(value, names)]
        except ParameterError:
            chosen[day] = []
    if not any(chosen.values()):
        listed = list(dict.fromkeys(n for names in organisations.values() for n in names))
        dates = ", ".join(day.isoformat() for day in sorted(organisations))
        raise ParameterError(f"department {value!r} is not a department of the bureau in any "
                             f"snapshot selected ({dates}); choose 'all', 'each' or one of: "
                             + ", ".join(listed))
    return chosen


def select_snapshots(as_of: str | None, config: BuildConfig) -> dict[date, Path]:
    """Return {as_of: report path} of the snapshots to build ('all' or one date).

    Raises ParameterError for a missing folder, a malformed date or a date with no snapshot.
    """
    snapshots = discover_snapshots(config.data_dir)
    if not snapshots:
        raise ParameterError(f"data_dir {str(config.data_dir)!r} holds no snapshot "
                             "(<YYYY-MM-DD>/report.txt)")
    if as_of in (None, "", "all"):
        return snapshots
    day = check_parameters(as_of, config.data_dir, None).as_of
    return {day: snapshots[day]}


def select_jobs(config: BuildConfig, selection: JobSelection
                ) -> tuple[list[Job], list[NotebookInfo], dict[date, Path]]:
    """Return (jobs, notebooks, snapshots) of a selection, every parameter checked.

    Raises ParameterError or BuildError (exit 2) naming the bad value; nothing has run yet.
    """
    if selection.job:
        def organisation(day: date) -> tuple[str, ...]:  # the job's snapshot's departments
            return snapshot_departments(select_snapshots(day.isoformat(), config)[day])

        as_of, stem, department = split_job_id(selection.job, organisation)
        snapshots = select_snapshots(as_of.isoformat(), config)
        departments: dict[date, list[str | None]] = {as_of: [department]}
    else:
        snapshots = select_snapshots(selection.as_of, config)
        departments = select_departments(selection.department, snapshots)
    notebooks = discover_notebooks(config.notebooks_dir)
    # what each report is about, for its pages' titles (a report that cannot be read: none)
    subjects = {day: subject for day, path in snapshots.items()
                if (subject := snapshot_subject(path)) is not None}
    jobs = plan_jobs(notebooks, snapshots, departments, config.data_dir, config.processed_dir,
                     subjects)
    if selection.job:
        jobs = [job for job in jobs if job.id == selection.job]
        if not jobs:
            raise BuildError(f"job {selection.job!r}: no notebook {stem!r} in "
                             f"{config.notebooks_dir}; see --list-jobs")
    return jobs, notebooks, snapshots


@dataclass
class Plan:
    """Every job assessed, the jobs due (longest first, by their last run) and those not run
    because a snapshot they read cannot be read."""

    jobs: list[PlannedJob]
    due: list[PlannedJob]
    blocked: list[PlannedJob]


def plan(jobs: list[Job], config: BuildConfig, entries: Mapping[str, Entry],
         states: Mapping[date, SnapshotState], hashes: FileHashes) -> Plan:
    """Return which jobs are due: not up to date (or all, with ``config.force``), and reading
    no snapshot that cannot be read.

    ``states``: every snapshot of the data folder (a notebook reading history depends on the
    earlier ones); a snapshot not prepared yet has no corrections hash, so its jobs are not up
    to date. ``hashes``: the hashes of input and output files, shared over a run.
    """
    # the aliases file decides how every snapshot's labels read: a page depends on it
    shared = {**run_inputs(config.with_code),
              "aliases_sha256": hashes(aliases_path(config.data_dir))}
    snapshots = {day: state.report_path for day, state in states.items()}
    corrections = {day: state.corrections for day, state in states.items() if state.ready}
    bad = {day for day, state in states.items() if state.error is not None}
    reorganisation = reorganisation_path(config.data_dir)
    assessed, due, blocked = [], [], []
    for job in jobs:
        inputs = job_inputs(job, shared, hashes, corrections, snapshots, reorganisation)
        mark = fingerprint(inputs)
        item = PlannedJob(job, inputs, mark, is_up_to_date(config.reports_dir,
                                                          entries.get(job.id), mark, hashes))
        assessed.append(item)
        if needed_snapshots([job], bad) & bad:  # it reads a snapshot that cannot be read
            blocked.append(item)
        elif config.force or not item.up_to_date:
            due.append(item)
    return Plan(assessed, longest_first(due, entries), blocked)


def job_listing(planned: list[PlannedJob], config: BuildConfig) -> list[dict[str, Any]]:
    """Return the ``--list-jobs`` records: id, what it runs, its outputs, a command to run it."""
    # The interpreter's absolute path: a scheduler's worker has no venv on its PATH.
    command = [sys.executable, "-m", "seoul_budget", "build", "--data-dir", str(config.data_dir),
               "--reports-dir", str(config.reports_dir),
               "--processed-dir", str(config.processed_dir),
               "--notebooks-dir", str(config.notebooks_dir)]
    if config.with_code:
        command.append("--with-code")
    return [{"id": p.job.id, "as_of": p.job.as_of.isoformat(), "notebook": p.job.notebook.stem,
             "department": p.job.department, "title": p.job.title,
             "parameters": p.job.parameters, "up_to_date": p.up_to_date,
             "outputs": {"ipynb": p.job.output(".ipynb"), "html": p.job.output(".html")},
             "command": [*command, "--job", p.job.id]} for p in planned]


def longest_first(items: list[PlannedJob], entries: Mapping[str, Entry]) -> list[PlannedJob]:
    """Return jobs ordered by their last duration, longest (or never run) first."""
    def key(item: PlannedJob) -> tuple[float, str]:
        last = (entries.get(item.job.id) or {}).get("duration_s")
        return (-(float(last) if last is not None else float("inf")), item.job.id)
    return sorted(items, key=key)

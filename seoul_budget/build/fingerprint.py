"""What an output was made from, as hashes: an output is up to date when they all match.

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
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..hashing import sha256_if_file
from ..limits import MAX_REPORT_BYTES
from ..snapshots import project_programs_path
from ..version import __version__, source_sha256
from .jobs import Job

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

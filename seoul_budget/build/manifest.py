"""``reports/manifest.json``: for every output, what it was made from, when, and how it went.

Every change is a read-modify-write under an exclusive lock on the reports folder, and the
file is replaced whole (temp file + os.replace): a reader never sees half of it, and
processes writing at once (the Airflow DAG runs one ``--job`` per task) lose no entry. A
build gathers the entries of the jobs that finish (:class:`ManifestBatch`) and writes them
together, at most once every ``FLUSH_S`` seconds and when it ends, not once per job. Each
entry records the SHA-256 of the outputs it describes: an entry is trusted only while its
files still have those hashes (a build killed before its last write rebuilds those outputs).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..atomic import ensure_folder, output_error, write_text_atomic
from ..hashing import sha256_if_file

MANIFEST_FILE = "manifest.json"
LOCK_FILE = ".manifest.lock"
FORMAT = 1
FLUSH_S = 5.0

Entry = dict[str, Any]


def read_manifest(reports_dir: Path) -> dict[str, Entry]:
    """Return {job id: entry} from the manifest ({} if absent or unreadable)."""
    try:
        data = json.loads((reports_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    outputs = data.get("outputs") if isinstance(data, dict) else None
    return outputs if isinstance(outputs, dict) else {}


def write_manifest(reports_dir: Path, entries: dict[str, Entry]) -> None:
    """Write the manifest atomically, entries sorted by job id."""
    data = {"format": FORMAT, "outputs": dict(sorted(entries.items()))}
    write_text_atomic(reports_dir / MANIFEST_FILE,
                      json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@contextmanager
def manifest_lock(reports_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the reports folder's manifest (POSIX flock). Raises
    OutputError when the folder or the lock file cannot be written."""
    ensure_folder(reports_dir)
    try:
        fd = os.open(reports_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise output_error(exc, reports_dir / LOCK_FILE) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def update_manifest(reports_dir: Path, change: Callable[[dict[str, Entry]], None]) -> \
        dict[str, Entry]:
    """Apply ``change`` to the manifest's entries under the lock; return the new entries."""
    with manifest_lock(reports_dir):
        entries = read_manifest(reports_dir)
        change(entries)
        write_manifest(reports_dir, entries)
        return entries


class ManifestBatch:
    """Manifest entries gathered as jobs finish, written together under the lock: when
    ``every_s`` seconds passed since the last write, and at :meth:`flush`."""

    def __init__(self, reports_dir: Path, every_s: float = FLUSH_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.reports_dir = reports_dir
        self.every_s = every_s
        self.clock = clock
        self.last = clock()
        self.pending: list[tuple[str, Callable[[Entry | None], Entry]]] = []

    def add(self, job_id: str, entry: Callable[[Entry | None], Entry]) -> None:
        """Record a job's entry, made from the entry the manifest holds for it when written
        (``entry(previous)``; None if none); write the batch if it is due."""
        self.pending.append((job_id, entry))
        if self.clock() - self.last >= self.every_s:
            self.flush()

    def flush(self) -> None:
        """Write the gathered entries (nothing when there are none). Raises OutputError."""
        pending, self.pending = self.pending, []
        self.last = self.clock()
        if not pending:
            return

        def apply(entries: dict[str, Entry]) -> None:
            for job_id, entry in pending:
                entries[job_id] = entry(entries.get(job_id))

        update_manifest(self.reports_dir, apply)


def outputs_intact(reports_dir: Path, entry: Entry,
                   hasher: Callable[[Path], str | None] = sha256_if_file) -> bool:
    """Return True if every output an entry lists exists with the hash it records."""
    outputs = entry.get("outputs") or {}
    hashes = entry.get("output_sha256") or {}
    if not outputs:
        return False
    return all(hasher(reports_dir / rel) == hashes.get(kind) for kind, rel in outputs.items())


def is_up_to_date(reports_dir: Path, entry: Entry | None, fingerprint: str,
                  hasher: Callable[[Path], str | None] = sha256_if_file) -> bool:
    """Return True if an entry is a success made from these very inputs and is still on disk."""
    return (entry is not None and entry.get("status") == "ok"
            and entry.get("fingerprint") == fingerprint
            and outputs_intact(reports_dir, entry, hasher))


def shown_entries(reports_dir: Path, entries: dict[str, Entry],
                  hasher: Callable[[Path], str | None] = sha256_if_file) -> dict[str, Entry]:
    """Return the entries as the index may show them: one whose outputs no longer have the
    hashes it records (a build killed between the two moves of a pair, a page removed or
    edited by hand) links none of them, and a success without them shows as not written.
    The manifest itself is left as it is: the next build rebuilds such outputs."""
    shown = {}
    for job_id, entry in entries.items():
        if entry.get("outputs") and not outputs_intact(reports_dir, entry, hasher):
            entry = {**entry, "outputs": None, "output_sha256": None, "good": None}
            if entry.get("status") == "ok":
                entry["status"] = "missing"
        shown[job_id] = entry
    return shown

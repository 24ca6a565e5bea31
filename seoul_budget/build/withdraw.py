"""Withdrawn snapshots: when a snapshot's folder leaves the data folder, its pages leave the
index and the manifest, and its folder of pages moves to ``reports/_withdrawn/<as_of>/``
(kept, not deleted: a withdrawal made by mistake is undone by putting the report back).

Safe by construction: only a folder named by an ISO date, directly inside the reports folder
(links resolved), is moved, and only to ``_withdrawn/`` inside the same folder; only manifest
entries made from this data folder are dropped, so building another data folder into the same
reports folder withdraws nothing. The folder moves first, then the entries go (atomically,
under the manifest's lock): a build killed in between finds the entries next time and ends
the job.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..atomic import ensure_folder, output_error
from ..snapshots import parse_as_of
from .manifest import Entry, read_manifest, update_manifest
from .redact import folder_id

WITHDRAWN_FOLDER = "_withdrawn"


def entry_date(entry: Entry) -> date | None:
    """Return the snapshot date a manifest entry belongs to (None if it names none)."""
    try:
        return parse_as_of(str(entry.get("as_of", "")))
    except ValueError:
        return None


def made_from(entry: Entry, data_dir: Path) -> bool:
    """Return True when ``entry``'s outputs were made from ``data_dir``: by its folder id, or
    (manifests written before ids) by its absolute path; an entry that says neither counts
    as this folder's."""
    if entry.get("data_dir_id"):
        return entry["data_dir_id"] == folder_id(data_dir)
    folder = entry.get("data_dir") or (entry.get("parameters") or {}).get("data_dir")
    if not folder or not Path(str(folder)).is_absolute():
        return True
    return str(Path(str(folder)).resolve()) == str(data_dir.resolve())


def move_pages(reports_dir: Path, day: date) -> Path | None:
    """Move ``reports_dir/<day>/`` to ``reports_dir/_withdrawn/<day>/`` (``<day>.2`` … when
    that exists); return the new folder, or None when there was nothing safe to move."""
    root = reports_dir.resolve()
    source = reports_dir / day.isoformat()
    if source.is_symlink() or not source.is_dir() or source.resolve().parent != root:
        return None
    folder = ensure_folder(root / WITHDRAWN_FOLDER)
    target, number = folder / day.isoformat(), 1
    while target.exists():
        number += 1
        target = folder / f"{day.isoformat()}.{number}"
    try:
        os.replace(source, target)  # one file system: a rename, never a copy and delete
    except OSError as exc:
        raise output_error(exc, source) from exc
    return target


def withdraw(reports_dir: Path, data_dir: Path, snapshots: Iterable[date]) -> list[date]:
    """Withdraw every snapshot whose report left ``data_dir``: move its pages under
    ``_withdrawn/`` and drop its manifest entries made from ``data_dir``; return the dates
    withdrawn."""
    present = set(snapshots)
    gone = sorted({day for entry in read_manifest(reports_dir).values()
                   if (day := entry_date(entry)) is not None and day not in present
                   and made_from(entry, data_dir)})
    if not gone:
        return []
    for day in gone:
        move_pages(reports_dir, day)

    def drop(entries: dict[str, Entry]) -> None:
        for job_id, entry in list(entries.items()):
            if entry_date(entry) in gone and made_from(entry, data_dir):
                del entries[job_id]

    update_manifest(reports_dir, drop)
    return gone

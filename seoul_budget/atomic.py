"""Writing outputs: each file atomically (temp name in its folder, then os.replace), folders
checked writable before work starts, and every failure of the file system as one
:class:`~seoul_budget.errors.OutputError` naming the path and the cause."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import OutputError

TEMP_SUFFIX = ".tmp"


def output_error(exc: OSError, path: str | Path) -> OutputError:
    """Return the OutputError for a failed write of ``path``: 'cannot write: <reason>'."""
    return OutputError(f"cannot write: {exc.strerror or exc}", path=str(path))


def ensure_folder(folder: str | Path) -> Path:
    """Create ``folder`` and its parents if missing; return it (OutputError if it cannot be
    one: a file in the way, a read-only parent)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from exc
    return folder


def check_output_folder(folder: str | Path, what: str) -> None:
    """Raise OutputError unless files can be written in ``folder`` (the ``what`` folder, for
    the message), creating nothing that stays: the folder, or its nearest existing parent
    when it does not exist yet, must be a folder where a temp file can be made and removed.
    (``os.access`` says yes to root on a read-only mount; a real file tells the truth.)"""
    existing = Path(folder)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        where = "is" if existing == Path(folder) else "is in the way of"
        raise OutputError(f"not a folder: it {where} the {what} folder", path=str(existing))
    try:
        handle, name = tempfile.mkstemp(prefix=".seoul-budget-probe.", suffix=TEMP_SUFFIX,
                                        dir=existing)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        raise OutputError(f"cannot write in the {what} folder: {exc.strerror or exc}",
                          path=str(existing)) from exc


def temp_path(path: Path) -> Path:
    """Return a new empty temp file beside ``path`` (``.<name>.<random>.tmp``: removed by
    the build's clean-up when a killed writer leaves it)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(handle)
    return Path(name)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a temp file, then move it onto ``path``; return ``path``.

    The temp file sits in the same folder (same file system), so the move is atomic; on any
    error it is removed and the previous file, if any, is left as it was. A failure of the
    file system is OutputError.
    """
    path = Path(path)
    ensure_folder(path.parent)
    tmp: Path | None = None
    try:
        tmp = temp_path(path)
        tmp.write_bytes(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise output_error(exc, path) from exc
    finally:
        remove_temp(tmp)
    return path


def remove_temp(tmp: Path | None) -> None:
    """Remove a temp file a failed write left (if it cannot be, the next build's clean-up of
    stale temp files will)."""
    if tmp is not None:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_together(files: Mapping[Path, bytes]) -> None:
    """Write several files as one: each to a temp name beside it, then each moved into place
    in the order given. If a move fails, the files already moved are put back as they were
    (a hard link kept each old one), so all are new or all as before; OutputError names the
    file and the cause. Only a kill between two moves leaves a mix, which the caller must be
    able to tell (the build records the pair's hashes only after the last move).
    """
    staged: list[tuple[Path, Path]] = []
    kept: dict[Path, Path | None] = {}  # the files moved, each with its old file's link
    current: Path | None = None
    try:
        for path, data in files.items():
            current = path
            ensure_folder(path.parent)
            tmp = temp_path(path)
            staged.append((path, tmp))
            tmp.write_bytes(data)
            os.chmod(tmp, 0o644)
        for path, tmp in staged:
            current = path
            old = keep_old(path)
            try:
                os.replace(tmp, path)
            except BaseException:
                remove_temp(old)
                raise
            kept[path] = old
    except BaseException as exc:
        put_back(kept)
        if isinstance(exc, OSError):
            raise output_error(exc, current or "<files>") from exc
        raise
    finally:
        for _, tmp in staged:
            remove_temp(tmp)
        for old in kept.values():
            remove_temp(old)


def keep_old(path: Path) -> Path | None:
    """Return the file at ``path`` kept under a temp name beside it (a hard link, or a copy
    where the file system has none), or None when there is no file there. Raises OutputError
    when it cannot be kept: the move it precedes could not be undone."""
    if not path.is_file():
        return None
    old = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old{TEMP_SUFFIX}")
    try:
        try:
            os.link(path, old)
        except OSError:  # no hard links here (FAT, some network shares): a copy will do
            shutil.copyfile(path, old)
    except OSError as exc:
        remove_temp(old)
        raise output_error(exc, old) from exc
    return old


def put_back(moved: Mapping[Path, Path | None]) -> None:
    """Undo the moves of :func:`write_together`, newest first: each kept old file back in
    place, or the new file removed where there was none. Best effort: a file that cannot be
    put back leaves a mix that the caller detects."""
    for path, old in reversed(list(moved.items())):
        with contextlib.suppress(OSError):
            if old is not None:
                os.replace(old, path)
            else:
                path.unlink(missing_ok=True)


def remove_stale_temp_files(folders: Iterable[Path], older_than_s: float = 600.0) -> int:
    """Remove the temp files killed writers left in ``folders`` and below
    (``.<name>.<random>.tmp``, older than ``older_than_s``, so a concurrent writer's file is
    never touched); return how many."""
    cutoff = time.time() - older_than_s
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(f".*{TEMP_SUFFIX}"):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:  # gone meanwhile, or not ours to remove: not worth stopping for
                continue
    return removed


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (newlines as given); return ``path``."""
    return write_bytes_atomic(path, text.encode(encoding))

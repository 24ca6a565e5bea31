"""Writing outputs: each file atomically (temp name in its folder, then os.replace), folders
checked writable before work starts, and every failure of the file system as one
:class:`~seoul_budget.errors.OutputError` naming the path and the cause."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
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


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` then move the temp file onto ``path``; return ``path``.

    The temp file sits in the same folder (same file system), so the move is atomic; on any
    error it is removed and the previous file, if any, is left as it was. A failure of the
    file system is OutputError.
    """
    path = Path(path)
    ensure_folder(path.parent)
    tmp: Path | None = None
    try:
        tmp = temp_path(path)
        write(tmp)
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


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return ``path``."""
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (newlines as given); return ``path``."""
    return write_bytes_atomic(path, text.encode(encoding))

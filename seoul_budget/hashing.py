"""Content hashes of files and bytes (SHA-256), read in chunks so a large file costs no memory."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
# What a path that is there but is no regular file (a folder, a pipe, a device, a link to
# nothing) hashes to: it matches no stamp, so whoever reads the file says why.
UNREADABLE = "unreadable"


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)


def open_regular(path: str | Path) -> BinaryIO:
    """Return a regular file opened for reading in binary: opened without blocking (a pipe put
    there after a stat cannot hang the read) and judged by a stat of what was opened.

    Raises OSError for no such file, and for anything but a regular file (EINVAL: a pipe, a
    device, a socket; EISDIR: a folder)."""
    handle = open(path, "rb", opener=_nonblocking)  # noqa: SIM115 - returned to the caller
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
        raise OSError(code, "not a regular file", str(path))
    return handle


def bytes_sha256(data: bytes) -> str:
    """Return the SHA-256 hex digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a regular file's bytes (OSError if it cannot be read,
    or is no regular file)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_if_file(path: str | Path) -> str | None:
    """Return a file's SHA-256 hex digest; None when there is no such path; :data:`UNREADABLE`
    when it is there but is no regular file or cannot be read (a dangling link included)."""
    if not os.path.lexists(path):
        return None
    try:
        return file_sha256(path)
    except OSError:
        return UNREADABLE

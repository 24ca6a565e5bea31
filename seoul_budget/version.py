"""The package's version (pyproject.toml reads it from here) and the hash of its source, a
finer version that changes with any edit of the code."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_SUFFIXES = frozenset({".py", ".csv", ".j2", ".json", ".css"})


@lru_cache(maxsize=1)
def source_sha256() -> str:
    """Return one hash over the package's source files (code, templates, data), by path."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

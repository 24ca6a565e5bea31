"""The builder's paths out of what reviewers receive.

Pages, executed notebooks, ``manifest.json`` and ``.failed.html`` tracebacks name folders of the
machine that built them (``/home/<user>/…``, ``/tmp/…``, the virtual environment). They are
shown instead relative to the project (``data/raw``, ``notebooks/01_staffing.ipynb``), by the
folder's name when it lies outside the project (``--data-dir /srv/x/raw`` → ``raw``), and
Python's own folders as ``<python>``. Only the shown form leaves the build; the kernels are
given the real paths.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

Alias = tuple[str, str]  # (absolute path as the builder has it, how outputs show it)

# Output payloads that are pictures (base64 has "/" in its alphabet: never rewritten).
BINARY_MIME = ("image/png", "image/jpeg", "image/gif", "application/pdf")


def shown_path(path: str | Path, root: str | Path) -> str:
    """Return ``path`` as outputs show it: relative to ``root`` (POSIX separators) when it
    lies inside, else the last component's name."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(os.path.abspath(root))
    except ValueError:
        return absolute.name or absolute.as_posix()
    return relative.as_posix() or "."


def folder_id(path: str | Path) -> str:
    """Return a stable id of a folder (16 hex digits of the SHA-256 of its resolved path): a
    manifest tells which data folder made an entry without printing where it is."""
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]


def path_aliases(root: Path, folders: Iterable[Path]) -> list[Alias]:
    """Return the (absolute, shown) pairs for the project ``root``, the build's ``folders``
    and Python's installation, longest path first (a folder inside another wins)."""
    pairs: dict[str, str] = {}
    for folder in folders:
        for variant in {os.path.abspath(folder), str(Path(folder).resolve())}:
            pairs[variant] = shown_path(folder, root)
    for variant in {os.path.abspath(root), str(Path(root).resolve())}:
        pairs[variant] = "."
        pairs[variant.rstrip("/") + "/"] = ""  # what lies below it becomes relative
    python_dirs = {sys.prefix, sys.base_prefix, sys.exec_prefix,
                   *(sysconfig.get_paths().get(key, "") for key in ("purelib", "platlib",
                                                                    "stdlib"))}
    for folder in python_dirs:
        if folder and folder not in pairs and not os.path.abspath(root).startswith(folder):
            pairs[folder] = "<python>"
    home = os.path.expanduser("~")
    if home not in ("/", "~"):
        # IPython's tracebacks show paths below the home folder as "~/…": alias those too.
        for path, shown in list(pairs.items()):
            if path.startswith(home.rstrip("/") + "/"):
                pairs.setdefault("~" + path[len(home.rstrip("/")):], shown)
        pairs.setdefault(home, "~")
    # a path printed as a Python string (a traceback's repr, a printed list) escapes its
    # quotes: '/srv/서울 "예산" \'보고\'' — alias that spelling too
    for path, shown in list(pairs.items()):
        pairs.setdefault(repr(path)[1:-1], repr(shown)[1:-1])
    return _longest_first(pairs)


def _longest_first(pairs: dict[str, str]) -> list[Alias]:
    return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)


def literal_aliases(aliases: Sequence[Alias]) -> list[Alias]:
    """Return ``aliases`` with each path also as papermill writes it into the injected
    parameters cell (its Python translator's string literal: Hangul as \\uXXXX, quotes
    escaped), which the plain path does not match."""
    # lazy import: papermill loads Jupyter machinery; only the worker, which runs it, asks
    from papermill.translators import PythonTranslator

    pairs = dict(aliases)
    for path, shown in aliases:
        pairs.setdefault(PythonTranslator.translate_str(path)[1:-1],
                         PythonTranslator.translate_str(shown)[1:-1])
    return _longest_first(pairs)


@lru_cache(maxsize=8)
def _compiled(aliases: tuple[Alias, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Return the pattern matching any aliased path and {path: shown}, built once per set of
    aliases (a notebook's strings are redacted one by one)."""
    if not aliases:
        return None
    # A path ends where a path character does not follow: "/data" never matches "/data2".
    alternatives = "|".join(re.escape(path) + ("" if path.endswith("/") else r"(?![\w.-])")
                            for path, _ in aliases)
    return re.compile(f"(?:{alternatives})"), dict(aliases)


def redact(text: str, aliases: Sequence[Alias]) -> str:
    """Return ``text`` with every aliased absolute path replaced by its shown form (a path
    below the project root becomes relative: ``/work/p/notebooks/x`` → ``notebooks/x``)."""
    compiled = _compiled(tuple(aliases))
    if compiled is None or not text:
        return text
    pattern, shown = compiled
    return pattern.sub(lambda match: shown[match.group(0)], text)


def redact_data(value: Any, aliases: Sequence[Alias]) -> Any:
    """Return ``value`` (JSON-like: dicts, lists, strings) with paths redacted in every string;
    picture payloads are left alone. Dicts and lists are rebuilt, the input is not changed."""
    if isinstance(value, str):
        return redact(value, aliases)
    if isinstance(value, dict):
        return {key: (item if key in BINARY_MIME else redact_data(item, aliases))
                for key, item in value.items()}
    if isinstance(value, list):
        return [redact_data(item, aliases) for item in value]
    return value


def redact_notebook(nb: Any, aliases: Sequence[Alias]) -> None:
    """Redact an executed notebook in place: cell sources (the injected parameters), outputs
    (tracebacks, printed text, HTML) and metadata (papermill's input path and parameters)."""
    from nbformat import from_dict  # nested NotebookNodes, as nbconvert expects

    aliases = literal_aliases(aliases)
    nb["metadata"] = from_dict(redact_data(nb["metadata"], aliases))
    for cell in nb["cells"]:
        cell["source"] = redact(cell.get("source", ""), aliases)
        if "metadata" in cell:
            cell["metadata"] = from_dict(redact_data(cell["metadata"], aliases))
        if "outputs" in cell:
            cell["outputs"] = [from_dict(redact_data(output, aliases))
                               for output in cell["outputs"]]

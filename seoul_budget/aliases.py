"""Aliases for garbled spellings, ``data/raw/aliases.csv``: what a label that no rule reads
stands for (a department, a revenue category, an account or a job category).

Labels are read by structure and by tolerant rules (spacing, '담당관' printed '관', one syllable
garbled in a long department name); a spelling too garbled for them ('입시적세외수입' for
임시적세외수입) is data, one row each, beside the errata ledger (UTF-8 with or without BOM, or
CP949/EUC-KR; at most 1 MB)::

    kind,printed,canonical,note
    revenue_category,입시적세외수입,임시적세외수입,세입 총괄 and 세입 예산 세부내역 (typo)

``kind`` is one of :data:`KINDS`; ``printed`` is compared with whitespace, '·' and ','
ignored; ``note`` says where the spelling was seen. A missing file is no alias.

API: ``read_aliases(path) -> Aliases`` (AliasError naming the file and row for a malformed
file), ``aliases_beside(report_path)`` those of a snapshot's data folder;
``Aliases.canonical(kind, label)`` the name a printed label stands for, or None;
``Aliases.of(kind)`` {printed key: canonical} of one kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .datafile import csv_rows
from .errors import AliasError
from .limits import MAX_ALIASES_BYTES
from .parse.text import label_key
from .snapshots import aliases_path

ALIAS_COLUMNS = ("kind", "printed", "canonical", "note")
DEPARTMENT, REVENUE_CATEGORY, ACCOUNT, JOB_CATEGORY = (
    "department", "revenue_category", "account", "job_category")
KINDS = (DEPARTMENT, REVENUE_CATEGORY, ACCOUNT, JOB_CATEGORY)


@dataclass(frozen=True)
class Aliases:
    """Garbled spellings by kind: {kind: {printed label key: canonical name}}."""

    by_kind: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def of(self, kind: str) -> Mapping[str, str]:
        """Return {printed label key (:func:`label_key`): canonical name} of one kind."""
        return self.by_kind.get(kind, MappingProxyType({}))

    def canonical(self, kind: str, label: str) -> str | None:
        """Return the name a printed label of ``kind`` stands for, or None if no row says."""
        return self.of(kind).get(label_key(label))


NO_ALIASES = Aliases()


def aliases_beside(report_path: Path) -> Aliases:
    """Return the aliases of a snapshot's data folder (``<data_dir>/aliases.csv`` beside its
    ``<as_of>/report.txt``); AliasError as :func:`read_aliases`."""
    return read_aliases(aliases_path(report_path.parent.parent))


def read_aliases(path: str | Path) -> Aliases:
    """Return the aliases of a file (a missing file: none).

    Raises AliasError naming the file and line for an unreadable file, another header, an
    unknown kind, a row without its printed or canonical name, or a spelling given two
    different meanings.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a link to nothing is refused
        return NO_ALIASES
    found: dict[str, dict[str, tuple[str, int]]] = {kind: {} for kind in KINDS}
    for row in csv_rows(path, ALIAS_COLUMNS, "aliases file", MAX_ALIASES_BYTES, AliasError):
        line, cells = row.line, row.cells
        if row.extra:
            raise AliasError("the row has more cells than the header", path=str(path),
                             line=line)
        kind, printed, canonical = cells["kind"], cells["printed"], cells["canonical"]
        if kind not in KINDS:
            raise AliasError(f"kind {kind!r} is none of {', '.join(KINDS)}", path=str(path),
                             line=line)
        if not printed or not canonical:
            raise AliasError("an alias names the printed and the canonical spelling",
                             path=str(path), line=line)
        first = found[kind].setdefault(label_key(printed), (canonical, line))
        if first[0] != canonical:
            raise AliasError(f"{printed!r} stands for {first[0]!r} (line {first[1]}) and for "
                             f"{canonical!r}", path=str(path), line=line)
    return Aliases(MappingProxyType({
        kind: MappingProxyType({key: name for key, (name, _) in rows.items()})
        for kind, rows in found.items() if rows}))

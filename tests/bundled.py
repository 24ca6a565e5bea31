"""The tests' own copy of the bundled snapshot: ``tests/fixtures/data/raw`` (the 2023-05-31
report, its errata ledger and its aliases). Tests read this copy, never ``data/raw``, so adding
a month to ``data/raw`` leaves every test as it was; conftest.py points the default data folder
here."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(__file__).resolve().parent / "fixtures" / "data" / "raw"
DAY = "2023-05-31"
REPORT = RAW / DAY / "report.txt"
LEDGER = RAW / "errata.csv"
# The departments the bundled report's staffing table (인력 현황) prints, lines 25-32, in its
# order: the package reads them from each report (report.departments), this is the test data.
DEPARTMENTS = ("디지털정책담당관", "빅데이터담당관", "정보시스템담당관", "정보공개담당관",
               "공간정보담당관", "정보통신보안담당관", "데이터센터", "서울기록원")

ALIASES = RAW / "aliases.csv"


def with_aliases(data_dir: Path) -> Path:
    """Copy the bundled report's aliases (its garbled spellings: 세출 총괄's '정보시설팀관' …)
    beside the snapshots of ``data_dir`` unless a file is there; return ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if not (data_dir / "aliases.csv").exists():
        shutil.copy(ALIASES, data_dir / "aliases.csv")
    return data_dir

"""The tests' own copy of the bundled snapshot: ``tests/fixtures/data/raw`` (the 2023-05-31
report and its errata ledger). Tests read this copy, never ``data/raw``, so adding a month to
``data/raw`` leaves every test as it was; conftest.py points the default data folder here."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(__file__).resolve().parent / "fixtures" / "data" / "raw"
DAY = "2023-05-31"
REPORT = RAW / DAY / "report.txt"
LEDGER = RAW / "errata.csv"

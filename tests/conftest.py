"""Shared fixtures: the bundled report, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import seoul_budget as sb

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
REPORT_PATH = RAW / "2023-05-31" / "report.txt"


@pytest.fixture(scope="session")
def report_path() -> Path:
    return REPORT_PATH


@pytest.fixture(scope="session")
def report() -> sb.Report:
    """The bundled report with every figure exactly as printed (no errata applied)."""
    return sb.load_report(REPORT_PATH, errata=None)


@pytest.fixture(scope="session")
def report_lines() -> list[str]:
    """The raw report's lines (index 0 is line 1)."""
    return REPORT_PATH.read_text(encoding="utf-8").splitlines()

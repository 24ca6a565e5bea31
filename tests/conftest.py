"""Shared fixtures: the bundled report (the tests' own copy), loaded once per test session.

Every test, and every notebook or build a test starts, reads ``tests/fixtures/data/raw``: the
default data folder is pointed there (``SEOUL_BUDGET_DATA``) before anything is imported, so
a later month added to ``data/raw`` changes no test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bundled import RAW
from bundled import REPORT as REPORT_PATH
from pages import build_reports, copy_snapshot

os.environ["SEOUL_BUDGET_DATA"] = str(RAW)

import seoul_budget as sb  # noqa: E402 - after the data folder is set


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


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory, report_lines) -> Path:
    """The reviewer pages of the bundled report, built once for every browser test."""
    tmp = tmp_path_factory.mktemp("pages")
    return build_reports(copy_snapshot(tmp, report_lines), tmp)

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
def months_raw(tmp_path_factory) -> Path:
    """A data folder of three months (tests/monthly.py): May as bundled; June with 데이터 품질
    관리 added (1,000,000 천원), 서울기록원 시민참여프로그램운영 removed and 메타버스 서울 추진
    re-budgeted 2,813,953 -> 3,313,953 천원; July grown. The ledger covers each month."""
    import monthly

    return monthly.write_months(tmp_path_factory.mktemp("months") / "raw",
                                monthly.three_months())


@pytest.fixture(scope="session")
def months_processed(months_raw, tmp_path_factory) -> Path:
    """The three months' processed folders, written once (as a build writes them)."""
    from seoul_budget.processed import write_processed
    from seoul_budget.snapshots import discover_snapshots

    folder = tmp_path_factory.mktemp("months-processed")
    for path in discover_snapshots(months_raw).values():
        write_processed(sb.load_report(path), folder)
    return folder


@pytest.fixture(scope="session")
def months_tables(months_raw, months_processed) -> dict:
    """{table: history} of the three months for expenditure, findings and staffing."""
    from seoul_budget.snapshot_history import history_tables

    return history_tables(["expenditure", "findings", "staffing"], months_raw,
                          processed_dir=months_processed)


@pytest.fixture(scope="session")
def hostile_reports(tmp_path_factory) -> Path:
    """The reviewer pages of the bundled report with hostile names and ledger reasons
    (tests/hostile.py), built once: the build succeeds, or reports an error finding left."""
    import hostile

    from seoul_budget.build.outcome import EXIT_OK, EXIT_UNRECONCILED

    tmp = tmp_path_factory.mktemp("hostile")
    return build_reports(hostile.write_hostile(tmp / "raw"), tmp,
                         allowed=(EXIT_OK, EXIT_UNRECONCILED))


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory, report_lines) -> Path:
    """The reviewer pages of the bundled report, built once for every browser test."""
    tmp = tmp_path_factory.mktemp("pages")
    return build_reports(copy_snapshot(tmp, report_lines), tmp)


@pytest.fixture(scope="session")
def built_months(tmp_path_factory) -> Path:
    """The reviewer pages of three months (tests/monthly.py: May as bundled, June and July
    generated from it), built once for the page tests that look across months."""
    import monthly

    tmp = tmp_path_factory.mktemp("month-pages")
    return build_reports(monthly.write_months(tmp / "raw", monthly.three_months()), tmp)

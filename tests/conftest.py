"""Shared fixtures: the bundled report (the tests' own copy), loaded once per test session.

Every test, and every notebook or build a test starts, reads ``tests/fixtures/data/raw``: the
default data folder is pointed there (``SEOUL_BUDGET_DATA``) before anything is imported, so
a later month added to ``data/raw`` changes no test.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bundled import RAW
from bundled import REPORT as REPORT_PATH
from filelock import FileLock
from pages import build_reports

os.environ["SEOUL_BUDGET_DATA"] = str(RAW)

import seoul_budget as sb  # noqa: E402 - after the data folder is set


def built_once(tmp_path_factory, worker_id: str, name: str,
               build: Callable[[Path], Path]) -> Path:
    """Return what ``build(folder)`` made, built once per test run however many pytest-xdist
    workers ask (pytest-xdist's recipe: the first worker builds under a file lock in the
    workers' shared temporary folder and records where; the others read the record). Only for
    builds the tests read and never change."""
    if worker_id == "master":  # no xdist: a session fixture is already once per run
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    record = shared / f"{name}.json"
    with FileLock(shared / f"{name}.lock"):
        if not record.exists():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # a worker's build that failed
            folder.mkdir()
            record.write_text(json.dumps(str(build(folder))), encoding="utf-8")
        return Path(json.loads(record.read_text(encoding="utf-8")))


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
def hostile_reports(tmp_path_factory, worker_id) -> Path:
    """The reviewer pages of the bundled report with hostile names and ledger reasons
    (tests/hostile.py), built once: the build succeeds, or reports an error finding left."""
    import hostile

    from seoul_budget.build.outcome import EXIT_OK, EXIT_UNRECONCILED

    return built_once(tmp_path_factory, worker_id, "hostile", lambda tmp: build_reports(
        hostile.write_hostile(tmp / "raw"), tmp, allowed=(EXIT_OK, EXIT_UNRECONCILED),
        jobs=2))


@pytest.fixture(scope="session")
def built_months(tmp_path_factory, worker_id) -> Path:
    """The reviewer pages of three months (tests/monthly.py: May as bundled, June and July
    generated from it), built once for the page tests that look across months."""
    import monthly

    return built_once(tmp_path_factory, worker_id, "month-pages", lambda tmp: build_reports(
        monthly.write_months(tmp / "raw", monthly.three_months()), tmp, jobs=2))


@pytest.fixture(scope="session")
def built_reports(built_months) -> Path:
    """The reviewer pages of the bundled report: the first month of ``built_months`` (as
    bundled, beside the same ledger), whose pages are the same bytes as a build of that
    month alone; only the index also lists the later months. One build serves both the
    page tests of one month and those across months."""
    return built_months

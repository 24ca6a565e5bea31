"""Work and output bounded below the size limits (issue 25, item 2): the bundled report with
2,000 programs added under one account (generated here, not committed), its expenditure
notebook built once. The page shows at most MAX_PAGE_ROWS rows of a table and counts the
rest; the executed notebook stores no more than the page shows (no hidden row's name in any
output or metadata). Timings live in benchmarks/bench_inputs.py, not here.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from bundled import DAY, LEDGER, REPORT, with_aliases
from pages import build_reports

from seoul_budget.build.outcome import EXIT_OK, EXIT_UNRECONCILED
from seoul_budget.notebook.html import MAX_PAGE_ROWS

EXTRA = 1_000
# A program row of 세출예산 집행현황 (line 487 of the bundled report): the added ones follow it.
AFTER = "\t엠보팅 서비스 운영\t"


def program(number: int) -> str:
    """The name of added program ``number``: a word no page prints otherwise, and digits."""
    return f"시험사업{number:05d}"


def with_programs(text: str, rows: int) -> str:
    """The report with ``rows`` programs of 1,000 천원 (500 committed, 250 spent) after the
    row AFTER: its account's printed subtotal no longer adds up (an error finding)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(AFTER))
    extra = [f"\t{program(i)}\t1,000\t500\t250\t50.0%\t25.0%" for i in range(rows)]
    return "\n".join(lines[: at + 1] + extra + lines[at + 1:])


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """The reports folder of the expenditure notebook built on the long report."""
    tmp = tmp_path_factory.mktemp("bounds")
    data = tmp / "raw"
    (data / DAY).mkdir(parents=True)
    (data / DAY / "report.txt").write_text(
        with_programs(REPORT.read_text(encoding="utf-8"), EXTRA), encoding="utf-8")
    shutil.copy(LEDGER, data / "errata.csv")
    return build_reports(with_aliases(data), tmp, allowed=(EXIT_OK, EXIT_UNRECONCILED),
                         extra=("--job", f"{DAY}.03_expenditure"))


def test_the_page_shows_a_bounded_number_of_rows_and_counts_the_rest(big):
    page = html.unescape((big / DAY / "03_expenditure.html").read_text(encoding="utf-8"))
    shown = [i for i in range(EXTRA) if program(i) in page]
    assert 0 < len(shown) <= MAX_PAGE_ROWS
    assert "나머지" in page  # the rows not shown, counted under the table
    assert program(EXTRA - 1) not in page


def test_the_notebook_stores_no_row_the_page_does_not_show(big):
    page = html.unescape((big / DAY / "03_expenditure.html").read_text(encoding="utf-8"))
    stored = json.dumps(json.loads((big / DAY / "03_expenditure.ipynb").read_text(
        encoding="utf-8")), ensure_ascii=False)
    hidden = [i for i in range(EXTRA) if program(i) not in page]
    assert len(hidden) >= EXTRA // 2  # most rows are not on the page (a few hundred shown)
    assert [program(i) for i in hidden if program(i) in stored] == []

"""Months for tests: the bundled snapshot and later months made by ``variants``, written as a
data folder with the bundled errata ledger.

The 2022 settlement's unit slip (보조금반납액 18,571 on three lines) repeats word for word in a
later month, as a real later report repeats it. The ledger names each figure by table, key and
column with no date, so its rows apply to every month that prints the same figure, wherever
the line moved: each month reconciles without error, as the bundled snapshot does.

The standard three months (:func:`three_months`): 2023-05-31 as bundled; 2023-06-30 with one
program added, one removed and one re-budgeted, execution grown; 2023-07-31 grown again.

Build tests that add months one at a time use :func:`reprinted`: a later month whose publisher
printed the settlement's slip right (19 백만원), so the ledger stays the bundled one and adding
a month changes no other snapshot's inputs. :func:`remove_month` withdraws a month.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import variants as v
from bundled import LEDGER, REPORT, with_aliases

BASE = REPORT.read_text(encoding="utf-8")
MAY, JUNE, JULY, AUGUST = (date(2023, 5, 31), date(2023, 6, 30), date(2023, 7, 31),
                           date(2023, 8, 31))
# The edits of June (money in 천원, as the report prints it).
ADDED = v.NewProgram("빅데이터담당관", "일반회계", "데이터 품질 관리", 1_000_000)
REMOVED = v.ProgramRef("서울기록원", "일반회계", "서울기록원 시민참여프로그램운영")  # 613,300
REBUDGETED = v.BudgetChange("디지털정책담당관", "일반회계", "메타버스 서울 추진",
                            3_313_953)  # was 2,813,953


def june(text: str = BASE) -> str:
    """Return the June month: one program added, one removed, one re-budgeted, grown."""
    return v.later_month(text, JUNE, seed=1, programs_added=[ADDED], programs_removed=[REMOVED],
                         budget_changes=[REBUDGETED])


def three_months() -> list[str]:
    """Return the texts of May (bundled), June and July."""
    first = june()
    return [BASE, first, v.later_month(first, JULY, seed=2)]


def reprinted(text: str) -> str:
    """Return a later month with the 2022 settlement's slip printed right (no ledger row
    needed: it reconciles without error as it stands)."""
    return v.reprint_settlement_slip(text)


def write_month(data_dir: Path, text: str) -> Path:
    """Write a month to ``data_dir/<printed 기준 date>/report.txt`` beside the bundled ledger
    (``data_dir/errata.csv``, copied once); return the report."""
    path = data_dir / v.as_of(text).isoformat() / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    ledger = data_dir / "errata.csv"
    if not ledger.exists():
        shutil.copy(LEDGER, ledger)
    with_aliases(data_dir)
    return path


def remove_month(data_dir: Path, day: date) -> None:
    """Remove a month's folder (a withdrawn snapshot); the ledger stays as it was."""
    shutil.rmtree(data_dir / day.isoformat())


def write_months(data_dir: Path, texts: Iterable[str]) -> Path:
    """Write several months (see :func:`write_month`); return the data folder."""
    for text in texts:
        write_month(data_dir, text)
    return data_dir

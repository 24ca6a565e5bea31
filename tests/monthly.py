"""Months for tests: the bundled snapshot and later months made by ``variants``, written as a
data folder whose errata ledger covers every month.

The 2022 settlement's unit slip (보조금반납액 18,571 on three lines) repeats word for word in a
later month, as a real later report repeats it. The ledger names the snapshot and line of each
correction, so :func:`ledger_rows` copies the bundled snapshot's rows to every later month
that prints the same line (found by content: lines move when programs are added or removed).
Each month then reconciles without error, as the bundled snapshot does with its ledger.

The standard three months (:func:`three_months`): 2023-05-31 as bundled; 2023-06-30 with one
program added, one removed and one re-budgeted, execution grown; 2023-07-31 grown again.

Build tests that add months one at a time use :func:`reprinted`: a later month whose publisher
printed the settlement's slip right (19 백만원), so the ledger stays the bundled one and adding
a month changes no other snapshot's inputs. :func:`remove_month` withdraws a month and its
ledger rows (a row left for a snapshot that is gone applies to nothing).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import variants as v
from bundled import LEDGER, REPORT

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


def ledger_rows(text: str) -> list[dict[str, str]]:
    """Return the bundled ledger's rows that apply to a later month ``text``: each row for the
    bundled snapshot whose printed line appears, unchanged, exactly once in the month, with
    that month's date and line (rows without a date already apply to every month)."""
    bundled = BASE.split("\n")
    month = text.split("\n")
    day = v.as_of(text).isoformat()
    rows = []
    with LEDGER.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("as_of") != MAY.isoformat() or not row.get("source_line"):
                continue
            line = bundled[int(row["source_line"]) - 1]
            if month.count(line) == 1:
                rows.append({**row, "as_of": day, "source_line": str(month.index(line) + 1)})
    return rows


def write_month(data_dir: Path, text: str) -> Path:
    """Write a month to ``data_dir/<printed 기준 date>/report.txt`` and cover it in the
    ledger (``data_dir/errata.csv``, created from the bundled ledger); return the report."""
    path = data_dir / v.as_of(text).isoformat() / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    ledger = data_dir / "errata.csv"
    if not ledger.exists():
        shutil.copy(LEDGER, ledger)
    if v.as_of(text) != MAY:
        with ledger.open(encoding="utf-8", newline="") as handle:
            fields = csv.DictReader(handle).fieldnames or []
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writerows(ledger_rows(text))
        with ledger.open("a", encoding="utf-8", newline="") as handle:
            handle.write(out.getvalue())
    return path


def remove_month(data_dir: Path, day: date) -> None:
    """Remove a month's folder and its rows from the ledger (a withdrawn snapshot); a ledger
    with no row for it is left byte for byte as it was."""
    shutil.rmtree(data_dir / day.isoformat())
    ledger = data_dir / "errata.csv"
    with ledger.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames or [], list(reader)
    if not any(row.get("as_of") == day.isoformat() for row in rows):
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for row in rows if row.get("as_of") != day.isoformat())
    ledger.write_text(out.getvalue(), encoding="utf-8")


def write_months(data_dir: Path, texts: Iterable[str]) -> Path:
    """Write several months (see :func:`write_month`); return the data folder."""
    for text in texts:
        write_month(data_dir, text)
    return data_dir

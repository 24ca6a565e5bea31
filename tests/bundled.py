"""The tests' own copy of the bundled snapshot: ``tests/fixtures/data/raw`` (the 2023-05-31
report, its errata ledger and its aliases). Tests read this copy, never ``data/raw``, so adding
a month to ``data/raw`` leaves every test as it was; conftest.py points the default data folder
here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

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


def edited_copy(data_dir: Path, lines: dict[int, str]) -> Path:
    """Write the bundled report into ``data_dir`` (beside the bundled aliases, no ledger) with
    each line of ``lines`` (number: text) printed instead; return the copy's path."""
    printed = REPORT.read_text(encoding="utf-8").split("\n")
    for number, text in lines.items():
        printed[number - 1] = text
    path = with_aliases(data_dir) / DAY / "report.txt"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(printed), encoding="utf-8")
    return path


# The errors the report carries as printed: (table, key, column, line) -> most likely value (KRW).
ERRORS_AS_PRINTED = {
    # 서울기록원 기본경비 prints 30,048,210 and 30,080,360 in a 천원 table. The account
    # subtotal (line 575) less the other four programs leaves
    # 3,143,568 − (1,348,543 + 660,745 + 840,925 + 263,307) = 30,048 천원 committed and
    # 1,662,442 − (730,536 + 270,949 + 529,263 + 101,613) = 30,081 천원 spent, and the printed
    # rate 32.8% = 30,048 / 91,726: the figures are in 원, i.e. 30,048,210 원 and 30,080,360 원.
    ("expenditure", "서울기록원 > 일반회계 > 기본경비", "committed", 580): 30_048_210,
    ("expenditure", "서울기록원 > 일반회계 > 기본경비", "spent", 580): 30_080_360,
    # 2022 세출결산 데이터센터: E = A − B − C − D gives 46,707 − 43,961 − 94 − 18,571 = −15,919,
    # not the printed 2,633; with D = 18,571 천원 (18.571 백만원) it is 2,632.4 ≈ 2,633, and
    # F = (43,961 + 94 + 18.571) / 46,707 = 94.4% as printed. The same 18,571 is carried into
    # 소계 (일반회계) (line 604) and 총계 (line 603).
    ("settlement_expenditure", "데이터센터 > 일반회계", "subsidy_returned", 614): 18_571_000,
    ("settlement_expenditure", "소계 > 일반회계", "subsidy_returned", 604): 18_571_000,
    ("settlement_expenditure", "계", "subsidy_returned", 603): 18_571_000,
}


def errors(findings: pd.DataFrame) -> dict[tuple[str, str, str, int], float]:
    """Return {(table, key, column, line): suggestion} of the error findings."""
    rows = findings[findings.severity == "error"]
    return {(r.table, r.key, r.column, int(r.source_line)): r.suggestion
            for r in rows.itertuples(index=False)}

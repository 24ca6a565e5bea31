"""Later months with the ledger beside them: the 2022 settlement's misprint, repeated word for
word every month, is corrected by the same ledger rows wherever its lines move; a row for one
month fails that month only; a ledger edit changes only the corrections of the months it
touches.

Months are made by ``variants`` from the bundled report; the ledger is the bundled one, untouched.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import variants as v
from bundled import LEDGER, with_aliases

import seoul_budget as sb
from seoul_budget.cli import main
from seoul_budget.processed import corrections_sha256

BASE = v.bundled_text()
MAY, JUNE, JULY, AUGUST = (date(2023, 5, 31), date(2023, 6, 30), date(2023, 7, 31),
                           date(2023, 8, 31))
SLIP_LINES_MAY = [603, 604, 614]  # 총계, 소계 (일반회계), 데이터센터: 보조금반납액 18,571


def months_with_a_row_inserted_each(n: int) -> list[tuple[date, str]]:
    """Return May (the bundled report) and ``n`` later months, each adding one program to
    빅데이터담당관 일반회계 (in 집행현황, above the 2022 settlement: its lines move down one a
    month)."""
    found = [(MAY, BASE)]
    for offset in range(n):
        day = v.month_end(2023, 6 + offset)
        new = v.NewProgram("빅데이터담당관", "일반회계", f"데이터 품질 관리 {offset + 1}", 100_000)
        found.append((day, v.later_month(found[-1][1], day, seed=offset, programs_added=[new])))
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder: May to August and the bundled ledger, untouched."""
    data = tmp_path_factory.mktemp("raw")
    for day, text in months_with_a_row_inserted_each(3):
        path = data / day.isoformat() / "report.txt"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    shutil.copy(LEDGER, data / "errata.csv")
    return with_aliases(data)


def load(folder: Path, day: date) -> sb.Report:
    return sb.load_report(folder / day.isoformat() / "report.txt")


def test_the_misprint_is_corrected_every_month_wherever_its_lines_move(folder):
    for shift, day in enumerate((MAY, JUNE, JULY, AUGUST)):
        report = load(folder, day)
        table = report.corrections
        settlement = table[table.table == "settlement_expenditure"]
        # one program row inserted a month above the settlement: its lines move by one
        assert sorted(settlement.source_line) == [n + shift for n in SLIP_LINES_MAY], day
        assert sorted(settlement.ledger_line) == [4, 5, 6]  # the same three ledger rows
        # line 580's rows name May: only May has them (later months print new figures)
        assert len(table) == (5 if day == MAY else 3)
        assert not (report.findings.severity == "error").any(), day


def test_check_exits_0_on_every_month_with_the_ledger_untouched(folder, capsys):
    assert main(["check", "--data-dir", str(folder)]) == 0
    assert main(["check", "--data-dir", str(folder), "--no-errata"]) == 1  # as printed
    capsys.readouterr()


def test_a_row_for_one_month_that_does_not_match_fails_that_month_only(folder, tmp_path,
                                                                       capsys):
    data = tmp_path / "raw"
    shutil.copytree(folder, data)
    # A row naming June whose printed figure June does not print (its 데이터센터 row prints
    # 18,571, not 18,517).
    row = ("settlement_expenditure,데이터센터 > 일반회계,subsidy_returned,\"18,517백만원\","
           "\"18,517천원\",2023-06-30,,,typo,분석팀,2026-12-01\n")
    with (data / "errata.csv").open("a", encoding="utf-8") as handle:
        handle.write(row)
    with pytest.raises(sb.ErrataError) as caught:
        load(data, JUNE)
    assert (caught.value.as_of, caught.value.line) == (JUNE, 7)
    assert "errata.csv:7 [snapshot 2023-06-30]" in str(caught.value)
    for day in (MAY, JULY, AUGUST):
        assert len(load(data, day).corrections) == (5 if day == MAY else 3)
    capsys.readouterr()
    assert main(["check", "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[snapshot 2023-06-30]" in err and ":7" in err


def test_a_ledger_edit_changes_only_the_corrections_of_the_months_it_touches(folder, tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(folder, data)
    before = {day: corrections_sha256(load(data, day)) for day in (MAY, JUNE)}
    ledger = (data / "errata.csv").read_text(encoding="utf-8").split("\n")
    # a reworded reason of a row for May (line 2), and a new row above every other row
    ledger[1] = ledger[1].replace("인쇄된 집행률 32.8%도", "인쇄된 집행률 32.8% 역시")
    extra = ("staffing_by_category,디지털정책담당관 > 행정,headcount,19명,20명,2023-05-31,,,"
             "\"test: a row for May, above the others\",분석팀,2026-12-01")
    (data / "errata.csv").write_text("\n".join([ledger[0], extra, *ledger[1:]]),
                                     encoding="utf-8")
    after = {day: corrections_sha256(load(data, day)) for day in (MAY, JUNE)}
    assert after[MAY] != before[MAY]
    assert after[JUNE] == before[JUNE]  # every June row moved down a ledger line: no matter


def test_the_build_counts_fresh_processed_folders_as_applied(folder, tmp_path):
    """The build parses only stale snapshots: a fresh processed folder's corrections (their
    ledger_line) say which rows applied there, so the ledger is judged over both."""
    from seoul_budget.processed import check_ledgers, write_processed

    data, processed = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(folder, data)
    # a row looked for in May and June only, whose figure neither prints (18,517 for 18,571)
    with (data / "errata.csv").open("a", encoding="utf-8") as handle:
        handle.write("settlement_expenditure,계,subsidy_returned,\"18,517백만원\","
                     "\"18,517천원\",,2023-05-31,2023-06-30,typo,분석팀,2026-12-01\n")
    june = load(data, JUNE)
    check_ledgers([june])  # May is neither loaded nor processed: the row is not judged
    write_processed(load(data, MAY), processed)  # fresh: made from this very ledger
    with pytest.raises(sb.ErrataError, match=r"errata.csv:7: .*matches nothing"):
        check_ledgers([june], processed)
    # the rows that applied in May only (line 580's, ledger lines 2 and 3) count as applied
    (data / "errata.csv").write_text(LEDGER.read_text(encoding="utf-8"), encoding="utf-8")
    write_processed(load(data, MAY), processed)
    check_ledgers([load(data, JUNE)], processed)

"""The errata ledger: every correction is visible, has a reason, and matches the text.

A ledger row names a figure by table, key and column (never by line); the line is found.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from bundled import ERRORS_AS_PRINTED, errors
from bundled import LEDGER as BUNDLED_LEDGER
from damage import edit_line, report_text, write_report

import seoul_budget as sb
from seoul_budget.cli import main
from seoul_budget.errata import (
    check_ledger,
    check_ledger_coverage,
    check_ledger_dates,
    figure_value,
    read_ledger,
)
from seoul_budget.errata.ledger import figure_text
from seoul_budget.errors import ErrataError

ROOT = Path(__file__).resolve().parents[2]
LEDGER = BUNDLED_LEDGER
HEADER = "table,key,column,printed,corrected,as_of,from,to,reason\n"
ARCHIVES = "서울기록원 > 일반회계 > 기본경비"  # line 580 of the bundled report


def snapshot(tmp_path: Path, ledger: str | bytes | None = None, text: str | None = None,
             day: str = "2023-05-31") -> Path:
    """Return a report copy in tmp_path/<day> with ``ledger`` as tmp_path/errata.csv."""
    path = write_report(tmp_path / day, text if text is not None else report_text())
    if isinstance(ledger, str):
        (tmp_path / "errata.csv").write_text(ledger, encoding="utf-8")
    elif ledger is not None:
        (tmp_path / "errata.csv").write_bytes(ledger)
    return path


def row(key: str, column: str, printed: str, corrected: str, table: str = "expenditure",
        reason: str = "test", as_of: str = "", start: str = "", end: str = "") -> str:
    return f'{table},{key},{column},"{printed}","{corrected}",{as_of},{start},{end},{reason}\n'


def test_every_error_as_printed_is_in_the_ledger_with_its_reason(report):
    ledger = list(csv.DictReader(LEDGER.read_text(encoding="utf-8").splitlines()))
    found = errors(sb.reconcile(report))
    by_figure = {(r["table"], r["key"], r["column"]): r for r in ledger}
    assert {(t, k, c) for t, k, c, _ in found} == set(by_figure)
    for (table, key, column, _), suggestion in found.items():
        entry = by_figure[(table, key, column)]
        assert len(entry["reason"]) > 40  # a real explanation, in Korean and English
        assert " / " in entry["reason"]
        assert figure_value(entry["corrected"], "KRW") == suggestion


def test_the_ledger_is_applied_by_default(report_path):
    corrected = sb.load_report(report_path)
    committed = corrected.expenditure.set_index("source_line").loc[580, "committed"]
    assert committed == 30_048_210  # 30,048.21 천원: the figure read in 원
    totals = corrected.printed_totals
    d = totals[(totals.source_line == 603) & (totals.column == "subsidy_returned")].value
    assert list(d) == [18_571_000]
    table = corrected.corrections
    assert len(table) == 5
    assert set(table.printed_text) == {"30,048,210천원", "30,080,360천원", "18,571백만원"}
    assert (table.reason.str.len() > 0).all()
    # the lines are found from the keys; ledger_line says which row of the file applied
    assert sorted(table.source_line) == [580, 580, 603, 604, 614]
    assert sorted(table.ledger_line) == [2, 3, 4, 5, 6]
    row580 = table[(table.source_line == 580) & (table.column == "committed")].iloc[0]
    assert (row580.printed, row580.corrected) == (30_048_210_000, 30_048_210)
    assert row580.key == ARCHIVES


def test_errata_none_keeps_figures_as_printed(report):
    assert report.corrections.empty
    assert report.expenditure.set_index("source_line").loc[580, "committed"] == 30_048_210_000


def test_loading_never_changes_the_raw_report(report_path):
    before = hashlib.sha256(report_path.read_bytes()).hexdigest()
    sb.load_report(report_path)
    assert hashlib.sha256(report_path.read_bytes()).hexdigest() == before


def test_the_shipped_ledger_has_every_column_and_a_reason_per_row():
    corrections = read_ledger(LEDGER)
    assert len(corrections) == len(ERRORS_AS_PRINTED)
    assert all(c.reason for c in corrections)
    # the 2022 settlement is repeated word for word every month: its rows name no snapshot
    assert [c.as_of for c in corrections] == [date(2023, 5, 31)] * 2 + [None] * 3
    assert (ROOT / "data" / "raw" / "errata.csv").read_bytes() == LEDGER.read_bytes()


def test_the_ledger_follows_a_figure_whose_line_moved(tmp_path):
    """One line inserted above the report's tables moves every figure down a line."""
    lines = report_text().split("\n")
    text = "\n".join([*lines[:2], "", *lines[2:]])
    path = snapshot(tmp_path, LEDGER.read_text(encoding="utf-8"), text)
    table = sb.load_report(path).corrections
    assert sorted(table.source_line) == [581, 581, 604, 605, 615]
    assert main(["check", str(path)]) == 0


def test_a_row_for_one_snapshot_must_match_it(tmp_path):
    entry = row(ARCHIVES, "committed", "30,048,211천원", "30,048,211원", as_of="2023-05-31")
    path = snapshot(tmp_path, HEADER + entry)
    with pytest.raises(ErrataError, match=r"errata.csv:2 \[snapshot 2023-05-31\]: "
                       r".*30,048,211천원.*line 580") as caught:
        sb.load_report(path)
    assert (caught.value.line, caught.value.as_of) == (2, date(2023, 5, 31))
    assert caught.value.report == str(path)


def test_the_ledger_is_checked_against_the_text_when_the_report_changes(tmp_path):
    """A report whose line 580 now prints the right figure no longer matches the ledger."""
    text = edit_line(580, "30,048,210", "30,048")
    path = snapshot(tmp_path, LEDGER.read_text(encoding="utf-8"), text)
    with pytest.raises(ErrataError, match="line 580"):
        sb.load_report(path)
    assert main(["check", str(path)]) == 2  # the command refuses, naming the ledger line


def test_a_correct_ledger_copy_applies(tmp_path):
    path = snapshot(tmp_path)
    shutil.copy(LEDGER, tmp_path / "errata.csv")
    assert len(sb.load_report(path).corrections) == 5
    assert main(["check", str(path)]) == 0


@pytest.mark.parametrize(("entry", "message"), [
    (row(ARCHIVES, "committed", "30,048,210천원", "30,048,210원", table="nowhere"),
     "unknown table"),
    (row(ARCHIVES, "nowhere", "30,048,210천원", "30,048,210원"), "no column"),
    (row("서울기록원 > 일반회계 > 없는 사업", "committed", "1천원", "2천원", as_of="2023-05-31"),
     "no figure 'committed' with key"),
    (row(ARCHIVES, "program", "1천원", "2천원"), "not a printed figure"),
    (row(ARCHIVES, "committed", "30,048,210%", "30,048,210원"), "not an amount of money"),
])
def test_rows_that_name_no_figure_are_errors(tmp_path, entry, message):
    path = snapshot(tmp_path, HEADER + entry)
    with pytest.raises(ErrataError, match=message):
        sb.load_report(path)


@pytest.mark.parametrize(("entry", "message"), [
    (row(ARCHIVES, "committed", "263,307천원", "263,307원", reason=""), "needs a reason"),
    (row(ARCHIVES, "committed", "about 30 million", "30,048,210원"), "not a figure"),
    (row("", "committed", "1천원", "2천원"), "figure's key"),
    (row(ARCHIVES, "committed", "1천원", "2천원", as_of="2023-13-01"), "not a date"),
    (row(ARCHIVES, "committed", "1천원", "2천원", as_of="2023-05-31", start="2023-05-31"),
     "either as_of"),
    (row(ARCHIVES, "committed", "1천원", "2천원", start="2023-06-30", end="2023-05-31"),
     "after to"),
    (row(ARCHIVES, "committed", "1천원", "2천원").replace("\n", ",extra\n"), "more cells"),
    (row(ARCHIVES, "committed", "1천원", "1 천원"), "corrects nothing"),
])
def test_malformed_ledger_rows_are_errors(tmp_path, entry, message):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER + entry, encoding="utf-8")
    with pytest.raises(ErrataError, match=message) as caught:
        read_ledger(ledger)
    assert caught.value.line == 2


def test_a_short_row_names_the_fields_it_lacks(tmp_path):
    # a comma lost: 8 cells under a 9-column header; the reason is not empty, it is absent
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER + f'expenditure,{ARCHIVES},committed,"1천원","2천원",,,\n',
                      encoding="utf-8")
    with pytest.raises(ErrataError, match=r"errata.csv:2: the row has 8 fields where the "
                                          r"header has 9: no reason") as caught:
        read_ledger(ledger)
    assert caught.value.line == 2
    assert "needs a reason" not in str(caught.value)
    # optional cells cut short are blank, as an empty cell is
    ledger.write_text("table,key,column,printed,corrected,reason,as_of\n"
                      f'expenditure,{ARCHIVES},committed,"1천원","2천원",test\n',
                      encoding="utf-8")
    assert read_ledger(ledger)[0].as_of is None


def test_a_value_mismatch_shows_both_figures_in_the_ledgers_unit(tmp_path):
    # line 580 prints 원인행위액 30,048,210 (won, in a 천원 table: read as 30,048,210 천원);
    # a ledger claiming 263,307천원 there is told what the report has, in 천원 as well
    entry = row(ARCHIVES, "committed", "263,307천원", "263,307원", as_of="2023-05-31")
    with pytest.raises(ErrataError) as caught:
        sb.load_report(snapshot(tmp_path, HEADER + entry))
    assert ("prints 263,307천원, but the report has 30,048,210천원 there (line 580"
            in str(caught.value))
    # a bare ledger figure is won: the report's figure in 원, labelled
    entry = row(ARCHIVES, "committed", "263,307", "263", as_of="2023-05-31")
    with pytest.raises(ErrataError, match="but the report has 30,048,210,000원 there"):
        sb.load_report(snapshot(tmp_path, HEADER + entry))


def test_figure_text_writes_a_figure_in_the_ledger_figures_unit():
    assert figure_text(30_048_210_000.0, "KRW", "1천원") == "30,048,210천원"
    assert figure_text(263_307.0, "KRW", "1천원") == "263.307천원"
    assert figure_text(-18_571_000.0, "KRW", "19백만원") == "△18.571백만원"
    assert figure_text(12.0, "persons", "12명") == "12명"
    assert figure_text(32.8, "percent", "32.8%") == "32.8%"


def test_a_key_that_names_several_figures_is_an_error(tmp_path):
    # 세입 예산 세부내역 prints two items without a label under 기타이자수입 (lines 433 and
    # 434, 443 and 78 천원): both are keyed '… > 기타이자수입 > (항목명 없음)', so a key cannot
    # tell them apart and the ledger refuses to guess.
    key = "세외수입 > 경상적세외수입 > 기타이자수입 > (항목명 없음)"
    entry = row(key, "budget", "443천원", "444천원", table="revenue")
    with pytest.raises(ErrataError, match=r"names 2 figures \(lines 433, 434\)"):
        sb.load_report(snapshot(tmp_path, HEADER + entry))


def test_two_corrections_of_one_figure_are_an_error(tmp_path):
    entry = row(ARCHIVES, "committed", "30,048,210천원", "30,048,210원")
    with pytest.raises(ErrataError, match="second correction.*first is on line 2"):
        sb.load_report(snapshot(tmp_path, HEADER + entry + entry))


def test_a_key_picks_one_row_of_a_line(tmp_path):
    entry = row("디지털정책담당관 > 행정", "headcount", "19명", "20명",
                table="staffing_by_category")
    corrected = sb.load_report(snapshot(tmp_path, HEADER + entry))
    table = corrected.staffing_by_category
    assert table[(table.source_line == 25) & (table.job_category == "행정")].headcount.item() == 20
    # and the correction shows: 행정 no longer adds up to 계 (59) or 현원 (36)
    assert (corrected.findings.check == "errata").sum() == 1
    assert (corrected.findings.severity == "error").any()


def test_a_row_for_any_snapshot_applies_only_where_the_key_prints_its_value(tmp_path):
    # printed 1천원 is not what line 580 prints: this snapshot is not the misprint
    entry = row(ARCHIVES, "committed", "1천원", "2천원")
    path = snapshot(tmp_path, HEADER + entry)
    report = sb.load_report(path)
    assert report.corrections.empty
    # ... and a row that applies nowhere is an error once every snapshot is loaded
    with pytest.raises(ErrataError, match="errata.csv:2: .*matches nothing"):
        check_ledger_coverage(tmp_path / "errata.csv", {report.as_of: report.corrections})
    assert main(["check", "--data-dir", str(tmp_path)]) == 2
    assert main(["parse", "--data-dir", str(tmp_path), "--out", str(tmp_path / "p")]) == 2
    assert not (tmp_path / "p").exists()  # nothing written


def test_a_date_no_snapshot_has_is_an_error(tmp_path, capsys):
    entry = row(ARCHIVES, "committed", "30,048,210천원", "30,048,210원", as_of="2023-05-30")
    path = snapshot(tmp_path, HEADER + entry)
    rows = read_ledger(tmp_path / "errata.csv")
    with pytest.raises(ErrataError, match="2023-05-30 is not the date of a snapshot; "
                       "snapshots: 2023-05-31") as caught:
        check_ledger_dates(rows, [date(2023, 5, 31)], tmp_path / "errata.csv")
    assert caught.value.line == 2
    with pytest.raises(ErrataError, match="2023-05-30 is not the date of a snapshot") as caught:
        sb.load_report(path)  # the same error in Python as on the command line
    assert caught.value.line == 2
    # under the name too, on the history route (one class: LedgerError is ErrataError)
    with pytest.raises(sb.LedgerError, match="2023-05-30 is not the date") as caught:
        sb.history("staffing", tmp_path, processed_dir=tmp_path / "processed")
    assert caught.value.line == 2
    capsys.readouterr()
    assert main(["check", "--data-dir", str(tmp_path)]) == 2
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0 and "errata.csv:2" in message and "2023-05-30" in message


def test_from_and_to_bound_the_snapshots_a_row_is_looked_for_in(tmp_path):
    entry = row(ARCHIVES, "committed", "30,048,210천원", "30,048,210원", start="2023-05-31",
                end="2023-05-31")
    path = snapshot(tmp_path, HEADER + entry)
    assert len(sb.load_report(path).corrections) == 1
    later = row(ARCHIVES, "committed", "30,048,210천원", "30,048,210원", start="2023-06-30")
    (tmp_path / "errata.csv").write_text(HEADER + later, encoding="utf-8")
    report = sb.load_report(path, errata=None)
    with pytest.raises(ErrataError, match="not the date of a snapshot"):
        check_ledger(tmp_path / "errata.csv", {report.as_of: report.corrections},
                     [report.as_of])
    with pytest.raises(ErrataError, match="2023-06-30 is not the date of a snapshot"):
        sb.load_report(path)  # no snapshot 2023-06-30: the row is a typo, not "later"


def test_coverage_judges_only_rows_whose_snapshots_are_all_known(tmp_path):
    ledger = tmp_path / "errata.csv"
    ledger.write_text(HEADER + row(ARCHIVES, "committed", "1천원", "2천원"), encoding="utf-8")
    may, june = date(2023, 5, 31), date(2023, 6, 30)
    nothing = read_ledger(ledger)  # parsed to prove the row is well formed
    assert len(nothing) == 1
    empty = sb.load_report(snapshot(tmp_path), errata=None).corrections
    # June's corrections are not known: the row may apply there, so it is not judged
    check_ledger_coverage(ledger, {may: empty}, [may, june])
    with pytest.raises(ErrataError, match="matches nothing"):
        check_ledger_coverage(ledger, {may: empty, june: empty}, [may, june])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949", "euc-kr"])
def test_ledgers_saved_by_excel_are_read(tmp_path, encoding):
    # Excel writes '?' for what CP949 cannot hold (the reasons' '−', '≈'); figures are ASCII
    text = LEDGER.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = snapshot(tmp_path, text.encode(encoding, errors="replace"))
    assert len(sb.load_report(path).corrections) == 5
    assert main(["check", str(path)]) == 0


@pytest.mark.parametrize(("content", "message"), [
    (HEADER.encode("utf-16"), "binary"),  # UTF-16 holds NUL bytes
    (b"table,key\n" + bytes([0xFF, 0xFE, 0xFD]) + b"\n", "neither UTF-8 nor CP949"),
    (HEADER.encode() + b"x" * (1024 * 1024), r"larger than any errata ledger \(limit 1,048,576\)"),
    (b"as_of,table,source_line,key,column,printed,corrected,reason\n", "retired format"),
    (b"table,column\nexpenditure,committed\n", "lacks column"),
    (HEADER.replace("as_of", "as of").encode(), "unknown column"),
])
def test_unreadable_ledgers_are_one_line_errors(tmp_path, capsys, content, message):
    path = snapshot(tmp_path, content)
    with pytest.raises(ErrataError, match=message):
        sb.load_report(path)
    capsys.readouterr()
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "errata.csv" in err and "Traceback" not in err


def test_a_named_ledger_must_exist(report_path, tmp_path):
    with pytest.raises(ErrataError, match="no such errata ledger"):
        sb.load_report(report_path, errata=tmp_path / "missing.csv")


def test_a_named_ledger_is_applied(report_path, tmp_path):
    ledger = tmp_path / "mine.csv"
    ledger.write_text(HEADER + row(ARCHIVES, "committed", "30,048,210천원", "30,048천원"),
                      encoding="utf-8")
    corrected = sb.load_report(report_path, errata=ledger)
    assert corrected.corrections.corrected.tolist() == [30_048_000]


@pytest.mark.parametrize(("text", "unit", "value"), [
    ("30,048,210천원", "KRW", 30_048_210_000),
    ("30,048,210원", "KRW", 30_048_210),
    ("18,571백만원", "KRW", 18_571_000_000),
    ("1,234", "KRW", 1_234),
    ("△1,234천원", "KRW", -1_234_000),
    ("12명", "persons", 12),
    ("32.8%", "percent", 32.8),
    ("79.7", "percent", 79.7),
])
def test_figure_values_carry_their_unit(text, unit, value):
    assert figure_value(text, unit) == value


@pytest.mark.parametrize(("text", "unit"), [("1.5원", "KRW"), ("1.5명", "persons"),
                                            ("3천원", "percent"), ("12%", "persons")])
def test_figures_that_do_not_fit_their_unit_are_rejected(text, unit):
    with pytest.raises(ValueError):
        figure_value(text, unit)

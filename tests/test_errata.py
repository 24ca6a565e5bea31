"""The errata ledger: every correction is visible, has a reason, and matches the text."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest
from bundled import LEDGER as BUNDLED_LEDGER
from damage import edit_line, report_text, write_report
from test_reconcile import ERRORS_AS_PRINTED, errors

import seoul_budget as sb
from seoul_budget.cli import main
from seoul_budget.errata import figure_value, read_ledger
from seoul_budget.errors import ErrataError

ROOT = Path(__file__).resolve().parent.parent
LEDGER = BUNDLED_LEDGER
HEADER = "as_of,table,source_line,key,column,printed,corrected,reason\n"


def snapshot(tmp_path: Path, ledger: str | None = None, text: str | None = None) -> Path:
    """Return a report copy in tmp_path/2023-05-31 with ``ledger`` as tmp_path/errata.csv."""
    path = write_report(tmp_path / "2023-05-31", text if text is not None else report_text())
    if ledger is not None:
        (tmp_path / "errata.csv").write_text(ledger, encoding="utf-8")
    return path


def row(line: int, column: str, printed: str, corrected: str, table: str = "expenditure",
        key: str = "", reason: str = "test", as_of: str = "2023-05-31") -> str:
    return f'{as_of},{table},{line},{key},{column},"{printed}","{corrected}",{reason}\n'


def test_every_error_as_printed_is_in_the_ledger_with_its_reason(report):
    ledger = list(csv.DictReader(LEDGER.read_text(encoding="utf-8").splitlines()))
    found = errors(sb.reconcile(report))
    by_place = {(r["table"], int(r["source_line"]), r["column"]): r for r in ledger}
    assert {(t, line, c) for t, _, c, line in found} == set(by_place)
    for (table, _, column, line), suggestion in found.items():
        entry = by_place[(table, line, column)]
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
    row580 = table[(table.source_line == 580) & (table.column == "committed")].iloc[0]
    assert (row580.printed, row580.corrected) == (30_048_210_000, 30_048_210)


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


def test_a_ledger_whose_printed_figure_is_not_in_the_report_is_an_error(tmp_path):
    path = snapshot(tmp_path, HEADER + row(580, "committed", "30,048,211천원", "30,048,211원"))
    with pytest.raises(ErrataError, match=r"errata.csv:2: .*30,048,211천원"):
        sb.load_report(path)


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
    (row(580, "committed", "30,048,210천원", "30,048,210원", table="nowhere"), "unknown table"),
    (row(580, "nowhere", "30,048,210천원", "30,048,210원"), "no column"),
    (row(579, "committed", "263,307천원", "263,307원", reason=""), "needs a reason"),
    (row(580, "committed", "about 30 million", "30,048,210원"), "not a figure"),
    (row(580, "committed", "30,048,210%", "30,048,210원"), "not an amount of money"),
    (row(700, "committed", "1천원", "2천원"), "no figure"),
    (row(25, "headcount", "19명", "20명", table="staffing_by_category"), "give a key"),
    (row(580, "committed", "30,048,210천원", "30,048,210원", as_of="2023-13-01"), "not a date"),
])
def test_malformed_ledger_rows_are_errors(tmp_path, entry, message):
    path = snapshot(tmp_path, HEADER + entry)
    with pytest.raises(ErrataError, match=message):
        sb.load_report(path)


def test_two_corrections_of_one_figure_are_an_error(tmp_path):
    entry = row(580, "committed", "30,048,210천원", "30,048,210원")
    with pytest.raises(ErrataError, match="second correction"):
        sb.load_report(snapshot(tmp_path, HEADER + entry + entry))


def test_a_key_picks_one_row_of_a_line(tmp_path):
    entry = row(25, "headcount", "19명", "20명", table="staffing_by_category",
                key="디지털정책담당관 > 행정")
    corrected = sb.load_report(snapshot(tmp_path, HEADER + entry))
    table = corrected.staffing_by_category
    assert table[(table.source_line == 25) & (table.job_category == "행정")].headcount.item() == 20
    # and the correction shows: 행정 no longer adds up to 계 (59) or 현원 (36)
    assert (corrected.findings.check == "errata").sum() == 1
    assert (corrected.findings.severity == "error").any()


def test_rows_for_another_snapshot_are_ignored(tmp_path):
    entry = row(580, "committed", "1천원", "2천원", as_of="2023-08-31")
    assert sb.load_report(snapshot(tmp_path, HEADER + entry)).corrections.empty


def test_a_named_ledger_must_exist(report_path, tmp_path):
    with pytest.raises(ErrataError, match="no such errata ledger"):
        sb.load_report(report_path, errata=tmp_path / "missing.csv")


def test_a_named_ledger_is_applied(report_path, tmp_path):
    ledger = tmp_path / "mine.csv"
    ledger.write_text(HEADER + row(580, "committed", "30,048,210천원", "30,048천원"),
                      encoding="utf-8")
    corrected = sb.load_report(report_path, errata=ledger)
    assert corrected.corrections.corrected.tolist() == [30_048_000]


def test_a_ledger_without_its_columns_is_an_error(tmp_path):
    path = snapshot(tmp_path, "table,source_line\nexpenditure,580\n")
    with pytest.raises(ErrataError, match="lacks column"):
        sb.load_report(path)


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

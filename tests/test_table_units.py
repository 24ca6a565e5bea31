"""The unit step: each table's units resolved once after loading into one record (printed unit,
likely unit, why), kept on the Report and in the processed stamp, and read by everything that
shows a table in its likely unit. Figures come from the bundled report (lines named) and the
edits the variants make."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import monthly as m
import pytest
import variants as v

import seoul_budget as sb
import seoul_budget.report as report_module
from seoul_budget.processed import load_snapshot, write_processed
from seoul_budget.stamp import read_stamp
from seoul_budget.table_units import (
    LIKELY,
    PRINTED,
    TableUnit,
    record_from_json,
    record_json,
)

FIXED = v.fix_execution_misprint(v.bundled_text())  # line 580 printed in 천원
# 집행현황 printed in 백만원 under its 천원 note (line 480)
SLIPPED = v.set_execution_unit(FIXED, change_note=False)
KRW = 1_000  # won per 천원


write = v.write


@pytest.fixture(scope="module")
def slipped(tmp_path_factory) -> sb.Report:
    return sb.load_report(write(tmp_path_factory.mktemp("slipped"), SLIPPED))


def test_the_record_names_the_slipped_table_and_why(slipped):
    unit = slipped.table_units["expenditure"]
    assert (unit.printed, unit.likely, unit.factor, unit.slipped) == ("천원", "백만원", 1000.0,
                                                                     True)
    why = unit.why
    # the bureau total, 163,849 "천원" on line 484 under the note on line 480, against
    # 세출 총괄's 163,848,799 천원 on line 87
    assert (why.note_line, why.line, why.value) == (480, 484, 163_849 * KRW)
    assert (why.other_table, why.other_as_of, why.other_line) == ("expenditure_summary", "",
                                                                  87)
    assert (why.other_value, why.other_unit, why.other_krw) == (163_848_799 * KRW, "천원", KRW)
    others = {table: u for table, u in slipped.table_units.items() if table != "expenditure"}
    assert not any(u.slipped for u in others.values())
    assert others["settlement_expenditure"] == TableUnit("백만원", "백만원")


def test_what_a_caller_gets_says_how_it_reads(slipped):
    assert slipped.reading == PRINTED and slipped.read_as == {}
    assert slipped.units["expenditure"] == "천원"
    read = slipped.in_likely_units()
    assert read.reading == LIKELY and read.in_likely_units() is read
    assert read.units["expenditure"] == "백만원" and read.units["revenue"] == "천원"
    assert read.read_as == {"expenditure": ("천원", "백만원")}
    assert read.table_units == slipped.table_units
    # every program 1,000× what its 천원 note reads (the total, line 484: 163,849 백만원)
    assert read.expenditure["budget"].sum() == slipped.expenditure["budget"].sum() * 1_000


def test_the_unit_finding_is_read_from_the_record(slipped):
    unit = slipped.findings.query("check == 'unit'")
    assert len(unit) == 1
    row = unit.iloc[0]
    assert (row.table, row.source_line, row.related_lines) == ("expenditure", 480, "484")
    assert "line 484 prints 163,849 thousand won" in row.message_en
    assert row.suggestion == 163_849 * KRW * 1_000


def test_the_stamp_keeps_the_record_and_load_snapshot_reads_it(slipped, tmp_path):
    folder = write_processed(slipped, tmp_path)
    stamp = read_stamp(folder)
    assert stamp["units"] == record_json(slipped.table_units)
    assert stamp["units"]["expenditure"]["likely"] == "백만원"
    assert record_from_json(stamp["units"]) == slipped.table_units
    assert record_from_json({"expenditure": "천원"}) is None  # an older stamp's units
    loaded = load_snapshot(slipped.as_of, slipped.path.parent.parent, tmp_path)
    assert loaded.reading == PRINTED and loaded.table_units == slipped.table_units
    with pytest.raises(ValueError, match="as printed"):
        write_processed(slipped.in_likely_units(), tmp_path)


@pytest.fixture
def parsed_paths(monkeypatch) -> list[Path]:
    """Record every report the loader parses."""
    parsed: list[Path] = []
    real = report_module.parse_report

    def counting(path, *args, **kwargs):
        parsed.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(report_module, "parse_report", counting)
    return parsed


def june_slipped() -> str:
    """June with 세출 총괄 and 집행현황 both in 백만원 under 천원 notes: the report alone cannot
    place them (tests/acceptance/test_variants.py); May, printed in 천원, witnesses them."""
    return v.set_table_unit(v.set_execution_unit(m.june(), change_note=False),
                            "expenditure_summary", "백만원", change_note=False)


def test_the_witness_is_read_from_its_processed_stamp_not_parsed(tmp_path, parsed_paths):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    may, june = write(raw, FIXED), write(raw, june_slipped())
    # May's processed folder, written by another process (this one never read May)
    subprocess.run([sys.executable, "-m", "seoul_budget.cli", "parse", str(may), "--out",
                    str(processed)], check=True, capture_output=True)
    report = sb.load_report(june, processed_dir=processed)
    assert parsed_paths == [june]
    slipped_tables = sorted(t for t, u in report.table_units.items() if u.slipped)
    assert slipped_tables == ["expenditure", "expenditure_summary"]
    assert {report.table_units[t].likely for t in slipped_tables} == {"백만원"}
    # without the processed folder May is parsed too (after June itself), the same record
    parsed_paths.clear()
    again = sb.load_report(june, processed_dir=tmp_path / "empty")
    assert parsed_paths == [june, may]
    assert again.table_units == report.table_units


def test_a_chain_of_months_is_parsed_once(tmp_path, parsed_paths):
    """Three months, no processed folder: loading each in turn parses each once (the month
    before is remembered as the witness of the next)."""
    raw = m.write_months(tmp_path / "raw", m.three_months())
    paths = sorted(sb.snapshots.discover_snapshots(raw).values())
    for path in paths:
        sb.load_report(path, processed_dir=tmp_path / "none")
    assert parsed_paths == paths
    # the newest alone, in a fresh copy of the folder: it, then the two before it, oldest
    # first (each the witness of the next)
    parsed_paths.clear()
    copy = m.write_months(tmp_path / "copy", m.three_months())
    may, june, july = sorted(sb.snapshots.discover_snapshots(copy).values())
    sb.load_report(july, processed_dir=tmp_path / "none")
    assert parsed_paths == [july, may, june]

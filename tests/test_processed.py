"""A processed folder's stamp names the bytes its tables were made from: a report or ledger
edited while it is parsed leaves the folder stale, so the next build makes it again."""

from __future__ import annotations

import shutil

from bundled import DAY, RAW

import seoul_budget as sb
from seoul_budget.processed import processed_is_fresh, write_processed


def _copy(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(RAW, data)
    return data, data / DAY / "report.txt", data / "errata.csv"


def test_a_report_edited_after_its_parse_is_stale(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    # an operator saves the file while the build is between parse and stamp
    report_path.write_text(report_path.read_text(encoding="utf-8") + "\n덧붙인 줄\n",
                           encoding="utf-8")
    folder = write_processed(report, tmp_path / "processed")
    assert not processed_is_fresh(folder, report_path, ledger)


def test_a_ledger_edited_after_it_was_applied_is_stale(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    folder = write_processed(report, tmp_path / "processed")
    assert not processed_is_fresh(folder, report_path, ledger)


def test_an_unedited_snapshot_is_fresh(tmp_path):
    data, report_path, ledger = _copy(tmp_path)
    report = sb.load_report(report_path, processed_dir=tmp_path / "none")
    folder = write_processed(report, tmp_path / "processed")
    assert processed_is_fresh(folder, report_path, ledger)

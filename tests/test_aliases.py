"""Aliases for garbled spellings are data (issue 21): ``aliases.csv`` beside the snapshots,
read like the other data files, and what a report's garbled labels read as."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bundled import ALIASES, REPORT, with_aliases

import seoul_budget as sb
from seoul_budget.aliases import ACCOUNT, NO_ALIASES, read_aliases
from seoul_budget.errors import AliasError
from seoul_budget.processed import processed_is_fresh, write_processed

HEADER = "kind,printed,canonical,note\n"


def test_the_bundled_data_folder_holds_the_bundled_reports_garbled_spellings():
    aliases = read_aliases(ALIASES)
    # 세출 총괄 line 92 prints 정보시스템담당관 as '정보시설팀관' (whitespace is ignored)
    assert aliases.canonical("department", "정보시설 팀관") == "정보시스템담당관"
    # 세입 총괄 line 68 and 세입 예산 세부내역 line 431: '입시적세외수입'
    assert aliases.canonical("revenue_category", "입시적세외수입") == "임시적세외수입"
    assert aliases.canonical("revenue_category", "과 정 금") == "과징금"  # line 462
    assert aliases.canonical("account", "입시적세외수입") is None  # by kind
    assert read_aliases(ALIASES.parent / "no_such.csv") == NO_ALIASES


def test_a_file_saved_by_korean_excel_reads_the_same(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_bytes((HEADER + "account,교통 특별회계,교통사업특별회계,세출 총괄\n")
                     .encode("cp949"))
    assert read_aliases(path).canonical(ACCOUNT, "교통특별회계") == "교통사업특별회계"


@pytest.mark.parametrize(("rows", "line", "message"), [
    ("program,가,나,x\n", 2, "kind 'program' is none of"),
    ("account,가,,x\n", 2, "printed and the canonical"),
    ("account,가 나,다,x\naccount,가나,라,y\n", 3, r"stands for '다' \(line 2\) and for '라'"),
    ("account,가,나,x,y\n", 2, "more cells"),
])
def test_a_malformed_row_is_named_by_its_line(tmp_path, rows, line, message):
    path = tmp_path / "aliases.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(AliasError, match=message) as caught:
        read_aliases(path)
    assert caught.value.line == line and str(caught.value).startswith(f"{path}:{line}: ")


def test_a_file_that_is_no_aliases_file_is_refused(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("printed,canonical\n가,나\n", encoding="utf-8")
    with pytest.raises(AliasError, match="expected kind,printed,canonical,note"):
        read_aliases(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(AliasError, match="is a folder"):
        read_aliases(path)


def test_without_the_alias_the_garbled_department_is_an_error_at_its_line(tmp_path):
    (tmp_path / "2023-05-31").mkdir()
    shutil.copy(REPORT, tmp_path / "2023-05-31" / "report.txt")
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(tmp_path / "2023-05-31" / "report.txt", errata=None)
    assert (caught.value.line, caught.value.found) == (92, "정보시설팀관")
    assert "정보시스템담당관 (line 27)" in caught.value.expected
    with_aliases(tmp_path)
    report = sb.load_report(tmp_path / "2023-05-31" / "report.txt", errata=None)
    summary = report.expenditure_summary
    assert summary.loc[summary.source_line == 92, "department"].tolist() == ["정보시스템담당관"]


def test_processed_tables_are_stale_when_the_aliases_change(tmp_path: Path):
    raw = with_aliases(tmp_path / "raw")
    (raw / "2023-05-31").mkdir()
    path = raw / "2023-05-31" / "report.txt"
    shutil.copy(REPORT, path)
    folder = write_processed(sb.load_report(path, errata=None), tmp_path / "processed")
    assert processed_is_fresh(folder, path, None)
    aliases = raw / "aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8")
                       + "account,일반 회계,일반회계,spacing\n", encoding="utf-8")
    assert not processed_is_fresh(folder, path, None)

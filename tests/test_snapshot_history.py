"""``sb.history``: a table over every snapshot, and the build's ``data/processed/history/``.

The data are the three months of ``tests/monthly.py`` (conftest ``months_raw``): May as bundled
(72 programs), June with one program added and one removed (72), July grown (72). Expected
figures are the report's printed ones and the generator's edits, worked by hand.

``seoul_budget.snapshot_history``: the history folder as a workbook and a data package too
(three months of ``tests/monthly.py``); ``pandas.read_excel`` with its defaults lands on data.

Expected figures: the 2023-05-31 report prints 72 programs (세출예산 집행현황, lines 484-),
staffing 정원 266 / 현원 255 (line 36); June and July keep 72 programs (one added, one
removed in June) and the same staffing."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date

import monthly as m
import pandas as pd
import pytest
from bundled import DEPARTMENTS
from openpyxl import load_workbook

import seoul_budget as sb
from seoul_budget import snapshot_history as sh
from seoul_budget.departments import Reorganisation
from seoul_budget.errors import ParameterError
from seoul_budget.export import read_parquet
from seoul_budget.processed import read_table, write_processed
from seoul_budget.stamp import appended_snapshots, history_is_current, history_stamp, read_stamp

KRW = 1_000  # won per 천원


@pytest.fixture(scope="module")
def expenditure(months_raw, months_processed) -> pd.DataFrame:
    return sb.history("expenditure", months_raw, processed_dir=months_processed)


def test_history_stacks_every_snapshot_as_of_first_sorted(expenditure, months_raw):
    assert expenditure.columns[0] == "as_of"
    days = [d.date() for d in expenditure["as_of"].drop_duplicates()]
    assert days == [m.MAY, m.JUNE, m.JULY]
    assert expenditure["as_of"].is_monotonic_increasing
    assert expenditure.groupby("as_of").size().tolist() == [72, 72, 72]  # 72, +1 −1, same
    single = sb.load_report(months_raw / "2023-05-31" / "report.txt").expenditure
    assert list(expenditure.columns[1:]) == list(single.columns)
    assert expenditure.dtypes.iloc[1:].to_dict() == single.dtypes.to_dict()
    assert str(expenditure["as_of"].dtype) == "datetime64[ns]"


def test_history_applies_the_errata_as_load_report_does(expenditure):
    basic = expenditure[(expenditure["department"] == "서울기록원")
                        & (expenditure["program"] == "기본경비")].set_index("as_of")
    # line 580 prints 30,048,210 in a 천원 table; the ledger says 30,048,210원
    assert basic.loc[pd.Timestamp(m.MAY), "committed"] == 30_048_210
    # June prints it in 천원 (30,048, then grown): never the 1,000× figure again
    assert 30_048 * KRW <= basic.loc[pd.Timestamp(m.JUNE), "committed"] < 91_726 * KRW


def test_history_shows_the_added_and_removed_programs_in_their_months(expenditure):
    months = expenditure.groupby("program")["as_of"].apply(lambda s: [d.date() for d in s])
    assert months["데이터 품질 관리"] == [m.JUNE, m.JULY]
    assert months["서울기록원 시민참여프로그램운영"] == [m.MAY]
    added = expenditure[expenditure["program"] == "데이터 품질 관리"]
    assert added["budget"].tolist() == [1_000_000 * KRW] * 2


def test_history_until_reads_no_later_snapshot(months_raw, months_processed):
    staffing = sb.history("staffing", months_raw, processed_dir=months_processed,
                          until="2023-06-30")
    assert sorted({d.date() for d in staffing["as_of"]}) == [m.MAY, m.JUNE]
    assert staffing.groupby("as_of")["authorized"].sum().tolist() == [266, 266]  # 계 row
    with pytest.raises(ParameterError, match="no snapshot on or before 2023-04-30"):
        sb.history("staffing", months_raw, until=date(2023, 4, 30))


def test_history_of_findings_and_corrections(months_raw, months_processed):
    corrections = sb.history("corrections", months_raw, processed_dir=months_processed)
    # May: the five ledger rows (lines 580 ×2, 603, 604, 614); later months: the three
    # settlement rows copied for them (the 580 slip is not printed again)
    assert corrections.groupby("as_of").size().tolist() == [5, 3, 3]
    findings = sb.history("findings", months_raw, processed_dir=months_processed)
    assert not (findings["severity"] == "error").any()


def test_unknown_table_names_the_choices(months_raw):
    with pytest.raises(ParameterError, match="'expenditures' is not a table.*expenditure"):
        sb.history("expenditures", months_raw)


def test_history_reads_fresh_processed_tables_without_parsing(months_raw, months_processed,
                                                              expenditure, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("a snapshot was parsed although its processed folder is fresh")

    monkeypatch.setattr(sh, "load_report", no_parsing)
    again = sb.history("expenditure", months_raw, processed_dir=months_processed)
    pd.testing.assert_frame_equal(again, expenditure)


def test_parsed_and_processed_history_are_the_same(months_raw, expenditure, tmp_path):
    parsed = sb.history("expenditure", months_raw, processed_dir=tmp_path / "none")
    pd.testing.assert_frame_equal(parsed, expenditure)


def test_rename_follows_a_department_across_a_reorganisation(months_raw, months_processed):
    def rename(name: str, as_of: date) -> str:
        return "데이터정책센터" if name == "데이터센터" and as_of < m.JULY else name

    staffing = sb.history("staffing", months_raw, processed_dir=months_processed,
                          rename=rename)
    names = staffing.groupby("as_of")["department"].apply(set)
    assert "데이터정책센터" in names.iloc[0] and "데이터센터" not in names.iloc[0]
    assert "데이터센터" in names.iloc[2]  # July: the name as printed
    # an ordered Categorical holding both names, the renamed one where the old one stood
    categories = list(staffing["department"].cat.categories)
    assert staffing["department"].cat.ordered
    assert categories.index("데이터정책센터") == DEPARTMENTS.index("데이터센터")
    assert categories.index("데이터센터") > categories.index("데이터정책센터")
    # the default hook keeps every name as printed until a reorganisation map is read
    assert sh.department_renamer(months_raw)("데이터센터", m.MAY) == "데이터센터"


def test_a_split_departments_programs_go_to_the_successor_holding_them():
    # 공간정보담당관 splits on 2023-07-01 into 공간데이터담당관 (지도 플랫폼) and
    # 측량정보담당관 (항공사진); both print a 기본경비
    changes = (Reorganisation("공간정보담당관", "공간데이터담당관", m.JULY, "분할", 2),
               Reorganisation("공간정보담당관", "측량정보담당관", m.JULY, "분할", 3))
    rename = sh.Renamer(changes)
    frame = pd.DataFrame({
        "as_of": pd.to_datetime([m.JUNE] * 4 + [m.JULY] * 4),
        "department": ["공간정보담당관"] * 4 + ["공간데이터담당관", "공간데이터담당관",
                                           "측량정보담당관", "측량정보담당관"],
        "account": ["일반회계"] * 8,
        "program": ["지도 플랫폼", "항공사진 촬영", "기본경비", "드론 운영",
                    "지도플랫폼", "기본경비", "항공사진 촬영", "기본경비"]})
    renamed = sh.rename_departments(frame, rename)
    assert renamed["department"].tolist()[:4] == [
        "공간데이터담당관", "측량정보담당관",
        "공간정보담당관",  # both successors hold a 기본경비: it stays with the old name
        "공간정보담당관"]  # a program neither holds later
    assert renamed["department"].tolist()[4:] == frame["department"].tolist()[4:]
    assert rename.successors("공간정보담당관", m.JUNE) == ("공간데이터담당관", "측량정보담당관")


def test_history_files_are_written_once_and_byte_identical(months_raw, tmp_path):
    processed = tmp_path / "processed"
    snapshots = {}
    stamps = {}
    for day in (m.MAY, m.JUNE):
        path = months_raw / day.isoformat() / "report.txt"
        folder = write_processed(sb.load_report(path), processed)
        snapshots[day], stamps[day.isoformat()] = path, read_stamp(folder)
    stamp = history_stamp(stamps)
    assert not history_is_current(processed, stamp)
    written = sh.write_history(processed, snapshots, stamp, tables=["expenditure", "staffing"])
    assert written == ["expenditure.parquet", "expenditure.csv", "staffing.parquet",
                       "staffing.csv", sh.HISTORY_WORKBOOK, sh.DATAPACKAGE]
    assert history_is_current(processed, stamp)
    folder = processed / "history"
    csv = (folder / "expenditure.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbfas_of,department,account,program,budget")  # BOM
    frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert frame["as_of"].drop_duplicates().tolist() == ["2023-05-31", "2023-06-30"]
    assert len(frame) == 144
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    again = sh.write_history(processed, snapshots, stamp, tables=["expenditure", "staffing"])
    assert again == []  # same tables, same bytes: nothing rewritten
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
             if p.name != "_source.json"}
    assert after == {k: v for k, v in before.items() if k != "_source.json"}
    stacked = read_parquet(folder / "expenditure.parquet")  # as_of: date32 on disk
    pd.testing.assert_frame_equal(stacked, sb.history("expenditure", months_raw,
                                                      processed_dir=processed,
                                                      until=m.JUNE))


def test_history_extended_by_a_new_month_is_byte_identical_to_one_rebuilt(months_raw,
                                                                             tmp_path):
    def prepare(processed, days):
        snapshots, stamps = {}, {}
        for day in days:
            path = months_raw / day.isoformat() / "report.txt"
            folder = processed / day.isoformat()
            if not folder.exists():
                write_processed(sb.load_report(path), processed)
            snapshots[day], stamps[day.isoformat()] = path, read_stamp(folder)
        return snapshots, history_stamp(stamps)

    tables = ["expenditure", "findings", "corrections", "staffing"]
    grown, rebuilt = tmp_path / "grown", tmp_path / "rebuilt"
    sh.write_history(grown, *prepare(grown, [m.MAY, m.JUNE]), tables=tables)
    shutil.copytree(grown, rebuilt, ignore=shutil.ignore_patterns("history"))
    calls = []

    def counted(folder, table):
        calls.append(folder.name)
        return read_table(folder, table)

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(sh, "read_table", counted)
    try:
        snapshots, stamp = prepare(grown, [m.MAY, m.JUNE, m.JULY])
        assert appended_snapshots(read_stamp(grown / "history"), stamp) == ["2023-07-31"]
        sh.write_history(grown, snapshots, stamp, tables=tables)
        assert set(calls) == {"2023-07-31"}  # only the new month read from its folder
        sh.write_history(rebuilt, *prepare(rebuilt, [m.MAY, m.JUNE, m.JULY]), tables=tables)
    finally:
        monkeypatch.undo()
    for name in tables:
        for suffix in (".parquet", ".csv"):
            file = f"{name}{suffix}"
            assert (grown / "history" / file).read_bytes() == \
                (rebuilt / "history" / file).read_bytes(), file


def test_history_is_rebuilt_unless_months_were_only_added_at_the_end():
    old = {"package_version": "1", "snapshots": {"2023-05-31": {"r": "a"},
                                                 "2023-06-30": {"r": "b"}}}

    def with_snapshots(**changes):
        return {**old, "snapshots": {**old["snapshots"], **changes}}

    assert appended_snapshots(old, with_snapshots(**{"2023-07-31": {"r": "c"}})) == \
        ["2023-07-31"]
    assert appended_snapshots(old, with_snapshots(**{"2023-05-31": {"r": "edited"},
                                                     "2023-07-31": {"r": "c"}})) is None
    assert appended_snapshots(old, with_snapshots(**{"2023-06-15": {"r": "c"}})) is None
    assert appended_snapshots({**old, "package_version": "0"},
                              with_snapshots(**{"2023-07-31": {"r": "c"}})) is None
    assert appended_snapshots(None, old) is None
    assert appended_snapshots(old, old) is None  # nothing added: nothing to extend


@pytest.mark.parametrize("processed", [False, True])
def test_history_reads_a_month_printed_1000x_off_its_note_in_its_likely_unit(tmp_path,
                                                                              processed):
    """June's 집행현황 printed in 백만원 under its 천원 note: read in its likely unit, the
    bureau's budget moves by June's edits (+1,000,000 − 613,300 + 500,000 천원, each of some
    hundred programs rounded to 백만원); as its note reads it, it falls to a thousandth."""
    import variants as v

    raw = m.write_months(tmp_path / "raw", [m.BASE, v.set_execution_unit(m.june(),
                                                                          change_note=False)])
    out = tmp_path / "processed"
    if processed:
        for path in sb.snapshots.discover_snapshots(raw).values():
            write_processed(sb.load_report(path), out)
    programs = {}
    for likely in (False, True):
        frame = sh.history("expenditure", raw, processed_dir=out, likely_units=likely)
        programs[likely] = frame.groupby("as_of")["budget"].sum().tolist()
    may, june = programs[True]
    assert programs[False][0] == may
    assert abs(june - (may + 886_700_000)) <= 0.5e6 * 120  # ± half a 백만원 per program
    assert programs[False][1] * 1_000 == june


def test_a_processed_month_is_stale_when_the_month_before_it_changes(tmp_path):
    """The month before is a witness of each table's unit (its findings): June's processed
    folder is fresh until May's report changes, and May's own does not depend on June."""
    from seoul_budget.snapshots import errata_path
    from seoul_budget.stamp import processed_is_fresh

    raw = m.write_months(tmp_path / "raw", [m.BASE, m.june()])
    may, june = (raw / day.isoformat() / "report.txt" for day in (m.MAY, m.JUNE))
    out = tmp_path / "processed"
    for path in (may, june):
        write_processed(sb.load_report(path), out)
    assert read_stamp(out / "2023-06-30")["previous_report_sha256"] == sha256(may)
    assert read_stamp(out / "2023-05-31")["previous_report_sha256"] == ""
    assert processed_is_fresh(out / "2023-06-30", june, errata_path(june))
    may.write_text(may.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not processed_is_fresh(out / "2023-06-30", june, errata_path(june))
    assert not processed_is_fresh(out / "2023-05-31", may, errata_path(may))  # its own change


def sha256(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_history_carries_each_rows_fiscal_year(tmp_path):
    """Two fiscal years in one folder (the bundled template a year and two years on): each
    row keeps the year of its figures, the settlement's the year before its report's."""
    from dataclasses import replace

    import generate as g

    first = replace(g.next_year(g.bundled()), bureau="녹색정책관")
    for model in (first, g.next_year(first)):
        g.write_snapshot(tmp_path / "raw", model)
    programs = sb.history("expenditure", tmp_path / "raw")
    years = programs.groupby(programs["as_of"].dt.year)["fiscal_year"].unique()
    assert {day: list(found) for day, found in years.items()} == {2024: [2024], 2025: [2025]}
    settled = sb.history("settlement_expenditure", tmp_path / "raw")
    assert sorted(set(settled["fiscal_year"])) == [2023, 2024]
    assert str(programs["fiscal_year"].dtype) == "Int64"


@pytest.fixture(scope="module")
def history_folder(months_raw, tmp_path_factory):
    processed = tmp_path_factory.mktemp("history-exports") / "processed"
    snapshots, stamps = {}, {}
    for day in (m.MAY, m.JUNE, m.JULY):
        path = months_raw / day.isoformat() / "report.txt"
        snapshots[day], stamps[day.isoformat()] = path, read_stamp(
            write_processed(sb.load_report(path), processed))
    sh.write_history(processed, snapshots, history_stamp(stamps),
                     tables=["expenditure", "staffing", "projects", "departments"])
    return processed / "history"


def test_history_workbook_opens_on_data_and_reads_back_typed(history_folder):
    path = history_folder / sh.HISTORY_WORKBOOK
    book = load_workbook(path)
    assert book.sheetnames == ["expenditure", "staffing", "projects", "departments", "설명"]
    assert book.active.title == "expenditure"
    first = pd.read_excel(path)  # pandas' defaults: the first sheet
    assert list(first.columns[:4]) == ["기준일", "부서", "회계", "사업"]
    assert str(first["기준일"].dtype).startswith("datetime64")
    assert [d.date() for d in first["기준일"].drop_duplicates()] == [m.MAY, m.JUNE, m.JULY]
    assert first.groupby("기준일").size().tolist() == [72, 72, 72]
    assert str(first["예산현액 (원)"].dtype) == "int64"
    staffing = pd.read_excel(path, sheet_name="staffing")
    assert staffing.groupby("기준일")["정원 (명)"].sum().tolist() == [266, 266, 266]
    about = pd.read_excel(path, sheet_name="설명").astype(str).to_string()
    assert "2023-05-31, 2023-06-30, 2023-07-31" in about


def test_snapshot_workbook_defaults_land_on_data(months_raw, tmp_path):
    folder = write_processed(sb.load_report(months_raw / "2023-05-31" / "report.txt"),
                             tmp_path)
    first = pd.read_excel(folder / "seoul_budget_2023-05-31.xlsx")
    assert first["정원 (명)"].sum() == 266 and first["현원 (명)"].sum() == 255


def test_history_data_package_is_valid_and_keys_on_as_of(history_folder):
    from frictionless import validate

    descriptor = history_folder / sh.DATAPACKAGE
    result = validate(str(descriptor))
    assert result.valid, result.flatten(["type", "note"])[:5]
    package = json.loads(descriptor.read_text("utf-8"))
    assert [r["name"] for r in package["resources"]] == ["expenditure", "staffing", "projects",
                                                         "departments"]
    fields = {r["name"]: r["schema"] for r in package["resources"]}
    as_of = fields["staffing"]["fields"][0]
    assert as_of["name"] == "as_of" and as_of["type"] == "date" and as_of["title"] == "기준일"
    assert fields["staffing"]["primaryKey"][0] == "as_of"
    assert fields["staffing"]["foreignKeys"] == [{"fields": ["as_of", "department"], "reference": {
        "resource": "departments", "fields": ["as_of", "department"]}}]


def test_history_is_replaced_whole_or_not_at_all(months_raw, tmp_path, monkeypatch):
    processed = tmp_path / "processed"
    snapshots, stamps = {}, {}
    for day in (m.MAY, m.JUNE):
        path = months_raw / day.isoformat() / "report.txt"
        folder = write_processed(sb.load_report(path), processed)
        snapshots[day], stamps[day.isoformat()] = path, read_stamp(folder)
    tables = ["expenditure", "staffing"]
    sh.write_history(processed, {m.MAY: snapshots[m.MAY]},
                     history_stamp({m.MAY.isoformat(): stamps[m.MAY.isoformat()]}),
                     tables=tables)
    history = processed / "history"
    before = {p.name: p.read_bytes() for p in history.iterdir()}
    calls = []

    def disk_full_on_the_second(frame):
        calls.append(1)
        if len(calls) == 2:  # staffing's Parquet: expenditure's files already made
            raise OSError(28, "No space left on device")
        return real(frame)

    real = sh.parquet_bytes
    monkeypatch.setattr(sh, "parquet_bytes", disk_full_on_the_second)
    with pytest.raises(sb.errors.OutputError, match="No space left"):
        sh.write_history(processed, snapshots, history_stamp(stamps), tables=tables)
    # every table still holds May alone, as the stamp says: none has June without the others
    assert {p.name: p.read_bytes() for p in history.iterdir()} == before
    assert sorted(p.name for p in processed.iterdir() if p.name.startswith(".")) == []

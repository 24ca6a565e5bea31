"""Where snapshots are: a date folder is a snapshot whatever its report.txt has become, so an
unreadable report is an error naming it (exit 2, pages kept) and only a folder gone withdraws
its month; folders whose name is no valid date are named in a warning.

``seoul_budget.snapshots``: a snapshot's date given as any date type, the reason an
impossible one is refused, and a date from every output fed back into ``load_report`` and
``history`` (the three months of ``tests/monthly.py``)."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date, datetime

import duckdb
import monthly as m
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from bundled import DAY, REPORT
from project import make_project

import seoul_budget as sb
from seoul_budget import snapshot_history as sh
from seoul_budget.errors import ParameterError
from seoul_budget.processed import write_processed
from seoul_budget.snapshots import discover_snapshots, parse_as_of, snapshot_path, stray_folders
from seoul_budget.stamp import history_stamp, read_stamp

KINDS = ["folder", "fifo", "dangling", "zero", "missing"]


def _break(report, kind):
    report.unlink(missing_ok=True)
    if kind == "folder":
        report.mkdir()
    elif kind == "fifo":
        os.mkfifo(report)
    elif kind == "dangling":
        report.symlink_to(report.parent / "unmounted" / "report.txt")
    elif kind == "zero":
        report.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_folder_is_a_snapshot_whatever_its_report_became(tmp_path, kind):
    (tmp_path / DAY).mkdir()
    report = tmp_path / DAY / "report.txt"
    _break(report, kind)
    assert discover_snapshots(tmp_path) == {date(2023, 5, 31): report}


def test_folders_with_no_valid_date_are_strays_not_snapshots(tmp_path):
    names = ["2023-02-30", "2023-06-30 ", "2023-10-31.bak", "2023-05-31", ".git"]
    for name in names:
        (tmp_path / name).mkdir()
        shutil.copy(REPORT, tmp_path / name / "report.txt")
    (tmp_path / "errata.csv").write_text("", encoding="utf-8")  # a file: no folder at all
    assert list(discover_snapshots(tmp_path)) == [date(2023, 5, 31)]
    assert [p.name for p in stray_folders(tmp_path)] == ["2023-02-30", "2023-06-30 ",
                                                         "2023-10-31.bak"]


@pytest.mark.parametrize("kind", ["fifo", "dangling"])
def test_an_unreadable_report_keeps_its_pages_and_exits_2(tmp_path, kind):
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    assert project.build()[0] == 0
    page = project.reports / DAY / "10_staffing.html"
    assert page.is_file()
    report = project.data / DAY / "report.txt"
    _break(report, kind)
    (project.data / "2023-06-30 ").mkdir()  # a trailing space: no snapshot
    status, out, err = project.build()
    assert status == 2, err
    assert f"snapshot {DAY} not built: {report}" in err
    assert "'2023-06-30 ' in the data folder is no snapshot" in err
    assert "withdrawn" not in out
    assert page.is_file()  # the month's pages stay
    assert "Traceback" not in err


MAY = date(2023, 5, 31)


@pytest.mark.parametrize("value", [
    "2023-05-31", " 2023-05-31 ", MAY, datetime(2023, 5, 31), pd.Timestamp("2023-05-31"),
    pd.Timestamp("2023-05-31", tz="Asia/Seoul"), np.datetime64("2023-05-31"),
    np.datetime64("2023-05-31T00:00:00.000000000"), "2023-05-31T00:00:00",
    "2023-05-31 00:00:00", "2023-05-31T00:00:00.000000000",
])
def test_every_date_type_names_the_same_day(value):
    day = parse_as_of(value)
    assert day == MAY and type(day) is date


@pytest.mark.parametrize(("value", "why"), [
    ("2023-06-31", "June 2023 has 30 days"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("2023-02-29", "February 2023 has 28 days"),
    ("2023-13-01", "there is no month 13"),
    ("2023-5-31", r"is not an ISO date \(YYYY-MM-DD"),
    (pd.Timestamp("2023-05-31 09:30"), "has a time of day"),
    ("2023-05-31T09:30:00", "has a time of day"),
    (pd.NaT, "is not a date"),
])
def test_an_impossible_date_says_why_and_lists_the_snapshots(value, why):
    with pytest.raises(ParameterError, match=why) as caught:
        parse_as_of(value, [date(2023, 6, 30), MAY])
    assert str(caught.value).endswith("available: 2023-05-31, 2023-06-30")


def test_a_day_the_month_lacks_lists_the_snapshots_from_load_report(months_raw):
    with pytest.raises(ParameterError, match="June 2023 has 30 days; available: "
                                             "2023-05-31, 2023-06-30, 2023-07-31"):
        sb.load_report(as_of="2023-06-31", data_dir=months_raw)
    with pytest.raises(ParameterError, match="June 2023 has 30 days; available: "):
        sb.history("staffing", months_raw, until="2023-06-31")


def test_a_timestamp_finds_its_snapshot(months_raw):
    for value in (pd.Timestamp(m.JUNE), datetime(2023, 6, 30), np.datetime64("2023-06-30")):
        assert snapshot_path(value, months_raw) == months_raw / "2023-06-30" / "report.txt"


@pytest.fixture(scope="module")
def history_files(months_raw, tmp_path_factory):
    """The history folder of the three months, as the build writes it (staffing only)."""
    processed = tmp_path_factory.mktemp("dates") / "processed"
    snapshots, stamps = {}, {}
    for day in (m.MAY, m.JUNE, m.JULY):
        path = months_raw / day.isoformat() / "report.txt"
        snapshots[day], stamps[day.isoformat()] = path, read_stamp(
            write_processed(sb.load_report(path), processed))
    sh.write_history(processed, snapshots, history_stamp(stamps), tables=["staffing"])
    return processed


def test_as_of_is_a_date_in_parquet_and_csv(history_files):
    folder = history_files / "history"
    assert str(pq.read_schema(folder / "staffing.parquet").field("as_of").type) == "date32[day]"
    csv = pd.read_csv(io.BytesIO((folder / "staffing.csv").read_bytes()), encoding="utf-8-sig")
    assert csv["as_of"].drop_duplicates().tolist() == ["2023-05-31", "2023-06-30", "2023-07-31"]
    days = duckdb.sql(f"select distinct as_of from '{folder / 'staffing.parquet'}' "
                      "order by 1").fetchall()
    assert [row[0] for row in days] == [m.MAY, m.JUNE, m.JULY]  # a date, not a timestamp


def test_a_date_from_every_output_round_trips(months_raw, history_files):
    folder = history_files / "history"
    in_memory = sb.history("staffing", months_raw, processed_dir=history_files)
    outputs = {
        "history()": in_memory["as_of"].iloc[-1],  # pandas.Timestamp
        "history() numpy": in_memory["as_of"].to_numpy()[-1],  # numpy.datetime64[ns]
        "parquet": pd.read_parquet(folder / "staffing.parquet")["as_of"].iloc[-1],  # date
        "csv": pd.read_csv(folder / "staffing.csv", encoding="utf-8-sig")["as_of"].iloc[-1],
        "csv parsed": pd.read_csv(folder / "staffing.csv", encoding="utf-8-sig",
                                  parse_dates=["as_of"])["as_of"].iloc[-1],
        "duckdb": duckdb.sql(f"select max(as_of) from '{folder / 'staffing.parquet'}'")
        .fetchall()[0][0],
    }
    for where, value in outputs.items():
        report = sb.load_report(as_of=value, data_dir=months_raw, errata=None)
        assert report.as_of == m.JULY, where
        until = sb.history("staffing", months_raw, processed_dir=history_files, until=value)
        assert until["as_of"].max() == pd.Timestamp(m.JULY), where
    june = in_memory["as_of"].drop_duplicates().iloc[1]
    assert sb.history("staffing", months_raw, processed_dir=history_files,
                      until=june)["as_of"].nunique() == 2

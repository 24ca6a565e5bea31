"""The monthly operation, end to end: months added one at a time, a misprint, a damaged
report, a withdrawal — what rebuilds, what the index says and how the build exits.

One project lives through six builds (``operation``): May and June (A), nothing changed (B),
July added (C), August with a misprinted subtotal (D), a damaged September (E), June and
September withdrawn (F). Two fixture notebooks: ``10_staffing`` reads its own snapshot,
``06_trends`` every snapshot up to its own (``sb.history``; the catalog declares that the
notebook of that name reads earlier snapshots). Later months are made by
``tests/variants.py`` with the settlement slip printed right, so the ledger stays the bundled
one. Expected figures: the report's printed ones and the generator's edits.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import monthly as m
import pytest
import variants as v
from bundled import REPORT
from project import Project, make_project

from seoul_budget.build import jobs as jb
from seoul_budget.build import plan as pl
from seoul_budget.build.manifest import read_manifest, update_manifest
from seoul_budget.build.outcome import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNRECONCILED,
    Outcome,
)
from seoul_budget.build.withdraw import withdraw
from seoul_budget.stamp import read_stamp

SEPTEMBER = date(2023, 9, 30)
NOTEBOOKS = {"10_staffing": "staffing_summary", "06_trends": "history_summary"}
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z) ")


@dataclass
class Step:
    """One build of the project: its result and the reports folder right after it."""

    status: int
    out: str
    err: str
    files: dict[str, tuple[bytes, int]] = field(repr=False)
    index: str = field(repr=False)
    manifest: dict = field(repr=False)


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time (ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def step(project: Project) -> Step:
    status, out, err = project.build()
    return Step(status, out, err, files(project.reports), project.page("index.html"),
                project.manifest())


@pytest.fixture(scope="module")
def operation(tmp_path_factory) -> tuple[Project, dict[str, Step]]:
    project = make_project(tmp_path_factory.mktemp("months"), NOTEBOOKS)
    june = m.reprinted(m.june())
    july = v.later_month(june, m.JULY, seed=2)
    august = v.misprint_subtotal(v.later_month(july, m.AUGUST, seed=3), "데이터센터")
    steps = {}
    m.write_month(project.data, june)
    steps["A"] = step(project)
    steps["B"] = step(project)
    m.write_month(project.data, july)
    steps["C"] = step(project)
    m.write_month(project.data, august)
    steps["D"] = step(project)
    damaged = project.data / SEPTEMBER.isoformat() / "report.txt"
    damaged.parent.mkdir()
    damaged.write_text(v.with_as_of(august, SEPTEMBER)[:3000], encoding="utf-8")
    steps["E"] = step(project)
    m.remove_month(project.data, SEPTEMBER)
    m.remove_month(project.data, m.JUNE)
    steps["F"] = step(project)
    return project, steps


def text(step: Step, rel: str) -> str:
    """A page as it was right after ``step``."""
    return step.files[rel][0].decode("utf-8")


def pages_of(step: Step, day: date) -> dict[str, tuple[bytes, int]]:
    return {rel: value for rel, value in step.files.items()
            if rel.startswith(f"{day.isoformat()}/")}


def test_two_months_build_with_rates_by_month_on_the_index(operation):
    project, steps = operation
    a = steps["A"]
    assert a.status == 0, a.err
    assert a.out.splitlines()[-1].endswith("seoul-budget build: exit 0 — built 4, failed 0, "
                                           "up to date 0")
    history = text(a, "2023-06-30/06_trends.html")
    # May as printed on line 484: 84,471,483 / 163,848,799 = 51.6 %, 51,216,641 → 31.3 %
    assert "2023-05-31 원인행위 51.6% 지출 31.3%" in history
    assert history.count(" 원인행위 ") == 2  # May and June, nothing later
    index = a.index
    assert index.count("status status-ok") == 4
    months = index[index.index('id="months"'):index.index('id="snapshot-')]
    assert "2023. 5. 31." in months and "2023. 6. 30.</a> (최신)" in months
    assert "51.6%" in months and "31.3%" in months and "41.4%" in months  # day 151 of 365
    latest = re.search(r'<p class="latest"[^>]*>.*?</p>', index, re.S).group(0)
    assert 'href="#snapshot-2023-06-30"' in latest and 'href="2023-06-30/06_trends.html"' \
        in latest
    assert (project.processed / "history" / "expenditure.parquet").is_file()
    assert (project.processed / "history" / "expenditure.csv").is_file()


def test_scheduler_logs_carry_timestamps_and_end_with_one_summary_line(operation):
    _, steps = operation
    a = steps["A"]
    assert a.err.strip() and all(STAMP.match(line) for line in a.err.splitlines())
    assert all(STAMP.match(line) for line in a.out.splitlines())
    assert re.search(r"\[\d/4\] 2023-06-30\.06_trends ok \(", a.err)


def test_nothing_changed_rebuilds_nothing_and_rewrites_nothing(operation):
    _, steps = operation
    b = steps["B"]
    assert b.status == 0 and "built 0, failed 0, up to date 4" in b.out
    assert b.files == steps["A"].files  # not even the index


def test_a_new_month_builds_only_its_pages(operation):
    project, steps = operation
    b, c = steps["B"], steps["C"]
    assert c.status == 0, c.err
    assert "built 2, failed 0, up to date 4" in c.out
    for day in (m.MAY, m.JUNE):  # byte-identical and untouched
        assert pages_of(c, day) == pages_of(b, day)
    assert len(pages_of(c, m.JULY)) == 5  # two pages, two notebooks, the report as a page
    assert text(c, "2023-07-31/06_trends.html").count(" 원인행위 ") == 3
    assert text(c, "2023-06-30/06_trends.html").count(" 원인행위 ") == 2  # knows no July
    assert "2023. 7. 31.</a> (최신)" in c.index
    stacked = (project.processed / "history" / "expenditure.csv").read_text("utf-8-sig")
    assert "\n2023-07-31," in stacked


def test_a_misprinted_subtotal_exits_3_and_the_index_says_so(operation):
    project, steps = operation
    d = steps["D"]
    assert d.status == 3, d.err
    assert "built 2, failed 0, up to date 6" in d.out
    # 데이터센터's row prints 1,000 천원 more than its programs add up to: one error (the one
    # misprinted figure explains both sums it enters)
    assert read_stamp(project.processed / "2023-08-31")["findings"]["error"] == 1
    alerts = [line for line in d.err.splitlines() if "검증 오류" in line]
    assert len(alerts) == 1 and "snapshot 2023-08-31: 검증 오류 1건" in alerts[0]
    assert d.out.splitlines()[-1].endswith(
        "exit 3 — built 2, failed 0, up to date 6; 검증 오류: 2023-08-31 1건")
    section = d.index[d.index.index('id="snapshot-2023-08-31"'):]
    section = section[:section.index("</section>")]
    assert "검증 오류 1건" in section and "정상" not in section
    assert section.count("status status-unreconciled") == 3  # the heading, both pages
    assert 'href="2023-08-31/10_staffing.html"' in section
    assert d.index.count("status status-ok") == 6  # May, June, July: 정상
    months = d.index[d.index.index('id="months"'):d.index.index('id="snapshot-')]
    assert "검증 오류 1건" in months


def test_a_damaged_month_is_reported_and_the_rest_stays(operation):
    project, steps = operation
    e = steps["E"]
    assert e.status == 2, e.err  # bad input outranks the remaining error
    named = [line for line in e.err.splitlines() if "2023-09-30" in line]
    assert len(named) == 1 and "2023-09-30/report.txt" in named[0]
    assert any("snapshot 2023-08-31: 검증 오류 1건" in line for line in e.err.splitlines())
    assert e.out.splitlines()[-1].endswith(
        "exit 2 — built 0, failed 0, up to date 8, not run 2; 입력 오류: 2023-09-30; "
        "검증 오류: 2023-08-31 1건")
    assert {k: val for k, val in e.files.items() if k != "index.html"} == \
        {k: val for k, val in steps["D"].files.items() if k != "index.html"}
    assert not (project.processed / "2023-09-30").exists()
    section = e.index[e.index.index('id="snapshot-2023-09-30"'):]
    assert "입력 오류" in section[:section.index("</section>")]


def test_a_withdrawn_month_leaves_the_index_and_the_manifest(operation):
    project, steps = operation
    f = steps["F"]
    assert f.status == 3, f.err
    assert "withdrawn: 2023-06-30" in f.out.splitlines()[-1]
    assert not (project.reports / "2023-06-30").exists()
    kept = project.reports / "_withdrawn" / "2023-06-30"
    assert sorted(p.name for p in kept.iterdir()) == ["06_trends.html", "06_trends.ipynb",
                                                      "10_staffing.html", "10_staffing.ipynb",
                                                      "source.html"]
    assert not [job for job in f.manifest if job.startswith("2023-06-30.")]
    assert "snapshot-2023-06-30" not in f.index and "snapshot-2023-09-30" not in f.index
    # July and August read June: their history pages are rebuilt; July's staffing page too,
    # as June was its previous month (a witness of its tables' units, now May); nothing else
    assert "built 3, failed 0, up to date 3" in f.out
    for day in (m.MAY, m.AUGUST):
        rel = f"{day.isoformat()}/10_staffing.html"
        assert f.files[rel] == steps["E"].files[rel]  # not rewritten
    rel = f"{m.JULY.isoformat()}/10_staffing.html"
    assert f.files[rel][0] == steps["E"].files[rel][0]  # rewritten, the same page
    assert text(f, "2023-08-31/06_trends.html").count(" 원인행위 ") == 3  # May, July, Aug


def test_a_failed_notebook_outranks_remaining_errors(tmp_path):
    project = make_project(tmp_path, {"10_fails": "fails"})
    (project.data / "errata.csv").unlink()  # as printed: five errors (README)
    status, out, err = project.build()
    assert status == 1
    assert "snapshot 2023-05-31: 검증 오류 5건" in err
    assert out.splitlines()[-1].endswith(
        "exit 1 — built 0, failed 1, up to date 0; 검증 오류: 2023-05-31 5건")


def test_a_history_notebook_depends_on_earlier_snapshots_only(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures/notebooks/history_summary.ipynb",
                folder / "06_trends.ipynb")
    # The catalog declares which notebooks read earlier snapshots; the same code under a name
    # the catalog does not know reads only its own snapshot, whatever it calls.
    shutil.copy(folder / "06_trends.ipynb", folder / "20_history.ipynb")
    infos = jb.discover_notebooks(folder)
    assert [(info.stem, info.reads_history) for info in infos] == [("06_trends", True),
                                                                   ("20_history", False)]
    snapshots = {}
    for day in (m.MAY, m.JUNE, m.JULY):
        path = tmp_path / "data" / day.isoformat() / "report.txt"
        path.parent.mkdir(parents=True)
        shutil.copy(REPORT, path)
        snapshots[day] = path
    jobs = jb.plan_jobs(infos, snapshots, [None], tmp_path / "data", tmp_path / "p")
    june = next(job for job in jobs if job.id == "2023-06-30.06_trends")
    unknown = next(job for job in jobs if job.id == "2023-06-30.20_history")
    assert "history" not in pl.job_inputs(unknown, {}, pl.FileHashes(), {}, snapshots)

    def mark(corrections: dict[date, str]) -> str:
        return pl.fingerprint(pl.job_inputs(june, pl.run_inputs(False), pl.FileHashes(),
                                            corrections, snapshots))

    base = {m.MAY: "a", m.JUNE: "b", m.JULY: "c"}
    inputs = pl.job_inputs(june, pl.run_inputs(False), pl.FileHashes(), base, snapshots)
    assert list(inputs["history"]) == ["2023-05-31", "2023-06-30"]
    assert mark({**base, m.JULY: "changed"}) == mark(base)  # a later month: no effect
    assert mark({**base, m.MAY: "changed"}) != mark(base)  # an earlier one: rebuild
    snapshots[m.MAY].write_text("edited", encoding="utf-8")
    assert mark(base) != pl.fingerprint(inputs)



def test_exit_status_precedence_bad_input_then_failure_then_errors():
    assert Outcome().status == EXIT_OK
    assert Outcome(unreconciled={m.MAY: 2}).status == EXIT_UNRECONCILED == 3
    assert Outcome(failed=1, unreconciled={m.MAY: 2}).status == EXIT_FAILED == 1
    bad = Outcome(failed=1, unreconciled={m.MAY: 2}, input_errors={m.JUNE: "x.txt:3: bad"})
    assert bad.status == EXIT_BAD_INPUT == 2
    assert bad.alert_lines() == [
        "seoul-budget: error: snapshot 2023-06-30 not built: x.txt:3: bad",
        "seoul-budget: snapshot 2023-05-31: 검증 오류 2건 — 2 reconciliation error(s) remain "
        "in the report"]


def test_withdrawal_moves_only_date_folders_inside_the_reports_folder(tmp_path):
    reports, data = tmp_path / "reports", tmp_path / "data"
    (reports / "2023-06-30").mkdir(parents=True)
    (reports / "2023-06-30" / "01_a.html").write_text("page", encoding="utf-8")
    outside = tmp_path / "elsewhere" / "2023-07-31"
    outside.mkdir(parents=True)
    (outside / "keep.html").write_text("not ours", encoding="utf-8")
    (reports / "2023-07-31").symlink_to(outside)  # a link out of the reports folder
    data.mkdir()
    entries = {
        "2023-06-30.01_a": {"as_of": "2023-06-30", "data_dir": str(data)},
        "2023-07-31.01_a": {"as_of": "2023-07-31", "data_dir": str(data)},
        "2023-08-31.01_a": {"as_of": "2023-08-31", "data_dir": str(tmp_path / "other")},
    }
    update_manifest(reports, lambda current: current.update(entries))
    assert withdraw(reports, data, []) == [m.JUNE, m.JULY]
    assert (reports / "_withdrawn" / "2023-06-30" / "01_a.html").read_text("utf-8") == "page"
    assert (outside / "keep.html").is_file()  # the link was not followed, nothing moved
    assert set(read_manifest(reports)) == {"2023-08-31.01_a"}  # another data folder's
    (reports / "2023-06-30").mkdir()  # withdrawn twice: the first copy is kept
    update_manifest(reports, lambda current: current.update(
        {"2023-06-30.01_a": entries["2023-06-30.01_a"]}))
    withdraw(reports, data, [])
    assert (reports / "_withdrawn" / "2023-06-30.2").is_dir()

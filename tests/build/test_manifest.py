"""seoul_budget.build.manifest and plan: input hashes, manifest entries, up-to-date
checks, batches, and several processes writing one manifest at once (the Airflow fan-out)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import date

from bundled import REPORT as BUNDLED_REPORT
from project import bundled_snapshots as _snapshots
from project import copy_notebooks as _notebooks

from seoul_budget import __version__
from seoul_budget.atomic import remove_stale_temp_files
from seoul_budget.build import jobs as jb
from seoul_budget.build import manifest as mf
from seoul_budget.build import plan as pl
from seoul_budget.build.runner import manifest_entry
from seoul_budget.build.worker import Result

REPORT = BUNDLED_REPORT


def test_inputs_change_when_any_input_changes(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "staffing_summary"}))
    snapshots = _snapshots(tmp_path, ["2023-05-31"])
    job = jb.plan_jobs(infos, snapshots, [None], tmp_path / "data", tmp_path / "p")[0]
    may, june = date(2023, 5, 31), date(2023, 6, 30)

    def mark(with_code: bool = False, corrections: dict | None = None) -> str:
        return pl.fingerprint(pl.job_inputs(job, pl.run_inputs(with_code), pl.FileHashes(),
                                            corrections or {may: "c1"}))

    base = mark()
    inputs = pl.job_inputs(job, pl.run_inputs(False), pl.FileHashes(), {may: "c1"})
    assert inputs["report_sha256"] == hashlib.sha256(REPORT.read_bytes()).hexdigest()
    assert inputs["corrections_sha256"] == "c1"
    assert "errata_sha256" not in inputs  # a ledger edit reaches a job through its corrections
    assert "history" not in inputs  # this notebook reads its own snapshot only
    assert inputs["package_version"] == __version__
    assert mark() == base  # stable
    assert mark(with_code=True) != base
    with_corrections = mark(corrections={may: "c2"})
    assert with_corrections != base
    assert mark(corrections={may: "c1", june: "other"}) == base  # another snapshot's: no effect
    job.notebook.path.write_text(job.notebook.path.read_text(encoding="utf-8").replace(
        "인력 현황 요약", "인력 현황"), encoding="utf-8")
    assert mark() != base
    other = jb.plan_jobs(infos, snapshots, ["데이터센터"], tmp_path / "data", tmp_path / "p")[0]
    assert pl.fingerprint(pl.job_inputs(other, pl.run_inputs(False), pl.FileHashes(),
                                        {may: "c1"})) != mark()


def test_environment_versions_match_the_installed_distributions():
    from importlib import metadata

    versions = pl.environment()
    for name in ("pandas", "nbconvert", "papermill", "koreanize-matplotlib"):
        assert versions[name] == metadata.version(name)


def test_manifest_entry_keeps_the_last_good_outputs_on_failure(tmp_path):
    infos = jb.discover_notebooks(_notebooks(tmp_path, {"01_a": "parameters_echo"}))
    job = jb.plan_jobs(infos, _snapshots(tmp_path, ["2023-05-31"]), [None], tmp_path,
                       tmp_path)[0]
    item = pl.PlannedJob(job, {"k": 1}, "f1", False)
    good = manifest_entry(item, Result("x", "ok", None, "2023-06-01T00:00:00Z", 1.5,
                                       written={"html": "a.html", "ipynb": "a.ipynb"},
                                       output_sha256={"html": "h", "ipynb": "i"}), None)
    assert good["status"] == "ok" and good["outputs"] == {"html": "a.html", "ipynb": "a.ipynb"}
    broken = Result("x", "failed", "ValueError: boom", "2023-06-02T00:00:00Z", 0.5,
                    written={"html": "a.failed.html", "ipynb": "a.failed.ipynb"})
    failed = manifest_entry(pl.PlannedJob(job, {"k": 2}, "f2", False), broken, good)
    assert failed["status"] == "failed" and failed["error"] == "ValueError: boom"
    assert failed["outputs"] == good["outputs"]
    assert failed["output_sha256"] == good["output_sha256"]
    assert failed["good"]["started"] == "2023-06-01T00:00:00Z"
    assert failed["failed_outputs"] == {"html": "a.failed.html", "ipynb": "a.failed.ipynb"}
    assert failed["fingerprint"] == "f2"
    first_failure = manifest_entry(item, Result("x", "failed", "boom", "2023-06-02T00:00:00Z",
                                                0.5), None)
    assert first_failure["outputs"] is None and first_failure["good"] is None


def test_up_to_date_needs_same_fingerprint_success_and_intact_files(tmp_path):
    (tmp_path / "a.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "a.ipynb").write_text("{}", encoding="utf-8")
    entry = {"status": "ok", "fingerprint": "f",
             "outputs": {"html": "a.html", "ipynb": "a.ipynb"},
             "output_sha256": {"html": hashlib.sha256(b"<html></html>").hexdigest(),
                               "ipynb": hashlib.sha256(b"{}").hexdigest()}}
    assert mf.is_up_to_date(tmp_path, entry, "f")
    assert not mf.is_up_to_date(tmp_path, entry, "g")
    assert not mf.is_up_to_date(tmp_path, {**entry, "status": "failed"}, "f")
    assert not mf.is_up_to_date(tmp_path, None, "f")
    (tmp_path / "a.html").write_text("<html>edited</html>", encoding="utf-8")
    assert not mf.is_up_to_date(tmp_path, entry, "f")
    (tmp_path / "a.html").unlink()
    assert not mf.is_up_to_date(tmp_path, entry, "f")


def test_manifest_updates_merge_and_survive_garbage(tmp_path):
    assert mf.read_manifest(tmp_path) == {}
    mf.update_manifest(tmp_path, lambda e: e.update(a={"status": "ok"}))
    mf.update_manifest(tmp_path, lambda e: e.update(b={"status": "failed"}))
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["format"] == mf.FORMAT and set(data["outputs"]) == {"a", "b"}
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert mf.read_manifest(tmp_path) == {}
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_batch_writes_its_entries_together_from_the_entries_then_written(tmp_path):
    now = [0.0]
    batch = mf.ManifestBatch(tmp_path, every_s=5.0, clock=lambda: now[0])
    mf.update_manifest(tmp_path, lambda e: e.update(a={"runs": 1}))
    batch.add("a", lambda previous: {"runs": previous["runs"] + 1})
    batch.add("b", lambda previous: {"runs": 1 if previous is None else -1})
    assert set(mf.read_manifest(tmp_path)) == {"a"}  # nothing written before 5 s
    mf.update_manifest(tmp_path, lambda e: e.update(a={"runs": 10}))  # another process
    now[0] = 5.0
    batch.add("c", lambda previous: {"runs": 1})  # 5 s after the last write: all three go
    assert mf.read_manifest(tmp_path) == {"a": {"runs": 11}, "b": {"runs": 1},
                                          "c": {"runs": 1}}
    batch.add("d", lambda previous: {"runs": 1})
    assert "d" not in mf.read_manifest(tmp_path)
    batch.flush()
    assert mf.read_manifest(tmp_path)["d"] == {"runs": 1}


# One writer process: adds `count` entries of its own, one update (read, change, write) each.
WRITER = """
import sys
from pathlib import Path
from seoul_budget.build.manifest import update_manifest
folder, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
while not (folder / "go").exists():
    pass
for i in range(count):
    update_manifest(folder, lambda entries: entries.update({f"{name}.{i}": {"n": i}}))
"""


def test_writers_in_parallel_processes_lose_no_entry(tmp_path):
    """The Airflow DAG runs one process per job on one reports folder: every entry stays."""
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"w{k}", "150"])
               for k in range(4)]
    (tmp_path / "go").touch()  # all four start writing together
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0, 0]
    entries = mf.read_manifest(tmp_path)
    assert len(entries) == 600
    assert set(entries) == {f"w{k}.{i}" for k in range(4) for i in range(150)}


# One reader process: reads the manifest file as it lies on disk until told to stop and
# prints how many reads it made and how many were not valid JSON (read_manifest forgives a
# damaged file, so the reader parses the bytes itself).
READER = """
import json, sys
from pathlib import Path
folder = Path(sys.argv[1])
reads = bad = 0
while not (folder / "stop").exists():
    try:
        text = (folder / "manifest.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        continue
    reads += 1
    try:
        json.loads(text)
    except ValueError:
        bad += 1
print(reads, bad)
"""


def test_the_manifest_file_is_always_valid_json_while_processes_write(tmp_path):
    """What a scheduler's task, or a reviewer, reads mid-build is a whole manifest: each write
    replaces the file at once, never leaves it half written."""
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"w{k}", "100"])
               for k in range(3)]
    (tmp_path / "go").touch()
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0]
    (tmp_path / "stop").touch()
    out, _ = reader.communicate(timeout=60)
    reads, bad = map(int, out.split())
    assert reads > 0 and bad == 0
    assert len(mf.read_manifest(tmp_path)) == 300


def test_stale_temp_files_are_removed_but_fresh_ones_kept(tmp_path):
    old = tmp_path / "2023-05-31" / ".01_a.html.abc.tmp"
    new = tmp_path / "2023-05-31" / ".02_b.html.def.tmp"
    old.parent.mkdir()
    old.write_text("half", encoding="utf-8")
    new.write_text("half", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    assert remove_stale_temp_files([tmp_path]) == 1
    assert not old.exists() and new.exists()

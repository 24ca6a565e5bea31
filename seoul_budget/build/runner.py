"""``seoul-budget build``: plan the jobs, skip what is up to date, run the rest in parallel.

Order of work, so a bad input changes nothing and no kernel starts for nothing:
1. check every parameter (snapshot dates, departments, folders, notebooks) — a ParameterError
   or BuildError here is exit 2 before any kernel starts;
2. hash the inputs of every job and compare with the manifest (:mod:`.plan`);
3. start the worker pool (kernels warm up meanwhile), parse each snapshot that has work once
   (all of them before writing any), write its processed tables;
4. run the jobs, longest first, recording each result in the manifest as it arrives;
5. write the index. Exit 1 if any job failed, else 0.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from ..snapshots import discover_snapshots, errata_path
from ..version import __version__
from .config import BuildConfig, JobSelection, cell_timeout
from .index import write_index
from .jobs import Job, plan_jobs
from .manifest import Entry, read_manifest, update_manifest
from .navigation import page_context
from .plan import PlannedJob, assess, job_listing, longest_first, plan, preimports
from .progress import Progress, format_seconds
from .worker import Result, WorkerOptions, utc_now

EXIT_OK, EXIT_FAILED = 0, 1


def prepare_snapshots(jobs: list[Job], config: BuildConfig) -> list[date]:
    """Parse every snapshot these jobs need whose processed tables are stale, then write them.

    All are parsed before any is written, so a damaged report (ReportParseError) leaves
    ``data/processed`` as it was. Returns the snapshots (re)written.
    """
    from ..processed import check_ledgers, processed_is_fresh, write_processed
    from ..report import load_report

    stale = {}
    for job in jobs:
        folder = config.processed_dir / job.as_of.isoformat()
        if job.as_of not in stale and not processed_is_fresh(
                folder, job.report_path, errata_path(job.report_path)):
            stale[job.as_of] = job.report_path
    reports = [load_report(path) for _, path in sorted(stale.items())]
    check_ledgers(reports, config.processed_dir)  # a ledger row applying nowhere: ErrataError
    for report in reports:
        write_processed(report, config.processed_dir)
    return sorted(stale)


def job_spec(item: PlannedJob, config: BuildConfig) -> dict[str, Any]:
    """Return what a worker needs to run a job (plain data: it crosses a process boundary)."""
    job = item.job
    return {"id": job.id, "notebook_path": str(job.notebook.path), "parameters": job.parameters,
            "title": job.title, "page": page_context(job), "reports_dir": str(config.reports_dir),
            "outputs": {"ipynb": job.output(".ipynb"), "html": job.output(".html")},
            "failed_outputs": {"ipynb": job.output(".ipynb", failed=True),
                               "html": job.output(".html", failed=True)}}


def manifest_entry(item: PlannedJob, result: Result, previous: Entry | None) -> Entry:
    """Return the manifest entry after a run: the result, and the outputs now in place.

    A failure keeps the previous good outputs (and their hashes and times) as the entry's
    outputs, and lists the failed run's files separately.
    """
    job = item.job
    entry: Entry = {
        "job": job.id, "notebook": job.notebook.stem, "notebook_path": str(job.notebook.path),
        "section_title": job.notebook.title, "title": job.title,
        "as_of": job.as_of.isoformat(), "department": job.department,
        "parameters": job.parameters, "inputs": item.inputs, "fingerprint": item.fingerprint,
        "package_version": __version__, "status": result["status"],
        "started": result["started"], "duration_s": result["duration_s"],
        "error": result["error"], "timings": result.get("timings", {}),
    }
    if result["status"] == "ok":
        entry.update(outputs=result["written"], output_sha256=result["output_sha256"],
                     failed_outputs=None,
                     good={"started": result["started"], "duration_s": result["duration_s"],
                           "fingerprint": item.fingerprint,
                           "key_figure": result.get("key_figure", "")})
    else:
        previous = previous or {}
        good_ok = previous.get("outputs") and previous.get("good")
        entry.update(outputs=previous.get("outputs") if good_ok else None,
                     output_sha256=previous.get("output_sha256") if good_ok else None,
                     good=previous.get("good") if good_ok else None,
                     failed_outputs=result["written"] or None)
    return entry


def execute(todo: list[PlannedJob], config: BuildConfig, entries: dict[str, Entry],
            progress: Progress, phases: dict[str, float]) -> list[Result]:
    """Run the jobs on a pool of warm kernels; record each result in the manifest at once.

    Adds to ``phases`` (seconds): parse, kernels_ready (slowest kernel start + warm-up, while
    the parse runs), run (first job to last), shutdown.
    """
    from .worker import KernelPool

    by_id = {item.job.id: item for item in todo}
    results: list[Result] = []
    options = WorkerOptions(with_code=config.with_code,
                            preimports=preimports([item.job for item in todo]),
                            cell_timeout=cell_timeout())
    pool = KernelPool(min(config.jobs, len(todo)), options)
    finished = False
    try:
        started = time.perf_counter()
        fresh = prepare_snapshots([item.job for item in todo], config)
        phases["parse"] = time.perf_counter() - started
        if fresh:
            progress.log(f"parsed {len(fresh)} snapshot(s) into {config.processed_dir} "
                         f"({format_seconds(phases['parse'])})")
        for item in todo:
            last = (entries.get(item.job.id) or {}).get("duration_s")
            if last is not None:
                progress.expect(item.job.id, float(last))

        def on_done(spec: dict[str, Any], result: Result) -> None:
            item = by_id[spec["id"]]

            def change(current: dict[str, Entry]) -> None:
                current[item.job.id] = manifest_entry(item, result, current.get(item.job.id))
            update_manifest(config.reports_dir, change)
            results.append(result)
            progress.finished_job(item.job.id, result["status"], result["duration_s"],
                                  result["error"], pool.running())

        mark = time.perf_counter()
        pool.run([job_spec(item, config) for item in longest_first(todo, entries)],
                 on_start=lambda spec: progress.started_job(spec["id"]),
                 on_done=on_done, on_tick=lambda: progress.tick(pool.running()))
        phases["run"] = time.perf_counter() - mark
        phases["kernels_ready"] = max((w.get("ready_s", 0.0) for w in pool.warmups),
                                      default=0.0)
        finished = True
    finally:
        mark = time.perf_counter()
        pool.close(wait_s=10.0 if finished else 0.0)
        phases["shutdown"] = time.perf_counter() - mark
        progress.close()
    return results


def remove_stale_temp_files(reports_dir: Path, older_than_s: float = 600.0) -> int:
    """Remove temp files a killed build left (``.<name>.<random>.tmp``, older than
    ``older_than_s``, so a concurrent writer's file is never touched); return how many."""
    if not reports_dir.is_dir():
        return 0
    cutoff = time.time() - older_than_s
    removed = 0
    for path in reports_dir.rglob(".*.tmp"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def summarize(results: list[Result], skipped: int, seconds: float,
              phases: dict[str, float] | None = None) -> str:
    """Return the closing lines: built, failed, skipped, time; where the time went."""
    failed = sum(r["status"] != "ok" for r in results)
    totals: dict[str, float] = {}
    for result in results:
        for key, value in (result.get("timings") or {}).items():
            if isinstance(value, (int, float)):
                totals[key] = totals.get(key, 0.0) + value
    spent = ", ".join(f"{key.removesuffix('_s')} {format_seconds(value)}"
                      for key, value in totals.items())
    line = (f"built {len(results) - failed}, failed {failed}, up to date {skipped} "
            f"in {seconds:.2f}s")
    if phases:
        line += "\ntime went: " + ", ".join(f"{key} {format_seconds(value)}"
                                            for key, value in phases.items())
    return line + (f"\njob time (sum over jobs): {spent}" if spent else "")


def list_jobs(config: BuildConfig, selection: JobSelection) -> list[dict[str, Any]]:
    """Return the ``--list-jobs`` records of a selection (builds nothing)."""
    jobs, _, _ = plan(config, selection)
    return job_listing(assess(jobs, config, read_manifest(config.reports_dir)), config)


def run_build(config: BuildConfig, selection: JobSelection) -> int:
    """Build the selected jobs' outputs that are not up to date; return 0 if every job
    succeeded (or was up to date), 1 if any failed. Raises ParameterError/BuildError (exit 2)
    before any kernel starts."""
    began = time.perf_counter()
    phases: dict[str, float] = {}
    jobs, notebooks, snapshots = plan(config, selection)
    entries = read_manifest(config.reports_dir)
    planned = assess(jobs, config, entries)
    remove_stale_temp_files(config.reports_dir)
    todo = [item for item in planned if config.force or not item.up_to_date]
    skipped = len(planned) - len(todo)
    phases["plan"] = time.perf_counter() - began
    results: list[Result] = []
    if todo:
        progress = Progress(total=len(todo), workers=min(config.jobs, len(todo)))
        results = execute(todo, config, entries, progress, phases)
        for result in results:
            if result.get("traceback"):
                print(f"{result['id']}: {result['traceback']}", file=sys.stderr)
    entries = read_manifest(config.reports_dir)
    shown = jobs
    if selection.job:  # the index still lists every section of every snapshot
        shown = plan_jobs(notebooks, discover_snapshots(config.data_dir), [None],
                          config.data_dir, config.processed_dir)
    mark = time.perf_counter()
    write_index(config.reports_dir, entries, notebooks, sorted(discover_snapshots(
        config.data_dir)), shown, utc_now())
    phases["index"] = time.perf_counter() - mark
    print(summarize(results, skipped, time.perf_counter() - began, phases))
    print(f"index: {config.reports_dir / 'index.html'}")
    return EXIT_FAILED if any(r["status"] != "ok" for r in results) else EXIT_OK

"""``seoul-budget build``: plan the jobs, skip what is up to date, run the rest in parallel.

Order of work, so a bad input changes nothing and no kernel starts for nothing:
1. check every parameter (snapshot dates, departments, folders, notebooks) — a ParameterError
   or BuildError here is exit 2 before any kernel starts;
2. withdraw the snapshots whose report left the data folder (:mod:`.withdraw`);
3. plan (:mod:`.plan`): hash every job's inputs and compare with the manifest; a snapshot's
   corrections come from its fresh processed stamp;
4. if any job may be due, start the kernels (they warm up meanwhile), make each stale
   snapshot's processed folder fresh (:mod:`.prepare`; a snapshot that cannot be read is set
   aside, its jobs not run), and plan again with the corrections now known;
5. run the due jobs, longest first, in one loop that records their results in the manifest;
   meanwhile, in a thread, write each report's source page and ``data/processed/history/``
   (when every snapshot is ready and one changed): neither depends on a notebook;
6. write the index; print one line per problem and a summary; return the exit status
   (:mod:`.outcome`).
"""

from __future__ import annotations

import functools
import sys
import time
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ..atomic import check_output_folder, remove_stale_temp_files
from ..errors import OutputError
from ..snapshots import discover_snapshots, project_root, reorganisation_path, stray_folders
from ..stamp import (
    Stamp,
    correction_count,
    execution_totals,
    finding_counts,
    history_is_current,
    history_stamp,
)
from ..version import __version__
from .config import BuildConfig, JobSelection, cell_timeout
from .index import SnapshotStatus, write_index
from .jobs import plan_jobs
from .manifest import Entry, ManifestBatch, read_manifest, shown_entries
from .outcome import Outcome
from .plan import FileHashes, PlannedJob, job_listing, plan, select_jobs
from .prepare import (
    SnapshotState,
    needed_snapshots,
    prepare_snapshots,
    read_states,
    verify_ledger,
)
from .progress import Progress, format_seconds, stamped, utc_now
from .redact import Alias, folder_id, path_aliases, redact, redact_data
from .source_page import SOURCE_FILE, write_source_page
from .withdraw import withdraw

if TYPE_CHECKING:
    from .worker import KernelPool, Result

__all__ = ["list_jobs", "manifest_entry", "run_build"]

# jsonschema, which nbformat imports, imports this optional checker of the "iri" string
# format when it is installed (jupyterlab's dependencies install it) and it compiles a grammar
# as it is imported; nbformat never checks that format. A build makes it look absent
# (what that saves: benchmarks/README.md; python-jsonschema/jsonschema#1428).
UNUSED_OPTIONAL_MODULE = "rfc3987_syntax"


def config_aliases(config: BuildConfig) -> list[Alias]:
    """Return how the build's folders are shown in its outputs (see :mod:`.redact`)."""
    return path_aliases(project_root(), [config.data_dir, config.processed_dir,
                                         config.reports_dir, config.notebooks_dir])


def manifest_entry(item: PlannedJob, result: Result, previous: Entry | None,
                   aliases: Sequence[Alias] = ()) -> Entry:
    """Return the manifest entry after a run: the result, and the outputs now in place.

    A failure keeps the previous good outputs (and their hashes and times) as the entry's
    outputs, and lists the failed run's files separately. Paths are shown through ``aliases``
    (never the builder's absolute folders); ``data_dir_id`` tells data folders apart.
    """
    job = item.job
    data_dir = job.report_path.parent.parent
    entry: Entry = {
        "job": job.id, "notebook": job.notebook.stem,
        "notebook_path": redact(str(job.notebook.path), aliases),
        "section_title": job.notebook.title, "title": job.title,
        "as_of": job.as_of.isoformat(), "department": job.department,
        "data_dir": redact(str(data_dir), aliases), "data_dir_id": folder_id(data_dir),
        "parameters": redact_data(job.parameters, aliases),
        "inputs": redact_data(item.inputs, aliases), "fingerprint": item.fingerprint,
        "package_version": __version__, "status": result.status,
        "started": result.started, "duration_s": result.duration_s,
        "error": result.error, "timings": result.timings,
    }
    if result.status == "ok":
        entry.update(outputs=result.written, output_sha256=result.output_sha256,
                     failed_outputs=None,
                     good={"started": result.started, "duration_s": result.duration_s,
                           "fingerprint": item.fingerprint, "key_figure": result.key_figure,
                           "key_lines": result.key_lines})
    else:
        previous = previous or {}
        good_ok = previous.get("outputs") and previous.get("good")
        entry.update(outputs=previous.get("outputs") if good_ok else None,
                     output_sha256=previous.get("output_sha256") if good_ok else None,
                     good=previous.get("good") if good_ok else None,
                     failed_outputs=result.written or None)
    return entry


def kernel_pool(config: BuildConfig, candidates: list[PlannedJob]) -> KernelPool:
    """Return a pool of kernels sized for the jobs that may be due, not yet started
    (``KernelPool.start``). Raises ParameterError for a bad cell time limit."""
    sys.modules.setdefault(UNUSED_OPTIONAL_MODULE, None)  # type: ignore[arg-type]
    from .kernel import preimports  # lazy: Jupyter loads only when work is due
    from .worker import KernelPool, WorkerOptions  # lazy, as above

    options = WorkerOptions(reports_dir=config.reports_dir,
                            aliases=tuple(config_aliases(config)),
                            with_code=config.with_code,
                            preimports=preimports([item.job for item in candidates]),
                            cell_timeout=cell_timeout())
    return KernelPool(min(config.jobs, len(candidates)), options)


def run_jobs(pool: KernelPool, due: list[PlannedJob], config: BuildConfig,
             entries: dict[str, Entry]) -> list[Result]:
    """Run the due jobs in their order on the pool's kernels; record each result in the
    manifest and show the progress as they finish; return the results."""
    from .engine import register  # lazy: papermill loads once the snapshots are parsed

    register()
    items = {item.job.id: item for item in due}
    aliases = config_aliases(config)
    progress = Progress(total=len(due), workers=pool.size)
    for item in due:
        last = (entries.get(item.job.id) or {}).get("duration_s")
        if last is not None:
            progress.expect(item.job.id, float(last))
    batch = ManifestBatch(config.reports_dir)
    results: list[Result] = []
    try:
        for kind, job, result in pool.run([item.job for item in due]):
            if kind == "started" and job is not None:
                progress.started_job(job.id)
            elif kind == "done" and job is not None and result is not None:
                results.append(result)
                batch.add(job.id, functools.partial(manifest_entry, items[job.id], result,
                                                    aliases=aliases))
                progress.finished_job(job.id, result.status, result.duration_s, result.error)
            progress.tick(pool.in_progress())
    finally:
        batch.flush()
        progress.close()
    return results


def list_jobs(config: BuildConfig, selection: JobSelection) -> list[dict[str, Any]]:
    """Return the ``--list-jobs`` records of a selection (builds and parses nothing: a job of
    a snapshot whose processed folder is stale is listed as not up to date)."""
    jobs, _, _ = select_jobs(config, selection)
    hashes = FileHashes()
    states = read_states(discover_snapshots(config.data_dir), config, hashes)
    return job_listing(plan(jobs, config, read_manifest(config.reports_dir), states,
                            hashes).jobs, config)


def index_statuses(states: dict[date, SnapshotState],
                   aliases: Sequence[Alias] = ()) -> dict[date, SnapshotStatus]:
    """Return what the index says of each snapshot, from its stamp or its input error (its
    paths shown as ``aliases`` show them: relative to the project, never the builder's)."""
    return {day: SnapshotStatus(execution=execution_totals(state.stamp), errors=state.errors,
                                warnings=(finding_counts(state.stamp) or {}).get("warning"),
                                corrections=correction_count(state.stamp),
                                input_error=(redact(state.error, aliases)
                                             if state.error is not None else None),
                                subject=state.subject,
                                missing=tuple(state.missing), projects=state.projects)
            for day, state in states.items()}


def snapshots_history_stamp(config: BuildConfig, states: dict[date, SnapshotState]) -> Stamp:
    """Return the stamp the history folder would have if made from these snapshots now."""
    stamp = history_stamp({day.isoformat(): state.stamp or {} for day, state in states.items()})
    stamp["reorganisation_sha256"] = FileHashes()(reorganisation_path(config.data_dir))
    return stamp


def check_processed_folder(config: BuildConfig, states: dict[date, SnapshotState],
                           needed: set[date], whole: bool) -> None:
    """Raise OutputError (exit 2, before any kernel starts) when this run will write to the
    processed folder — a needed snapshot is stale, or the history files are — and cannot."""
    stale = any(not states[day].ready and states[day].error is None for day in needed)
    history = whole and all(state.ready for state in states.values()) and not \
        history_is_current(config.processed_dir, snapshots_history_stamp(config, states))
    if stale or history:
        check_output_folder(config.processed_dir, "processed")


def log(line: str, err: TextIO) -> None:
    """Print a line of the build's log to ``err`` (after the time, off a terminal)."""
    print(stamped(line, err), file=err, flush=True)


def write_history_files(config: BuildConfig, states: dict[date, SnapshotState]) -> str | None:
    """Write ``data/processed/history/`` when every snapshot is ready and the folder was not
    made from exactly these (checked without pandas); otherwise leave it as it is. Return the
    line for the build's log, or None."""
    if not all(state.ready for state in states.values()):
        return "history not updated: not every snapshot could be read (see below)"
    stamp = snapshots_history_stamp(config, states)
    if history_is_current(config.processed_dir, stamp):
        return None
    from ..snapshot_history import department_renamer, write_history  # lazy: pandas

    written = write_history(config.processed_dir, {day: state.report_path
                                                   for day, state in states.items()},
                            stamp, department_renamer(config.data_dir))
    return f"history: {len(written)} file(s) written to {config.processed_dir / 'history'}"


def write_snapshot_outputs(config: BuildConfig, states: dict[date, SnapshotState],
                           parsed: Collection[date], whole: bool
                           ) -> tuple[str | None, OutputError | None]:
    """Write what depends only on the parsed snapshots, not on any notebook: each readable
    report as a page the figures link to (made with its processed folder: when it was
    ``parsed`` in this build, or when the page is missing), and ``data/processed/history/``
    when the whole data folder is built. Return the history's log line and the OutputError
    of a file that could not be written (the index is still written; then that error is the
    build's exit)."""
    try:
        for day, state in states.items():
            folder = config.reports_dir / day.isoformat()
            if state.error is None and (day in parsed or not (folder / SOURCE_FILE).is_file()):
                write_source_page(state.report_path, folder, day, state.subject)
        return (write_history_files(config, states) if whole else None), None
    except OutputError as exc:
        return None, exc


def run_build(config: BuildConfig, selection: JobSelection, out: TextIO | None = None,
              err: TextIO | None = None) -> int:
    """Build the selected jobs' outputs that are not up to date; return the exit status
    (:mod:`.outcome`: 0 ok, 1 a notebook failed, 2 a snapshot cannot be read, 3 built but a
    reconciliation error remains). Raises ParameterError/BuildError (exit 2) before any
    kernel starts, and OutputError (exit 2) for an output folder that cannot be written."""
    out, err = out or sys.stdout, err or sys.stderr
    began = time.perf_counter()
    jobs, notebooks, selected = select_jobs(config, selection)
    check_output_folder(config.reports_dir, "reports")
    remove_stale_temp_files([config.reports_dir, config.processed_dir])
    everything = discover_snapshots(config.data_dir)
    for stray in stray_folders(config.data_dir):
        log(f"seoul-budget: warning: {stray.name!r} in the data folder is no snapshot (its "
            "name is no date YYYY-MM-DD); not built", err)
    outcome = Outcome()
    if selection.job is None:
        outcome.withdrawn = withdraw(config.reports_dir, config.data_dir, everything)
    entries = read_manifest(config.reports_dir)
    hashes = FileHashes()  # inputs and outputs, each file hashed once while it stays the same
    states = read_states(everything, config, hashes)
    whole = selection.job is None and selection.as_of in (None, "", "all")
    needed = set(everything) if whole else needed_snapshots(jobs, everything)
    check_processed_folder(config, states, needed, whole)
    # Before any parse: the jobs that may be due (a snapshot refused by a stat — too large, a
    # folder for a ledger — blocks its jobs already, and starts no kernel).
    candidates = plan(jobs, config, entries, states, hashes).due
    phases = {"plan": time.perf_counter() - began}
    pool = kernel_pool(config, candidates) if candidates else None
    results: list[Result] = []
    finished = False
    try:
        if pool is not None:
            pool.start()  # the kernels warm up while we parse
        mark = time.perf_counter()
        written = prepare_snapshots([states[day] for day in sorted(needed)], config)
        if written:
            log(f"parsed {len(written)} snapshot(s) into {config.processed_dir}", err)
            verify_ledger(states, config)  # a row applying nowhere: ErrataError
        phases["parse"] = time.perf_counter() - mark
        planned = plan(jobs, config, entries, states, hashes)
        # Written while the notebooks run (the kernels are other processes; this process
        # mostly waits for them), off the build's critical path.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seoul-budget-outputs") \
                as beside:
            snapshot_outputs = beside.submit(write_snapshot_outputs, config, states, written,
                                             whole)
            if planned.due:
                if pool is None:
                    pool = kernel_pool(config, planned.due)
                    pool.start()
                mark = time.perf_counter()
                results = run_jobs(pool, planned.due, config, entries)
                phases["run"] = time.perf_counter() - mark
                phases["kernels_ready"] = max(pool.ready_s, default=0.0)
        history_line, output_error = snapshot_outputs.result()
        finished = True
    finally:
        if pool is not None:
            mark = time.perf_counter()
            pool.close(wait_s=10.0 if finished else 0.0)
            phases["shutdown"] = time.perf_counter() - mark
    for result in results:
        if result.traceback:
            print(f"{result.job_id}: {result.traceback}", file=err)
    if history_line:
        log(history_line, err)
    # The index links only outputs that still have the hashes their entry records.
    entries = shown_entries(config.reports_dir, read_manifest(config.reports_dir), hashes)
    shown = jobs
    if selection.job:  # the index still lists every section of every snapshot
        shown = plan_jobs(notebooks, everything, [None], config.data_dir, config.processed_dir)
    mark = time.perf_counter()
    write_index(config.reports_dir, entries, notebooks, sorted(everything), shown,
                utc_now(), index_statuses(states, config_aliases(config)),
                {item.job.id for item in planned.blocked})
    phases["index"] = time.perf_counter() - mark
    if output_error is not None:
        raise output_error
    tally(outcome, len(jobs), results, len(planned.blocked), states, needed,
          selected if selection.job is None else {})
    print_closing(outcome, results, phases, began, config, out, err)
    return outcome.status


def tally(outcome: Outcome, jobs: int, results: list[Result], blocked: int,
          states: dict[date, SnapshotState], needed: set[date],
          answered: Iterable[date]) -> None:
    """Fill in what a run did: jobs built, failed, not run and up to date; the snapshots read
    that cannot be read; those of ``answered`` (the selection's; none for a ``--job`` run,
    which answers for its one job) where reconciliation errors remain."""
    outcome.built = sum(r.status == "ok" for r in results)
    outcome.failed = len(results) - outcome.built
    outcome.not_run = blocked
    outcome.up_to_date = jobs - len(results) - blocked
    outcome.input_errors = {day: state.error for day, state in states.items()
                            if state.error is not None and day in needed}
    outcome.missing_sections = {day: state.missing_lines() for day, state in states.items()
                                if state.missing and day in needed}
    outcome.unreconciled = {day: errors for day in answered
                            if (errors := states[day].errors)}
    outcome.output_errors = {r.job_id: r.output_error for r in results if r.output_error}


def print_closing(outcome: Outcome, results: list[Result], phases: dict[str, float],
                  began: float, config: BuildConfig, out: TextIO, err: TextIO) -> None:
    """Print one line per problem (stderr); then (stdout) the counts and time, where the time
    went, the job time summed over jobs by step, the index and the one-line verdict."""
    for line in outcome.alert_lines():
        print(stamped(line, err), file=err)
    spent: Counter[str] = Counter()
    for result in results:
        spent.update(result.timings)
    lines = [f"built {outcome.built}, failed {outcome.failed}, up to date {outcome.up_to_date} "
             f"in {time.perf_counter() - began:.2f}s",
             "time went: " + ", ".join(f"{key} {format_seconds(value)}"
                                       for key, value in phases.items())]
    if spent:
        lines.append("job time (sum over jobs): " + ", ".join(
            f"{key.removesuffix('_s')} {format_seconds(value)}" for key, value in spent.items()))
    lines += [f"index: {config.reports_dir / 'index.html'}", outcome.summary_line()]
    for line in lines:
        print(stamped(line, out), file=out, flush=True)

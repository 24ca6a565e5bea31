"""``seoul-budget build``: plan the jobs, skip what is up to date, run the rest in parallel.

Order of work, so a bad input changes nothing and no kernel starts for nothing:
1. check every parameter (snapshot dates, departments, folders, notebooks) — a ParameterError
   or BuildError here is exit 2 before any kernel starts;
2. withdraw the snapshots whose report left the data folder (:mod:`.withdraw`);
3. hash the inputs of every job and compare with the manifest (:mod:`.plan`); a snapshot's
   corrections come from its fresh processed stamp;
4. if anything may be due, start the worker pool (kernels warm up meanwhile), make each
   stale snapshot's processed folder fresh (:mod:`.prepare`; a snapshot that cannot be read
   is set aside, its jobs not run), assess again with the corrections now known;
5. run the jobs, longest first, recording each result in the manifest as it arrives;
6. write ``data/processed/history/`` when every snapshot is ready and one changed, then the
   index; print one line per problem and a summary; return the exit status (:mod:`.outcome`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TextIO

from ..atomic import check_output_folder, remove_stale_temp_files
from ..snapshots import discover_snapshots, project_root, reorganisation_path
from ..stamp import Stamp, execution_totals, history_is_current, history_stamp
from ..version import __version__
from .config import BuildConfig, JobSelection, cell_timeout
from .fingerprint import FileHashes
from .index import SnapshotStatus, write_index
from .jobs import plan_jobs
from .manifest import Entry, OutputHashes, read_manifest, shown_entries, update_manifest
from .navigation import page_context
from .outcome import EXIT_FAILED, EXIT_OK, Outcome
from .plan import PlannedJob, assess, job_listing, longest_first, plan, preimports
from .prepare import (
    SnapshotState,
    depends_on,
    needed_snapshots,
    prepare_snapshots,
    read_states,
    verify_ledger,
)
from .progress import Progress, format_seconds, stamped
from .redact import Alias, folder_id, path_aliases, redact, redact_data
from .withdraw import withdraw
from .worker import Result, WorkerOptions, utc_now

__all__ = ["EXIT_FAILED", "EXIT_OK", "PlannedJob", "list_jobs", "manifest_entry",
           "prepare_snapshots", "run_build"]


def job_spec(item: PlannedJob, config: BuildConfig,
             aliases: Sequence[Alias] = ()) -> dict[str, Any]:
    """Return what a worker needs to run a job (plain data: it crosses a process boundary);
    ``aliases`` (computed once per build) say how its outputs show the builder's folders."""
    job = item.job
    return {"id": job.id, "notebook_path": str(job.notebook.path), "parameters": job.parameters,
            "aliases": list(aliases), "title": job.title, "page": page_context(job),
            "reports_dir": str(config.reports_dir),
            "outputs": {"ipynb": job.output(".ipynb"), "html": job.output(".html")},
            "failed_outputs": {"ipynb": job.output(".ipynb", failed=True),
                               "html": job.output(".html", failed=True)}}


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


# Optional modules the build process would load without using them: jsonschema (under
# nbformat) imports rfc3987_syntax when it is installed, to check the "iri" string format, and
# that module compiles a Lark grammar as it is imported — 1.4 s of CPU in every build, taken
# from the kernels starting beside it, while nbformat never checks string formats.
UNUSED_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_unused_optional_modules() -> None:
    """Make an import of each of ``UNUSED_OPTIONAL_MODULES`` fail (ImportError, which the
    importing library expects of an optional module), unless it is loaded already."""
    for name in UNUSED_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def execute(candidates: list[PlannedJob], config: BuildConfig, entries: dict[str, Entry],
            phases: dict[str, float], prepare: Callable[[], list[PlannedJob]]) -> list[Result]:
    """Start a pool of warm kernels sized for ``candidates`` (the jobs that may be due), call
    ``prepare`` while they warm up (it readies the snapshots and returns the jobs really
    due), then run those, recording each result in the manifest at once.

    Adds to ``phases`` (seconds): parse, kernels_ready (slowest kernel start + warm-up, while
    the parse runs), run (first job to last), shutdown.
    """
    skip_unused_optional_modules()  # before the Jupyter machinery is imported
    from .worker import KernelPool

    by_id: dict[str, PlannedJob] = {}
    aliases = config_aliases(config)
    results: list[Result] = []
    options = WorkerOptions(with_code=config.with_code,
                            preimports=preimports([item.job for item in candidates]),
                            cell_timeout=cell_timeout())
    pool = KernelPool(min(config.jobs, len(candidates)), options)
    progress: Progress | None = None
    finished = False
    try:
        started = time.perf_counter()
        todo = prepare()
        phases["parse"] = time.perf_counter() - started
        by_id = {item.job.id: item for item in todo}
        progress = Progress(total=len(todo), workers=min(config.jobs, max(1, len(todo))))
        for item in todo:
            last = (entries.get(item.job.id) or {}).get("duration_s")
            if last is not None:
                progress.expect(item.job.id, float(last))

        def on_done(spec: dict[str, Any], result: Result) -> None:
            item = by_id[spec["id"]]

            def change(current: dict[str, Entry]) -> None:
                current[item.job.id] = manifest_entry(item, result, current.get(item.job.id),
                                                      aliases)
            update_manifest(config.reports_dir, change)
            results.append(result)
            assert progress is not None
            progress.finished_job(item.job.id, result["status"], result["duration_s"],
                                  result["error"], pool.running())

        mark = time.perf_counter()
        if todo:
            pool.run([job_spec(item, config, aliases) for item in longest_first(todo, entries)],
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
        if progress is not None:
            progress.close()
    return results


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
    """Return the ``--list-jobs`` records of a selection (builds and parses nothing: a job of
    a snapshot whose processed folder is stale is listed as not up to date)."""
    jobs, _, _ = plan(config, selection)
    everything = discover_snapshots(config.data_dir)
    hashes = FileHashes()
    states = read_states(everything, config, hashes)
    return job_listing(assess(jobs, config, read_manifest(config.reports_dir),
                              corrections_of(states), everything, hashes), config)


def corrections_of(states: dict[date, SnapshotState]) -> dict[date, str | None]:
    """Return each ready snapshot's corrections hash (what its jobs' fingerprints use)."""
    return {day: state.corrections for day, state in states.items() if state.ready}


def index_statuses(states: dict[date, SnapshotState]) -> dict[date, SnapshotStatus]:
    """Return what the index says of each snapshot, from its stamp or its input error."""
    return {day: SnapshotStatus(execution=execution_totals(state.stamp), errors=state.errors,
                                input_error=state.error, subject=state.subject,
                                missing=tuple(state.missing), projects=state.projects)
            for day, state in states.items()}


def split_due(planned: list[PlannedJob], states: dict[date, SnapshotState],
              force: bool) -> tuple[list[PlannedJob], list[PlannedJob]]:
    """Return (the jobs due, the jobs not run because a snapshot they read cannot be read)."""
    bad = {day for day, state in states.items() if state.error is not None}
    stopped = [item for item in planned if depends_on(item.job, bad)]
    ids = {item.job.id for item in stopped}
    due = [item for item in planned
           if (force or not item.up_to_date) and item.job.id not in ids]
    return due, stopped


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


def write_history_files(config: BuildConfig, states: dict[date, SnapshotState],
                        log: Callable[[str], None]) -> None:
    """Write ``data/processed/history/`` when every snapshot is ready and the folder was not
    made from exactly these (checked without pandas); otherwise leave it as it is."""
    if not all(state.ready for state in states.values()):
        log("history not updated: not every snapshot could be read (see below)")
        return
    stamp = snapshots_history_stamp(config, states)
    if history_is_current(config.processed_dir, stamp):
        return
    from ..snapshot_history import department_renamer, write_history  # lazy: pandas

    written = write_history(config.processed_dir, {day: state.report_path
                                                   for day, state in states.items()},
                            stamp, department_renamer(config.data_dir))
    log(f"history: {len(written)} file(s) written to {config.processed_dir / 'history'}")


def run_build(config: BuildConfig, selection: JobSelection, out: TextIO | None = None,
              err: TextIO | None = None) -> int:
    """Build the selected jobs' outputs that are not up to date; return the exit status
    (:mod:`.outcome`: 0 ok, 1 a notebook failed, 2 a snapshot cannot be read, 3 built but a
    reconciliation error remains). Raises ParameterError/BuildError (exit 2) before any
    kernel starts, and OutputError (exit 2) for an output folder that cannot be written."""
    out, err = out or sys.stdout, err or sys.stderr
    began = time.perf_counter()
    phases: dict[str, float] = {}
    jobs, notebooks, selected = plan(config, selection)
    check_output_folder(config.reports_dir, "reports")
    remove_stale_temp_files([config.reports_dir, config.processed_dir])
    everything = discover_snapshots(config.data_dir)
    outcome = Outcome()
    if selection.job is None:
        outcome.withdrawn = withdraw(config.reports_dir, config.data_dir, everything)
    entries = read_manifest(config.reports_dir)
    hashes, outputs = FileHashes(), OutputHashes()
    states = read_states(everything, config, hashes)
    whole = selection.job is None and selection.as_of in (None, "", "all")
    needed = set(everything) if whole else needed_snapshots(jobs, everything)
    check_processed_folder(config, states, needed, whole)
    first = assess(jobs, config, entries, corrections_of(states), everything, hashes, outputs)
    # A snapshot refused by a stat already (too large, a folder for a ledger) starts no kernel.
    candidates, _ = split_due(first, states, config.force)
    phases["plan"] = time.perf_counter() - began

    def log(line: str) -> None:
        print(stamped(line, err), file=err, flush=True)

    blocked: list[PlannedJob] = []

    def prepare() -> list[PlannedJob]:
        """Ready the needed snapshots; return the jobs due (none of a bad snapshot's)."""
        written = prepare_snapshots([states[day] for day in sorted(needed)], config)
        if written:
            log(f"parsed {len(written)} snapshot(s) into {config.processed_dir}")
            verify_ledger(states, config)  # a row applying nowhere: ErrataError
        due, stopped = split_due(assess(jobs, config, entries, corrections_of(states),
                                        everything, hashes, outputs), states, config.force)
        blocked.extend(stopped)
        return due

    results: list[Result] = []
    if candidates:
        results = execute(candidates, config, entries, phases, prepare)
    elif any(not states[day].ready for day in needed):  # no job due yet: ready them first
        due = prepare()
        if due:
            results = execute(due, config, entries, phases, lambda: due)
    for result in results:
        if result.get("traceback"):
            print(f"{result['id']}: {result['traceback']}", file=err)
    if whole:
        write_history_files(config, states, log)
    # The index links only outputs that still have the hashes their entry records.
    entries = shown_entries(config.reports_dir, read_manifest(config.reports_dir), outputs)
    shown = jobs
    if selection.job:  # the index still lists every section of every snapshot
        shown = plan_jobs(notebooks, everything, [None], config.data_dir, config.processed_dir)
    mark = time.perf_counter()
    write_index(config.reports_dir, entries, notebooks, sorted(everything), shown, utc_now(),
                index_statuses(states), {item.job.id for item in blocked})
    phases["index"] = time.perf_counter() - mark
    tally(outcome, len(jobs), results, len(blocked), states, needed,
          selected if selection.job is None else {})
    print_closing(outcome, results, phases, began, config, out, err)
    return outcome.status


def tally(outcome: Outcome, jobs: int, results: list[Result], blocked: int,
          states: dict[date, SnapshotState], needed: set[date],
          answered: Iterable[date]) -> None:
    """Fill in what a run did: jobs built, failed, not run and up to date; the snapshots read
    that cannot be read; those of ``answered`` (the selection's; none for a ``--job`` run,
    which answers for its one job) where reconciliation errors remain."""
    outcome.built = sum(r["status"] == "ok" for r in results)
    outcome.failed = len(results) - outcome.built
    outcome.not_run = blocked
    outcome.up_to_date = jobs - len(results) - blocked
    outcome.input_errors = {day: state.error for day, state in states.items()
                            if state.error is not None and day in needed}
    outcome.missing_sections = {day: state.missing_lines() for day, state in states.items()
                                if state.missing and day in needed}
    outcome.unreconciled = {day: errors for day in answered
                            if (errors := states[day].errors)}
    outcome.output_errors = {r["id"]: r["output_error"] for r in results
                             if r.get("output_error")}


def print_closing(outcome: Outcome, results: list[Result], phases: dict[str, float],
                  began: float, config: BuildConfig, out: TextIO, err: TextIO) -> None:
    """Print one line per problem (stderr), the summary and the one-line verdict (stdout)."""
    for line in outcome.alert_lines():
        print(stamped(line, err), file=err)
    for line in summarize(results, outcome.up_to_date, time.perf_counter() - began,
                          phases).splitlines():
        print(stamped(line, out), file=out)
    print(stamped(f"index: {config.reports_dir / 'index.html'}", out), file=out)
    print(stamped(outcome.summary_line(), out), file=out, flush=True)

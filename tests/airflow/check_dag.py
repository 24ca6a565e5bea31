"""The Airflow DAG on a real Airflow, end to end: what ``make test-airflow`` runs.

    .venv-airflow/bin/python tests/airflow/check_dag.py [--keep]

Runs with the Airflow venv's Python (Airflow's pins would fight the project's, so it never
enters ``.venv``); the DAG's tasks call the project's ``.venv/bin/python``. Everything is
written under one temporary folder (SQLite metadata, dags folder, reports, processed tables,
notebook copies) whose data folders have a space in their names, and PATH holds no project
venv, as on a worker. Checks, in order:

1. the dags folder loads: no import error, no warning (Airflow 3 reports deprecated imports
   as DAG warnings), the four tasks, a short retry delay for the jobs;
2. ``airflow dags test`` with no extra build arguments: every task succeeds, one ``run_job``
   per job of ``--list-jobs`` (no literal count), every page exists;
3. a second run: nothing to do, every job skipped, the pages untouched;
4. one notebook copy made to raise: its task fails, the index task fails naming it, the DAG
   run fails, the last good page is kept byte for byte beside the ``.failed.html``.

Exit 0 when all hold; else 1, keeping the folder and printing where to look.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DAG_FILES = ("seoul_budget_reports.py", "seoul_budget_jobs.py")
DAG_ID = "seoul_budget_reports"
TASKS = {"list_jobs", "parse", "run_job", "index"}
MAX_RETRY_DELAY_S = 60
INJECTED = "raise RuntimeError('injected by make test-airflow')"


class CheckFailed(AssertionError):
    """A check did not hold; the message says which and what was seen."""


def check(condition: bool, message: str) -> None:
    """Raise CheckFailed with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(message)


@dataclass
class Sandbox:
    """The temporary Airflow home, dags folder and seoul_budget output folders."""

    root: Path
    project: Path

    @property
    def home(self) -> Path:
        return self.root / "airflow"

    @property
    def dags(self) -> Path:
        return self.root / "dags"

    @property
    def data(self) -> Path:  # a space, as in the issue: commands must survive it
        return self.root / "build output"

    @property
    def reports(self) -> Path:
        return self.data / "reports"

    @property
    def processed(self) -> Path:
        return self.data / "processed"

    @property
    def notebooks(self) -> Path:
        return self.data / "notebooks copy"

    def env(self, build_args: list[str]) -> dict[str, str]:
        """The environment of an Airflow command: its own home and SQLite file, the DAG's
        settings, and a PATH without the project's venv."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("AIRFLOW", "SEOUL_BUDGET", "VIRTUAL_ENV", "PYTHON"))}
        env.update({
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.home / 'airflow.db'}",
            "SEOUL_BUDGET_PROJECT": str(self.project),
            "SEOUL_BUDGET_BUILD_ARGS": shlex.join(build_args),
        })
        return env

    def airflow(self, args: list[str], build_args: list[str], log: Path) -> int:
        """Run the ``airflow`` command of this venv, output to ``log``; return its status."""
        command = [str(Path(sys.executable).parent / "airflow"), *args]
        with log.open("w", encoding="utf-8") as out:
            return subprocess.run(command, env=self.env(build_args), stdout=out,
                                  stderr=subprocess.STDOUT, check=False).returncode

    def listing(self, build_args: list[str]) -> list[dict[str, Any]]:
        """The project's own ``--list-jobs`` with these arguments."""
        python = self.project / ".venv" / "bin" / "python"
        result = subprocess.run([str(python), "-m", "seoul_budget", "build", "--list-jobs",
                                 *build_args], cwd=self.project, capture_output=True,
                                text=True, check=False)
        check(result.returncode == 0, f"--list-jobs exited {result.returncode}: "
              f"{result.stderr.strip()}")
        return json.loads(result.stdout)


def migrate(sandbox: Sandbox) -> str:
    """Create the SQLite metadata database; return a summary line."""
    started = time.perf_counter()
    status = sandbox.airflow(["db", "migrate"], [], sandbox.root / "migrate.log")
    check(status == 0, f"airflow db migrate exited {status} (see migrate.log)")
    return f"airflow db migrate (SQLite) in {time.perf_counter() - started:.0f}s"


def load_dag(sandbox: Sandbox) -> str:
    """Parse the dags folder the way the DAG processor does; return a summary line."""
    os.environ.update(sandbox.env([]))  # before Airflow is imported: its config reads these
    os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"  # warnings are what we look for
    import airflow

    try:  # Airflow 3: the processor's bag puts the dags folder on sys.path
        from airflow.dag_processing.dagbag import BundleDagBag

        bag = BundleDagBag(str(sandbox.dags), bundle_path=sandbox.dags, bundle_name="dags-folder")
    except ImportError:  # Airflow 2: the dags folder is on sys.path from the configuration
        from airflow.models.dagbag import DagBag

        bag = DagBag(str(sandbox.dags), include_examples=False)
    check(not bag.import_errors, f"import errors: {bag.import_errors}")
    warned = getattr(bag, "captured_warnings", {})
    check(not warned, f"warnings while loading the DAG: {warned}")
    check(bag.dag_ids == [DAG_ID], f"DAGs found: {bag.dag_ids}, expected [{DAG_ID!r}]")
    dag = bag.dags[DAG_ID]
    check(set(dag.task_ids) == TASKS, f"tasks {sorted(dag.task_ids)}, expected {sorted(TASKS)}")
    run_job = dag.get_task("run_job")
    delay = run_job.retry_delay.total_seconds()
    check(run_job.retries >= 1 and delay <= MAX_RETRY_DELAY_S,
          f"run_job retries {run_job.retries} after {delay:.0f}s; want >= 1 after "
          f"<= {MAX_RETRY_DELAY_S}s")
    check(dag.get_task("index").trigger_rule == "all_done", "index must run after failures")
    return f"Airflow {airflow.__version__}: DAG loads, no import error or warning"


def latest_run(sandbox: Sandbox) -> tuple[str, str, dict[tuple[str, int], tuple[str, str]]]:
    """Return (run id, state, {(task, map index): (state, rendered map index)}) of the newest
    DAG run, read from the SQLite metadata (same tables on Airflow 2 and 3)."""
    with sqlite3.connect(sandbox.home / "airflow.db") as db:
        row = db.execute("SELECT run_id, state FROM dag_run WHERE dag_id = ? "
                         "ORDER BY id DESC LIMIT 1", (DAG_ID,)).fetchone()
        check(row is not None, "no DAG run recorded")
        tasks = {(task, index): (state, label) for task, index, state, label in db.execute(
            "SELECT task_id, map_index, state, rendered_map_index FROM task_instance "
            "WHERE dag_id = ? AND run_id = ?", (DAG_ID, row[0]))}
    return row[0], row[1], tasks


def job_states(tasks: dict[tuple[str, int], tuple[str, str]]) -> dict[str, str]:
    """Return {job id: state} of the mapped run_job tasks (labelled by their job id)."""
    return {label: state for (task, index), (state, label) in tasks.items()
            if task == "run_job" and index >= 0}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dags_test(sandbox: Sandbox, name: str, build_args: list[str]) -> tuple[
        str, dict[tuple[str, int], tuple[str, str]], str, float]:
    """Run ``airflow dags test``; return (DAG run state, task states, output, seconds)."""
    log = sandbox.root / f"{name}.log"
    started = time.perf_counter()
    sandbox.airflow(["dags", "test", DAG_ID], build_args, log)
    seconds = time.perf_counter() - started
    _, state, tasks = latest_run(sandbox)
    return state, tasks, log.read_text(encoding="utf-8", errors="replace"), seconds


def green_run(sandbox: Sandbox, build_args: list[str]) -> str:
    """Every job runs and succeeds, every page exists; return a summary line."""
    jobs = sandbox.listing(build_args)
    check(bool(jobs) and not any(job["up_to_date"] for job in jobs),
          f"expected a fresh reports folder with jobs to run, got {len(jobs)} job(s)")
    state, tasks, _, seconds = dags_test(sandbox, "green", build_args)
    states = job_states(tasks)
    check(states == {job["id"]: "success" for job in jobs},
          f"run_job states {states}, expected all {len(jobs)} jobs success")
    for task in ("list_jobs", "parse", "index"):
        check(tasks.get((task, -1), ("missing",))[0] == "success",
              f"{task}: {tasks.get((task, -1))}")
    check(state == "success", f"DAG run {state}, expected success")
    missing = [rel for job in jobs for rel in job["outputs"].values()
               if not (sandbox.reports / rel).is_file()]
    check(not missing and (sandbox.reports / "index.html").is_file(), f"missing pages {missing}")
    return (f"green run: DAG run success, {len(tasks)} tasks success ({len(jobs)} jobs), "
            f"{len(jobs)} pages + index in {seconds:.0f}s")


def second_run(sandbox: Sandbox, build_args: list[str]) -> str:
    """Nothing left to do: no job runs, no page is rewritten; return a summary line."""
    entries = json.loads((sandbox.reports / "manifest.json").read_text("utf-8"))["outputs"]
    before = {job: entry["started"] for job, entry in entries.items()}
    state, tasks, _, seconds = dags_test(sandbox, "second", build_args)
    check(state == "success", f"second DAG run {state}, expected success")
    run_job = {key: value[0] for key, value in tasks.items() if key[0] == "run_job"}
    check(run_job == {("run_job", -1): "skipped"}, f"second run's run_job tasks {run_job}")
    entries = json.loads((sandbox.reports / "manifest.json").read_text("utf-8"))["outputs"]
    check({job: entry["started"] for job, entry in entries.items()} == before,
          "the second run rebuilt outputs that were up to date")
    return (f"second run: DAG run success, run_job skipped, {len(before)} jobs kept "
            f"in {seconds:.0f}s")


def break_notebook(source: Path, target: Path, stem: str) -> None:
    """Copy the notebooks to ``target`` and append a raising cell to ``stem``'s copy."""
    shutil.copytree(source, target)
    path = target / f"{stem}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "execution_count": None,
                              "id": "injected-failure", "metadata": {}, "outputs": [],
                              "source": [INJECTED]})
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def failing_run(sandbox: Sandbox, build_args: list[str]) -> str:
    """One notebook raises: its job and the DAG run fail, the last good page is kept."""
    victim = sandbox.listing(build_args)[0]
    good = sandbox.reports / victim["outputs"]["html"]
    good_hash = sha256(good)
    break_notebook(sandbox.project / "notebooks", sandbox.notebooks, victim["notebook"])
    build_args = [*build_args, "--notebooks-dir", str(sandbox.notebooks)]
    pending = [job["id"] for job in sandbox.listing(build_args) if not job["up_to_date"]]
    check(victim["id"] in pending, f"{victim['id']} not pending after breaking its notebook")
    state, tasks, output, seconds = dags_test(sandbox, "failing", build_args)
    expected = {job: "failed" if job == victim["id"] else "success" for job in pending}
    check(job_states(tasks) == expected, f"run_job states {job_states(tasks)}, "
          f"expected {expected}")
    check(tasks.get(("index", -1), ("missing",))[0] == "failed",
          f"index: {tasks.get(('index', -1))}, expected failed")
    check(state == "failed", f"DAG run {state}, expected failed")
    named = f"did not succeed: {victim['id']}"
    check(named in output, f"the log does not name the failed job ({named!r})")
    check(sha256(good) == good_hash, f"{good.name} was replaced by a failed run")
    failed_page = good.with_name(good.name.replace(".html", ".failed.html"))
    check(failed_page.is_file(), f"no {failed_page.name} beside the last good page")
    return (f"failing run: DAG run failed, run_job {victim['id']} failed, index failed naming "
            f"it, last good page kept, {failed_page.name} written, in {seconds:.0f}s")


def main(argv: list[str] | None = None) -> int:
    """Run every check in a temporary folder; return 0 if all hold, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the seoul_budget project")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sandbox = Sandbox(Path(tempfile.mkdtemp(prefix="seoul-budget-airflow-")),
                      args.project.resolve())
    sandbox.dags.mkdir()
    for name in DAG_FILES:  # as a user would: the two files in a dags folder
        shutil.copy(sandbox.project / "deploy" / "airflow" / name, sandbox.dags / name)
    # Its own copy of the bundled snapshot (tests own their data: a month added to data/raw
    # changes nothing here). No --department: the bureau reports only, one job per notebook.
    raw = sandbox.data / "raw"
    shutil.copytree(sandbox.project / "tests" / "fixtures" / "data" / "raw", raw)
    build_args = ["--data-dir", str(raw), "--reports-dir", str(sandbox.reports),
                  "--processed-dir", str(sandbox.processed)]
    steps = (("airflow db migrate", lambda: migrate(sandbox)),
             ("load", lambda: load_dag(sandbox)),
             ("green run", lambda: green_run(sandbox, build_args)),
             ("second run", lambda: second_run(sandbox, build_args)),
             ("failing run", lambda: failing_run(sandbox, build_args)))
    began = time.perf_counter()
    for name, run in steps:
        try:
            print(f"ok  {run()}", flush=True)
        except CheckFailed as exc:
            print(f"FAIL {name}: {exc}\n     logs and outputs kept in {sandbox.root}",
                  file=sys.stderr)
            return 1
    print(f"all Airflow checks passed in {time.perf_counter() - began:.0f}s")
    if not args.keep:
        shutil.rmtree(sandbox.root, ignore_errors=True)
    else:
        print(f"kept {sandbox.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

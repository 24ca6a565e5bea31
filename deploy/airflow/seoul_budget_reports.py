"""Airflow DAG: the seoul_budget reports, one task per notebook × snapshot × department.

Copy this file and ``seoul_budget_jobs.py`` into the dags folder. The workers need the project
folder (a shared file system) and, in their environment:

- ``SEOUL_BUDGET_PROJECT``: the project folder, e.g. ``/srv/seoul_budget`` (required);
- ``SEOUL_BUDGET_BUILD_ARGS``: extra ``seoul-budget build`` arguments, split like a shell
  would (default ``--department each``; empty for the bureau reports only);
- ``SEOUL_BUDGET_PYTHON``: the project's Python (default: its ``.venv/bin/python``).

Tasks: ``list_jobs`` → ``parse`` → ``run_job`` (one per job not up to date) → ``index``, which
rebuilds the index even after failures, then fails the run if any job did not succeed or
its own build exited non-zero, naming the jobs in its log.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, NoReturn

import pendulum
import seoul_budget_jobs as sbj  # beside this file: the dags folder is on sys.path

try:  # Airflow 3
    from airflow.sdk import dag, get_current_context, task
except ImportError:  # Airflow 2.9 - 2.11
    from airflow.decorators import dag, task
    from airflow.operators.python import get_current_context
try:
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:  # Airflow 2
    from airflow.exceptions import AirflowFailException


def fail(message: str, status: int) -> NoReturn:
    """Fail the task: at once when the exit status is about the inputs, else retryably."""
    print(message, flush=True)
    if sbj.is_input_failure(status):
        raise AirflowFailException(message)
    raise RuntimeError(message)


def settings() -> sbj.Settings:
    """The worker's settings; a configuration error fails the task without retries."""
    try:
        return sbj.settings_from_env()
    except sbj.ConfigError as exc:
        raise AirflowFailException(str(exc)) from None


@dag(schedule="0 6 1 * *", start_date=pendulum.datetime(2023, 6, 1, tz="Asia/Seoul"),
     catchup=False, max_active_runs=1, max_active_tasks=16, tags=["seoul_budget"])
def seoul_budget_reports() -> None:
    """Monthly build of the seoul_budget reports, fanned out over the workers."""

    @task
    def list_jobs() -> list[dict[str, Any]]:
        """The jobs whose outputs are not up to date: id, snapshot and argument list."""
        config = settings()
        argv = sbj.list_jobs_argv(config)
        listed = sbj.capture(argv, config.project)
        if listed.returncode != 0:
            fail(f"--list-jobs {sbj.describe_status(listed.returncode)}: "
                 f"{listed.stderr.strip()}", listed.returncode)
        listing = json.loads(listed.stdout)
        try:
            jobs = sbj.pending_jobs(listing, force=config.force)
        except sbj.ConfigError as exc:
            raise AirflowFailException(str(exc)) from None
        names = ", ".join(job["id"] for job in jobs) or "none"
        print(f"{len(jobs)} of {len(listing)} job(s) to run: {names}", flush=True)
        return jobs

    @task
    def parse(jobs: list[dict[str, Any]]) -> None:
        """Parse the snapshots the jobs read, once, before they start."""
        argv = sbj.parse_argv(jobs)
        if argv is None:
            print("nothing to parse: every output is up to date", flush=True)
            return
        status = sbj.run_logged(argv, settings().project)
        if status != 0:
            fail(f"parse {sbj.describe_status(status)}", status)

    # A notebook that failed (exit 1) fails the same way again and the index task's build
    # retries it anyway; a retry is for a lost worker or a killed process.
    @task(retries=1, retry_delay=timedelta(seconds=30), map_index_template="{{ job_id }}")
    def run_job(job: dict[str, Any]) -> str:
        """Run one job; return its id (the index task counts a job without one as failed)."""
        get_current_context()["job_id"] = job["id"]  # type: ignore[literal-required]
        status = sbj.run_logged(job["command"], settings().project)
        if status != 0:
            fail(f"job {job['id']} {sbj.describe_status(status)}", status)
        return job["id"]

    @task(trigger_rule="all_done")
    def index(jobs: list[dict[str, Any]], ti: Any = None) -> None:
        """Rebuild the index whatever happened, then fail if any job or the build failed."""
        config = settings()
        status = sbj.run_logged(sbj.index_argv(config), config.project)
        # A list of task ids pulls the value of every map index of run_job.
        failed = sbj.failed_jobs(jobs, ti.xcom_pull(task_ids=["run_job"]))
        message = sbj.failure_message(failed, status)
        if message is not None:
            print(message, flush=True)
            raise AirflowFailException(message)

    jobs = list_jobs()
    run = run_job.expand(job=jobs)
    parse(jobs) >> run >> index(jobs)


seoul_budget_reports()

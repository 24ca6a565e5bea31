"""Commands and checks behind the seoul_budget Airflow DAG (``seoul_budget_reports.py``).

Plain Python, no Airflow import: the project's own tests run these functions without Airflow,
and the DAG file stays a short description of the tasks. Copy this file into the dags folder
beside the DAG. Every command is an argument list run without a shell, so a project path with
a space or a quote in it is passed through unchanged.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ENV = "SEOUL_BUDGET_PROJECT"
BUILD_ARGS_ENV = "SEOUL_BUDGET_BUILD_ARGS"
PYTHON_ENV = "SEOUL_BUDGET_PYTHON"
DEFAULT_BUILD_ARGS = "--department each"
FORCE = "--force"
# Options the DAG sets itself, per task; in SEOUL_BUDGET_BUILD_ARGS they would break it.
RESERVED_OPTIONS = ("--job", "--list-jobs")
# `seoul-budget build` exit statuses that are about the inputs (1 a notebook failed, 2 bad
# input, 3 a reconciliation error remains): running the same command again changes nothing.
INPUT_STATUSES = {
    1: "a notebook failed (its .failed.html is beside the last good page)",
    2: "bad input or parameters",
    3: "reports built, but a reconciliation error remains",
}


class ConfigError(ValueError):
    """The environment does not describe a usable project (message names the variable)."""


@dataclass(frozen=True)
class Settings:
    """Where the project is, which Python runs it and the extra ``build`` arguments."""

    project: Path
    python: str
    build_args: tuple[str, ...]

    @property
    def force(self) -> bool:
        """True if the build arguments ask to rebuild up-to-date outputs."""
        return FORCE in self.build_args


def settings_from_env(environ: Mapping[str, str] = os.environ) -> Settings:
    """Return the settings from ``SEOUL_BUDGET_PROJECT``, ``SEOUL_BUDGET_BUILD_ARGS`` (unset:
    ``--department each``; empty: none) and ``SEOUL_BUDGET_PYTHON`` (default: the project's
    ``.venv/bin/python``).

    Raises ConfigError naming the variable when the project or its Python is missing, or the
    build arguments hold an option the DAG sets itself.
    """
    folder = environ.get(PROJECT_ENV, "")
    if not folder:
        raise ConfigError(f"{PROJECT_ENV} is not set: give the seoul_budget project folder "
                          "(the one holding data/, notebooks/ and .venv/)")
    project = Path(folder)
    if not project.is_dir():
        raise ConfigError(f"{PROJECT_ENV}={folder!r} is not a folder on this worker")
    python = environ.get(PYTHON_ENV) or str(project / ".venv" / "bin" / "python")
    if not os.access(python, os.X_OK):
        raise ConfigError(f"{python!r} is not an executable Python on this worker: run "
                          f"`make setup` in {folder}, or set {PYTHON_ENV}")
    raw = environ.get(BUILD_ARGS_ENV)
    try:
        build_args = tuple(shlex.split(DEFAULT_BUILD_ARGS if raw is None else raw))
    except ValueError as exc:  # an unbalanced quote
        raise ConfigError(f"{BUILD_ARGS_ENV}={raw!r}: {exc}") from None
    for arg in build_args:
        option = reserved_option(arg)
        if option is not None:
            raise ConfigError(f"{BUILD_ARGS_ENV} must not contain {arg.split('=')[0]} "
                              f"({option}): the DAG sets it")
    return Settings(project=project, python=python, build_args=build_args)


def reserved_option(arg: str) -> str | None:
    """Return the option the DAG sets itself that ``arg`` would give, or None: the option
    itself, with '=value', or any abbreviation of it that argparse would take ('--list' for
    '--list-jobs', '--jo' for '--job')."""
    name = arg.split("=", 1)[0]
    if not name.startswith("--") or len(name) < 3:
        return None
    return next((option for option in RESERVED_OPTIONS if option.startswith(name)), None)


def list_jobs_argv(settings: Settings) -> list[str]:
    """Return the command that prints the job list as JSON."""
    return [settings.python, "-m", "seoul_budget", "build", "--list-jobs", *settings.build_args]


def index_argv(settings: Settings) -> list[str]:
    """Return the closing ``build``: it writes the index and retries jobs that failed.

    ``--force`` is left out: the jobs have just rebuilt everything it asked for.
    """
    args = [arg for arg in settings.build_args if arg != FORCE]
    return [settings.python, "-m", "seoul_budget", "build", *args]


def pending_jobs(listing: Sequence[Mapping[str, Any]], force: bool = False) -> list[dict[str, Any]]:
    """Return {id, as_of, command} of each ``--list-jobs`` record to run, in listed order.

    A job runs when its outputs are not up to date, or every job with ``force`` (its command
    then carries ``--force``). Raises ConfigError for a command that does not start with an
    absolute interpreter path: a worker's PATH has no virtual environment on it.
    """
    jobs = []
    for record in listing:
        if record["up_to_date"] and not force:
            continue
        command = [str(arg) for arg in record["command"]]
        if not command or not os.path.isabs(command[0]):
            raise ConfigError(f"job {record['id']}: command {command[:1]} is not an absolute "
                              "path; upgrade seoul_budget (its --list-jobs prints one)")
        jobs.append({"id": str(record["id"]), "as_of": str(record["as_of"]),
                     "command": [*command, FORCE] if force else command})
    return jobs


def option_value(command: Sequence[str], option: str) -> str:
    """Return the value after ``option`` in an argument list; ConfigError if it is absent."""
    for flag, value in zip(command, command[1:], strict=False):
        if flag == option:
            return value
    raise ConfigError(f"{option} not found in the job command {list(command)}")


def parse_argv(jobs: Sequence[Mapping[str, Any]]) -> list[str] | None:
    """Return the ``parse`` command for the snapshots these jobs read, or None if no job.

    Parsing once up front spares every job of a snapshot from parsing it again. Folders and
    interpreter come from the jobs' own commands, so the tables land where the jobs read them.
    """
    if not jobs:
        return None
    command = jobs[0]["command"]
    data_dir = Path(option_value(command, "--data-dir"))
    reports = sorted({str(data_dir / job["as_of"] / "report.txt") for job in jobs})
    return [command[0], "-m", "seoul_budget", "parse",
            "--out", option_value(command, "--processed-dir"), *reports]


def capture(argv: Sequence[str], cwd: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` (no shell) in ``cwd``; return its exit status, stdout and stderr."""
    return subprocess.run(list(argv), cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                          text=True, encoding="utf-8", errors="replace", check=False)


def run_logged(argv: Sequence[str], cwd: str | Path) -> int:
    """Run ``argv`` (no shell) in ``cwd``, copying its output to stdout line by line (the
    task log); return its exit status (negative: killed by that signal)."""
    print("$ " + shlex.join(argv), flush=True)
    with subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, encoding="utf-8",
                          errors="replace") as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line.rstrip("\n"), flush=True)
        return process.wait()


def is_input_failure(status: int) -> bool:
    """True for an exit status about the inputs (1, 2, 3): a retry would fail the same way."""
    return status in INPUT_STATUSES


def describe_status(status: int) -> str:
    """Return what an exit status of ``seoul-budget build`` means, for a log line."""
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        return f"was killed by {name}"
    meaning = INPUT_STATUSES.get(status)
    return f"exited {status}" + (f": {meaning}" if meaning else "")


def failed_jobs(jobs: Sequence[Mapping[str, Any]], returned: Iterable[Any] | None) -> list[str]:
    """Return the ids of the jobs whose task returned no id: failed, upstream failed or not run.

    ``returned`` is what ``xcom_pull`` gives for the mapped task: None, or an iterable of the
    ids that came back (None for a missing one). Only iterated: the lazy sequence of Airflow 2
    has a broken truth value.
    """
    succeeded = set() if returned is None else {value for value in returned if value is not None}
    return [str(job["id"]) for job in jobs if job["id"] not in succeeded]


def failure_message(failed_jobs: Sequence[str], build_status: int) -> str | None:
    """Return why the run fails — the jobs that did not succeed and a non-zero status of the
    closing build — or None when nothing failed."""
    parts = []
    if failed_jobs:
        parts.append(f"{len(failed_jobs)} job(s) did not succeed: {', '.join(failed_jobs)}")
    if build_status != 0:
        parts.append(f"the closing build {describe_status(build_status)}")
    return "; ".join(parts) or None

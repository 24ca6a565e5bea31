"""The Airflow recipe in deploy/airflow, without Airflow (``make test-airflow`` runs it on one).

The DAG file's commands and checks live in ``seoul_budget_jobs.py``, plain Python: here they
run against the real ``--list-jobs`` output and the real ``build``, in folders whose names have
spaces, the way the DAG's tasks run them. The docs carry the DAG file verbatim; a test keeps
the copy equal (``.venv/bin/python tests/acceptance/test_airflow_dag.py`` rewrites them).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shlex
import shutil
import signal
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "airflow"
DAG_FILE = DEPLOY / "seoul_budget_reports.py"
JOBS_FILE = DEPLOY / "seoul_budget_jobs.py"
DOCS = ROOT / "docs" / "scheduling.md"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
REPORT = ROOT / "data" / "raw" / "2023-05-31" / "report.txt"
DAY = "2023-05-31"
INCLUDE = re.compile(r"<!-- BEGIN (?P<path>\S+) .*?-->\n```python\n(?P<body>.*?)```\n"
                     r"<!-- END (?P=path) -->", re.DOTALL)


def load_jobs_module() -> ModuleType:
    """Import ``seoul_budget_jobs`` from deploy/airflow (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("seoul_budget_jobs", JOBS_FILE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


sbj = load_jobs_module()


def imported_modules(path: Path) -> set[str]:
    """Return the top-level names of every module a file imports, wherever the import is."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def included_files(text: str) -> dict[str, str]:
    """Return {path: code} of the files the docs include between BEGIN/END markers."""
    return {match["path"]: match["body"] for match in INCLUDE.finditer(text)}


def sync_docs() -> None:
    """Rewrite the included copies in docs/scheduling.md from the files."""
    def block(match: re.Match[str]) -> str:
        start, end = match.span("body")
        code = (ROOT / match["path"]).read_text("utf-8")
        return match.string[match.start():start] + code + match.string[end:match.end()]
    DOCS.write_text(INCLUDE.sub(block, DOCS.read_text("utf-8")), encoding="utf-8")


def test_dag_files_import_only_airflow_pendulum_and_the_standard_library():
    # The scheduler imports the DAG without the project installed: nothing of seoul_budget.
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    assert imported_modules(JOBS_FILE) - allowed == set()
    assert imported_modules(DAG_FILE) - allowed == {"airflow", "pendulum", "seoul_budget_jobs"}


def test_dag_prefers_airflow_3_imports_and_falls_back_only_on_import_error():
    tree = ast.parse(DAG_FILE.read_text("utf-8"))
    tries = [node for node in tree.body if isinstance(node, ast.Try)]
    first = [ast.unparse(stmt) for t in tries for stmt in t.body]
    fallback = [ast.unparse(stmt) for t in tries for handler in t.handlers
                for stmt in handler.body]
    assert "from airflow.sdk import dag, get_current_context, task" in first
    assert "from airflow.sdk.exceptions import AirflowFailException" in first
    assert "from airflow.decorators import dag, task" in fallback
    assert all(ast.unparse(h.type) == "ImportError" for t in tries for h in t.handlers)
    top_level = [ast.unparse(node) for node in tree.body
                 if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not [line for line in top_level if "airflow" in line]


def test_docs_include_the_dag_files_verbatim():
    included = included_files(DOCS.read_text("utf-8"))
    assert set(included) == {"deploy/airflow/seoul_budget_reports.py"}
    for rel, code in included.items():
        assert code == (ROOT / rel).read_text("utf-8"), (
            f"docs/scheduling.md's copy of {rel} differs from the file: "
            "run `.venv/bin/python tests/acceptance/test_airflow_dag.py`")


def test_included_files_finds_a_stale_copy():
    text = ("<!-- BEGIN a.py (kept equal) -->\n```python\nx = 1\n```\n<!-- END a.py -->\n"
            "<!-- BEGIN b.py -->\n```python\ny = 2\n```\n<!-- END c.py -->\n")
    assert included_files(text) == {"a.py": "x = 1\n"}  # b.py's markers do not pair up


@pytest.fixture
def project(tmp_path: Path) -> dict[str, Path]:
    """A project with spaces in every folder name: data, two fixture notebooks, outputs."""
    base = tmp_path / "my project"
    folders = {name: base / name for name in ("raw data", "note books", "re ports", "pro cessed")}
    (folders["raw data"] / DAY).mkdir(parents=True)
    shutil.copy(REPORT, folders["raw data"] / DAY / "report.txt")
    shutil.copy(REPORT.parent.parent / "aliases.csv", folders["raw data"] / "aliases.csv")
    folders["note books"].mkdir()
    shutil.copy(FIXTURES / "parameters_echo.ipynb", folders["note books"] / "10_echo.ipynb")
    shutil.copy(FIXTURES / "fails.ipynb", folders["note books"] / "20_fails.ipynb")
    return folders


def environ(folders: dict[str, Path], *extra: str) -> dict[str, str]:
    """SEOUL_BUDGET_* as a user would set them (this project, this interpreter)."""
    args = ["--data-dir", str(folders["raw data"]), "--notebooks-dir", str(folders["note books"]),
            "--reports-dir", str(folders["re ports"]),
            "--processed-dir", str(folders["pro cessed"]), *extra]
    return {"SEOUL_BUDGET_PROJECT": str(ROOT), "SEOUL_BUDGET_PYTHON": sys.executable,
            "SEOUL_BUDGET_BUILD_ARGS": shlex.join(args)}


def test_the_dag_commands_run_without_a_shell_in_folders_with_spaces(project, capsys):
    # What the tasks do, in order: list_jobs, parse, run_job per job, index.
    settings = sbj.settings_from_env(environ(project))
    listed = sbj.capture(sbj.list_jobs_argv(settings), settings.project)
    assert listed.returncode == 0, listed.stderr
    jobs = sbj.pending_jobs(json.loads(listed.stdout))
    assert [job["id"] for job in jobs] == [f"{DAY}.10_echo", f"{DAY}.20_fails"]
    for job in jobs:
        assert job["command"][0] == sys.executable  # absolute: a worker's PATH has no venv
        assert str(project["re ports"]) in job["command"]  # one argument, space and all
    assert sbj.run_logged(sbj.parse_argv(jobs), settings.project) == 0
    assert (project["pro cessed"] / DAY).is_dir()
    statuses = {job["id"]: sbj.run_logged(job["command"], settings.project) for job in jobs}
    assert statuses == {f"{DAY}.10_echo": 0, f"{DAY}.20_fails": 1}
    assert (project["re ports"] / DAY / "10_echo.html").is_file()
    assert (project["re ports"] / DAY / "20_fails.failed.html").is_file()
    assert sbj.is_input_failure(statuses[f"{DAY}.20_fails"])  # failed at once, no retry
    index_status = sbj.run_logged(sbj.index_argv(settings), settings.project)
    assert index_status == 1  # the closing build retries the failed job, which fails again
    assert (project["re ports"] / "index.html").is_file()
    failed = sbj.failed_jobs(jobs, [f"{DAY}.10_echo"])  # what run_job returned
    message = sbj.failure_message(failed, index_status)
    assert message == (f"1 job(s) did not succeed: {DAY}.20_fails; the closing build "
                       "exited 1: a notebook failed (its .failed.html is beside the last "
                       "good page)")
    out = capsys.readouterr().out
    assert f"[1/1] {DAY}.20_fails FAILED" in out  # the job's output reached the task log
    assert "$ " + shlex.join(jobs[0]["command"]) in out
    listed = sbj.capture(sbj.list_jobs_argv(settings), settings.project)
    assert sbj.pending_jobs(json.loads(listed.stdout)) == [jobs[1]]  # only the failure left


def test_settings_defaults_and_errors(tmp_path):
    venv_python = tmp_path / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.symlink_to(sys.executable)
    settings = sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path)})
    assert settings.python == str(venv_python)
    assert settings.build_args == ("--department", "each")  # unset: one report per department
    empty = sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path),
                                   "SEOUL_BUDGET_BUILD_ARGS": ""})
    assert empty.build_args == ()  # set but empty: the bureau reports only
    with pytest.raises(sbj.ConfigError, match="SEOUL_BUDGET_PROJECT is not set"):
        sbj.settings_from_env({})
    with pytest.raises(sbj.ConfigError, match="is not a folder"):
        sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path / "missing")})
    with pytest.raises(sbj.ConfigError, match="SEOUL_BUDGET_PYTHON"):
        sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path),
                               "SEOUL_BUDGET_PYTHON": str(tmp_path / "nope")})
    for bad in ("--job 2023-05-31.00_overview", "--list-jobs", "--job=x"):
        with pytest.raises(sbj.ConfigError, match="must not contain"):
            sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path),
                                   "SEOUL_BUDGET_BUILD_ARGS": bad})
    with pytest.raises(sbj.ConfigError, match="SEOUL_BUDGET_BUILD_ARGS"):
        sbj.settings_from_env({"SEOUL_BUDGET_PROJECT": str(tmp_path),
                               "SEOUL_BUDGET_BUILD_ARGS": "--reports-dir 'unbalanced"})


def record(job_id: str, up_to_date: bool, command: list[str] | None = None) -> dict:
    return {"id": job_id, "as_of": job_id.split(".")[0], "up_to_date": up_to_date,
            "command": command or ["/srv/py", "-m", "seoul_budget", "build", "--data-dir",
                                   "/d a/raw", "--processed-dir", "/p q", "--job", job_id]}


def test_pending_jobs_force_and_parse_commands():
    listing = [record("2023-05-31.a", True), record("2023-05-31.b", False),
               record("2023-06-30.a", False)]
    assert [job["id"] for job in sbj.pending_jobs(listing)] == ["2023-05-31.b", "2023-06-30.a"]
    forced = sbj.pending_jobs(listing, force=True)
    assert len(forced) == 3 and all(job["command"][-1] == "--force" for job in forced)
    assert sbj.parse_argv(sbj.pending_jobs(listing)) == [
        "/srv/py", "-m", "seoul_budget", "parse", "--out", "/p q",
        "/d a/raw/2023-05-31/report.txt", "/d a/raw/2023-06-30/report.txt"]
    assert sbj.parse_argv([]) is None
    with pytest.raises(sbj.ConfigError, match="not an absolute path"):
        sbj.pending_jobs([record("2023-05-31.a", False, ["seoul-budget", "build"])])
    settings = sbj.Settings(Path("/srv"), "/srv/py", ("--force", "--department", "each"))
    assert settings.force
    assert sbj.index_argv(settings) == ["/srv/py", "-m", "seoul_budget", "build",
                                        "--department", "each"]  # the jobs did the forcing
    assert sbj.list_jobs_argv(settings)[-4:] == ["--list-jobs", "--force", "--department", "each"]


def test_run_logged_returns_the_status_and_copies_the_output(tmp_path, capsys):
    code = "import sys; print('first line'); print('second line'); sys.exit(3)"
    assert sbj.run_logged([sys.executable, "-c", code], tmp_path) == 3
    assert capsys.readouterr().out.splitlines()[1:] == ["first line", "second line"]
    killed = sbj.run_logged([sys.executable, "-c", "import os; os.kill(os.getpid(), 9)"],
                            tmp_path)
    assert killed == -signal.SIGKILL
    assert sbj.describe_status(killed) == "was killed by SIGKILL"
    assert not sbj.is_input_failure(killed)  # a lost process is worth a retry


@pytest.mark.parametrize(("status", "retry"), [(1, False), (2, False), (3, False), (127, True),
                                               (-9, True)])
def test_only_input_failures_skip_the_retry(status, retry):
    assert sbj.is_input_failure(status) is not retry


class LazySequence:
    """Like Airflow 2's LazyXComSelectSequence: iterable, with a broken truth value."""

    def __init__(self, values: list) -> None:
        self.values = values

    def __iter__(self):
        return iter(self.values)

    def __bool__(self):
        raise TypeError("__bool__ should return bool, returned NoneType")


def test_failed_jobs_counts_every_job_without_a_returned_id():
    jobs = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    assert sbj.failed_jobs(jobs, None) == ["a", "b", "c"]  # nothing came back
    assert sbj.failed_jobs(jobs, [None]) == ["a", "b", "c"]  # Airflow 3, no value
    assert sbj.failed_jobs(jobs, LazySequence(["c", "a"])) == ["b"]  # Airflow 2
    assert sbj.failed_jobs([], LazySequence([])) == []
    assert sbj.failure_message([], 0) is None
    assert sbj.failure_message([], 2) == ("the closing build exited 2: bad input or "
                                          "parameters")
    assert sbj.failure_message(["b", "c"], 0) == "2 job(s) did not succeed: b, c"


if __name__ == "__main__":
    sync_docs()
    print(f"updated the included files in {DOCS.relative_to(ROOT)}")

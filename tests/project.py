"""A throwaway project for build tests: the bundled snapshot and its ledger, fixture notebooks,
and empty processed and reports folders; ``Project.build`` runs the command in-process."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bundled import DAY, LEDGER, REPORT, with_aliases

from seoul_budget.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "notebooks"


@dataclass
class Project:
    """A throwaway project: data, notebooks, processed and reports folders."""

    root: Path
    data: Path
    notebooks: Path
    processed: Path
    reports: Path
    # One kernel unless a test is about parallel kernels (None: the build's default, one per
    # core): a test's second kernel costs a start-up and buys nothing but another process on
    # the two cores the test workers already share. A later --jobs in ``build`` wins.
    jobs: int | None = 1

    def args(self, reports: Path | None = None) -> list[str]:
        return ["build", "--data-dir", str(self.data), "--notebooks-dir", str(self.notebooks),
                "--processed-dir", str(self.processed),
                "--reports-dir", str(reports or self.reports),
                *(["--jobs", str(self.jobs)] if self.jobs else [])]

    def build(self, *extra: str, reports: Path | None = None) -> tuple[int, str, str]:
        """Run the command in-process; return (exit status, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*self.args(reports), *extra])
        return status, out.getvalue(), err.getvalue()

    def page(self, rel: str) -> str:
        return (self.reports / rel).read_text(encoding="utf-8")

    def manifest(self) -> dict:
        return json.loads((self.reports / "manifest.json").read_text(encoding="utf-8"))["outputs"]

    def use(self, target: str, fixture: str) -> None:
        shutil.copy(FIXTURES / f"{fixture}.ipynb", self.notebooks / f"{target}.ipynb")


def make_project(root: Path, notebooks: dict[str, str]) -> Project:
    """A project with the bundled snapshot and its errata ledger (no error remains)."""
    data = root / "data"
    (data / DAY).mkdir(parents=True)
    shutil.copy(REPORT, data / DAY / "report.txt")
    shutil.copy(LEDGER, data / "errata.csv")
    with_aliases(data)
    project = Project(root, data, root / "notebooks", root / "processed", root / "reports")
    project.notebooks.mkdir()
    for target, fixture in notebooks.items():
        project.use(target, fixture)
    return project


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_notebooks(tmp_path: Path, names: dict[str, str]) -> Path:
    """Return ``tmp_path / "notebooks"`` holding fixture notebooks as {target stem: fixture}."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for target, fixture in names.items():
        shutil.copy(FIXTURES / f"{fixture}.ipynb", folder / f"{target}.ipynb")
    return folder


def bundled_snapshots(tmp_path: Path, days: list[str]) -> dict[date, Path]:
    """Return {day: report path} of copies of the bundled report under ``tmp_path / "data"``."""
    found = {}
    for day in days:
        path = tmp_path / "data" / day / "report.txt"
        path.parent.mkdir(parents=True)
        shutil.copy(REPORT, path)
        found[date.fromisoformat(day)] = path
    return found

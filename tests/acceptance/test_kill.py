"""A build killed with SIGKILL at a random moment loses nothing, and the next build completes.

A real ``seoul-budget build`` runs in a subprocess and is killed at random moments (the seed
is printed on failure, and ``SEOUL_BUDGET_KILL_SEED`` replays it). After each kill: every
output of the previous build is still there and readable, the HTML pages are byte for byte
the good ones (a rebuild of the same inputs gives the same bytes, and a half-written page
never replaces one), the manifest parses and every file it lists exists with the hash it
records, no process of the killed build is left running, and the next build completes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from bundled import LEDGER, with_aliases
from bundled import REPORT as BUNDLED_REPORT

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks"
REPORT = BUNDLED_REPORT
CLI = Path(sys.executable).parent / "seoul-budget"
KILLS = 3

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not Path("/proc").is_dir(),
                                reason="needs POSIX signals and /proc (Linux)")


def _setup(root: Path) -> list[str]:
    data = root / "data" / "2023-05-31"
    data.mkdir(parents=True)
    shutil.copy(REPORT, data / "report.txt")
    shutil.copy(LEDGER, root / "data" / "errata.csv")  # no reconciliation error remains
    with_aliases(root / "data")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(FIXTURES / "staffing_summary.ipynb", notebooks / "10_staffing.ipynb")
    shutil.copy(FIXTURES / "parameters_echo.ipynb", notebooks / "20_params.ipynb")
    return [str(CLI), "build", "--data-dir", str(root / "data"), "--notebooks-dir",
            str(notebooks), "--processed-dir", str(root / "processed"), "--reports-dir",
            str(root / "reports"), "--department", "each", "--jobs", "2"]


def _start(command: list[str], token: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "SEOUL_BUDGET_TEST_TOKEN": token}
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)  # noqa: S603


def _wait_for(log: Path, text: str, timeout: float) -> None:
    """Wait until ``text`` appears in the build's log (the first job started)."""
    deadline = time.monotonic() + timeout
    while text not in log.read_text(encoding="utf-8", errors="replace"):
        assert time.monotonic() < deadline, f"no {text!r} in {log} after {timeout:.0f} s"
        time.sleep(0.05)


def _processes_with(token: str) -> list[int]:
    """Return the pids of live processes whose environment carries ``token``."""
    found = []
    needle = f"SEOUL_BUDGET_TEST_TOKEN={token}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes():
                status = (entry / "status").read_text()
                if "State:\tZ" not in status:
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def _outputs(reports: Path) -> dict[str, bytes]:
    """Return {path: bytes} of the executed notebooks and pages (not the index, nor the
    report as a page: written after the jobs, each time whole)."""
    return {p.relative_to(reports).as_posix(): p.read_bytes()
            for p in sorted(reports.glob("*/**/*")) if p.is_file()
            and p.suffix in {".html", ".ipynb"} and not p.name.startswith(".")
            and p.name != "source.html"}


def _check_consistent(reports: Path, good: dict[str, bytes], why: str) -> None:
    now = _outputs(reports)
    assert set(good) <= set(now), f"{why}: outputs disappeared: {set(good) - set(now)}"
    for rel, data in good.items():
        if rel.endswith(".html"):
            assert now[rel] == data, f"{why}: {rel} is not the good page"
        else:
            nbformat.validate(nbformat.reads(now[rel].decode("utf-8"), as_version=4))
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index.rstrip().endswith("</html>"), f"{why}: index.html is cut short"
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    for job_id, entry in manifest.items():
        for kind, rel in (entry.get("outputs") or {}).items():
            path = reports / rel
            assert path.is_file(), f"{why}: {job_id} lists missing {rel}"
            if kind == "html":
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                assert digest == entry["output_sha256"][kind], f"{why}: {rel} hash"


def test_sigkill_during_a_build_loses_nothing_and_the_next_build_completes(tmp_path):
    seed = int(os.environ.get("SEOUL_BUDGET_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    command = _setup(tmp_path)
    reports = tmp_path / "reports"
    started = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    full = time.monotonic() - started
    assert first.returncode == 0, first.stdout + first.stderr
    assert "built 18, failed 0" in first.stdout
    good = _outputs(reports)
    assert len(good) == 36
    run_time = float(re.search(r"time went: .*run ([\d.]+)s", first.stdout).group(1))
    for kill in range(KILLS):
        why = f"kill {kill + 1} (seed {seed})"
        token = uuid.uuid4().hex
        log = tmp_path / f"kill{kill}.log"
        process = _start([*command, "--force"], token, log)
        if kill == 0:  # anywhere, start-up included
            time.sleep(rng.uniform(0.2, 0.5 * full))
        else:  # while notebooks run and outputs are being written
            _wait_for(log, "] start ", timeout=full * 3)
            time.sleep(rng.uniform(0.0, 0.5 * run_time))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        why += " — log: " + log.read_text(encoding="utf-8", errors="replace")[-600:]
        assert process.returncode == -signal.SIGKILL, f"{why}: the build ended before the kill"
        _check_consistent(reports, good, why)
        deadline = time.monotonic() + 15
        while _processes_with(token) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _processes_with(token), f"{why}: processes of the killed build live on"
    done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    assert done.returncode == 0, done.stdout + done.stderr
    _check_consistent(reports, good, f"after the kills (seed {seed})")
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert len(manifest) == 18 and all(e["status"] == "ok" for e in manifest.values())
    for entry in manifest.values():  # the next build left every entry matching its files
        for kind, rel in entry["outputs"].items():
            digest = hashlib.sha256((reports / rel).read_bytes()).hexdigest()
            assert digest == entry["output_sha256"][kind]
    again = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    assert "built 0, failed 0, up to date 18" in again.stdout

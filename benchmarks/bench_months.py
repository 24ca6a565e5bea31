"""Monthly operation: what adding a month costs once many months are built.

Snapshots are made by ``tests/variants.py`` from the bundled report (imported by path): the
bundled 2023-05-31, then later snapshots every eight days from 2023-06-08, each grown from
the one before (execution only rises), with the 2022 settlement's slip printed right so every
snapshot reconciles without a ledger row (the ledger never changes, as in a month where only
a new report lands). Seven notebooks per snapshot (``notebooks/00``-``06``).

It measures, with ``seoul-budget build --jobs N`` into fresh folders:
(a) a one-snapshot build (parse + 7 notebooks);
(b) 12 snapshots built, then the 13th added: the time of that build and its ratio to (a)
    (goal: at most 1.3), and that it built exactly the new snapshot's 7 pages. (a) and (b)
    are repeated ``--repeat`` times, interleaved (a, b, a, b …; each (b) from a copy of the
    same 12 built snapshots), and their medians compared, so a busy moment of a shared
    machine does not fall on one side only;
(c) ``--force`` builds of 6, 12 and 24 snapshots: time per notebook run, and the trends
    notebook's own time (from the manifest) against the others';
(d) the no-op rebuild of 24 snapshots (whole process).

Usage: .venv/bin/python benchmarks/bench_months.py [--sizes 6,12,24] [--jobs N] [--repeat 3]
       [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
BUNDLED = ROOT / "tests" / "fixtures" / "data" / "raw"


def variants_module():
    """Return ``tests/variants.py`` imported by path (benchmarks are not a package)."""
    spec = importlib.util.spec_from_file_location("variants", TESTS / "variants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["variants"] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def snapshot_texts(count: int) -> list[tuple[date, str]]:
    """Return ``count`` (date, text) snapshots: the bundled one, then one every 8 days."""
    v = variants_module()
    text = (BUNDLED / "2023-05-31" / "report.txt").read_text(encoding="utf-8")
    out = [(date(2023, 5, 31), text)]
    day = date(2023, 6, 8)
    while len(out) < count:
        text = v.reprint_settlement_slip(v.later_month(text, day, seed=len(out)))
        out.append((day, text))
        day += timedelta(days=8)
    return out


def write_snapshots(data: Path, snapshots: list[tuple[date, str]]) -> None:
    """Write snapshots (and the bundled ledger) into a data folder."""
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLED / "errata.csv", data / "errata.csv")
    for day, text in snapshots:
        folder = data / day.isoformat()
        folder.mkdir(exist_ok=True)
        (folder / "report.txt").write_text(text, encoding="utf-8")


def frozen_env(work: Path) -> dict[str, str]:
    """Return an environment importing a copy of the package taken now (an edit in the working
    tree during the run would otherwise rebuild everything)."""
    shutil.copytree(ROOT / "seoul_budget", work / "src" / "seoul_budget",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(work / "src"), "SEOUL_BUDGET_ROOT": str(ROOT),
            "TERM": "dumb"}


def build(work: Path, name: str, env: dict[str, str], jobs: int,
          *extra: str) -> tuple[float, str]:
    """Run a build of ``work/<name>-data`` into ``work/<name>-*``; return (seconds, stdout)."""
    args = [sys.executable, "-m", "seoul_budget", "build", "--data-dir", str(work / f"{name}-data"),
            "--reports-dir", str(work / f"{name}-reports"),
            "--processed-dir", str(work / f"{name}-processed"),
            "--notebooks-dir", str(ROOT / "notebooks"), "--jobs", str(jobs), *extra]
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env,  # noqa: S603
                          cwd=tempfile.gettempdir(), check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"build exited {done.returncode}:\n{done.stderr[-3000:]}")
    return seconds, done.stdout


def durations(work: Path, name: str) -> tuple[float, float]:
    """Return the mean job duration (s) of the trends notebook and of the others."""
    entries = json.loads((work / f"{name}-reports" / "manifest.json").read_text())["outputs"]
    trends = [e["duration_s"] for e in entries.values() if e["notebook"] == "06_trends"]
    others = [e["duration_s"] for e in entries.values() if e["notebook"] != "06_trends"]
    return statistics.mean(trends), statistics.mean(others)


def main() -> int:
    """Run the benchmark and print its figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="6,12,24")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", default=None, help="keep the work folder here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-months-"))
    env = frozen_env(work)
    snapshots = snapshot_texts(max([13, *sizes]))
    notebooks = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    try:
        # Build 12 snapshots once and keep a copy; each trial restores it to the same folders
        # (the parameters, and so the fingerprints, name the folders).
        write_snapshots(work / "add-data", snapshots[:12])
        twelve, _ = build(work, "add", env, args.jobs)
        print(f"12 snapshots built in {twelve:.1f} s", flush=True)
        for suffix in ("data", "processed", "reports"):
            shutil.copytree(work / f"add-{suffix}", work / f"twelve-{suffix}",
                            copy_function=shutil.copy2)
        ones, adds = [], []
        for trial in range(args.repeat):
            for kind in ("one", "add"):
                for suffix in ("data", "processed", "reports"):
                    shutil.rmtree(work / f"{kind}-{suffix}", ignore_errors=True)
            write_snapshots(work / "one-data", snapshots[:1])
            ones.append(build(work, "one", env, args.jobs)[0])
            for suffix in ("data", "processed", "reports"):
                shutil.copytree(work / f"twelve-{suffix}", work / f"add-{suffix}",
                                copy_function=shutil.copy2)
            write_snapshots(work / "add-data", snapshots[12:13])
            seconds, out = build(work, "add", env, args.jobs)
            adds.append(seconds)
            print(f"trial {trial + 1}: (a) one snapshot {ones[-1]:.1f} s; (b) the 13th added "
                  f"{seconds:.1f} s [{out.strip().splitlines()[-1].split(' ', 1)[1]}]",
                  flush=True)
        one, added = statistics.median(ones), statistics.median(adds)
        print(f"(a) one snapshot, {notebooks} notebooks: median {one:.1f} s")
        print(f"(b) adding the 13th to 12 built: median {added:.1f} s = {added / one:.2f} x (a)",
              flush=True)
        rows = []
        for size in sizes:
            name = f"force-{size}"
            write_snapshots(work / f"{name}-data", snapshots[:size])
            seconds, out = build(work, name, env, args.jobs, "--force")
            trends, others = durations(work, name)
            runs = size * notebooks
            rows.append((size, runs, seconds, seconds / runs, trends, others))
            print(f"(c) {size:2d} snapshots, {runs:3d} notebook runs: {seconds:6.1f} s, "
                  f"{seconds / runs:.2f} s per notebook; job time: trends {trends:.2f} s, "
                  f"others {others:.2f} s", flush=True)
            if size == max(sizes):
                noop, _ = build(work, name, env, args.jobs)
                print(f"(d) no-op rebuild of {size} snapshots: {noop:.2f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("| snapshots | notebook runs | total (s) | per notebook (s) | trends job (s) | "
          "other jobs (s) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, runs, seconds, per, trends, others in rows:
        print(f"| {size} | {runs} | {seconds:.1f} | {per:.2f} | {trends:.2f} | {others:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

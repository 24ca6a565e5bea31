"""How the build scales with the number of snapshots: 24 synthetic months × the notebooks.

The synthetic snapshots are the bundled report with other 기준 dates (twice a month through
2023) and other execution figures: in 세출 총괄 and 세출예산 집행현황 every 집행액/원인행위액
and 지출액 is scaled by one factor per snapshot and the printed rates recomputed, so totals
still add up and every snapshot parses. Nothing else changes.

For N = 1, 6, 12, 24 snapshots it runs ``seoul-budget build --force`` into a fresh reports
folder and prints the total time, the time per notebook run, and the peak memory of the build
(its process and all its kernels, sampled from /proc). Time per notebook should stay flat.

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 1,6,12,24] [--jobs N]
       [--notebooks-dir notebooks] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "raw" / "2023-05-31" / "report.txt"
CLI = Path(sys.executable).parent / "seoul-budget"
AS_OF = re.compile(r"(?P<open>['’]?)(?P<y>\d{4}|\d{2})\.(?P<s1>\s*)(?P<m>\d{1,2})\.(?P<s2>\s*)"
                   r"(?P<d>\d{1,2})\.(?P<s3>\s*)기준")
NUMBER = re.compile(r"^△?[\d,]+$")
RATE = re.compile(r"^(△?)(\d+)(?:\.(\d+))?%$")


def synthetic_dates(count: int) -> list[date]:
    """Return ``count`` as-of dates: the 15th and the last day of each month of 2023, …"""
    days: list[date] = []
    month = 0
    while len(days) < count:
        year, index = 2023 + month // 12, month % 12 + 1
        first_next = date(year + index // 12, index % 12 + 1, 1)
        days += [date(year, index, 15), first_next - timedelta(days=1)]
        month += 1
    return days[:count]


def _number(cell: str) -> int:
    value = int(cell.replace("△", "").replace(",", ""))
    return -value if cell.startswith("△") else value


def _format_number(value: int) -> str:
    return ("△" if value < 0 else "") + f"{abs(value):,}"


def _format_rate(value: float, like: str) -> str:
    match = RATE.match(like)
    decimals = len(match.group(3) or "") if match else 1
    return ("△" if value < 0 else "") + f"{abs(value):.{decimals}f}%"


def _scaled_row(cells: list[str], factor: float, amounts: list[int], rates: list[tuple[int, int]],
                budget_at: int) -> list[str]:
    """Return the row with the cells at ``amounts`` scaled and the rates at ``rates``
    (rate index, amount index) recomputed against the budget at ``budget_at``."""
    out = list(cells)
    budget = _number(cells[budget_at])
    for at in amounts:
        out[at] = _format_number(round(_number(cells[at]) * factor))
    for at, amount_at in rates:
        share = 100 * _number(out[amount_at]) / budget if budget else 0.0
        out[at] = _format_rate(share, cells[at])
    return out


def synthesize(text: str, as_of: date, factor: float) -> str:
    """Return the report re-dated to ``as_of`` with execution figures scaled by ``factor``."""
    def redate(match: re.Match[str]) -> str:
        year = str(as_of.year) if len(match["y"]) == 4 else f"{as_of.year % 100:02d}"
        return (f"{match['open']}{year}.{match['s1']}{as_of.month}.{match['s2']}{as_of.day}."
                f"{match['s3']}기준")

    lines = AS_OF.sub(redate, text).split("\n")
    section = None
    for number, line in enumerate(lines):
        if line.startswith("● 세출 총괄"):
            section = "summary"
        elif line.startswith("□ 세출예산 집행현황"):
            section = "detail"
        elif line.startswith(("II.", "V.", "□ 세입", "● 세입")):
            section = None
        cells = line.split("\t")
        if section is None or len(cells) < 6:
            continue
        numbers = [NUMBER.match(c.strip()) is not None for c in cells]
        if section == "summary" and numbers[-2] and RATE.match(cells[-1].strip()):
            # 구분, 2023 예산현액, 2022 최종예산, 증감액, 증감률, 집행액, 집행률
            lines[number] = "\t".join(_scaled_row(cells, factor, [-2], [(-1, -2)], -6))
        elif section == "detail" and all(numbers[-5:-2]) and RATE.match(cells[-1].strip()):
            # …, 예산현액, 원인행위액, 지출액, 원인행위율, 지출률
            lines[number] = "\t".join(_scaled_row(cells, factor, [-4, -3],
                                                  [(-2, -4), (-1, -3)], -5))
    return "\n".join(lines)


def write_snapshots(data_dir: Path, count: int) -> list[date]:
    """Write ``count`` synthetic snapshots under ``data_dir``; return their dates."""
    text = REPORT.read_text(encoding="utf-8")
    days = synthetic_dates(count)
    for index, day in enumerate(days):
        factor = 0.2 + 0.8 * (index + 1) / len(days)  # execution grows through the year
        folder = data_dir / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.txt").write_text(synthesize(text, day, factor), encoding="utf-8")
    return days


def _tree_rss_kib(root: int) -> int:
    """Return the summed resident memory (KiB) of a process and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        ppid = re.search(r"^PPid:\s+(\d+)", status, re.MULTILINE)
        vm = re.search(r"^VmRSS:\s+(\d+)", status, re.MULTILINE)
        parents[pid] = int(ppid.group(1)) if ppid else 0
        rss[pid] = int(vm.group(1)) if vm else 0
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def frozen_env(work: Path) -> dict[str, str]:
    """Return an environment importing a copy of the package taken now (edits made in the
    working tree during the run would otherwise make the no-op rebuild a full one)."""
    shutil.copytree(ROOT / "seoul_budget", work / "src" / "seoul_budget",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(work / "src"), "SEOUL_BUDGET_ROOT": str(ROOT)}


def run_build(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a build; return (seconds, peak memory of its process tree in MiB, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen([str(CLI), "build", *args], stdout=subprocess.PIPE,  # noqa: S603
                               stderr=subprocess.DEVNULL, text=True, env=env,
                               cwd=tempfile.gettempdir())
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(process.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"build exited {process.returncode}:\n{out[-2000:]}")
    return seconds, peak // 1024, out


def main() -> int:
    """Run the scaling benchmark and print a table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,6,12,24")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--notebooks-dir", default=str(ROOT / "notebooks"))
    parser.add_argument("--keep", default=None, help="keep the work folder here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    notebooks = len(list(Path(args.notebooks_dir).glob("[0-9][0-9]_*.ipynb")))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    env = frozen_env(work)
    try:
        for size in sizes:
            data = work / f"data-{size}"
            write_snapshots(data, size)
            common = ["--data-dir", str(data), "--notebooks-dir", args.notebooks_dir,
                      "--processed-dir", str(work / f"processed-{size}"),
                      "--reports-dir", str(work / f"reports-{size}"), "--jobs", str(args.jobs)]
            seconds, peak, out = run_build([*common, "--force"], env)
            runs = size * notebooks
            phases = re.search(r"time went: (.*)", out)
            rows.append((size, runs, seconds, seconds / runs, peak))
            print(f"{size:3d} snapshots, {runs:4d} notebook runs: {seconds:7.1f} s, "
                  f"{seconds / runs:5.2f} s per notebook, peak {peak} MiB"
                  + (f"  [{phases.group(1)}]" if phases else ""), flush=True)
            noop, _, _ = run_build(common, env)
            print(f"    no-op rebuild of the same: {noop:.2f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("| snapshots | notebook runs | total (s) | per notebook (s) | peak memory (MiB) |")
    print("|---:|---:|---:|---:|---:|")
    for size, runs, seconds, per, peak in rows:
        print(f"| {size} | {runs} | {seconds:.1f} | {per:.2f} | {peak} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Naive notebook route vs ``seoul-budget build``, on the same machine, in one run.

(a) naive: for each notebook, ``papermill nb.ipynb out.ipynb -p as_of … -p data_dir …
    -p department all`` then ``jupyter nbconvert --to html --no-input out.ipynb``, one after
    another (each pays a Python start, the imports and a kernel start);
(b) ``seoul-budget build --force`` into an empty reports folder (warm kernels, HTML rendered
    in-process, the snapshot parsed once);
(c) the same build again with nothing changed (the no-op rebuild).

It then prints where the time goes: for the naive route, the cost of its parts measured on
their own (Python start + imports, kernel start, the notebooks' imports in a fresh kernel) set
against the notebooks' own work; for the build, its phases and per-job times.

Besides wall time it reports CPU time (user + system of every process a command started,
kernels included): on a machine shared with other work, wall time moves with the load while
CPU time moves much less, so the CPU ratio tells two versions apart when wall times cannot.

Usage: .venv/bin/python benchmarks/bench_build.py [--notebooks-dir notebooks]
       [--data-dir data/raw] [--jobs N] [--repeat 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK_IMPORTS = ("import numpy, pandas, matplotlib, matplotlib.pyplot, seaborn, "
                    "koreanize_matplotlib, seoul_budget")


def frozen_env(work: Path) -> dict[str, str]:
    """Return an environment that imports a copy of the package taken now.

    Reports are rebuilt when the package's source changes; the copy keeps edits made in the
    working tree during a long run from turning the no-op rebuild into a full one.
    """
    shutil.copytree(ROOT / "seoul_budget", work / "src" / "seoul_budget",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(work / "src"), "SEOUL_BUDGET_ROOT": str(ROOT),
            "TERM": "dumb"}


def children_cpu() -> float:
    """Return the CPU seconds (user + system) of the finished processes this one started."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: list[float] = []  # CPU seconds of each command timed, in order


def timed(command: list[str], **kwargs: object) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command; return (wall seconds, the completed process) and append its CPU
    seconds (its processes and theirs, kernels included) to ``CPU``. Raises on failure."""
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)  # noqa: S603
    seconds = time.perf_counter() - started
    CPU.append(children_cpu() - cpu)
    if done.returncode not in (0,):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds, done


def notebook_parameters(path: Path) -> list[str]:
    """Return the names the notebook's parameters cell assigns (as the runner reads them)."""
    sys.path.insert(0, str(ROOT))
    from seoul_budget.build.jobs import read_notebook_info

    return list(read_notebook_info(path).parameters)


def newest_snapshot(data_dir: Path) -> str:
    """Return the newest snapshot date in ``data_dir`` (ISO)."""
    return max(p.parent.name for p in data_dir.glob("*/report.txt"))


def naive(notebooks: list[Path], data_dir: Path, processed: Path, out: Path,
          as_of: str, env: dict[str, str]) -> list[dict[str, float]]:
    """Run papermill then nbconvert per notebook, sequentially; return per-notebook times."""
    rows = []
    for nb in notebooks:
        executed = out / nb.name
        params = ["-p", "as_of", as_of, "-p", "data_dir", str(data_dir),
                  "-p", "department", "all"]
        if "processed_dir" in notebook_parameters(nb):
            params += ["-p", "processed_dir", str(processed)]
        pm, _ = timed([str(BIN / "papermill"), "--no-progress-bar", "-k", "python3", str(nb),
                       str(executed), *params], cwd=nb.parent, env=env)
        nc, _ = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                       str(executed)], env=env)
        rows.append({"notebook": nb.stem, "papermill_s": pm, "nbconvert_s": nc,
                     "cpu_s": CPU[-2] + CPU[-1]})
        print(f"  naive {nb.stem}: papermill {pm:.2f}s + nbconvert {nc:.2f}s", flush=True)
    return rows


def kernel_costs(env: dict[str, str]) -> dict[str, float]:
    """Return the parts the naive route repeats, each measured alone (seconds)."""
    code = (
        "import time, json\n"
        "t = time.perf_counter()\n"
        "from jupyter_client.manager import start_new_kernel\n"
        "imp = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        "km, kc = start_new_kernel(kernel_name='python3')\n"
        "start = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        f"kc.execute_interactive({NOTEBOOK_IMPORTS!r}, timeout=120, "
        "output_hook=lambda m: None)\n"
        "imports = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        "kc.stop_channels(); km.shutdown_kernel()\n"
        "stop = time.perf_counter() - t\n"
        "print(json.dumps({'kernel_start_s': start, 'notebook_imports_s': imports, "
        "'kernel_shutdown_s': stop}))\n"
    )
    _, done = timed([sys.executable, "-c", code], env=env)
    costs = json.loads(done.stdout.strip().splitlines()[-1])
    costs["python_start_s"], _ = timed([sys.executable, "-c", "pass"], env=env)
    costs["papermill_cli_start_s"], _ = timed([str(BIN / "papermill"), "--help"], env=env)
    costs["nbconvert_cli_start_s"], _ = timed([str(BIN / "jupyter"), "nbconvert", "--help"],
                                              env=env)
    return costs


def build(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``seoul-budget build`` with ``args``; return (wall seconds, its stdout)."""
    seconds, done = timed([str(BIN / "seoul-budget"), "build", *args], env=env,
                          cwd=tempfile.gettempdir())
    return seconds, done.stdout


def job_times(reports: Path) -> dict[str, float]:
    """Return the per-job time sums (execute, render, …) recorded in the manifest."""
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    sums: dict[str, float] = {}
    for entry in manifest["outputs"].values():
        for key, value in (entry.get("timings") or {}).items():
            sums[key] = sums.get(key, 0.0) + float(value)
    return sums


def main() -> int:
    """Run the benchmark and print the figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks-dir", default=str(ROOT / "notebooks"))
    parser.add_argument("--data-dir", default=str(ROOT / "data" / "raw"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="builds to time (median)")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    notebooks = sorted(Path(args.notebooks_dir).resolve().glob("[0-9][0-9]_*.ipynb"))
    data_dir = Path(args.data_dir).resolve()
    as_of = newest_snapshot(data_dir)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    env = frozen_env(work)
    try:
        processed = work / "processed"
        common = ["--data-dir", str(data_dir), "--processed-dir", str(processed),
                  "--notebooks-dir", str(Path(args.notebooks_dir).resolve()),
                  "--jobs", str(args.jobs)]
        print(f"{len(notebooks)} notebooks, snapshot {as_of}, {os.cpu_count()} cores, "
              f"--jobs {args.jobs}", flush=True)
        # Processed tables exist for both routes (the naive notebooks may read them too).
        build([*common, "--reports-dir", str(work / "warmup")], env)
        naive_out = work / "naive"
        naive_out.mkdir()
        started = time.perf_counter()
        rows = naive(notebooks, data_dir, processed, naive_out, as_of, env)
        naive_s = time.perf_counter() - started

        build_times, build_cpu, outputs = [], [], ""
        for run in range(args.repeat):
            # A cold build: empty reports and processed folders, so it parses the snapshot too.
            cold = [*common[:2], "--processed-dir", str(work / f"processed-{run}"),
                    *common[4:], "--reports-dir", str(work / f"reports-{run}"), "--force"]
            seconds, outputs = build(cold, env)
            build_times.append(seconds)
            build_cpu.append(CPU[-1])
            print(f"  build --force: {seconds:.2f}s, CPU {CPU[-1]:.1f}s", flush=True)
        build_s = statistics.median(build_times)
        build_cpu_s = statistics.median(build_cpu)
        noop_s, noop_out = build([*common[:2], "--processed-dir", str(work / "processed-0"),
                                  *common[4:], "--reports-dir", str(work / "reports-0")], env)
        in_process = re.search(r"up to date \d+ in ([\d.]+)s", noop_out)
        costs = kernel_costs(env)
        jobs = job_times(work / "reports-0")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    count = len(rows)
    naive_cpu = sum(r["cpu_s"] for r in rows)
    papermill = sum(r["papermill_s"] for r in rows)
    nbconvert = sum(r["nbconvert_s"] for r in rows)
    repeated = (costs["papermill_cli_start_s"] + costs["kernel_start_s"]
                + costs["notebook_imports_s"] + costs["kernel_shutdown_s"]
                + costs["nbconvert_cli_start_s"])
    print()
    print(f"(a) naive papermill + nbconvert, sequential: {naive_s:6.2f} s "
          f"({naive_s / count:.2f} s per notebook)")
    print(f"(b) seoul-budget build --force:              {build_s:6.2f} s")
    print(f"    speed-up (a)/(b):                         {naive_s / build_s:6.1f}x")
    print(f"    CPU: (a) {naive_cpu:.1f} s, (b) {build_cpu_s:.1f} s (median), "
          f"(a)/(b) {naive_cpu / build_cpu_s:.1f}x")
    print(f"(c) no-op rebuild (CLI process):             {noop_s:6.2f} s = "
          f"{100 * noop_s / build_s:.1f}% of (b)")
    if in_process:
        seconds = float(in_process.group(1))
        print(f"    of which the build's own work:           {seconds:6.2f} s = "
              f"{100 * seconds / build_s:.1f}% of (b) (the rest: Python start, imports)")
    print()
    print("Where the naive route's time goes (per notebook, each part measured alone):")
    print(f"  papermill CLI: Python start + imports      {costs['papermill_cli_start_s']:.2f} s")
    print(f"  kernel start                               {costs['kernel_start_s']:.2f} s")
    print(f"  notebook imports in the fresh kernel       {costs['notebook_imports_s']:.2f} s")
    print(f"  kernel shutdown                            {costs['kernel_shutdown_s']:.2f} s")
    print(f"  nbconvert CLI: Python start + imports      {costs['nbconvert_cli_start_s']:.2f} s")
    print(f"  = repeated overhead                        {repeated:.2f} s of "
          f"{naive_s / count:.2f} s ({100 * repeated * count / naive_s:.0f}%)")
    print(f"  papermill total {papermill:.2f} s, nbconvert total {nbconvert:.2f} s")
    print(f"  the notebooks' own work (build's execute time, sum): "
          f"{jobs.get('execute_s', 0.0):.2f} s")
    print()
    print("Where the build's time goes:")
    for line in outputs.splitlines():
        line = re.sub(r"^\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d ", "", line)  # log stamp
        if line.startswith(("built", "time went", "job time")):
            print("  " + line)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "notebooks": count, "naive_s": naive_s, "build_s": build_s, "build_runs": build_times,
            "speedup": naive_s / build_s, "naive_cpu_s": naive_cpu, "build_cpu_s": build_cpu,
            "noop_s": noop_s,
            "noop_in_process_s": float(in_process.group(1)) if in_process else None,
            "naive_rows": rows, "costs": costs, "job_times": jobs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

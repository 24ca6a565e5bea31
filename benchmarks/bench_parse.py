"""Parse time and peak memory of loading the bundled report (`make bench`), and what the unit
witness costs a later month.

Usage: python benchmarks/bench_parse.py [REPORT] [--repeat N]
Prints the median and best wall time of ``load_report`` over N runs (parse, pandera
validation, the errata ledger, the unit step), the peak Python memory of one load
(tracemalloc) and the process's peak resident memory; then ``load_report`` of a second month
(made by ``tests/variants.py``) whose month before is read from its processed folder, and the
same with no processed folder, where the month before is parsed too.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import seoul_budget as sb
from seoul_budget.processed import write_processed

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "data" / "raw" / "2023-05-31" / "report.txt"


def timed(call, repeat: int) -> list[float]:
    """Return the wall times of ``repeat`` calls of ``call`` (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float]) -> str:
    return (f"{label} x{len(times)}: median {statistics.median(times) * 1000:.1f} ms, "
            f"best {min(times) * 1000:.1f} ms")


def variants_module():
    """Return ``tests/variants.py`` imported by path (benchmarks are not a package)."""
    if str(ROOT / "tests") not in sys.path:  # variants imports its sibling helpers
        sys.path.insert(0, str(ROOT / "tests"))
    spec = importlib.util.spec_from_file_location("variants", ROOT / "tests" / "variants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["variants"] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def second_month(report: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Return the times of loading a later month with the month before processed, and with
    it parsed (no processed folder; a fresh copy of the data folder for every run, so this
    process remembers no witness)."""
    v = variants_module()
    text = report.read_text(encoding="utf-8")
    june = v.later_month(text, date(2023, 6, 30), seed=1)
    with tempfile.TemporaryDirectory() as folder:
        def data(name: str) -> Path:
            raw = Path(folder) / name
            for day, body in ((date(2023, 5, 31), text), (date(2023, 6, 30), june)):
                (raw / day.isoformat()).mkdir(parents=True)
                (raw / day.isoformat() / "report.txt").write_text(body, encoding="utf-8")
            # the data files beside the snapshots (aliases.csv reads the report's garbled
            # department names)
            for beside in report.parent.parent.glob("*.csv"):
                shutil.copy(beside, raw / beside.name)
            return raw

        raw, processed = data("raw"), Path(folder) / "processed"
        write_processed(sb.load_report(raw / "2023-05-31" / "report.txt"), processed)
        later = raw / "2023-06-30" / "report.txt"
        stamped = timed(lambda: sb.load_report(later, processed_dir=processed), repeat)
        parsed = []
        for run in range(repeat):
            copy = data(f"copy{run}") / "2023-06-30" / "report.txt"
            start = time.perf_counter()
            sb.load_report(copy, processed_dir=Path(folder) / "none")
            parsed.append(time.perf_counter() - start)
            shutil.rmtree(copy.parent.parent)
    return stamped, parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    sb.load_report(args.report)  # warm up: imports, pandera's first validation
    times = timed(lambda: sb.load_report(args.report), args.repeat)

    tracemalloc.start()
    sb.load_report(args.report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    size = Path(args.report).stat().st_size
    print(f"report: {args.report} ({size:,} bytes)")
    print(line("load_report", times))
    print(f"peak Python allocations during one load: {peak / 2**20:.1f} MiB")
    print(f"peak resident memory of this process: {rss_mib:.0f} MiB")
    stamped, parsed = second_month(Path(args.report), max(3, args.repeat // 4))
    print(line("a later month, the month before from its processed folder", stamped))
    print(line("a later month, the month before parsed too", parsed))


if __name__ == "__main__":
    main()

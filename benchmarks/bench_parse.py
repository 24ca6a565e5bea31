"""Parse time and peak memory of loading the bundled report (`make bench`).

Usage: python benchmarks/bench_parse.py [REPORT] [--repeat N]
Prints the median and best wall time of ``load_report`` over N runs, the peak Python memory
of one load (tracemalloc) and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

import seoul_budget as sb

DEFAULT = Path(__file__).resolve().parent.parent / "data" / "raw" / "2023-05-31" / "report.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    sb.load_report(args.report)  # warm up: imports, pandera schema construction
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        sb.load_report(args.report)
        times.append(time.perf_counter() - start)

    tracemalloc.start()
    sb.load_report(args.report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    size = Path(args.report).stat().st_size
    print(f"report: {args.report} ({size:,} bytes)")
    print(f"load_report x{args.repeat}: median {statistics.median(times) * 1000:.1f} ms, "
          f"best {min(times) * 1000:.1f} ms")
    print(f"peak Python allocations during one load: {peak / 2**20:.1f} MiB")
    print(f"peak resident memory of this process: {rss_mib:.0f} MiB")


if __name__ == "__main__":
    main()

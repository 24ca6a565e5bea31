"""Work below the size limits: time and peak memory of reading a report with 1,000, 5,000
and 20,000 program rows (issue 25: 20,000 rows, 764 KB, ran for minutes), each in a fresh
process so one size's memory does not hide another's.

Usage: python benchmarks/bench_inputs.py [--rows 1000 5000 20000] [--build]
For each size: the report's bytes; wall and CPU time of ``load_report`` (parse, validation,
the ledger, units) and of its findings (reconciliation) apart — CPU time is the steadier on a
shared machine — and the process's peak resident memory. With ``--build``: also
``seoul-budget build`` of the expenditure notebook alone (parse and processed tables
written, the notebook run and rendered) — wall time, the peak memory of its largest
process, and the sizes of the page and the executed notebook.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "raw" / "2023-05-31" / "report.txt"
AFTER = "\t엠보팅 서비스 운영\t"  # a program row of 세출예산 집행현황: extra rows follow it


def syllables(number: int) -> str:
    """Return a distinct Hangul name for ``number`` ('가', '각', …), no digit in it."""
    out = ""
    while True:
        out = chr(0xAC00 + number % 11172) + out
        number //= 11172
        if number == 0:
            return out


def with_programs(text: str, rows: int) -> str:
    """Return the report with ``rows`` more programs under the first program's account."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(AFTER))
    extra = [f"\t시험사업 {syllables(i)}\t1,000\t500\t250\t50.0%\t25.0%" for i in range(rows)]
    return "\n".join(lines[: at + 1] + extra + lines[at + 1:])


CHILD = """
import json, resource, sys, time
import seoul_budget as sb
import seoul_budget.report  # imported before the clock starts
start, start_cpu = time.perf_counter(), time.process_time()
report = sb.load_report(sys.argv[1])
loaded, loaded_cpu = time.perf_counter(), time.process_time()
findings = len(report.findings)
done, done_cpu = time.perf_counter(), time.process_time()
print(json.dumps({"load_s": loaded - start, "findings_s": done - loaded,
                  "load_cpu_s": loaded_cpu - start_cpu, "findings_cpu_s": done_cpu - loaded_cpu,
                  "rows": len(report.expenditure), "findings": findings,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
BUILD = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=False, capture_output=True)
print(json.dumps({"build_s": time.perf_counter() - start,
                  "build_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                  / 1024}))
"""


def measure_build(data: Path, folder: Path) -> dict:
    """Return the measures of building the expenditure notebook on the snapshot in ``data``
    (a fresh process; the largest of its processes' peak memory, the kernel's included)."""
    command = [sys.executable, "-m", "seoul_budget", "build", "--data-dir", str(data),
               "--reports-dir", str(folder / "reports"), "--processed-dir",
               str(folder / "processed"), "--job", "2023-05-31.03_expenditure", "--jobs", "1"]
    done = subprocess.run([sys.executable, "-c", BUILD, *command], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    out = folder / "reports" / "2023-05-31" / "03_expenditure"
    return {**json.loads(done.stdout), "page_kb": out.with_suffix(".html").stat().st_size / 1024,
            "notebook_kb": out.with_suffix(".ipynb").stat().st_size / 1024}


def measure(rows: int, folder: Path, build: bool = False) -> dict:
    """Return the measures of one size, read in a fresh process."""
    day = folder / str(rows) / "2023-05-31"
    day.mkdir(parents=True)
    path = day / "report.txt"
    path.write_text(with_programs(REPORT.read_text(encoding="utf-8"), rows), encoding="utf-8")
    for name in ("aliases.csv", "errata.csv"):
        if (REPORT.parent.parent / name).is_file():
            (day.parent / name).write_bytes((REPORT.parent.parent / name).read_bytes())
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, check=True)
    measures = {"extra_rows": rows, "bytes": path.stat().st_size, **json.loads(done.stdout)}
    return {**measures, **(measure_build(day.parent, day.parent.parent) if build else {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--build", action="store_true", help="also build 03_expenditure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            m = measure(rows, Path(tmp), args.build)
            line = (f"{m['extra_rows']:>6} extra rows, {m['bytes'] / 1024:,.0f} KB: load_report "
                    f"{m['load_s']:.1f} s (CPU {m['load_cpu_s']:.1f} s), findings "
                    f"{m['findings_s']:.1f} s (CPU {m['findings_cpu_s']:.1f} s), peak "
                    f"{m['peak_mb']:,.0f} MB, {m['rows']:,} programs, {m['findings']:,} findings")
            if args.build:
                line += (f"; build of 03 {m['build_s']:.1f} s, peak {m['build_peak_mb']:,.0f} "
                         f"MB, page {m['page_kb']:,.0f} KB, notebook {m['notebook_kb']:,.0f} KB")
            print(line, flush=True)


if __name__ == "__main__":
    main()

"""Work below the size limits: time and peak memory of reading a report with 1,000, 5,000
and 20,000 program rows (issue 25: 20,000 rows, 764 KB, ran for minutes), each in a fresh
process so one size's memory does not hide another's.

Usage: python benchmarks/bench_inputs.py [--rows 1000 5000 20000]
For each size: the report's bytes, wall time and peak resident memory of ``load_report``
(parse, validation, the ledger, reconciliation's findings).
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
start = time.perf_counter()
report = sb.load_report(sys.argv[1])
findings = len(report.findings)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rows": len(report.expenditure), "findings": findings,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(rows: int, folder: Path) -> dict:
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
    return {"extra_rows": rows, "bytes": path.stat().st_size, **json.loads(done.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1000, 5000, 20000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            m = measure(rows, Path(tmp))
            print(f"{m['extra_rows']:>6} extra rows, {m['bytes'] / 1024:,.0f} KB: load_report "
                  f"{m['seconds']:.1f} s, peak {m['peak_mb']:,.0f} MB, "
                  f"{m['rows']:,} programs, {m['findings']:,} findings", flush=True)


if __name__ == "__main__":
    main()

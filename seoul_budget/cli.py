"""The ``seoul-budget`` command: parse, check and build.

Bad input is one line naming the file, line and section, and exit status 2; ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from .errors import BuildError, ErrataError, ParameterError, ReportParseError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seoul-budget",
        description="Tables, checks and reports from the Digital Policy Bureau's work report.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="write tidy tables (Parquet, CSV, Excel) "
                                "and a data package")
    parse.add_argument("paths", nargs="*", metavar="PATH",
                       help="report files (default: every snapshot in data/raw)")
    parse.add_argument("--out", default=None, help="output folder (default: data/processed)")
    parse.add_argument("--data-dir", default=None, help="raw snapshots folder (default: data/raw)")
    parse.add_argument("--coverage", action="store_true",
                       help="print, per section, how many printed table numbers landed in "
                       "a table cell (writes nothing)")

    check = commands.add_parser("check", help="reconcile printed totals and rates; exit 1 "
                                "when an error remains")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="report files (default: every snapshot in data/raw)")
    check.add_argument("--data-dir", default=None, help="raw snapshots folder")
    check.add_argument("--no-errata", action="store_true",
                       help="check the figures exactly as printed")
    check.add_argument("--format", choices=("text", "csv", "json"), default="text")

    build = commands.add_parser("build", help="execute the notebooks into HTML reports")
    build.add_argument("--data-dir", default=None, help="raw snapshots folder (default: data/raw)")
    build.add_argument("--reports-dir", default=None, help="output folder (default: reports)")
    build.add_argument("--processed-dir", default=None,
                       help="processed tables folder (default: data/processed)")
    build.add_argument("--notebooks-dir", default=None,
                       help="section notebooks folder (default: notebooks)")
    build.add_argument("--as-of", default="all", help="a snapshot date, or 'all' (default)")
    build.add_argument("--jobs", type=int, default=None, help="parallel notebooks "
                       "(default: number of cores)")
    build.add_argument("--department", default=None,
                       help="a department name, or 'each' for one report per department")
    build.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    build.add_argument("--force", action="store_true", help="rebuild up-to-date outputs")
    build.add_argument("--list-jobs", action="store_true", help="print the job list as JSON")
    build.add_argument("--job", default=None, help="run one job from --list-jobs by its id")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 findings/failures, 2 bad input)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            from .export import run_parse

            return run_parse(args)
        if args.command == "check":
            from .reconciliation import run_check

            return run_check(args)
        from .build import run_build

        return run_build(args)
    except (ReportParseError, ParameterError, ErrataError, BuildError) as exc:
        if args.debug:
            traceback.print_exc()
        print(f"seoul-budget: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("seoul-budget: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

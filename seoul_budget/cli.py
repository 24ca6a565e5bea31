"""The ``seoul-budget`` command: parse, check and build.

Bad input is one line naming the file, line and section, and exit status 2; ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from . import stopping
from .errors import ParameterError, SeoulBudgetError

if TYPE_CHECKING:
    from .report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seoul-budget",
        description="Tables, checks and reports from Seoul bureaus' work reports (업무보고).")
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

    # no abbreviations: '--list' must not pass for --list-jobs past a scheduler's check
    build = commands.add_parser("build", help="execute the notebooks into HTML reports",
                                allow_abbrev=False)
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


def run_parse(args: argparse.Namespace) -> int:
    """``seoul-budget parse``: write each snapshot's processed files, or print coverage."""
    from .atomic import check_output_folder, remove_stale_temp_files
    from .coverage import coverage_report, format_coverage
    from .processed import check_ledgers, exported_tables, write_processed
    from .report import load_report
    from .snapshots import default_processed_dir

    paths = _report_paths(args)
    if args.coverage:
        status = EXIT_OK
        for path in paths:
            result = coverage_report(path)
            print(format_coverage(path, result))
            status |= EXIT_OK if result.complete else EXIT_FINDINGS
        return status
    out = Path(args.out) if args.out else default_processed_dir()
    check_output_folder(out, "output")
    remove_stale_temp_files([out])
    # Parse every snapshot before writing any: a bad one leaves the outputs untouched.
    reports = [load_report(path) for path in paths]
    check_ledgers(reports, out)
    for path, report in zip(paths, reports, strict=True):
        folder = write_processed(report, out)
        print(f"{path}: {len(exported_tables(report))} tables -> {folder}")
    return EXIT_BAD_INPUT if _say_missing_sections(reports) else EXIT_OK


def _report_paths(args: argparse.Namespace) -> list[Path]:
    """Return the report files named on the command line, else every snapshot's in the data
    folder. Raises ParameterError when there is none."""
    from .snapshots import discover_snapshots

    paths = [Path(p) for p in args.paths] or list(discover_snapshots(args.data_dir).values())
    if not paths:
        raise ParameterError(f"no snapshot <YYYY-MM-DD>/report.txt in "
                             f"{args.data_dir or 'data/raw'}")
    return paths


def _say_missing_sections(reports: list[Report]) -> bool:
    """Print one line per section a report lacks (file, line, what is missing); return True
    if any report lacks one (bad input: exit 2, its other tables written all the same)."""
    lines = [_one_line(error) for report in reports
             for error in report.missing_sections.values()]
    for line in lines:
        print(f"seoul-budget: error: {line}", file=sys.stderr)
    return bool(lines)


def run_check(args: argparse.Namespace) -> int:
    """``seoul-budget check``: print every snapshot's findings; 1 if an error remains, 2 if a
    report lacks a section (one line each)."""
    from .processed import check_ledgers
    from .reconciliation import ERROR
    from .reconciliation.text import findings_csv, findings_json, format_text
    from .report import DEFAULT_ERRATA, load_report

    paths = _report_paths(args)
    reports = [load_report(path, errata=None if args.no_errata else DEFAULT_ERRATA)
               for path in paths]
    check_ledgers(reports)
    results = list(zip(paths, reports, strict=True))
    if args.format == "json":
        sys.stdout.write(findings_json(results))
    elif args.format == "csv":
        sys.stdout.write(findings_csv(results))
    else:
        for path, report in results:
            sys.stdout.write(format_text(path, report))
    errors = sum(int((report.findings["severity"] == ERROR).sum()) for report in reports)
    if _say_missing_sections(reports):
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if errors else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    """``seoul-budget build``: list the jobs, or build what is not up to date."""
    from .build import BuildConfig, JobSelection, list_jobs, run_build

    config = BuildConfig.create(data_dir=args.data_dir, reports_dir=args.reports_dir,
                                processed_dir=args.processed_dir,
                                notebooks_dir=args.notebooks_dir, jobs=args.jobs,
                                with_code=args.with_code, force=args.force)
    selection = JobSelection(as_of=args.as_of, department=args.department, job=args.job)
    if args.list_jobs:
        print(json.dumps(list_jobs(config, selection), ensure_ascii=False, indent=2))
        return EXIT_OK
    return run_build(config, selection)


COMMANDS = {"parse": run_parse, "check": run_check, "build": run_build}


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit raises no second BrokenPipeError
    (Python's documented way: https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is both
        pass  # stdout is no file (a test's buffer): nothing will flush it to a pipe


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGINT/SIGTERM handler: remember the stop, ignore repeats while unwinding, raise; inside
    an import, raise a little later instead (``stopping.RETRY_SIGNAL`` calls this again)."""
    if signum != stopping.RETRY_SIGNAL:
        stopping.request(signum)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if stopping.in_import(frame):
        stopping.retry_later()
        return
    stopping.raise_if_requested()


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """Make SIGINT and SIGTERM (a scheduler's stop: systemd, Kubernetes, kill) unwind the
    command while it runs; the previous handlers are put back after. Only the main thread can
    install handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    retry = [stopping.RETRY_SIGNAL] if stopping.RETRY_SIGNAL is not None else []
    signals = [signal.SIGINT, signal.SIGTERM, *retry]
    previous = {sig: signal.signal(sig, _stop) for sig in signals}
    try:
        yield
    finally:
        stopping.retry_later(0)  # no retry outlives the command
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stopping.clear()


def _run(args: argparse.Namespace) -> int:
    """Run the command with SIGINT/SIGTERM unwinding it. A signal can surface as another
    exception (an extension module being imported turns KeyboardInterrupt into ImportError),
    or be put off past the command's last import: when a stop was asked for, the stop is what
    is reported."""
    with _signals_unwind():
        try:
            status = COMMANDS[args.command](args)
        except Exception:
            stopping.raise_if_requested()
            raise
        stopping.raise_if_requested()
        return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 findings/failures, 2 bad input or
    environment, 130 interrupted, 143 terminated)."""
    args = _parser().parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # a reader that closed the pipe shows here, not at exit
        return status
    except BrokenPipeError:  # `seoul-budget build --list-jobs | head -1`
        _silence_stdout()
        print("seoul-budget: error: <stdout>: the reader closed the pipe", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (SeoulBudgetError, OSError) as exc:  # bad input or environment: one line
        if args.debug:
            traceback.print_exc()
        print(f"seoul-budget: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("seoul-budget: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except stopping.Terminated:
        print("seoul-budget: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM


def _one_line(exc: Exception) -> str:
    """Return an error as the one line the command prints: a project error as it words
    itself; an OSError that reached the top (a file system failure no layer foresaw) as
    its path and reason."""
    if isinstance(exc, OSError) and not isinstance(exc, SeoulBudgetError):
        return f"{exc.filename or '<file>'}: {exc.strerror or exc}"
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())

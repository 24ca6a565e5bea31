"""The API reference: HTML built from the package's docstrings by pdoc (``make docs``).

    .venv/bin/python docs/api.py [OUT]     # default OUT: build/api (not committed)

The pages document what an analyst calls: the package as its ``__all__`` declares it (with
``metrics``, ``formatting`` and ``plotting``) and the modules the README sends readers to.
The reference is generated, never committed: it would go stale with every docstring edit.
Any warning pdoc gives (a name in ``__all__`` that does not resolve, an annotation it cannot
read, a module that fails to import) fails the build, exit status 1, one line per warning;
``tests/test_docs.py`` builds it the same way in ``make test``.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pdoc
import pdoc.render

import seoul_budget as sb

OUT = Path("build/api")
# pdoc walks each package's public submodules (its ``__all__``): a module walked from an
# earlier entry is not listed again (pdoc warns about a module added twice).
MODULES = (
    "seoul_budget",                   # + formatting, metrics, plotting
    "seoul_budget.report",            # Report, load_report
    "seoul_budget.snapshot_history",  # history, history_tables
    "seoul_budget.snapshots",         # snapshot dates, parse_as_of
    "seoul_budget.views",             # long, labelled, likely units
    "seoul_budget.errors",
    "seoul_budget.errata",
    "seoul_budget.reconciliation",
    "seoul_budget.departments",
    "seoul_budget.schemas",
    "seoul_budget.catalog",
    "seoul_budget.processed",         # the processed folder
    "seoul_budget.export",            # CSV, Parquet, the data package
    "seoul_budget.workbook",
)


def build(out: Path = OUT) -> list[str]:
    """Write the reference to ``out`` (``index.html`` and a page per module) and return
    pdoc's warnings, one line each ('' never; an empty list: a clean build)."""
    for name in sb.__all__:  # load the lazy names (Report, history …) so pdoc sees them
        getattr(sb, name)
    pdoc.render.configure(docformat="restructuredtext", show_source=False,
                          footer_text=f"seoul_budget {sb.__version__}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*MODULES, output_directory=out)
    return [f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught]


def main(argv: list[str]) -> int:
    """Build the reference into ``argv[0]`` (default :data:`OUT`); return 0, or 1 after
    printing each warning."""
    out = Path(argv[0]) if argv else OUT
    problems = build(out)
    for problem in problems:
        print(f"docs/api.py: {problem}", file=sys.stderr)
    if not problems:
        print(f"API reference: {out / 'index.html'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Nothing about the one bundled report in library code (issue 21): no proper name or year of
the bundled report in ``seoul_budget/`` (its templates included) or in the notebooks' cells.

The names are read from the bundled report itself (tests/generate.py's reader): its bureau,
the departments of 인력 현황, the programs of 세출예산 집행현황 (but 기본경비, a word of the
template), the key projects' titles, and its years 2023 and 2022, written out or as in Korean
dates ("'23."). Only a data file of aliases (``*aliases*.csv``) may name them; comments and
docstrings may not. Notebooks are searched whole, outputs and metadata too: they are
committed without outputs (what running them on the bundled report prints is the tests'
reference, tests/fixtures/executed/).
"""

from __future__ import annotations

import re
from pathlib import Path

import generate as g
from report_model import BASIC_EXPENSE
from variants import key

ROOT = Path(__file__).resolve().parents[2]
# the package, the notebooks and what describes the package (its metadata, its environment)
SEARCHED = (ROOT / "seoul_budget", ROOT / "notebooks", ROOT / "pyproject.toml",
            ROOT / "environment.yml")
_TEXT_SUFFIXES = {".py", ".j2", ".html", ".css", ".js", ".csv", ".json", ".md", ".txt",
                  ".toml", ".cfg", ".ipynb", ".yml"}


def bundled_names() -> dict[str, str]:
    """Return {name without whitespace: what it is} for the bundled report's proper names."""
    report = g.bundled()
    names = {key(report.bureau): "bureau"}
    names.update({key(d.name): "department" for d in report.departments})
    names.update({key(p.name): "program" for d in report.departments
                  for _, p in d.programs() if p.name != BASIC_EXPENSE})
    names.update({key(p.title): "key project" for p in report.projects})
    return names


def _years(report_year: int) -> re.Pattern[str]:
    years = "|".join(str(y) for y in (report_year, report_year - 1))
    short = "|".join(f"{y % 100:02d}" for y in (report_year, report_year - 1))
    return re.compile(rf"(?<![0-9])(?:{years})(?![0-9])|['’](?:{short})(?=[.년~\s])")


def searched_lines() -> list[tuple[str, int, str]]:
    """Return (file, line number, text) of every text line searched, and each file's own
    path as its line 0."""
    lines: list[tuple[str, int, str]] = []
    for folder in SEARCHED:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if (not path.is_file() or "__pycache__" in path.parts
                    or ".ipynb_checkpoints" in path.parts):
                continue
            name = path.relative_to(ROOT).as_posix()
            lines.append((name, 0, name))
            if path.suffix not in _TEXT_SUFFIXES or "aliases" in path.stem:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            lines += [(name, i, t) for i, t in enumerate(text.split("\n"), start=1)]
    return lines


def test_the_names_come_from_the_bundled_report():
    """The list is the bundled report's (so the test below can fail): 1 bureau, 8
    departments, 72 programs less the 8 기본경비 lines, 8 key projects."""
    kinds = list(bundled_names().values())
    assert (kinds.count("bureau"), kinds.count("department"), kinds.count("key project")) == (
        1, 8, 8)
    assert kinds.count("program") >= 60
    assert _years(2023).search("('23. 5. 31. 기준") and _years(2023).search("budget_2022")


def test_library_code_names_nothing_of_the_bundled_report():
    """A report of another bureau or year would be read, labelled or checked with the
    bundled report's names and years wherever the code still writes them."""
    names = bundled_names()
    years = _years(g.bundled().fiscal_year)
    hits = []
    for where, number, text in searched_lines():
        squeezed = key(text)
        found = [f"{names[n]} {n}" for n in names if n in squeezed]
        found += [f"year {m.group(0)}" for m in years.finditer(text)]
        hits += [f"{where}:{number}: {f}" for f in found]
    files = sorted({h.split(":")[0] for h in hits})
    print(f"{len(hits)} hits in {len(files)} files:", *hits, sep="\n")
    assert hits == [], f"{len(hits)} hits in {len(files)} files, first: {hits[:20]}"

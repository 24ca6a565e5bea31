"""The notebooks' outputs on the bundled report, checked by nbval: every notebook re-runs top
to bottom and gives the outputs of its reference copy in tests/fixtures/executed/ (the same
cells as notebooks/, which test_notebooks.py checks; tests/nbval_sanitize.cfg masks what may
vary), and the comparison has teeth. Apart from test_notebooks.py so that the two run on two
test workers at once: each re-runs every section notebook.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from notebooks import EXECUTED_DIR, NAMES, read_executed, run

SANITIZE = Path(__file__).resolve().parents[1] / "nbval_sanitize.cfg"


def nbval(paths: list[Path], cwd: Path | None = None):
    """Run nbval on ``paths`` in a pytest of its own, in the environment the notebooks use."""
    return run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                "--nbval-sanitize-with", str(SANITIZE), "-p", "no:cacheprovider", "-q",
                "-o", "addopts=", "--nbval-cell-timeout=120", *map(str, paths)],
               **({"cwd": cwd} if cwd else {}))


@pytest.mark.notebooks
def test_nbval_reproduces_the_reference_outputs():
    """Every notebook re-runs top to bottom and gives the outputs of its reference."""
    result = nbval([EXECUTED_DIR / f"{n}.ipynb" for n in NAMES])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)
    assert "failed" not in result.stdout.splitlines()[-1]


@pytest.mark.notebooks
def test_nbval_fails_when_a_total_changes(tmp_path):
    """The comparison has teeth: a reference output with a wrong total is reported. The
    notebook is cut after that cell: the cells after it cannot change the verdict."""
    notebook = read_executed("01_staffing")
    changed = None
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown", "")
            if "현원은 255명" in text:
                output["data"]["text/markdown"] = text.replace("현원은 255명", "현원은 256명")
                changed = index
    assert changed is not None
    notebook.cells = notebook.cells[:changed + 1]
    path = tmp_path / "01_staffing.ipynb"
    nbformat.write(notebook, path)
    result = nbval([path], cwd=tmp_path)
    assert result.returncode != 0
    assert "256명" in result.stdout and "1 failed" in result.stdout


@pytest.mark.notebooks
def test_sanitize_file_masks_only_volatile_text():
    from nbval.plugin import get_sanitize_patterns

    patterns = get_sanitize_patterns(SANITIZE.read_text("utf-8"))
    assert len(patterns) >= 3

    def clean(text: str) -> str:
        for regex, replace in patterns:
            text = re.sub(regex, replace, text)
        return text

    assert clean("<Foo at 0x7f3a2c1d>") == clean("<Foo at 0x55aa01>")
    assert clean("`/home/a/seoul/data/raw/2023-05-31/report.txt`") == \
        clean("`/srv/b/data/raw/2023-05-31/report.txt`") == \
        clean("`tests/fixtures/data/raw/2023-05-31/report.txt`") == \
        clean("`data/raw/2023-05-31/report.txt`")
    # Figures are never masked.
    assert clean("정원 266명 가운데 현원은 255명") == "정원 266명 가운데 현원은 255명"
    assert clean("163,848,799천원 (SHA-256 `0b1aa8ff9f56`)") == \
        "163,848,799천원 (SHA-256 `0b1aa8ff9f56`)"

"""docs/api.py: the API reference builds from the docstrings with no warning (``make docs``;
``make test`` runs this, so CI checks it)."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_api_reference_builds_without_a_warning(tmp_path):
    api = runpy.run_path(str(ROOT / "docs" / "api.py"))  # not a package module: by its path
    assert api["build"](tmp_path) == []
    pages = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")}
    for module in api["MODULES"]:
        assert f"{module.replace('.', '/')}.html" in pages, module
    top = (tmp_path / "seoul_budget.html").read_text(encoding="utf-8")
    for name in ("load_report", "history", "Report", "reconcile", "LedgerError"):
        assert f'id="{name}"' in top, name  # the lazy names resolve
    metrics = (tmp_path / "seoul_budget" / "metrics.html").read_text(encoding="utf-8")
    assert 'id="points_change"' in metrics and "54.4 and 40.8" in metrics
    assert "``" not in metrics and ":func:" not in metrics  # reST read as reST


def test_make_docs_runs_the_builder():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "docs: $(STAMP)\n\t$(BIN)/python docs/api.py build/api" in makefile

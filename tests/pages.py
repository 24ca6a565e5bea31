"""Reviewer pages for tests: a snapshot folder from report lines, and a real build of the
section notebooks into a temporary folder (conftest.py builds the bundled report's once)."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from bundled import DAY, LEDGER, ROOT, with_aliases

# The section notebooks' pages, in order, and the widths pages are seen at (a phone, a laptop).
SECTIONS = ["00_overview", "01_staffing", "02_revenue", "03_expenditure",
            "04_settlement", "05_key_projects", "06_trends"]
WIDTHS = (390, 1366)
BUILD_LOG = "build.log"  # what `build_reports` printed, beside its reports folder


def build_reports(data_dir: Path, out: Path, allowed: tuple[int, ...] = (0,),
                  extra: tuple[str, ...] = (), jobs: int = 1) -> Path:
    """Run `seoul-budget build` of the section notebooks into ``out`` (``extra``: more
    options) on ``jobs`` kernels; return its reports folder (the build must exit with a status
    in ``allowed``: by default, succeed). What the build printed is kept beside it, in
    ``out / BUILD_LOG``. One kernel unless test workers wait for the build (conftest.py
    ``built_once``): a second costs a start-up, and the test workers share the cores."""
    reports = out / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "seoul_budget.cli", "build", "--data-dir", str(data_dir),
         "--reports-dir", str(reports), "--processed-dir", str(out / "processed"),
         "--jobs", str(jobs), *extra], capture_output=True, text=True, timeout=600, cwd=ROOT)
    (out / BUILD_LOG).write_text(result.stdout, encoding="utf-8")
    assert result.returncode in allowed, result.stdout[-2000:] + result.stderr[-2000:]
    return reports


def copy_snapshot(tmp: Path, lines: list[str], day: str = DAY) -> Path:
    """Return a data folder holding ``lines`` as the snapshot's report and the ledger."""
    data = tmp / "raw"
    (data / day).mkdir(parents=True)
    (data / day / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(LEDGER, data / "errata.csv")
    return with_aliases(data)




class _VisibleText(HTMLParser):
    """The text a reader sees on a page (no script, style or attribute values); with
    ``attributes``, also the attribute texts a browser shows or reads out (title, alt,
    aria-label)."""

    def __init__(self, attributes: bool = False) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0
        self.attributes = attributes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        if self.attributes:
            self.parts += [value for name, value in attrs
                           if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(path: Path, attributes: bool = False) -> str:
    """Return the text a reader sees on an HTML page, its pieces joined by spaces (with
    ``attributes``, the shown attribute texts too)."""
    parser = _VisibleText(attributes)
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


_FONT_DATA = re.compile(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)")


def embedded_characters(page: str) -> set[str]:
    """Return the characters a page's embedded font (its @font-face) has glyphs for."""
    from fontTools.ttLib import TTFont

    found = _FONT_DATA.search(page)
    assert found, "no embedded font"
    font = TTFont(io.BytesIO(base64.b64decode(found.group(1))))
    return {chr(code) for code in font.getBestCmap()}

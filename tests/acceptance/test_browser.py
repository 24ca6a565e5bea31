"""The reviewers' HTML in a real headless browser (Debian's Chromium).

One end-to-end build of the real notebooks on the bundled report, and one on a copy whose
program names and project titles carry HTML (tests/hostile.py, shared with
tests/acceptance/test_hostile_pages.py): every page loads without console errors, Hangul
renders as glyphs (not boxes), charts are visible, and nothing from the data runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import PageCheck, check_pages

ROOT = Path(__file__).resolve().parents[2]
DAY = "2023-05-31"
SECTIONS = ["00_overview", "01_staffing", "02_revenue", "03_expenditure",
            "04_settlement", "05_key_projects"]
# Pages that show charts (the overview is headline figures and tables).
WITH_CHARTS = ["01_staffing", "02_revenue", "03_expenditure", "04_settlement",
               "05_key_projects"]

@pytest.fixture(scope="module")
def clean_build(built_reports) -> Path:
    return built_reports


@pytest.fixture(scope="module")
def hostile_build(hostile_reports) -> Path:
    """Program names and project titles carrying scripts, markup and a closed table, among
    the other payloads of tests/hostile.py (one build for both test modules)."""
    return hostile_reports


def pages(reports: Path) -> list[Path]:
    return [reports / "index.html"] + [reports / DAY / f"{name}.html" for name in SECTIONS]


@pytest.fixture(scope="module")
def clean_checks(clean_build) -> list[PageCheck]:
    """What the browser saw on each page of the clean build, looked at once for the tests
    that read it."""
    return check_pages(pages(clean_build))


def test_every_page_loads_cleanly_with_hangul_and_charts(clean_checks):
    for check in clean_checks:
        name = check.path.stem
        assert check.console_errors == [], (name, check.console_errors)
        assert check.has_hangul and check.hangul_renders, f"{name}: Hangul shows as boxes"
        assert all(image["ok"] and image["width"] > 50 and image["height"] > 50
                   for image in check.images), (name, check.images)
        if name in WITH_CHARTS:
            assert check.images, f"{name}: no chart"
        assert not check.xss_ran
    by_name = {check.path.stem: check for check in clean_checks}
    assert "163,848,799" in by_name["03_expenditure"].text  # the printed budget total
    assert "266" in by_name["01_staffing"].text and "255" in by_name["01_staffing"].text
    assert all(name in by_name["index"].text for name in ("인력", "세입", "세출"))


def test_reviewer_pages_hide_code(clean_build):
    html = (clean_build / DAY / "03_expenditure.html").read_text("utf-8")
    assert "import seoul_budget" not in html and "def " not in html


def test_markup_from_the_data_is_shown_as_text_and_never_runs(clean_checks, hostile_build):
    clean = {c.path.stem: c for c in clean_checks}
    hostile = {c.path.stem: c for c in check_pages(pages(hostile_build))}
    for name, check in hostile.items():
        assert not check.xss_ran, f"{name}: a script from the data ran"
        assert check.console_errors == [], (name, check.console_errors)
        assert check.tables == clean[name].tables, f"{name}: page structure changed"
        assert "주입" not in check.text.split("\n")[0]  # no injected heading at the top
    shown = "\n".join(check.text for check in hostile.values())
    assert "<script>window.__xss=1</script>엠보팅" in shown  # rendered literally, as text
    assert '<img src=x onerror="window.__xss=1">' in shown
    assert "</table></div><h1>주입</h1>" in shown

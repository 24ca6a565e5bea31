"""Open an HTML file in headless Chromium (Debian's /usr/bin/chromium) and report what a
reader would meet: console errors, whether Hangul renders as glyphs (not boxes), whether
images and charts are visible, and whether any script from the data ran."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# Draws the first heading's own Hangul and as many private-use characters (which no font has:
# they render as the fallback's empty box) in the heading's font; identical pixels mean the
# Hangul came out as boxes too.
_HANGUL_CHECK = """async () => {
  await document.fonts.ready;
  const el = document.querySelector('h1, h2, h3, td, p') || document.body;
  const style = getComputedStyle(el);
  const font = `${style.fontWeight} 32px ${style.fontFamily}`;
  const canvas = document.createElement('canvas');
  canvas.width = 240; canvas.height = 60;
  const ctx = canvas.getContext('2d');
  const draw = (text) => {
    ctx.clearRect(0, 0, 240, 60); ctx.fillStyle = '#000'; ctx.font = font;
    ctx.fillText(text, 4, 44);
    return Array.from(ctx.getImageData(0, 0, 240, 60).data).join(',');
  };
  const sample = (el.innerText.match(/[가-힣]/g) || ['한']).slice(0, 4).join('');
  const hangul = draw(sample);
  const boxes = draw('\\uE000'.repeat(sample.length));
  return {font, differs: hangul !== boxes, hasText: /[가-힣]/.test(document.body.innerText)};
}"""

# Images and charts (inline SVG): each drawn, and how large it shows.
_IMAGES = """() => [
  ...Array.from(document.images).map(img => {
    const r = img.getBoundingClientRect();
    return {src: img.src.slice(0, 40), ok: img.complete && img.naturalWidth > 0,
            width: r.width, height: r.height};
  }),
  ...Array.from(document.querySelectorAll('figure.chart svg'))
    .filter(svg => svg.getClientRects().length > 0).map(svg => {
      const r = svg.getBoundingClientRect();
      return {src: 'svg', ok: svg.querySelectorAll('path, text').length > 0,
              width: r.width, height: r.height};
    }),
]"""


@dataclass
class PageCheck:
    """What a headless browser saw on one page."""

    path: Path
    console_errors: list[str] = field(default_factory=list)
    hangul_renders: bool = False
    has_hangul: bool = False
    images: list[dict] = field(default_factory=list)
    xss_ran: bool = False
    text: str = ""
    tables: int = 0


AXE_PACKAGE = "axe-core@4.14.1"  # from the npm registry at test time, never committed


def axe_source(folder: Path) -> str:
    """Return axe-core's script, fetched with ``npm pack`` into ``folder`` (the test's own
    copy: pages never carry it)."""
    import subprocess
    import tarfile

    npm = shutil.which("npm")
    assert npm, "npm is needed to fetch axe-core for the accessibility test"
    name = subprocess.run([npm, "pack", AXE_PACKAGE, "--silent"], cwd=folder, check=True,
                          capture_output=True, text=True, timeout=300).stdout.strip()
    with tarfile.open(folder / name.splitlines()[-1]) as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode("utf-8")


# axe-core's violations on the page, each with its rule, impact and first elements.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def chromium_path() -> str | None:
    """Return the Chromium executable, or None if it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def measure_pages(paths: dict[str, Path], widths: Sequence[int],
                  measure: Callable[[Any, int], dict],
                  prepare: Callable[[Any], None] | None = None,
                  bypass_csp: bool = False) -> dict[tuple[str, int], dict]:
    """Open every page at each viewport width (900 px high) in one headless Chromium and
    return {(name, width): measure(page, width)}, measured once the page loaded and its
    fonts are ready; ``prepare(page)`` runs on each new browser page (event handlers);
    ``bypass_csp`` lets a test inject its own script (axe-core) past the pages' policy."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_ARGS)
        try:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900},
                                              bypass_csp=bypass_csp)
                page = context.new_page()
                if prepare is not None:
                    prepare(page)
                for name, path in paths.items():
                    page.goto(path.resolve().as_uri(), wait_until="load")
                    page.evaluate("() => document.fonts.ready")
                    found[(name, width)] = measure(page, width)
                context.close()
        finally:
            browser.close()
    return found


def check_pages(paths: list[Path]) -> list[PageCheck]:
    """Open each HTML file in one headless Chromium and return what it saw per page."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable, "Debian's chromium is needed for browser tests (.ci/run installs it)"
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for path in paths:
                results.append(_check(browser, Path(path)))
        finally:
            browser.close()
    return results


def _check(browser, path: Path) -> PageCheck:
    result = PageCheck(path)
    page = browser.new_page()
    page.on("console", lambda m: result.console_errors.append(m.text)
            if m.type == "error" else None)
    page.on("pageerror", lambda e: result.console_errors.append(str(e)))
    page.on("dialog", lambda d: (setattr(result, "xss_ran", True), d.dismiss()))
    page.goto(path.resolve().as_uri(), wait_until="load")
    hangul = page.evaluate(_HANGUL_CHECK)
    result.hangul_renders = bool(hangul["differs"])
    result.has_hangul = bool(hangul["hasText"])
    result.images = page.evaluate(_IMAGES)
    result.xss_ran = result.xss_ran or bool(page.evaluate("() => window.__xss === 1"))
    result.text = page.evaluate("() => document.body.innerText")
    result.tables = page.evaluate("() => document.querySelectorAll('table').length")
    page.close()
    return result

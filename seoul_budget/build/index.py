"""``reports/index.html``: every snapshot × section (× department) with status, time, links.

Per snapshot, the bureau's sections are listed with what each holds and its key figure (read
from the manifest, which the build filled from each executed notebook: no table is loaded),
a link to the page and a separate small link to the notebook; a department build adds a
table of departments × sections.

Built from the manifest, so it always describes the files that are there. Jinja2 autoescape
is on: section titles, department names and error messages are text, never markup. The only
parts that differ between two builds of the same inputs are inside ``<time class="build-time">``
and ``<span class="duration">``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..atomic import write_text_atomic
from ..catalog import BUREAU_TITLE
from ..departments import DEPARTMENTS
from .jobs import Job, NotebookInfo
from .manifest import Entry
from .navigation import snapshot_label
from .progress import format_seconds
from .webfont import font_face_css

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INDEX_FILE = "index.html"
FONT_MARKER = "<!--seoul-budget:font-->"
ERROR_CHARS = 400
BUREAU_ROW = "전체"
_HASH_META = re.compile(r'<meta name="seoul-budget-index" content="([0-9a-f]*)">')


@dataclass(frozen=True)
class IndexColumn:
    """A column of the index: a section notebook and, in one line, what its page holds."""

    stem: str
    title: str
    holds: str = ""


def local_time(iso: str | None) -> str:
    """Return a UTC ISO time as Seoul time for reading ('2023-06-01 13:05 KST')."""
    if not iso:
        return ""
    try:
        moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return iso
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M KST")
    except (ImportError, KeyError, OSError):
        return moment.strftime("%Y-%m-%d %H:%M UTC")


def _href(rel: str | None) -> str | None:
    return quote(rel) if rel else None


def _seconds(value: Any) -> str:
    try:
        return format_seconds(float(value)).replace("s", "초").replace("m", "분") \
            .replace("h", "시간")
    except (TypeError, ValueError):
        return ""


def cell_view(entry: Entry) -> dict[str, Any]:
    """Return what the index shows for one output's manifest entry."""
    outputs = entry.get("outputs") or {}
    failed = entry.get("failed_outputs") or {}
    good = entry.get("good") or {}
    error = entry.get("error") or ""
    if len(error) > ERROR_CHARS:
        error = error[: ERROR_CHARS - 1] + "…"
    return {
        "status": entry.get("status"),
        "html_href": _href(outputs.get("html")),
        "ipynb_href": _href(outputs.get("ipynb")),
        "failed_html_href": _href(failed.get("html")) if entry.get("status") == "failed" else None,
        "started": entry.get("started", ""),
        "started_text": local_time(entry.get("started")),
        "duration_text": _seconds(entry.get("duration_s")),
        "good_started": good.get("started", ""),
        "good_started_text": local_time(good.get("started")),
        "key_figure": good.get("key_figure", "") if outputs else "",
        "error": error,
    }


def index_model(entries: dict[str, Entry], notebooks: list[NotebookInfo],
                snapshots: list[date], planned: list[Job]) -> list[dict[str, Any]]:
    """Return the snapshots to show, newest first, each with its sections and rows."""
    sections = [IndexColumn(info.stem, info.title, info.holds) for info in notebooks]
    stems = {section.stem for section in sections}
    planned_ids = {job.id for job in planned}
    by_key: dict[tuple[str, str | None, str], Entry] = {}
    for entry in entries.values():
        if entry.get("notebook") in stems:
            by_key[(entry.get("as_of", ""), entry.get("department"), entry["notebook"])] = entry
    planned_keys = {(job.as_of.isoformat(), job.department, job.notebook.stem)
                    for job in planned if job.id in planned_ids}
    model = []
    for as_of in sorted(snapshots, reverse=True):
        day = as_of.isoformat()
        departments = {key[1] for key in (*by_key, *planned_keys) if key[0] == day}
        scopes = [None, *[d for d in DEPARTMENTS if d in departments]]
        rows = []
        for department in scopes:
            cells = []
            for section in sections:
                key = (day, department, section.stem)
                if key in by_key:
                    cells.append(cell_view(by_key[key]))
                elif key in planned_keys or department is None:
                    cells.append({"status": "missing"})
                else:
                    cells.append(None)
            rows.append({"label": department or BUREAU_ROW, "cells": cells})
        model.append({"as_of": day, "label": snapshot_label(as_of),
                      "sections": [asdict(section) for section in sections],
                      "rows": rows})
    return model


def count_statuses(model: list[dict[str, Any]]) -> dict[str, int]:
    """Return how many cells are ok, failed and missing, and their total."""
    counts = {"ok": 0, "failed": 0, "missing": 0}
    for snapshot in model:
        for row in snapshot["rows"]:
            for cell in row["cells"]:
                if cell is not None and cell.get("status") in counts:
                    counts[cell["status"]] += 1
    counts["total"] = sum(counts.values())
    return counts


def render_index(model: list[dict[str, Any]], built_at: str, digest: str = "") -> str:
    """Return the index page's HTML (autoescaped, Korean font embedded)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True)
    page = environment.get_template("index.html.j2").render(
        title=f"{BUREAU_TITLE} 분석 보고서", bureau=BUREAU_TITLE, snapshots=model,
        counts=count_statuses(model),
        built_at=built_at, built_at_text=local_time(built_at), model_hash=digest)
    return page.replace(FONT_MARKER, font_face_css(page), 1)


def model_hash(model: list[dict[str, Any]]) -> str:
    """Return a hash of what the index shows (everything but the build time)."""
    text = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(text.encode("utf-8"))
    for name in ("index.html.j2", "reviewer/page.css"):  # a new layout rewrites the page
        digest.update((TEMPLATES / name).read_bytes())
    return digest.hexdigest()


def written_hash(path: Path) -> str | None:
    """Return the model hash recorded in an existing index page, or None."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = _HASH_META.search(head)
    return match.group(1) if match else None


def write_index(reports_dir: Path, entries: dict[str, Entry], notebooks: list[NotebookInfo],
                snapshots: list[date], planned: list[Job], built_at: str) -> bool:
    """Write ``reports/index.html`` atomically, unless it already shows exactly this.

    Returns True if the page was (re)written.
    """
    model = index_model(entries, notebooks, snapshots, planned)
    digest = model_hash(model)
    path = reports_dir / INDEX_FILE
    if written_hash(path) == digest:
        return False
    write_text_atomic(path, render_index(model, built_at, digest))
    return True

"""The links a reviewer page carries: the bureau and snapshot, the index, every section of
the same snapshot and scope in reading order (the current one marked), previous and next.

Links are relative, so a reports folder opens from a file, a copy or an e-mail attachment:
``<as_of>/<section>.html`` reaches the index at ``../index.html``, a department's page
``<as_of>/<slug>/<section>.html`` at ``../../index.html``. Only sections of the same snapshot
are linked: adding a month changes no earlier month's page, so every page says it shows its
own 기준일 and links the index's line naming the newest month (``#latest``), which the
index keeps current.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from ..snapshots import discover_snapshots
from .jobs import Job, report_name, section_title, snapshot_label
from .source_page import SOURCE_FILE, printed_lines

INDEX_FILE = "index.html"


LATEST_ANCHOR = "latest"  # the index's line naming the newest snapshot and its pages


def index_href(folder: str) -> str:
    """Return the index's href from a page in ``folder`` (relative to the reports folder)."""
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth + INDEX_FILE


def source_href(folder: str, as_of: date) -> str:
    """Return the href of the source page of the snapshot of ``as_of`` from a page in
    ``folder`` (relative to the reports folder): 'source.html' beside it, else up and over
    (every figure links to it, so the shorter the lighter the page)."""
    if folder.strip("/") == as_of.isoformat():
        return SOURCE_FILE
    return index_href(folder).removesuffix(INDEX_FILE) + "/".join([as_of.isoformat(),
                                                                   SOURCE_FILE])


def page_links(job: Job) -> dict[str, Any]:
    """Return what ``job``'s top bar and pager show, as the template reads it: ``bureau``,
    ``snapshot``, ``scope``, ``index_href``, ``latest_href``, ``source_href``, ``sections``
    (each ``{title, href, current}``: its siblings ``job.sections`` in order, titled for its
    snapshot's report) and ``previous``/``next`` (a section, or None)."""
    links = [{"title": section_title(stem, title, job.subject),
              "href": quote(f"{stem}.html"), "current": stem == job.notebook.stem}
             for stem, title in job.sections]
    here = next((i for i, link in enumerate(links) if link["current"]), None)
    previous = links[here - 1] if here is not None and here > 0 else None
    following = links[here + 1] if here is not None and here + 1 < len(links) else None
    return {"bureau": report_name(job.subject), "snapshot": snapshot_label(job.as_of),
            "scope": job.department or "", "index_href": index_href(job.folder),
            "latest_href": f"{index_href(job.folder)}#{LATEST_ANCHOR}",
            "source_href": source_href(job.folder, job.as_of),
            "sections": links, "previous": previous, "next": following}


def page_context(job: Job) -> dict[str, Any]:
    """Return :func:`page_links` (plain data: it crosses to the renderer's template) with
    ``source_lines``, the report's lines as printed, which the renderer shows on each link to
    a line of the source page, and ``snapshot_reports`` (기준일 → report path: the snapshots
    beside this one, whose lines a page comparing months links to)."""
    beside = discover_snapshots(job.report_path.parent.parent)
    return {**page_links(job), "source_lines": printed_lines(job.report_path),
            "as_of": job.as_of.isoformat(),
            "snapshot_reports": {day.isoformat(): str(path) for day, path in beside.items()}}

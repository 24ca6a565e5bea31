"""``reports/index.html``: every snapshot × section (× department) with status, time, links;
the bureau's execution rates by month, one table per fiscal year (a new fiscal year is a new
series, never the month after the last), a link to the newest snapshot, and a mark on each
snapshot where reconciliation errors remain (검증 오류 N건, never 정상), whose report cannot
be read (입력 오류) or lacks a section (원문에 없는 절). The bureau, the years and the number
of key projects the index names are each snapshot's report's, from its stamp.

Per snapshot, the bureau's sections are listed with what each holds and its key figure (read
from the manifest, which the build filled from each executed notebook: no table is loaded),
a link to the page and a separate small link to the notebook; a department build adds a
table of departments × sections. A table of the months gives the bureau's execution rates
and each snapshot's reconciliation state, from the snapshots' processed stamps.

Built from the manifest and the stamps (no pandas), so it always describes the files that
are there. Jinja2 autoescape is on: section titles, department names and error messages are
text, never markup. The only parts that differ between two builds of the same inputs are
inside ``<time class="build-time">`` and ``<span class="duration">``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2

from ..atomic import write_text_atomic
from ..catalog import NOTEBOOKS, NOTEBOOKS_BY_STEM, OVERVIEW, titled
from ..fiscal import year_elapsed_pct
from ..formatting import format_points, shown_points
from ..parse.document import MissingSection, missing_tables
from ..subject import Subject
from .jobs import Job, NotebookInfo, job_id, report_name, section_title, snapshot_label
from .manifest import Entry
from .navigation import INDEX_FILE
from .progress import format_seconds
from .source_page import SOURCE_FILE
from .webfont import with_font

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ERROR_CHARS = 400
BUREAU_ROW = "전체"
_HASH_META = re.compile(r'<meta name="seoul-budget-index" content="([0-9a-f]*)">')


# Where a page lists every reconciliation finding: the overview's last section. nbconvert's id
# for a heading: spaces become '-', then the text is percent-encoded (parentheses kept).
FINDINGS_ANCHOR = quote("데이터 검증 결과 (전체)".replace(" ", "-"), safe="()-")


@dataclass(frozen=True)
class SnapshotStatus:
    """What the index says of a snapshot besides its pages: the bureau's execution totals
    (``budget``, ``committed``, ``spent`` in KRW), how many reconciliation errors remain, or
    why its report cannot be read; what its report is about (``subject``), the sections it
    lacks and how many key projects it lists (None: not known); how many warnings remain and
    how many ledger corrections its figures carry (None: not known)."""

    execution: Mapping[str, int] | None = None
    errors: int | None = None
    warnings: int | None = None
    corrections: int | None = None
    input_error: str | None = None
    subject: Subject | None = None
    missing: tuple[MissingSection, ...] = ()
    projects: int | None = None


def rate_text(numerator: int, denominator: int) -> str:
    """Return numerator / denominator as a percentage with one decimal, rounded half up as
    the report rounds ('51.6%'); '' without a base. (Not formatting.format_percent: that
    module loads pandas, which a build with nothing to do never imports.)"""
    if not denominator:
        return ""
    share = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"),
                                                                        ROUND_HALF_UP)
    return f"{share}%"


def quality_text(status: SnapshotStatus) -> str:
    """Return a snapshot's reconciliation state in one line: '오류 0 · 경고 1 · 정정 5'
    (only what is known; '' for a snapshot whose findings are not known)."""
    parts = [f"{label} {count}" for label, count in
             (("오류", status.errors), ("경고", status.warnings), ("정정", status.corrections))
             if count is not None]
    return " · ".join(parts) if status.errors is not None else ""


def points_text(now: str, before: str) -> str:
    """Return the change between two rates as the index shows them ('51.6%', '60.4%'), in
    percentage points with a sign: '+8.8%p', '△0.3%p', '0.0%p'; '' if either is missing."""
    if not now or not before:
        return ""
    return format_points(shown_points(Decimal(now.rstrip("%")), Decimal(before.rstrip("%"))))


def month_view(as_of: date, status: SnapshotStatus) -> dict[str, Any]:
    """Return the index's column for one snapshot: its execution rates (원인행위 and 지출,
    percent of 예산현액), the share of its fiscal year elapsed and its reconciliation state
    (errors, and in ``quality`` errors, warnings and corrections together)."""
    execution = status.execution or {}
    budget = execution.get("budget", 0)
    fiscal_year = status.subject.fiscal_year if status.subject is not None else None
    elapsed = Decimal(str(year_elapsed_pct(as_of, fiscal_year))).quantize(Decimal("0.1"),
                                                                          ROUND_HALF_UP)
    return {"as_of": as_of.isoformat(), "label": f"{as_of.year}. {as_of.month}. {as_of.day}.",
            "committed": rate_text(execution.get("committed", 0), budget) if execution else "",
            "spent": rate_text(execution.get("spent", 0), budget) if execution else "",
            "elapsed": f"{elapsed}%", "errors": status.errors, "quality": quality_text(status),
            "noted": bool(status.warnings or status.corrections),
            "input_error": status.input_error, "fiscal_year": fiscal_year}


def fiscal_year_groups(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the months (each a :func:`month_view`, oldest first) grouped by fiscal year,
    oldest year first: each fiscal year is a series of its own ('<year> 회계연도'); months
    whose year is not known (a report that cannot be read) come last, apart. Each month
    gains ``committed_change`` and ``spent_change``: percentage points since the month
    before it in its fiscal year ('' for the first)."""
    groups: dict[int | None, list[dict[str, Any]]] = {}
    for month in months:
        series = groups.setdefault(month["fiscal_year"], [])
        before = series[-1] if series and month["fiscal_year"] is not None else {}
        series.append({**month, **{f"{rate}_change": points_text(month[rate],
                                                                 before.get(rate, ""))
                                   for rate in ("committed", "spent")}})
    years = sorted(year for year in groups if year is not None)
    ordered = [*years, *([None] if None in groups else [])]
    return [{"fiscal_year": year, "label": f"{year} 회계연도" if year is not None
             else "회계연도를 읽지 못한 보고서", "months": groups[year]} for year in ordered]


def missing_view(missing: tuple[MissingSection, ...]) -> list[str]:
    """Return, per section a snapshot's report lacks, what the index says of it: the
    section, the heading expected and where it was looked for (lines of the report)."""
    lines = []
    for item in missing:
        where = (f"{item.after_line}행 '{item.after}' 뒤" if item.after else "처음")
        until = (f"{item.until_line}행 '{item.until}' 앞" if item.until else "끝")
        lines.append(f"「{item.title}」: 제목 '{item.heading}'을(를) {where}에서 {until}까지 "
                     "찾았으나 없습니다.")
    return lines


def newest_subject(statuses: Mapping[date, SnapshotStatus]) -> Subject | None:
    """Return the newest readable snapshot's subject, or None when none could be read."""
    return next((statuses[day].subject for day in sorted(statuses, reverse=True)
                 if statuses[day].subject is not None), None)


def report_title(statuses: Mapping[date, SnapshotStatus]) -> str:
    """Return what the index calls the reports: the newest readable snapshot's report
    ('<bureau> 업무보고'), or '업무보고' when none could be read."""
    return report_name(newest_subject(statuses))


def whole_bureau(statuses: Mapping[date, SnapshotStatus]) -> str:
    """Return what the index calls all departments together: the newest readable snapshot's
    '<bureau> 전체', or the bureau row's label when none could be read."""
    subject = newest_subject(statuses)
    return subject.whole_bureau if subject is not None else BUREAU_ROW


def local_time(iso: str | None) -> str:
    """Return a UTC ISO time as Seoul time for reading ('2031-06-01 13:05 KST')."""
    if not iso:
        return ""
    try:
        moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return iso
    return moment.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M KST")


def _href(rel: str | None) -> str | None:
    return quote(rel) if rel else None


def _seconds(value: Any) -> str:
    try:
        return format_seconds(float(value)).replace("s", "초").replace("m", "분") \
            .replace("h", "시간")
    except (TypeError, ValueError):
        return ""


def _key_sources(as_of: Any, lines: Any) -> list[dict[str, Any]]:
    """Return the links to the source page's lines behind a key figure: [{'href', 'line'}],
    relative to the index ([] when the entry names no snapshot or no lines)."""
    if not isinstance(as_of, str) or not isinstance(lines, list):
        return []
    return [{"href": f"{as_of}/{SOURCE_FILE}#L{line}", "line": line}
            for line in lines if type(line) is int and line > 0]


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
        "key_sources": _key_sources(entry.get("as_of"), good.get("key_lines")) if outputs else [],
        "error": error,
    }


def _findings_href(cells: list[dict[str, Any] | None],
                   sections: list[NotebookInfo]) -> str | None:
    """Return the link to a snapshot's findings: its overview page's findings section, else
    its first page."""
    pages = {section.stem: cell.get("html_href") for section, cell in
             zip(sections, cells, strict=True) if cell is not None and cell.get("html_href")}
    overview = NOTEBOOKS[OVERVIEW].stem
    if overview in pages:
        return f"{pages[overview]}#{FINDINGS_ANCHOR}"
    return next(iter(pages.values()), None)


def _status(view: dict[str, Any], blocked: bool, errors: int | None) -> dict[str, Any]:
    """Return a cell with the status the index shows: 입력 오류 for a job not run because its
    input cannot be read, 검증 오류 for a page of a snapshot where errors remain."""
    if blocked:
        return {**view, "status": "blocked"}
    if view.get("status") == "ok" and errors:
        return {**view, "status": "unreconciled"}
    return view


def index_model(entries: dict[str, Entry], notebooks: list[NotebookInfo],
                snapshots: list[date], planned: list[Job],
                statuses: Mapping[date, SnapshotStatus] | None = None,
                blocked: Collection[str] = ()) -> dict[str, Any]:
    """Return what the index shows: ``snapshots`` newest first, each with its sections (titled
    and described for its own report: its years, its number of key projects), rows,
    reconciliation state and the sections its report lacks; ``years``, the months grouped by
    fiscal year, oldest first, with the bureau's execution rates; the ``latest`` snapshot's
    pages; and ``title``, what the reports are (the newest readable report's bureau).
    ``blocked``: ids of jobs not run (input error)."""
    statuses = statuses or {}
    stems = {info.stem for info in notebooks}
    by_key: dict[tuple[str, str | None, str], Entry] = {}
    for entry in entries.values():
        if entry.get("notebook") in stems:
            by_key[(entry.get("as_of", ""), entry.get("department"), entry["notebook"])] = entry
    planned_keys = list(dict.fromkeys((job.as_of.isoformat(), job.department, job.notebook.stem)
                                      for job in planned))
    planned_set = set(planned_keys)
    model = []
    for as_of in sorted(snapshots, reverse=True):
        day = as_of.isoformat()
        status = statuses.get(as_of, SnapshotStatus())
        # the snapshot's own order (its jobs are planned in it), then departments only
        # earlier outputs name
        scopes = [None, *dict.fromkeys(key[1] for key in (*planned_keys, *by_key)
                                       if key[0] == day and key[1] is not None)]
        rows = []
        for department in scopes:
            cells: list[dict[str, Any] | None] = []
            for section in notebooks:
                key = (day, department, section.stem)
                stopped = status.input_error is not None or \
                    job_id(as_of, section.stem, department) in blocked
                if key in by_key:
                    cells.append(_status(cell_view(by_key[key]), stopped, status.errors))
                elif key in planned_set or department is None:
                    cells.append({"status": "blocked" if stopped else "missing",
                                  "html_href": None})
                else:
                    cells.append(None)
            rows.append({"label": department or BUREAU_ROW, "cells": cells})
        model.append({"as_of": day, "label": snapshot_label(as_of),
                      "sections": [_for_report(info, status) for info in notebooks],
                      "rows": rows, "errors": status.errors, "quality": quality_text(status),
                      "noted": bool(status.warnings or status.corrections),
                      "input_error": status.input_error,
                      "missing": missing_view(status.missing),
                      "findings_href": _findings_href(rows[0]["cells"], notebooks)})
    months = [month_view(as_of, statuses.get(as_of, SnapshotStatus()))
              for as_of in sorted(snapshots)]
    latest = None
    if model:
        # the newest snapshot with a page: an unreadable newer report has none to link
        newest = next((snapshot for snapshot in model if any(
            cell and cell.get("html_href") for cell in snapshot["rows"][0]["cells"])), model[0])
        pages = [{"title": section["title"], "href": cell.get("html_href")}
                 for section, cell in zip(newest["sections"], newest["rows"][0]["cells"],
                                          strict=True)
                 if cell is not None and cell.get("html_href")]
        latest = {"as_of": newest["as_of"], "label": newest["label"], "pages": pages}
    return {"snapshots": model, "years": fiscal_year_groups(months), "latest": latest,
            "title": report_title(statuses), "whole_bureau": whole_bureau(statuses)}


def _for_report(section: NotebookInfo, status: SnapshotStatus) -> dict[str, str]:
    """Return a section as one snapshot's report has it (``stem``, ``title``, ``holds``): its
    title with the report's years, what it holds with the report's years and number of key
    projects, and, when the report lacks every table of it, a note saying so; nothing of what
    it holds for a report that could not be read (it has no page)."""
    if status.input_error is not None:
        return {"stem": section.stem, "title": section_title(section.stem, section.title, None),
                "holds": ""}
    years: dict[str, object] = status.subject.years() if status.subject is not None else {}
    holds = titled(section.holds, {**years, "projects": status.projects})
    known = NOTEBOOKS_BY_STEM.get(section.stem)
    lacking = set(missing_tables(status.missing))
    if known is not None and known.tables and set(known.tables) <= lacking:
        holds = "원문에 이 절이 없어 수치 없이 무엇이 없는지만 보여 줍니다."
    return {"stem": section.stem, "title": section_title(section.stem, section.title,
                                                         status.subject), "holds": holds}


def count_statuses(model: dict[str, Any]) -> dict[str, int]:
    """Return how many cells are ok, unreconciled (built, but errors remain in their
    snapshot), failed, blocked (input error) and missing, and their total."""
    counts = {"ok": 0, "unreconciled": 0, "failed": 0, "blocked": 0, "missing": 0}
    for snapshot in model["snapshots"]:
        for row in snapshot["rows"]:
            for cell in row["cells"]:
                if cell is not None and cell.get("status") in counts:
                    counts[cell["status"]] += 1
    counts["total"] = sum(counts.values())
    return counts


def render_index(model: dict[str, Any], built_at: str, digest: str = "") -> str:
    """Return the index page's HTML (autoescaped, Korean font embedded)."""
    # The rates' names are the data dictionary's; imported here (it loads pandas), so a
    # no-op build, which leaves the index alone, stays without it.
    from ..schemas import COMPUTED, column_labels

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True)
    page = environment.get_template("index.html.j2").render(
        title=f"{model['title']} 분석 보고서", bureau=model["title"],
        whole_bureau=model["whole_bureau"], rate_titles=column_labels(COMPUTED),
        snapshots=model["snapshots"], years=model["years"], latest=model["latest"],
        counts=count_statuses(model),
        built_at=built_at, built_at_text=local_time(built_at), model_hash=digest)
    return with_font(page)


def model_hash(model: dict[str, Any]) -> str:
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
                snapshots: list[date], planned: list[Job], built_at: str,
                statuses: Mapping[date, SnapshotStatus] | None = None,
                blocked: Collection[str] = ()) -> bool:
    """Write ``reports/index.html`` atomically, unless it already shows exactly this.

    Returns True if the page was (re)written.
    """
    model = index_model(entries, notebooks, snapshots, planned, statuses, blocked)
    digest = model_hash(model)
    path = reports_dir / INDEX_FILE
    if written_hash(path) == digest:
        return False
    write_text_atomic(path, render_index(model, built_at, digest))
    return True

"""Helpers that write damaged or re-encoded copies of the bundled report for tests."""

from __future__ import annotations

from pathlib import Path

from bundled import REPORT, with_aliases


def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def report_lines() -> list[str]:
    return report_text().split("\n")


def write_report(folder: Path, text: str | bytes, name: str = "report.txt") -> Path:
    """Write a report copy (str as UTF-8, or raw bytes) and return its path; the bundled
    report's aliases go beside the snapshot folder (its data folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    with_aliases(folder.parent)
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def edit_line(number: int, old: str, new: str) -> str:
    """Return the report text with ``old`` replaced by ``new`` on 1-based line ``number``."""
    lines = report_lines()
    assert old in lines[number - 1], (number, old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)

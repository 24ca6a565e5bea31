"""Random damage to the real report: tables that pass their schemas, or a ReportParseError
pointing at a line — never another exception, never a hang."""

from __future__ import annotations

import tempfile
from pathlib import Path

from damage import report_lines, write_report
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import seoul_budget as sb
from seoul_budget.schemas import SCHEMAS

LINES = report_lines()
N = len(LINES)
line_numbers = st.integers(min_value=0, max_value=N - 1)
replacement_chars = st.sampled_from(list("0123456789,.-△%() \tx가계"))


@st.composite
def damage(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    lines = list(LINES)
    log = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "char", "untab", "tab",
                                     "digit"]))
        i = draw(line_numbers) % len(lines)
        if kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(line_numbers) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif lines[i]:
            text = lines[i]
            k = draw(st.integers(min_value=0, max_value=len(text) - 1))
            if kind == "char":
                text = text[:k] + draw(replacement_chars) + text[k + 1:]
            elif kind == "untab" and "\t" in text:
                text = text.replace("\t", " ", 1) if k % 2 else text.replace("\t", "", 1)
            elif kind == "tab":
                text = text[:k] + "\t" + text[k:]
            elif kind == "digit":
                digits = [p for p, c in enumerate(text) if c in "0123456789"]  # not '¹'
                if digits:
                    p = digits[k % len(digits)]
                    text = text[:p] + str((int(text[p]) + 1 + k % 8) % 10) + text[p + 1:]
            lines[i] = text
        log.append(f"{kind}@{i + 1}")
    return lines, log


# No deadline: speed is the benchmarks' business; a hang still fails (pytest's own limits).
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_damaged_report_parses_or_fails_cleanly(case):
    lines, log = case
    with tempfile.TemporaryDirectory() as folder:
        path = write_report(Path(folder) / "2023-05-31", "\n".join(lines))
        try:
            report = sb.load_report(path)
        except sb.ReportParseError as error:
            assert error.path == str(path), log
            assert error.line is not None and 1 <= error.line <= len(lines), (log, str(error))
            assert error.section or error.expected, (log, str(error))
            event("ReportParseError")
            return
        event("parsed")
        # load_report validated every table with its pandera model: all are there
        assert set(SCHEMAS) <= set(report.tables()), log

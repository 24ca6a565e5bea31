"""Reconcile a report: build every check, attribute failures to figures, return findings.

A finding says where (table, key, column, source_line), what the other figures imply
(``expected``), what is printed (``actual``) and, when one printing slip explains the mismatch,
the most likely correct value (``suggestion``, ``suggestion_kind``). Check families: ``sum``
(children add up to printed totals), ``formula`` (증감액, 과부족, E = A − B − C − D …), ``rate``
(printed rates), ``cross_table`` (the same figure in two tables; legitimate differences as
info), ``prose`` (counts stated in the text), ``definition`` (what a garbled header means),
``unit`` (a whole table printed 1,000× off its unit note) and ``errata`` (corrections applied
from the ledger). Rounding is never an error: one printed unit per summed figure; a printed
rate within the interval its rounded inputs allow (each ± half its printed unit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errata import correction_figure
from .attribute import Attribution, Engine, Hypothesis
from .cells import CellId, Sheet
from .checks import ROUNDING, Check, RateCheck
from .execution import spent_over_committed
from .findings import (
    ERROR,
    INFO,
    SEVERITY_ORDER,
    WARNING,
    Finding,
    as_printed,
    lines_text,
    to_frame,
    where,
    where_en,
)
from .formulas import settlement_rate_definition
from .suggest import KIND_EN, KIND_KO, UNIT_SLIP, slip_kind
from .suite import build_checks
from .units import unit_findings

if TYPE_CHECKING:
    from ..report import Report


def reconcile(report: Report) -> pd.DataFrame:
    """Return the findings of every check of a report (a DataFrame; schema ``Findings``).

    The same findings whichever way the report reads (``report.reading``): a table printed
    1,000× off its unit note (its record, ``report.table_units``) is one ``unit`` error, and
    every check reads it in its likely unit. Errors are printed figures that cannot be right;
    each is attributed to the one figure that explains it where the evidence allows, with the
    most likely correct value.
    """
    sheet = Sheet(report.in_likely_units())
    checks, notes = build_checks(sheet)
    subject = report.subject
    findings = unit_findings(report.table_units, subject)
    attribution = Engine(sheet, checks).run()
    findings += _attributed(sheet, attribution)
    findings += _ambiguous(sheet, attribution)
    findings += [_check_finding(sheet, check) for check in attribution.unexplained]
    findings += _rounding(sheet, checks)
    findings += notes
    corrected = any(cell.table == "settlement_expenditure"
                    for h in attribution.accepted for cell in h.changes)
    findings += settlement_rate_definition(sheet, attribution.values.__getitem__, corrected)
    findings += _errata_notes(report)
    findings += _invisible_notes(report)
    findings += spent_over_committed(sheet.report)
    return to_frame(findings, subject)


# -- findings from the attribution ------------------------------------------------------------

def _severity(checks: list[Check]) -> str:
    return min((c.severity for c in checks), key=SEVERITY_ORDER.__getitem__, default=ERROR)


def _label(check: Check, english: bool = False) -> str:
    label = check.label_en if english else check.label_ko
    line = check.target.source_line
    return f"{label} ({'line ' if english else ''}{line}{'' if english else '행'})"


def _implied(sheet: Sheet, cell: CellId, checks: list[Check]) -> float | None:
    """Return the value the other printed figures imply for ``cell`` (None: none)."""
    ordered = sorted(checks, key=lambda c: isinstance(c, RateCheck))
    for check in ordered:
        if isinstance(check, RateCheck) and check.target == cell:
            return check.recomputed(sheet.value)
        value = check.solve(cell, sheet.value)
        if value is not None:
            return value
    return None


def _slip_text(sheet: Sheet, cell: CellId, suggestion: float) -> tuple[str, str]:
    kind = slip_kind(sheet.cells[cell], suggestion)
    if kind == UNIT_SLIP:
        larger = abs(sheet.value(cell)) > abs(suggestion)
        return ((f"{KIND_KO[kind]}: 1,000배 {'크게' if larger else '작게'} 인쇄됨"),
                (f"{KIND_EN[kind]}: printed 1,000 times too {'large' if larger else 'small'}"))
    return KIND_KO[kind], KIND_EN[kind]


def _attributed(sheet: Sheet, attribution: Attribution) -> list[Finding]:
    """Return one finding per corrected figure (its final value, every check it settles)."""
    by_cell: dict[CellId, list[Hypothesis]] = {}
    for hypothesis in attribution.accepted:
        for cell in hypothesis.changes:
            by_cell.setdefault(cell, []).append(hypothesis)
    return [_cell_finding(sheet, hypotheses, cell) for cell, hypotheses in by_cell.items()]


def _cell_finding(sheet: Sheet, hypotheses: list[Hypothesis], cell: CellId) -> Finding:
    info = sheet.cells[cell]
    suggestion = hypotheses[-1].changes[cell]
    hypothesis = hypotheses[0]
    fixed = [c for h in hypotheses for c in h.fixed]
    mine = [c for c in fixed if cell in c.cells()] or fixed
    expected = _implied(sheet, cell, mine)
    related = {c.source_line for check in mine for c in check.cells()} - {cell.source_line}
    slip_ko, slip_en = _slip_text(sheet, cell, suggestion)
    labels_ko = ", ".join(_label(c) for c in mine)
    labels_en = ", ".join(_label(c, True) for c in mine)
    carried_ko = carried_en = ""
    if cell != hypothesis.primary:
        origin = hypothesis.primary.source_line
        carried_ko = f" {origin}행의 같은 착오가 이 합계에 그대로 옮겨진 것으로 보임."
        carried_en = f" The slip on line {origin} was carried into this total."
    message = (f"{where(cell, sheet.report.subject)}: 인쇄값 {as_printed(info, info.value)}. "
               f"맞지 않는 검증: {labels_ko}. 정정 제안: {as_printed(info, suggestion)} "
               f"({slip_ko}) — 이 값이면 모든 검증이 맞음."
               f"{carried_ko}")
    message_en = (f"{where_en(cell)}: printed {as_printed(info, info.value, True)} does not fit "
                  f"{labels_en}. Likely {slip_en}: with {as_printed(info, suggestion, True)} every "
                  f"check holds.{carried_en}")
    return Finding(mine[0].family, _severity(mine), cell.table, cell.key, cell.column, message,
                   message_en, unit=info.unit, expected=expected, actual=info.value,
                   source_line=cell.source_line, related_lines=lines_text(related),
                   suggestion=suggestion, suggestion_kind=slip_kind(info, suggestion))


def _ambiguous(sheet: Sheet, attribution: Attribution) -> list[Finding]:
    """Return failures two figures explain equally well, naming the candidates."""
    findings = []
    for checks, rivals in attribution.ambiguous:
        options_ko = "; ".join(
            f"{h.primary.source_line}행 {h.primary.column} → "
            f"{as_printed(sheet.cells[h.primary], h.changes[h.primary])}" for h in rivals)
        options_en = "; ".join(
            f"line {h.primary.source_line} {h.primary.column} → "
            f"{as_printed(sheet.cells[h.primary], h.changes[h.primary], True)}" for h in rivals)
        for check in checks:
            finding = _check_finding(sheet, check,
                                     f". 어느 수치가 틀렸는지 특정할 수 없음; 후보: {options_ko}.",
                                     f". Which figure is wrong cannot be told; candidates: "
                                     f"{options_en}.")
            finding.related_lines = lines_text({h.primary.source_line for h in rivals})
            findings.append(finding)
    return findings


def _check_finding(sheet: Sheet, check: Check,
                   why_ko: str = ". 한 수치의 정정으로 설명되지 않음.",
                   why_en: str = ". No single corrected figure explains it.",
                   severity: str | None = None) -> Finding:
    """Return a check that does not hold as it stands, at the figure the check is printed as:
    the printed and the computed value, then ``why`` (its punctuation first); ``severity``
    the check's own unless given."""
    target = sheet.cells[check.target]
    expected = check.expected(sheet.value)
    actual = target.value
    related = {c.source_line for c in check.cells()} - {check.target.source_line}
    shown = as_printed(target, expected) if expected is not None else "계산 불가"
    shown_en = as_printed(target, expected, True) if expected is not None else "undefined"
    message = (f"{where(check.target, sheet.report.subject)}: 인쇄값 "
               f"{as_printed(target, actual)}, "
               f"계산값 {shown} [{_label(check)}]{why_ko}")
    message_en = (f"{where_en(check.target)}: printed {as_printed(target, actual, True)}, "
                  f"{_label(check, True)} gives {shown_en}{why_en}")
    return Finding(check.family, severity or check.severity, check.target.table, check.target.key,
                   check.target.column, message, message_en, unit=target.unit,
                   expected=expected, actual=actual,
                   source_line=check.target.source_line, related_lines=lines_text(related))


def _rounding(sheet: Sheet, checks: list[Check]) -> list[Finding]:
    """Return an info finding for every check off by no more than rounding allows.

    Two checks of one printed figure that imply the same value (총계 = Σ 부서 and
    총계 = Σ 소계) give one finding naming the lines of both.
    """
    findings: list[Finding] = []
    by_claim: dict[tuple[CellId, float], Finding] = {}
    for check in checks:
        if check.state(sheet.value) != ROUNDING:
            continue
        target = sheet.cells[check.target]
        expected = check.expected(sheet.value)
        if expected is None:
            continue
        related = {c.source_line for c in check.cells()} - {check.target.source_line}
        claim = (check.target, round(expected, 6))
        if claim in by_claim:
            seen = by_claim[claim]
            seen.related_lines = lines_text(
                related | {int(n) for n in seen.related_lines.split(", ") if n})
            continue
        difference = target.value - expected
        finding = _check_finding(sheet, check, f", 차이 {as_printed(target, difference)}: "
                                 "반올림 범위 안(오류 아님).",
                                 f"; the difference {as_printed(target, difference, True)} is "
                                 "within rounding.", INFO)
        by_claim[claim] = finding
        findings.append(finding)
    return findings


def _errata_notes(report: Report) -> list[Finding]:
    """Return an info finding for every correction the errata ledger made to the report."""
    findings = []
    for row in report.corrections.to_dict("records"):
        printed = correction_figure(row, "printed")
        corrected = correction_figure(row, "corrected")
        message = (f"분석 정정 목록에 따라 정정함: 인쇄값 {row['printed_text']} → "
                   f"{row['corrected_text']}. "
                   f"사유: {row['reason']}")
        message_en = (f"Corrected by the errata ledger: printed {row['printed_text']} → "
                      f"{row['corrected_text']}. Reason: {row['reason']}")
        findings.append(Finding("errata", INFO, row["table"], row["key"], row["column"],
                                message, message_en, unit=row["unit"], expected=corrected,
                                actual=printed,
                                source_line=int(row["source_line"]),
                                suggestion=corrected, suggestion_kind=""))
    return findings


def _invisible_notes(report: Report) -> list[Finding]:
    """Return a warning finding for every line whose invisible format characters (bidi
    controls, zero-width spaces …) were removed on read: they could reorder figures on a
    page or make two names that look the same differ."""
    return [Finding("text", WARNING, "", "", "",
                    f"원문 {line}행의 보이지 않는 서식 문자({names})를 지우고 읽음.",
                    f"Invisible format character(s) {names} on line {line} removed on read.",
                    source_line=line, section="원문")
            for line, names in report.invisible]

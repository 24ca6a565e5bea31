"""A notebook's parameters and data: checks its parameters, loads its snapshot (the one place a
notebook reads data), narrows tables to a department, and reads the snapshots up to its own
(``history_tables``) for the trends notebook."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .. import plotting
from ..departments import ALL, for_department
from ..metrics.printed import Rates, TotalRow, scope_key, total_row
from ..params import Parameters, check_parameters
from ..processed import load_snapshot
from ..report import Report
from ..snapshot_history import Rename, department_renamer, history_tables, same_name
from ..subject import Subject
from .escape import md_text
from .findings import corrections_for, findings_for
from .html import TABLE_MONEY_UNIT


@dataclass
class Context:
    """A notebook's validated parameters and the loaded Report, narrowed to a department;
    ``setup`` hands it in its likely units (``report.in_likely_units()``: a table printed
    1,000× off its unit note in the unit its record names, as every page shows it)."""

    params: Parameters
    report: Report
    processed_dir: Path | None = None

    @property
    def as_of(self) -> date:
        """Return the snapshot's as-of date."""
        return self.params.as_of

    @property
    def department(self) -> str | None:
        """Return the canonical department the notebook is narrowed to, or None for all."""
        return self.params.department

    @property
    def scope(self) -> str:
        """Return the Korean name of what the notebook covers ('<bureau> 전체' or a
        department)."""
        return self.department or self.subject.whole_bureau

    @property
    def departments(self) -> tuple[str, ...]:
        """Return the departments in scope, in report order (the snapshot's own)."""
        return (self.department,) if self.department else self.report.departments

    @property
    def subject(self) -> Subject:
        """Return what the report is about: its bureau and the years its pages name
        (``fiscal_year``, ``previous_year``, ``settlement_year``)."""
        return self.report.subject

    @property
    def catalog_values(self) -> dict[str, object]:
        """Return what the catalog's placeholders stand for in this report: its years and
        ``projects``, the number of key projects it lists."""
        return {**self.subject.years(), "projects": len(self.report.projects)}

    def has(self, *tables: str) -> bool:
        """Return True if the report prints every one of ``tables`` (none of them is in a
        section the report lacks: the page says so instead of showing figures)."""
        return not set(tables) & set(self.report.missing_tables)

    def table(self, name: str) -> pd.DataFrame:
        """Return a copy of table ``name``, narrowed to the department when one is chosen and
        the table has a ``department`` column (revenue tables cover the whole bureau)."""
        return for_department(self.report.tables()[name], self.department,
                              self.report.departments)

    def unit_phrase(self, table: str) -> str:
        """Return, as Markdown, the unit the page's tables show ``table``'s money in: '원문
        단위인 **천원**', or '**천원**(원문은 백만원)' for a report printing it in another
        unit (the unit record, as the page reads the table); units escaped (safe Markdown)."""
        record = self.report.table_units.get(table)
        printed = record.read(self.report.reading) if record is not None else ""
        if printed in ("", TABLE_MONEY_UNIT):
            return f"원문 단위인 **{md_text(TABLE_MONEY_UNIT)}**"
        return f"**{md_text(TABLE_MONEY_UNIT)}**(원문은 {md_text(printed)})"

    def correction_note(self, *tables: str) -> str:
        """Return a note for a table whose figures include errata corrections ('' if none)."""
        fixed = self.corrections_to(tables)
        if not len(fixed):
            return ""
        return (f"※ 원문에 잘못 인쇄된 수치 {len(fixed)}개를 분석 정정 목록에 따라 고쳐 "
                "반영했습니다. "
                "원문 값과 정정 값은 이 보고서 끝의 데이터 검증 결과에 있습니다.")

    def total(self, table: str, items: pd.DataFrame, columns: Sequence[str],
              rates: Rates | None = None, differences: Rates | None = None,
              key: str | None = None) -> TotalRow:
        """Return the 계 row of ``table`` for this scope (the department's printed subtotal
        when narrowed to one; ``key`` names another) over the line ``items`` (see
        :func:`seoul_budget.metrics.printed.total_row`)."""
        return total_row(self.report.printed_totals, table, items, columns,
                         key=key or scope_key(self.department), corrections=self.corrections,
                         rates=rates, differences=differences)

    @property
    def findings(self) -> pd.DataFrame:
        """Return the report's reconciliation findings (computed once per Report)."""
        return self.report.findings.reset_index(drop=True)

    @property
    def rename(self) -> Rename:
        """Return the function giving a department's current name from its name in a
        snapshot (the reorganisation map; see ``snapshot_history.department_renamer``)."""
        return department_renamer(self.params.data_dir, self.as_of)

    def history_tables(self, *tables: str, renamed: bool = True) -> dict[str, pd.DataFrame]:
        """Return {table: history} over the snapshots up to and including this one
        (:func:`seoul_budget.history`: ``as_of`` first), read from fresh processed tables
        where there are some. ``renamed``: departments under their current names and, when
        one is chosen, narrowed to it; else every name as each snapshot prints it. A table
        printed 1,000× off its unit note is read in its likely unit, as on every page."""
        frames = history_tables(tables, self.params.data_dir, processed_dir=self.processed_dir,
                                until=self.as_of, rename=self.rename if renamed else same_name,
                                likely_units=True)
        if renamed:
            frames = {name: for_department(frame, self.department, self.report.departments)
                      for name, frame in frames.items()}
        return frames

    @property
    def corrections(self) -> pd.DataFrame:
        """Return the errata applied to the report (printed vs corrected), possibly empty."""
        return self.report.corrections.reset_index(drop=True)

    def findings_about(self, tables: Sequence[str] | None = None) -> pd.DataFrame:
        """Return the findings about ``tables`` (all when None) in this page's scope, most
        severe first (:func:`.findings.findings_for`; a key project is its department's)."""
        return findings_for(self.findings, tables, self.department, self.report.tables())

    def corrections_to(self, tables: Sequence[str] | None = None) -> pd.DataFrame:
        """Return the corrections to ``tables`` (all when None) in this page's scope."""
        return corrections_for(self.corrections, tables, self.department, self.report.tables())


def setup(as_of: str | date | None = "", data_dir: str | Path | None = "",
          department: str | None = ALL, processed_dir: str | Path | None = "") -> Context:
    """Check a notebook's parameters, load its snapshot and apply display defaults.

    ``as_of`` '' means the newest snapshot; ``data_dir`` '' the project's ``data/raw``;
    ``department`` 'all' the whole bureau, else any spelling of one of the report's departments;
    ``processed_dir`` '' parses the report text, a folder reads its fresh processed tables
    (:func:`seoul_budget.processed.load_snapshot` decides what is fresh): the one place
    notebooks read data. Raises ParameterError naming the bad value and the valid choices.
    """
    params = check_parameters(as_of or None, data_dir or None, department)
    display_defaults()
    # a table printed 1,000× off its unit note (the report's unit record) is shown in its
    # likely unit, under a warning (display.unit_warnings), rather than as a 99.9 % fall
    report = load_snapshot(params.as_of, params.data_dir, processed_dir or None)
    return Context(params=params, report=report.in_likely_units(),
                   processed_dir=Path(processed_dir) if processed_dir else None)


def display_defaults() -> None:
    """Apply pandas display options and the chart style used by every notebook. A frame shown
    as it is escapes its text as HTML (a Styler too) and offers no '$…$' to MathJax."""
    pd.set_option("styler.format.escape", "html")
    pd.set_option("display.html.use_mathjax", False)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 160)
    plotting.use_style()

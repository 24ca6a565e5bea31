"""Each row traces back to its line; nothing printed is left behind; no personal data leaks."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest
from damage import write_report

from seoul_budget.coverage import coverage_report
from seoul_budget.derived import DERIVED  # computed from a row's figures, not printed
from seoul_budget.errors import ReportParseError
from seoul_budget.parse.numbers import numeric_tokens, parse_decimal
from seoul_budget.parse.project_figures import UNITS
from seoul_budget.schemas import column_unit

# Source unit of each table's money (KRW per printed unit).
MONEY_UNIT = {"revenue": 1_000, "revenue_summary": 1_000, "expenditure": 1_000,
              "expenditure_summary": 1_000, "settlement_revenue": 1_000_000,
              "settlement_expenditure": 1_000_000, "projects": 1_000_000}
TOTALS_UNIT = {"staffing": 1, "staffing_by_category": 1, **MONEY_UNIT}


def printed_numbers(text: str) -> set[Decimal]:
    """Absolute values of every number printed on a raw line (prose such as '2,5~8호선'
    holds tokens that are no numbers: left out)."""
    found = set()
    for token in numeric_tokens(text):
        try:
            found.add(abs(parse_decimal(token.lstrip("+"))))
        except ValueError:
            continue
    return found


def figures_of(table: str, row: pd.Series) -> list[Decimal]:
    """The non-zero figures of a row, in the unit the source prints them."""
    if table == "printed_totals":
        if pd.notna(row.rate_printed):
            return [abs(Decimal(str(row.rate_printed)))]
        unit = TOTALS_UNIT[row.table] if row.unit == "KRW" else 1
        return [abs(Decimal(int(row.value)) / unit)] if row.value else []
    figures = []
    for column, value in row.items():
        if column in ("source_line", "heading_line", "number", "duty_number", "project",
                      "fiscal_year", *DERIVED.get(table, ())) \
                or isinstance(value, (str, bool)) or pd.isna(value) or value == 0:
            continue
        unit = MONEY_UNIT[table] if column_unit(table, column) == "KRW" else 1
        figures.append(abs(Decimal(str(value)) / unit))
    return figures


def test_every_row_points_at_the_line_holding_its_figures(report, report_lines):
    checked = 0
    for table, frame in report.tables().items():
        for _, row in frame.iterrows():
            text = report_lines[int(row.source_line) - 1]
            if table == "duties":
                assert row.duty.replace(" ", "") in text.replace(" ", ""), (table, row)
                continue
            if table == "project_metrics":
                scale = UNITS[row.printed_unit][1]  # 천원 → 원 × 1,000; 만명 → 명 × 10,000
                assert Decimal(str(row.value)) / scale in printed_numbers(text), \
                    (row.metric, row.source_line)
                continue
            numbers = printed_numbers(text)
            for figure in figures_of(table, row):
                assert figure in numbers, (table, dict(row), text)
                checked += 1
    assert checked > 1_000  # every money, count and rate cell was looked at


def test_coverage_no_table_figure_left_behind(report_path):
    result = coverage_report(report_path)
    assert result.complete, [s.missing for s in result.sections]
    assert result.landed == result.printed > 1_000


def test_coverage_names_a_figure_a_parser_dropped(report_path, report, monkeypatch):
    """Coverage can fail: drop one program from the tables and it names that line."""
    tables = report.tables()
    dropped = tables["expenditure"][tables["expenditure"].source_line != 503]
    fake = type(report)(report.path, report.as_of, {**tables, "expenditure": dropped})
    result = coverage_report(report_path, report=fake)
    missing = [m for s in result.sections for m in s.missing]
    assert {line for line, _, _ in missing} == {503}
    assert len(missing) == 5  # 서울 서베이: budget, committed, spent and two rates


def test_coverage_is_not_complete_with_a_row_it_cannot_read(tmp_path, report_lines):
    """A row whose cells are separated by spaces (line 505) holds figures no table has: the
    check names the line rather than count the figures it saw."""
    lines = list(report_lines)
    lines[504] = lines[504].replace("\t", "   ")
    path = write_report(tmp_path / "2023-05-31", "\n".join(lines))
    with pytest.raises(ReportParseError, match="separated by spaces, not tabs") as caught:
        coverage_report(path)
    assert caught.value.line == 505


def officials(report_lines: list[str]) -> set[str]:
    """Names printed on the key projects' contact lines ('… : 오경희 ☎2133-2910 …')."""
    names = set()
    for line in report_lines:
        if "☎" in line:
            names.update(re.findall(r":\s*([가-힣]{2,4})\s*☎", line))
    return names


def test_no_personal_data_in_any_table(report, report_lines):
    names = officials(report_lines)
    assert len(names) >= 20  # 8 projects x 3 officials (some repeat)
    for table, frame in report.tables().items():
        text = frame.astype(str).to_csv(index=False)
        assert "☎" not in text, table
        assert not re.search(r"\d{4}-\d{4}", text), table  # phone numbers
        for name in names:
            assert name not in text, (table, name)


@pytest.mark.parametrize("column", ["committed", "spent"])
def test_line_item_sums_mismatch_only_where_line_580_is_misprinted(report, column):
    """Sums equal printed totals within rounding, except the totals over line 580.

    Line 580 (서울기록원 기본경비) prints 30,048,210 and 30,080,360 천원; the department's
    printed subtotal implies 30,048 and 30,081. The parser keeps what is printed; the
    mismatch is reconciliation's to report.
    """
    expenditure = report.expenditure
    totals = report.printed_totals
    mine = totals[(totals.table == "expenditure") & (totals.column == column)]
    mismatched = []
    for _, total in mine.iterrows():
        parts = total.key.split(" > ")
        rows = expenditure if total.key == "계" else expenditure[
            (expenditure.department == parts[0])
            & ((expenditure.account == parts[1]) if len(parts) > 1 else True)]
        if abs(rows[column].sum() - total.value) > len(rows) * 1_000:
            mismatched.append(total.source_line)
    assert mismatched == [484, 574, 575]
    implied = {"committed": 3_143_568 - (1_348_543 + 660_745 + 840_925 + 263_307),
               "spent": 1_662_442 - (730_536 + 270_949 + 529_263 + 101_613)}
    assert implied == {"committed": 30_048, "spent": 30_081}
    fixed = expenditure[column].where(expenditure.source_line != 580, implied[column] * 1_000)
    grand = mine[mine.key == "계"].value.iloc[0]
    assert abs(fixed.sum() - grand) <= len(expenditure) * 1_000

"""seoul_budget.reconciliation.cross: one figure printed in two tables of different units
agrees within what the coarser rounding allows. Figures made up, tolerances worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from sheets import sheet_of

from seoul_budget.reconciliation.cells import CellId
from seoul_budget.reconciliation.checks import FAIL, OK, ROUNDING
from seoul_budget.reconciliation.cross import same_figure


def sheet(settled_millions: int):
    """A 세출결산 row in 백만원 and an 세출 총괄 row in 천원 for the same department."""
    summary = pd.DataFrame({
        "department": ["가"], "account": ["일반회계"], "budget": [18_321_456_000],
        "previous_budget": [0], "change_printed": [18_321_456_000],
        "change_rate_printed": [None], "committed": [0], "execution_rate_printed": [0.0],
        "fiscal_year": [2023], "source_line": [10]}).astype({"change_rate_printed": "Float64"})
    settlement = pd.DataFrame({
        "department": ["가"], "account": ["일반회계"], "budget": [settled_millions * 1_000_000],
        "spent": [0], "carried_over": [0], "subsidy_returned": [0],
        "unspent": [settled_millions * 1_000_000], "unspent_rate": [100.0],
        "execution_rate_printed": [0.0], "fiscal_year": [2022], "source_line": [20]})
    return sheet_of(expenditure_summary=summary, settlement_expenditure=settlement)


TARGET = CellId("settlement_expenditure", "가 > 일반회계", "budget", 20)
OTHER = CellId("expenditure_summary", "가 > 일반회계", "budget", 10)


@pytest.mark.parametrize(("millions", "state"), [
    (18_321, OK),  # 456,000 KRW apart: within half a 백만원 + half a 천원 (500,500)
    (18_322, ROUNDING),  # 544,000 apart: within a 백만원 + half a 천원 (1,000,500)
    (18_323, FAIL),  # 1,544,000 apart
])
def test_the_same_figure_in_two_units_agrees_within_the_coarser_rounding(millions, state):
    cells = sheet(millions)
    assert TARGET in cells.cells and OTHER in cells.cells
    check = same_figure(cells, "budget", TARGET, [OTHER], "같은 예산", "same budget")
    assert (check.exact_tol, check.tol) == (500_500, 1_000_500)
    assert check.state(cells.value) == state


# -- the settlement or a department printed otherwise, in generated reports ------------------

def _load(tmp_path, text: str):
    import generate as g

    import seoul_budget as sb

    return sb.load_report(g.write_snapshot(tmp_path / "raw", text), errata=None)


def _flagged(report) -> pd.DataFrame:
    return report.findings[report.findings["severity"].isin(["error", "warning"])]


def test_a_staffed_department_no_budget_table_names_is_a_warning_at_its_staffing_line(
        tmp_path):
    """Read as a department with no budget, but named to a reader: a misspelt name in one of
    the tables would look the same."""
    import generate as g

    base = g.other_bureau(g.bundled(), 5, seed=1)
    name = base.departments[-1].name
    text = g.render(g.unbudgeted_department(base, name))
    line = next(n for n, printed in enumerate(text.split("\n"), 1)
                if printed.startswith(name + "\t"))  # its 인력 현황 row
    flagged = _flagged(_load(tmp_path, text))
    assert [(f.check, f.severity, f.table, f.key, f.column, f.source_line)
            for f in flagged.itertuples()] == [
        ("cross_table", "warning", "staffing", name, "department", line)]
    assert flagged["message"].iloc[0].startswith(
        f"인력 현황의 '{name}'({line}행)은 세출 총괄과 세출예산 집행현황에 행이 없음")


def test_a_settlement_of_its_total_alone_is_compared_with_nothing_it_lacks(tmp_path):
    """세출결산 printing its 총계 alone: no department is said to be missing from it, and
    nothing is flagged (the full report's department notes, 'settlement: none', are gone)."""
    import generate as g

    model = g.other_bureau(g.bundled(), 5, seed=1)
    full = _load(tmp_path / "full", g.render(model)).findings
    alone = _load(tmp_path / "alone", g.total_only_settlement(g.render(model)))
    # the full report compares each department's two budgets of the year before
    departments = {d.name for d in model.departments}
    assert any(str(k).split(" > ")[0] in departments
               for k in full.loc[full["table"] == "settlement_expenditure", "key"])
    assert _flagged(alone).empty
    settled = alone.findings[alone.findings["table"] == "settlement_expenditure"]
    assert set(settled["key"]) <= {"계", "집행률 (F)"}

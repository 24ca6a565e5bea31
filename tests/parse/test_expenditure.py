"""seoul_budget/parse/expenditure.py: which departments of 인력 현황 the budget tables (세출
총괄, 세출예산 집행현황) must list. A department staffed but in neither has no budget (a new
unit, a 사업소 budgeted elsewhere) and is read; one in a table and not the other is the report
contradicting itself, an error. Reports are made by the generator (tests/generate.py)."""

from __future__ import annotations

from pathlib import Path

import generate as g
import pandas as pd
import pytest
from report_template import section_bounds
from variants import key

import seoul_budget as sb


@pytest.fixture(scope="module")
def model() -> g.Report:
    """Another bureau of five departments, the last of them staffed but in no budget table
    (no account: no row in 세출 총괄, 집행현황 or 세출결산; its key projects 비예산)."""
    base = g.other_bureau(g.bundled(), 5, seed=1)
    return g.unbudgeted_department(base, base.departments[-1].name)


def unbudgeted(model: g.Report) -> g.Department:
    return model.departments[-1]


def load(folder: Path, text: str) -> sb.Report:
    return sb.load_report(g.write_snapshot(folder, text), errata=None)


def staffing_line(lines: list[str], name: str) -> int:
    """Return the number of the 인력 현황 line that lists ``name`` (the first naming it)."""
    return next(n for n, line in enumerate(lines, 1) if line.startswith(name + "\t"))


def test_a_staffed_department_in_no_budget_table_is_read_with_its_staff(model, tmp_path):
    """A reader would see the whole report refused ('a department of the report has no row
    in this table') for one department with staff and no budget."""
    name = unbudgeted(model).name
    lines = g.render(model).split("\n")
    bounds = section_bounds(lines)
    for section in ("expenditure_summary", "expenditure", "settlement_expenditure"):
        start, end = bounds[section]
        assert not any(key(name) in key(line) for line in lines[start:end]), section
    report = load(tmp_path / "raw", "\n".join(lines))
    assert report.departments == tuple(d.name for d in model.departments)
    staffing = report.staffing.set_index("department")
    assert (staffing.loc[name, "authorized"], staffing.loc[name, "current"]) == (
        unbudgeted(model).authorized, unbudgeted(model).current)
    tables = report.tables()
    for table in ("expenditure", "expenditure_summary", "settlement_expenditure"):
        assert name not in set(tables[table]["department"]), table
        expected = pd.DataFrame(g.expected_tables(model)[table])
        assert len(tables[table]) == len(expected), table  # every other row read


def test_a_department_in_one_budget_table_only_is_still_an_error(model, tmp_path):
    """세출 총괄 printing the department (a row of zeros) and 집행현황 not: the report
    contradicts itself, refused at 집행현황's first row, naming the staffing line."""
    name = unbudgeted(model).name
    lines = g.render(model).split("\n")
    start, end = section_bounds(lines)["expenditure_summary"]
    last = max(i for i in range(start, end) if "\t" in lines[i])
    lines.insert(last + 1, f"{name}\t0\t0\t-\t순증\t0\t순증")
    start, end = section_bounds(lines)["expenditure"]
    first = next(i for i in range(start, end) if lines[i].startswith(f"\t{model.bureau}\t"))
    with pytest.raises(sb.ReportParseError) as caught:
        load(tmp_path / "raw", "\n".join(lines))
    assert (caught.value.section, caught.value.line) == ("세출예산 집행현황", first + 1)
    assert caught.value.found == (f"no row for {name} (인력 현황 line "
                                  f"{staffing_line(lines, name)})")
    assert "truncated" not in str(caught.value)

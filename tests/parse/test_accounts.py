"""Accounts (회계) placed by structure (issue 21): any account a report prints stands between a
department and its programs, its rows adding up to the department — whatever it is called.
Reports are made by the generator (tests/generate.py) or edited from the bundled one."""

from __future__ import annotations

from pathlib import Path

import generate as g
import pandas as pd
import pytest
from damage import report_lines, write_report
from variants import key

import seoul_budget as sb

EXECUTION = ["department", "account", "program", "budget", "committed", "spent"]


@pytest.fixture(scope="module")
def model() -> g.Report:
    """Another bureau of five departments: two of them hold a special account besides
    일반회계 (their 세출 총괄 rows are split by account)."""
    return g.other_bureau(g.bundled(), 5, seed=1)


def holder(model: g.Report) -> tuple[g.Department, g.Account]:
    """Return a department holding a special account, and that account."""
    return next((d, a) for d in model.departments for a in d.accounts if a.name != "일반회계")


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    return sorted((tuple(key(v) if isinstance(v, str) else int(v) for v in row)
                   for row in frame[columns].itertuples(index=False)), key=repr)


def load(folder: Path, text: str) -> sb.Report:
    return sb.load_report(g.write_snapshot(folder, text), errata=None)


def test_an_account_only_the_execution_table_splits_is_read_as_an_account(model, tmp_path):
    """세출 총괄 prints the department on one row; 집행현황 splits it into 일반회계 and its
    special account: the special account's programs stay under it, nothing is counted twice,
    and the summary's department row is checked against the execution table's (the sum of
    its accounts)."""
    department, account = holder(model)
    text = g.render(model).split("\n")
    summary = text.index("● 세출 총괄")
    start = next(i for i, line in enumerate(text)
                 if i > summary and line.startswith(department.name + "\t"))
    # the department's account rows in 세출 총괄 follow its row: drop them
    assert [line.split("\t")[0] for line in text[start + 1:start + 3]] == [
        "일반회계", account.name]
    del text[start + 1:start + 3]
    report = load(tmp_path / "raw", "\n".join(text))
    expected = pd.DataFrame(g.expected_tables(model)["expenditure"])
    assert rows(report.expenditure, EXECUTION) == rows(expected, EXECUTION)
    programs = report.expenditure[report.expenditure.account == account.name]
    assert sorted(key(p) for p in programs.program) == sorted(key(p.name)
                                                              for p in account.programs)
    summary = report.expenditure_summary
    assert summary[summary.department == department.name].account.tolist() == ["일반회계"]
    assert int(summary[summary.department == department.name].budget.iloc[0]) == \
        1000 * department.budget
    findings = report.findings
    flagged = findings[findings.severity.isin(["error", "warning"])
                       & findings.table.isin(["expenditure", "expenditure_summary"])]
    assert flagged.empty, flagged[["key", "message"]].to_string()


def test_an_account_not_named_like_one_is_placed_by_its_figures(model, tmp_path):
    """An account called '…기금' (no 회계 in its name) in both tables: read as the account it
    stands as, its programs under it."""
    department, account = holder(model)
    fund = account.name.replace("특별회계", "기금")
    text = g.render(model).replace(account.name, fund).replace(
        g.spaced(account.name), g.spaced(fund))
    report = load(tmp_path / "raw", text)
    programs = report.expenditure[report.expenditure.department == department.name]
    assert sorted(set(programs.account)) == sorted(["일반회계", fund])
    assert len(programs[programs.account == fund]) == len(account.programs)
    summary = report.expenditure_summary
    assert set(summary[summary.department == department.name].account) == {"일반회계", fund}


def test_an_account_where_a_department_stands_names_what_it_could_be(tmp_path):
    """세출 총괄 line 91 prints 빅데이터관 on one row (one account); a '교통사업특별회계' row
    after it cannot be its account (the department adds up without it) and names no
    department: the error says so at its line."""
    lines = report_lines()
    assert lines[90].startswith("빅데이터관\t17,248,450\t")
    lines.insert(91, "교통사업특별회계\t1,000\t1,000\t-\t0.0%\t0\t0.0%")
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(write_report(tmp_path / "2023-05-31", "\n".join(lines)), errata=None)
    error = caught.value
    assert (error.line, error.found) == (92, "교통사업특별회계")
    assert ("'교통사업특별회계' stands where an account or a department stands; it is not a "
            "department of 인력 현황") in str(error)
    assert "빅데이터담당관 (line 26)" in error.expected

"""``seoul_budget.report``: the errata ledger behaves the same on every route — a row dated
for no snapshot is an ErrataError naming its ledger line in ``load_report`` and ``history``,
and exit 2 naming it in ``check``, ``parse`` and ``build`` (three months of
``tests/monthly.py``, the ledger's first row re-dated by hand to 2023-06-29)."""

from __future__ import annotations

import shutil

import pytest

import seoul_budget as sb
from seoul_budget.cli import main
from seoul_budget.errors import ErrataError


@pytest.fixture()
def mistyped(months_raw, tmp_path):
    """The three months with a ledger whose second row names 2023-06-29 (June's is 06-30)."""
    raw = tmp_path / "raw"
    shutil.copytree(months_raw, raw)
    ledger = raw / "errata.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert ",2023-05-31,,," in lines[1]
    lines[1] = lines[1].replace(",2023-05-31,,,", ",2023-06-29,,,")
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def test_a_ledger_row_dated_for_no_snapshot_fails_every_python_route(mistyped):
    for route in (lambda: sb.load_report(as_of="2023-05-31", data_dir=mistyped),
                  lambda: sb.load_report(mistyped / "2023-07-31" / "report.txt"),
                  lambda: sb.history("expenditure", mistyped)):
        with pytest.raises(ErrataError, match="2023-06-29 is not the date of a snapshot; "
                           "snapshots: 2023-05-31, 2023-06-30, 2023-07-31") as caught:
            route()
        assert caught.value.line == 2 and caught.value.path.endswith("errata.csv")


def test_a_ledger_row_dated_for_no_snapshot_fails_every_command(mistyped, tmp_path, capsys):
    for argv in (["check", "--data-dir", str(mistyped)],
                 ["parse", "--data-dir", str(mistyped), "--out", str(tmp_path / "p")],
                 ["build", "--data-dir", str(mistyped), "--reports-dir", str(tmp_path / "r"),
                  "--processed-dir", str(tmp_path / "bp")]):
        capsys.readouterr()
        assert main(argv) == 2, argv
        assert "errata.csv:2" in capsys.readouterr().err, argv

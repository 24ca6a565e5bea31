"""A stop asked for by a signal wins over whatever exception it surfaced as."""

from __future__ import annotations

import signal

import pytest

from seoul_budget import cli, stopping


def test_a_signal_that_surfaces_as_another_error_is_reported_as_the_stop(monkeypatch, capsys):
    def interrupted_import(args):
        # what pandas' C extension does when Ctrl-C lands in its import
        stopping.request(signal.SIGINT)
        raise ImportError("pd_parser.c could not import module pandas")

    monkeypatch.setitem(cli.COMMANDS, "check", interrupted_import)
    assert cli.main(["check"]) == 128 + signal.SIGINT
    assert capsys.readouterr().err.splitlines()[-1] == "seoul-budget: interrupted"


def test_without_a_stop_the_error_is_not_hidden(monkeypatch):
    def broken(args):
        raise ImportError("a real import error")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    with pytest.raises(ImportError, match="a real import error"):
        cli.main(["check"])

"""A stop asked for by a signal wins over whatever exception it surfaced as."""

from __future__ import annotations

import importlib
import inspect
import signal
import sys
import threading
import time

import pytest

from seoul_budget import cli, stopping

# The tests below send SIGINT to this process: only the main thread installs the command's
# handlers, so elsewhere the signal would stop the test run itself.
in_main_thread = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                    reason="signal handlers need the main thread")


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


SIGNALLED = "signalled_module"


def check_importing_a_signal(monkeypatch, tmp_path, command, rest_of_module: str = "") -> int:
    """Return the exit status of ``seoul-budget check`` run as ``command(module)``: the
    command first imports ``module``, whose body sends this process SIGINT and then runs
    ``rest_of_module``."""
    (tmp_path / f"{SIGNALLED}.py").write_text(
        "import os, signal\n"
        "os.kill(os.getpid(), signal.SIGINT)\n" + rest_of_module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(cli.COMMANDS, "check",
                        lambda args: command(importlib.import_module(SIGNALLED)))
    try:
        return cli.main(["check"])
    finally:
        sys.modules.pop(SIGNALLED, None)


@in_main_thread
def test_a_stop_inside_an_import_is_raised_once_the_import_is_done(monkeypatch, tmp_path,
                                                                    capsys):
    # Ctrl-C while a module is being imported: raised there, it could land inside the import
    # lock's callback and leave the lock held (every later import hangs). The import must end
    # first, then the command stops.
    seen = {}

    def works(module):
        seen["finished"] = module.FINISHED
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the stop must come here, outside the import
            time.sleep(0.01)
        return 0

    status = check_importing_a_signal(
        monkeypatch, tmp_path, works,
        "STEPS = sum(range(100_000))  # after the signal, still inside the import\n"
        "FINISHED = True\n")
    assert status == 128 + signal.SIGINT
    assert seen == {"finished": True}
    assert capsys.readouterr().err.splitlines()[-1] == "seoul-budget: interrupted"


def test_a_frame_knows_whether_it_runs_inside_an_import(monkeypatch, tmp_path):
    (tmp_path / "framed_module.py").write_text(
        "import inspect\n"
        "from seoul_budget import stopping\n"
        "IN_IMPORT = stopping.in_import(inspect.currentframe())\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        import framed_module
    finally:
        sys.modules.pop("framed_module", None)
    assert framed_module.IN_IMPORT is True
    assert stopping.in_import(inspect.currentframe()) is False


@in_main_thread
def test_without_a_retry_signal_a_stop_inside_an_import_is_raised_when_the_command_ends(
        monkeypatch, tmp_path, capsys):
    # Windows has no SIGALRM: the stop put off inside an import is still not lost.
    monkeypatch.setattr(stopping, "RETRY_SIGNAL", None)
    status = check_importing_a_signal(monkeypatch, tmp_path,
                                      lambda module: 0 if module.FINISHED else 1,
                                      "FINISHED = True\n")
    assert status == 128 + signal.SIGINT
    assert capsys.readouterr().err.splitlines()[-1] == "seoul-budget: interrupted"


@in_main_thread
def test_a_stop_raised_at_a_safe_point_is_not_raised_again_while_unwinding(monkeypatch,
                                                                          tmp_path):
    # The stop lands inside an import and is put off; the build's waiting loop raises it
    # first. The put-off retry must not raise it a second time inside the cleanup (a
    # ``finally`` stopping kernels), which would cut that cleanup short.
    cleaned = []

    def raises_at_a_safe_point(module):
        try:
            stopping.raise_if_requested()  # as the build's waiting loop does
        finally:
            time.sleep(4 * stopping.RETRY_S)  # the cleanup, longer than the retry's delay
            cleaned.append(True)
        return 0

    assert check_importing_a_signal(monkeypatch, tmp_path,
                                    raises_at_a_safe_point) == 128 + signal.SIGINT
    assert cleaned == [True]

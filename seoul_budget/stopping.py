"""A stop asked for by a signal (Ctrl-C, a scheduler's SIGTERM), remembered until seen.

The signal handlers raise at once, like Python's own Ctrl-C; but an exception raised while the
interpreter runs a callback (a weakref finaliser inside an import, say) is printed and dropped.
The request is therefore also remembered here, and the build's waiting loop raises it again
at a safe point (:func:`raise_if_requested`), so no signal is ever lost.

Inside Python's import machinery a handler does not raise (:func:`in_import`): an exception
that lands between the import lock's acquire and its ``try`` leaves the lock held, and every
later import, in any thread, then waits forever. The handler tries again a little later
(:func:`retry_later`, by SIGALRM; where there is none, Windows, a safe point raises it).
"""

from __future__ import annotations

import signal
from types import FrameType

# What Python's import machinery is, by the file name its frozen modules report.
IMPORT_MACHINERY = "<frozen importlib."
# The signal that delivers a stop again once an import is done, and how soon.
RETRY_SIGNAL = getattr(signal, "SIGALRM", None)
RETRY_S = 0.05


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so every ``finally`` runs (kernels stopped, their
    folders removed, temp files gone); not an Exception, so no job catches it."""


_requested: int | None = None


def request(signum: int) -> None:
    """Remember that signal ``signum`` asked the command to stop."""
    global _requested
    _requested = signum


def clear() -> None:
    """Forget a request (the command that saw it has ended)."""
    global _requested
    _requested = None


def raise_if_requested() -> None:
    """Raise KeyboardInterrupt (SIGINT) or :class:`Terminated` (SIGTERM) if a stop was asked."""
    if _requested is None:
        return
    retry_later(0)  # raised now: no retry may raise it again while the command unwinds
    if _requested == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(_requested)


def in_import(frame: FrameType | None) -> bool:
    """True when ``frame`` or any of its callers runs Python's import machinery (a module
    being imported, its locks, their weakref callbacks)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith(IMPORT_MACHINERY):
            return True
        frame = frame.f_back
    return False


def retry_later(seconds: float = RETRY_S) -> None:
    """Have :data:`RETRY_SIGNAL` call its handler after ``seconds`` (0 cancels that); where
    there is no such signal, do nothing (a safe point raises the stop)."""
    if RETRY_SIGNAL is not None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

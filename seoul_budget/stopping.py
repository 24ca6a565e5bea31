"""A stop asked for by a signal (Ctrl-C, a scheduler's SIGTERM), remembered until seen.

The signal handlers raise at once, like Python's own Ctrl-C; but an exception raised while the
interpreter runs a callback (a weakref finaliser inside an import, say) is printed and dropped.
The request is therefore also remembered here, and the build's waiting loop raises it again
at a safe point (:func:`raise_if_requested`), so no signal is ever lost.
"""

from __future__ import annotations

import signal


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
    if _requested == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(_requested)

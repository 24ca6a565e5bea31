"""Runs inside a warm kernel: remember the state after the warm-up imports, put it back
before each notebook.

A build reuses one kernel for many notebooks (its imports are paid once). Before each
notebook :func:`restore` puts back, through public calls only, everything a notebook can
change that outlives its namespace: the namespace and output history (IPython's reset), the
working folder, ``sys.path``, environment variables, warning filters and matplotlib settings
(each notebook runs inside ``warnings.catch_warnings()`` and ``matplotlib.rc_context()``,
entered here and left before the next one), open figures, pandas options (their defaults:
importing changes none), numpy's print options and the execution counter. Imported modules
stay loaded: the kernel imports the notebooks' modules before :func:`capture`
(:func:`seoul_budget.build.kernel.preimports`), so what a module does as it is imported is
part of the state every notebook starts from.

The objects alive after the warm-up are moved out of the garbage collector's sight
(``gc.freeze``), so the collection IPython's reset ends with only looks at what the last
notebook left.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import warnings
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Baseline:
    """The kernel's state right after the warm-up imports, and the contexts a notebook runs
    in (left, and entered again, between notebooks)."""

    path: list[str]
    environ: dict[str, str]
    numpy_printoptions: dict[str, Any] = field(default_factory=dict)
    contexts: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)


BASELINE: Baseline | None = None


def enter_contexts(stack: contextlib.ExitStack) -> None:
    """Enter the contexts that save warning filters and matplotlib settings until left."""
    stack.enter_context(warnings.catch_warnings())
    if "matplotlib" in sys.modules:
        stack.enter_context(sys.modules["matplotlib"].rc_context())


def capture() -> Baseline:
    """Remember the current state as the one every notebook starts from; return it."""
    global BASELINE
    numpy = sys.modules.get("numpy")
    BASELINE = Baseline(
        path=list(sys.path), environ=dict(os.environ),
        numpy_printoptions=numpy.get_printoptions() if numpy is not None else {})
    enter_contexts(BASELINE.contexts)
    gc.freeze()
    return BASELINE


def restore_environ(saved: dict[str, str]) -> None:
    """Make ``saved`` the process's environment variables again."""
    for key in [key for key in os.environ if key not in saved]:
        del os.environ[key]
    os.environ.update(saved)


def restore(cwd: str) -> None:
    """Wipe the namespace, put the kernel back into the captured state and make ``cwd`` the
    working folder. Raises RuntimeError if :func:`capture` never ran."""
    if BASELINE is None:
        raise RuntimeError("kernel_state.capture() was not called after the warm-up")
    from IPython import get_ipython

    shell = get_ipython()
    shell.reset(new_session=False)
    shell.execution_count = 1
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    BASELINE.contexts.close()  # warning filters and matplotlib settings as captured
    enter_contexts(BASELINE.contexts)
    sys.path[:] = BASELINE.path
    restore_environ(BASELINE.environ)
    if "pandas" in sys.modules:
        with warnings.catch_warnings():  # resetting a deprecated option warns that it is
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    if "numpy" in sys.modules and BASELINE.numpy_printoptions:
        sys.modules["numpy"].set_printoptions(**BASELINE.numpy_printoptions)
    os.chdir(cwd)

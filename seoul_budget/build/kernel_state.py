"""Runs inside a warm kernel: remember the state after the warm-up imports, restore it later.

A build reuses one kernel for many notebooks (its imports are paid once). Before each
notebook the user namespace is wiped (``%reset -f``) and :func:`restore` puts back everything
a notebook can change that outlives its namespace: working folder, ``sys.path``, environment
variables, warning filters (and the "already warned" registries), matplotlib settings and open
figures, the inline backend's settings, pandas and numpy display options, and the execution
counter. Every notebook therefore starts from the same state; imported modules stay loaded.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Baseline:
    """The kernel's state right after the warm-up imports."""

    path: list[str]
    environ: dict[str, str]
    warning_filters: list[Any]
    rc_params: dict[str, Any] | None = None
    pandas_options: dict[str, Any] = field(default_factory=dict)
    numpy_printoptions: dict[str, Any] | None = None
    inline_backend: dict[str, Any] = field(default_factory=dict)


_BASELINE: Baseline | None = None
_INLINE_TRAITS = ("figure_formats", "rc", "print_figure_kwargs", "close_figures")


def _pandas_options() -> dict[str, Any]:
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return {}
    try:
        from pandas._config.config import _registered_options
    except ImportError:  # pragma: no cover - a pandas without the registry
        return {}
    values = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key in _registered_options:
            try:
                values[key] = pandas.get_option(key)
            except Exception:  # noqa: BLE001 - deprecated or unreadable options are skipped
                continue
    return values


def _inline_backend() -> dict[str, Any]:
    if "matplotlib_inline.config" not in sys.modules:
        return {}
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    return {name: _copy(getattr(backend, name)) for name in _INLINE_TRAITS}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (list, set)):
        return type(value)(value)
    return value


def capture() -> Baseline:
    """Remember the current state as the baseline every notebook starts from; return it."""
    global _BASELINE
    matplotlib = sys.modules.get("matplotlib")
    numpy = sys.modules.get("numpy")
    _BASELINE = Baseline(
        path=list(sys.path),
        environ=dict(os.environ),
        warning_filters=list(warnings.filters),
        rc_params=dict(matplotlib.rcParams) if matplotlib is not None else None,
        pandas_options=_pandas_options(),
        numpy_printoptions=numpy.get_printoptions() if numpy is not None else None,
        inline_backend=_inline_backend(),
    )
    return _BASELINE


def _restore_environ(saved: dict[str, str]) -> None:
    for key in [k for k in os.environ if k not in saved]:
        del os.environ[key]
    for key, value in saved.items():
        if os.environ.get(key) != value:
            os.environ[key] = value


def _restore_warnings(saved: list[Any]) -> None:
    warnings.filters[:] = saved
    mutated = getattr(warnings, "_filters_mutated", None)
    if mutated is not None:
        mutated()
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()


def _restore_matplotlib(saved: dict[str, Any] | None) -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is None or saved is None:
        return
    rc = matplotlib.rcParams
    # dict.update skips validation (the values were valid when saved), as rc_context does.
    dict.update(rc, saved)


def _restore_pandas(saved: dict[str, Any]) -> None:
    pandas = sys.modules.get("pandas")
    if pandas is None or not saved:
        return
    current = _pandas_options()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, value in saved.items():
            if key in current and current[key] != value:
                try:
                    pandas.set_option(key, value)
                except Exception:  # noqa: BLE001 - an option pandas refuses to set back
                    continue


def _restore_inline(saved: dict[str, Any]) -> None:
    if not saved or "matplotlib_inline.config" not in sys.modules:
        return
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    for name, value in saved.items():
        setattr(backend, name, _copy(value))


def reset_namespace() -> None:
    """Wipe the user namespace and output history, as ``%reset -f`` does.

    IPython's reset ends with a full garbage collection (~0.1 s with pandas loaded); it is
    skipped here: the collector runs on its own when memory calls for it.
    """
    shell = _shell()
    if shell is None:
        return
    collect = gc.collect
    gc.collect = lambda generation=2: 0
    try:
        shell.reset(new_session=False)
    finally:
        gc.collect = collect


def restore(cwd: str) -> None:
    """Wipe the namespace, put the kernel back into the captured baseline and make ``cwd``
    the working folder. Raises RuntimeError if :func:`capture` never ran.
    """
    if _BASELINE is None:
        raise RuntimeError("kernel_state.capture() was not called after the warm-up")
    base = _BASELINE
    reset_namespace()
    sys.path[:] = base.path
    _restore_environ(base.environ)
    _restore_warnings(base.warning_filters)
    _restore_matplotlib(base.rc_params)
    _restore_inline(base.inline_backend)
    _restore_pandas(base.pandas_options)
    numpy = sys.modules.get("numpy")
    if numpy is not None and base.numpy_printoptions is not None:
        numpy.set_printoptions(**base.numpy_printoptions)
    os.chdir(cwd)
    shell = _shell()
    if shell is not None:
        shell.execution_count = 1


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - always present in a kernel
        return None
    return get_ipython()

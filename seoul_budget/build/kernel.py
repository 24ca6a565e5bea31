"""One warm kernel that runs many notebooks, one after another, each from the same clean state.

Starting a kernel and importing pandas, matplotlib and seaborn costs seconds; running a section
notebook often costs less. A :class:`WarmKernel` pays the start and the imports once, then
for every notebook wipes the namespace (``%reset -f``) and restores the baseline state
(:mod:`.kernel_state`) before papermill's client executes it (:mod:`.engine`). A kernel that
dies or times out is replaced by a fresh one. Papermill is not imported here: a kernel starts
without waiting for it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

KERNEL_NAME = "python3"
# A kernel's sockets and connection file live in one private folder, named by the build's
# process id, so the folders a killed build left behind can be told from a running one's.
SOCKET_DIR_PREFIX = "seoul-budget-kernel-"
# A Unix socket's path must fit in sockaddr_un.sun_path: 108 bytes on Linux, 104 on macOS.
MAX_SOCKET_PATH = 100
# Imported once per kernel, before any notebook: what the section notebooks all use.
BASE_PREIMPORTS = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn",
                   "seoul_budget")
STATE_MODULE = "seoul_budget.build.kernel_state"
log = logging.getLogger(__name__)


class NativeKernelSpecs(KernelSpecManager):
    """Always the build's own Python: a ``python3`` kernelspec elsewhere (say in
    ~/.local/share/jupyter) could point at an interpreter without this package."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """Return the spec of an ipykernel running on ``sys.executable``."""
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


class KernelError(RuntimeError):
    """The kernel could not be started or warmed up."""


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def remove_orphaned_socket_dirs() -> int:
    """Remove the socket folders of builds no longer running (killed with SIGKILL, say);
    return how many. A folder of a running build, or of another user, is left alone."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{SOCKET_DIR_PREFIX}*-*"):
        pid = folder.name[len(SOCKET_DIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not _process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


@dataclass
class Execution:
    """An executed notebook: the notebook with outputs, and the error if it failed."""

    nb: nbformat.NotebookNode
    error: str | None
    reset_s: float
    execute_s: float
    kernel_restarted: bool = False


def warmup_code(modules: Sequence[str]) -> str:
    """Return the code a fresh kernel runs once: import ``modules``, capture the baseline."""
    names = ", ".join(repr(m) for m in dict.fromkeys(modules))
    return (
        "import importlib as _sb_importlib\n"
        f"for _sb_name in ({names},):\n"
        "    try:\n"
        "        _sb_importlib.import_module(_sb_name)\n"
        "    except Exception:\n"
        "        pass  # the notebook's own import will report it\n"
        f"import {STATE_MODULE} as _sb_state\n"
        "_sb_state.capture()\n"
        "del _sb_importlib, _sb_name, _sb_state\n"
    )


def reset_code(cwd: Path) -> str:
    """Return the code run before each notebook: wipe the namespace, restore the baseline
    (the reset also removes the name the code binds)."""
    return f"import {STATE_MODULE} as _sb_state\n_sb_state.restore({str(cwd)!r})\n"


class WarmKernel:
    """A kernel started once, warmed with imports, and reset between notebooks."""

    def __init__(self, preimports: Sequence[str] = BASE_PREIMPORTS,
                 cell_timeout: int | None = 1200, startup_timeout: int = 120,
                 recycle_after: int = 100) -> None:
        self.preimports = tuple(preimports)
        self.cell_timeout = cell_timeout
        self.startup_timeout = startup_timeout
        self.recycle_after = recycle_after
        self.km: Any = None
        self.kc: Any = None
        self.runs = 0
        self._starter: NotebookClient | None = None
        self._warmup_id: str | None = None
        self._socket_dir: str | None = None
        self._stopped = False
        # stop() and launch() from different threads: a folder is made only while not stopped.
        self._life = threading.Lock()
        self.timings: dict[str, float] = {}

    # -- life cycle ---------------------------------------------------------------------
    @property
    def stopped(self) -> bool:
        """Return True once :meth:`stop` was called: no kernel is started any more."""
        return self._stopped

    def launch(self) -> None:
        """Start the kernel process (returns before it is ready; see :meth:`warm_up`)."""
        if self._stopped:
            raise KernelError("the build stopped before the kernel started")
        started = time.perf_counter()
        starter = NotebookClient(nbformat.v4.new_notebook(), kernel_name=KERNEL_NAME,
                                 startup_timeout=self.startup_timeout)
        starter.km = starter.create_kernel_manager()
        starter.km.kernel_spec_manager = NativeKernelSpecs()
        with self._life:
            if self._stopped:
                raise KernelError("the build stopped before the kernel started")
            self._socket_dir = tempfile.mkdtemp(prefix=f"{SOCKET_DIR_PREFIX}{os.getpid()}-")
        # The connection file beside the sockets: one folder to remove on every exit path.
        starter.km.connection_file = os.path.join(self._socket_dir, "connection.json")
        socket_base = os.path.join(self._socket_dir, "kernel")
        if os.name == "posix" and len(socket_base) + len("-65535") < MAX_SOCKET_PATH:
            # Unix sockets in a private folder: no TCP ports for parallel kernels to race for
            # (unless TMPDIR is so deep that the socket path would pass the OS limit).
            starter.km.transport = "ipc"
            starter.km.ip = socket_base
        env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        # Known before the process starts, so stop() from another thread finds it to kill.
        self.km = starter.km
        starter.start_new_kernel(env=env)
        self._starter = starter
        self.timings["launch_s"] = time.perf_counter() - started
        if self._stopped:  # stop() came while it was starting
            self.kill()
            raise KernelError("the build stopped while the kernel started")

    def send_warmup(self) -> None:
        """Wait until the kernel answers, then send the warm-up imports (does not wait)."""
        if self._starter is None:
            self.launch()
        assert self._starter is not None
        started = time.perf_counter()
        self._starter.start_new_kernel_client()
        self.kc = self._starter.kc
        self.timings["ready_s"] = time.perf_counter() - started
        self._warmup_id = self.kc.execute(warmup_code(self.preimports), silent=True,
                                          store_history=False, allow_stdin=False)

    def warm_up(self) -> None:
        """Finish starting: wait for the warm-up imports. Raises KernelError if they fail."""
        if self._warmup_id is None:
            self.send_warmup()
        started = time.perf_counter()
        reply = run_sync(self._reply)(self._warmup_id, self.startup_timeout)
        self._warmup_id = None
        self.timings["warmup_s"] = time.perf_counter() - started
        if reply["content"].get("status") != "ok":
            raise KernelError(f"warm-up failed: {reply['content'].get('ename')}: "
                              f"{reply['content'].get('evalue')}")

    async def _reply(self, msg_id: str, timeout: float) -> dict[str, Any]:
        """Return the kernel's reply to ``msg_id``; KernelError if the kernel dies (checked
        every second, so a dead kernel is not waited for) or does not answer in time."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise KernelError(f"the kernel did not answer within {timeout:.0f} s")
            try:
                msg = await self.kc.get_shell_msg(timeout=min(remaining, 1.0))
            except Empty:
                if not await self.km.is_alive():
                    raise KernelError("the kernel died") from None
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg

    def start(self) -> None:
        """Launch and warm up (the blocking way)."""
        self.launch()
        self.send_warmup()
        self.warm_up()

    def shutdown(self) -> None:
        """Stop the kernel now (nothing in it needs saving) and close the client."""
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
        except Exception as exc:  # noqa: BLE001 - shutting down, best effort
            log.debug("kernel shutdown: %s", exc)
        finally:
            self.km = self.kc = self._starter = None
            self.runs = 0
            self.remove_socket_dir()

    def remove_socket_dir(self) -> None:
        """Remove the kernel's folder of sockets and connection file (if any)."""
        folder, self._socket_dir = self._socket_dir, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def stop(self) -> None:
        """Kill the kernel now, remove its folder and refuse to start another (from any
        thread: the build is ending, by a signal or an error)."""
        with self._life:
            self._stopped = True
        self.kill()
        self.remove_socket_dir()

    def kill(self) -> None:
        """Kill the kernel process at once (from any thread; no event loop involved)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            try:
                process.kill()
            except OSError:
                pass

    def restart(self) -> None:
        """Replace the kernel with a fresh, warmed-up one."""
        self.shutdown()
        self.start()

    # -- running code --------------------------------------------------------------
    def run_silent(self, code: str, timeout: float) -> None:
        """Run ``code`` without output; KernelError if it fails or the kernel dies."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        reply = run_sync(self._reply)(msg_id, timeout)
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")

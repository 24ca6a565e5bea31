"""One warm kernel: started once with the section notebooks' imports, put back into that state
before each notebook (:mod:`.kernel_state` runs inside it), replaced when it dies.

A kernel's sockets and connection file live in one private folder named by the build's
process id: every exit path removes it, and the next build removes the folders of a build
that was killed (:func:`remove_orphaned_socket_dirs`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_core.utils import ensure_event_loop, run_sync

from ..errors import KernelError
from .jobs import Job

KERNEL_NAME = "python3"
SOCKET_DIR_PREFIX = "seoul-budget-kernel-"
# A Unix socket's path must fit in sockaddr_un.sun_path: 108 bytes on Linux, 104 on macOS.
MAX_SOCKET_PATH = 100
# Imported once per kernel, before any notebook: what the section notebooks all use.
BASE_PREIMPORTS = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn",
                   "seoul_budget")
STATE_MODULE = "seoul_budget.build.kernel_state"
STARTUP_TIMEOUT_S = 120  # to start a kernel, and to run its warm-up imports
KILL_WAIT_S = 5  # for a killed kernel's process to end
# A kernel is replaced after this many notebooks: what they leave in memory adds up.
RECYCLE_AFTER = 100


class NativeKernelSpecs(KernelSpecManager):
    """Always the build's own Python: a ``python3`` kernelspec elsewhere (say in
    ~/.local/share/jupyter) could point at an interpreter without this package."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """Return the spec of an ipykernel running on ``sys.executable``."""
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


def process_alive(pid: int) -> bool:
    """Return True if process ``pid`` exists (another user's included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphaned_socket_dirs() -> int:
    """Remove the socket folders of builds no longer running (killed with SIGKILL, say);
    return how many. A folder of a running build, or of another user, is left alone."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{SOCKET_DIR_PREFIX}*-*"):
        pid = folder.name[len(SOCKET_DIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def close_event_loop() -> None:
    """Close the calling thread's event loop, the one jupyter_core's ``run_sync`` made for
    it. Called as a kernel's thread ends: a loop left open holds its selector's file until
    the garbage collector finds it, one per thread of every build a process runs."""
    ensure_event_loop().close()


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


def preimports(jobs: list[Job]) -> tuple[str, ...]:
    """Return the modules warm kernels import before they capture the state every notebook
    starts from: the usual ones and every module the notebooks import. A module imported
    once per kernel does what it does on import (koreanize_matplotlib sets the font) once:
    imported up front, that is part of every notebook's starting state, as in a fresh
    kernel."""
    found = {module for job in jobs for module in job.notebook.imports}
    return tuple(dict.fromkeys([*BASE_PREIMPORTS, *sorted(found)]))


class WarmKernel:
    """A kernel started once, warmed with imports, and reset between notebooks."""

    def __init__(self, preimports: Sequence[str] = BASE_PREIMPORTS) -> None:
        self.preimports = tuple(preimports)
        self.km: Any = None
        self.kc: Any = None
        self.runs = 0
        self.broken: str | None = None  # why it must be replaced before its next notebook
        self.folder: str | None = None
        self.stopped = False
        # stop() comes from another thread: a folder is made only while not stopped
        self.lock = threading.Lock()

    def start(self) -> None:
        """Start the kernel and wait for its warm-up imports. Raises KernelError when the
        build stopped meanwhile, or the kernel dies or fails its warm-up."""
        with self.lock:
            if self.stopped:
                raise KernelError("the build stopped before the kernel started")
            self.folder = tempfile.mkdtemp(prefix=f"{SOCKET_DIR_PREFIX}{os.getpid()}-")
        self.km = AsyncKernelManager(kernel_name=KERNEL_NAME,
                                     kernel_spec_manager=NativeKernelSpecs(),
                                     connection_file=os.path.join(self.folder, "connection.json"))
        socket_base = os.path.join(self.folder, "kernel")
        if os.name == "posix" and len(socket_base) + len("-65535") < MAX_SOCKET_PATH:
            # Unix sockets in a private folder: no TCP ports for parallel kernels to race for
            self.km.transport = "ipc"
            self.km.ip = socket_base
        run_sync(self.km.start_kernel)(
            # history in memory, as nbclient starts kernels: parallel kernels share no file
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        if self.stopped:  # stop() came while it was starting
            self.kill()
            # again: stop() may have removed the folder before the kernel wrote its
            # connection file there, which makes the folder anew
            self.remove_folder()
            raise KernelError("the build stopped while the kernel started")
        self.kc = self.km.client()
        self.kc.allow_stdin = False  # input() in a notebook fails at once, as under nbclient
        self.kc.start_channels()
        try:
            run_sync(self.kc.wait_for_ready)(timeout=STARTUP_TIMEOUT_S)
        except RuntimeError as exc:  # jupyter_client's word for a kernel that died or hung
            raise KernelError(str(exc)) from None
        self.run(warmup_code(self.preimports), STARTUP_TIMEOUT_S)

    def run(self, code: str, timeout: float) -> None:
        """Run ``code`` without output. Raises KernelError if it fails, or the kernel dies or
        does not answer within ``timeout`` seconds."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        content = run_sync(self.reply)(msg_id, timeout)["content"]
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")

    async def reply(self, msg_id: str, timeout: float) -> dict[str, Any]:
        """Return the kernel's reply to ``msg_id``. Raises KernelError if the kernel dies
        (checked every second, so a dead kernel is not waited for) or does not answer."""
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

    def reset(self, cwd: Path) -> None:
        """Put the kernel back into its state after the warm-up, ``cwd`` its working folder.
        Raises KernelError if the kernel is dead or busy."""
        self.run(f"import {STATE_MODULE} as _sb_state\n_sb_state.restore({str(cwd)!r})\n",
                 timeout=60)
        self.runs += 1

    def prepare(self, cwd: Path) -> None:
        """Make the kernel ready for a notebook in ``cwd``: a fresh one if it is not running,
        broke, has run ``RECYCLE_AFTER`` notebooks or fails its reset; else reset. Raises
        KernelError when no working kernel could be had."""
        if self.km is None or self.broken or self.runs >= RECYCLE_AFTER:
            self.restart()
        try:
            self.reset(cwd)
        except KernelError:
            self.restart()
            self.reset(cwd)

    def shutdown(self) -> None:
        """Stop the kernel now (nothing in it needs saving) and remove its folder."""
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001, S110 - shutting down, best effort; the folder goes
            pass
        finally:
            self.km = self.kc = None
            self.runs, self.broken = 0, None
            self.remove_folder()

    def remove_folder(self) -> None:
        """Remove the kernel's folder of sockets and connection file (if any). The path is
        kept, so a second removal removes what a starting kernel wrote after the first."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        """Kill the kernel now, remove its folder and refuse to start another (from any
        thread: the build is ending, by a signal or an error)."""
        with self.lock:
            self.stopped = True
        self.kill()
        self.remove_folder()

    def kill(self) -> None:
        """Kill the kernel process at once (from any thread; no event loop involved)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            try:
                process.kill()
                process.wait(timeout=KILL_WAIT_S)  # dead: it writes nothing more
            except (OSError, subprocess.TimeoutExpired):
                pass

    def restart(self) -> None:
        """Replace the kernel with a fresh, warmed-up one. Raises KernelError."""
        self.shutdown()
        self.start()

"""Notebook kernels forked from the tests' fork server (tests/forkserver.py), which has torch imported
already: a Chinese notebook run top to bottom (tests/test_notebooks.py) then starts in a fraction of a second
instead of importing torch in a new kernel process (over two seconds of a core per notebook).

The kernel is ipykernel's own, started as ``python -m ipykernel_launcher -f CONNECTION_FILE`` starts it, in a
child of the fork server that is what a new ``python`` process would be (tests/forkserver_child.py), with
the environment every example runs in (hooks/project.py's ``example_environment``). Run as a script, this
file is that child's program; imported, it gives nbclient the kernel manager that starts it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

if TYPE_CHECKING:  # the kernel's own process finds only the installed packages
    from forkserver import ForkServer, Result

PROGRAM = Path(__file__).resolve()


class ForkedProcess:
    """The kernel, as jupyter_client's provisioner sees a ``subprocess.Popen``: the fork server's request
    waits in a thread until the kernel exits, and signals go to the kernel's process id."""

    stdin = stdout = stderr = None

    def __init__(self, server: ForkServer, connection_file: str, cwd: Path) -> None:
        self.pid_file = Path(connection_file).with_suffix(".pid")
        self.result: Result | None = None
        self.thread = threading.Thread(target=self.serve, args=(server, connection_file, cwd), daemon=True)
        self.thread.start()
        while not self.pid_file.exists():
            if not self.thread.is_alive():
                raise RuntimeError(f"the forked kernel stopped before it started:\n{self.stderr_text()}")
            time.sleep(0.005)
        self.pid = int(self.pid_file.read_text())

    def serve(self, server: ForkServer, connection_file: str, cwd: Path) -> None:
        args = (str(self.pid_file), "-f", connection_file)
        self.result = server.run(PROGRAM, cwd, folder=cwd, args=args)

    def stderr_text(self) -> str:
        return self.result.stderr[-3000:] if self.result else ""

    def poll(self) -> int | None:
        if self.thread.is_alive():
            return None
        assert self.result is not None
        return -signal.SIGKILL if self.result.returncode is None else self.result.returncode

    def wait(self, timeout: float | None = None) -> int:
        self.thread.join(timeout)
        if self.thread.is_alive():
            raise subprocess.TimeoutExpired(str(PROGRAM), timeout or 0)
        code = self.poll()
        assert code is not None
        return code

    def send_signal(self, signum: int) -> None:
        if self.thread.is_alive():
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def kernels_forked_from(server: ForkServer) -> type[AsyncKernelManager]:
    """nbclient's ``kernel_manager_class`` for kernels forked from ``server``."""

    class ForkedKernel(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict:
            self.cwd = Path(kwargs.get("cwd") or Path.cwd())
            self.process = ForkedProcess(server, cmd[cmd.index("-f") + 1], self.cwd)
            self.pid, self.pgid = self.process.pid, None
            return self.connection_info

    class ForkedKernelManager(AsyncKernelManager):
        async def _async_pre_start_kernel(self, **kwargs: Any) -> tuple[list[str], dict[str, Any]]:
            if self.provisioner is None:
                self.provisioner = ForkedKernel(kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kwargs)

    return ForkedKernelManager


if __name__ == "__main__":
    # In the fork server's child: say which process the kernel is, then become it.
    pid_file, *kernel_arguments = sys.argv[1:]
    written = Path(f"{pid_file}.part")  # renamed once complete: the reader never sees half of it
    written.write_text(str(os.getpid()), encoding="utf-8")
    written.replace(pid_file)
    sys.argv = [sys.argv[0], *kernel_arguments]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()

"""Runs ``python SCRIPT`` cheaply, many times: one server process imports torch once, then forks a fresh
child for each script. The child is what a new ``python SCRIPT`` process would be, minus the import time:
its own working directory, ``sys.argv``, ``sys.path[0]`` (the script's folder), ``__main__``, stdout and
stderr, and random generators seeded afresh, as a new process gets them. tests/test_snippets.py runs every
example through it (importing torch in a new process per example would be most of the suite's time), and
tests/test_notebooks.py starts its notebook kernels from it (tests/forked_kernel.py).

The server never runs a torch operation itself (forking after torch has started its thread pools is
unsafe), and whatever a script does stays in its child. Like pytest-socket in the test process, the
server and its children may connect to loopback addresses only, with the kernels pinned, as every
example runs (hooks/project.py's ``example_environment``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from project import example_environment

TIMEOUT_SECONDS = 300

# The server's program: one JSON request per line in, the child's exit status out.
CHILD = Path(__file__).resolve().with_name("forkserver_child.py")


@dataclass
class Result:
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    unseeded: bool = False  # drew from torch's global random generator without seeding it


class ForkServer:
    def __init__(self, preload: tuple[str, ...] = ()) -> None:
        """``preload``: modules the server imports besides numpy and torch (a child that imports them finds
        them loaded: only the time of the import differs from a new process)."""
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=example_environment(),
        )

    def run(
        self,
        script: str | Path,
        cwd: Path,
        warnings: list[tuple[str, str, str]] = (),
        folder: Path | None = None,
        timeout: float = TIMEOUT_SECONDS,
        args: tuple[str, ...] = (),
    ) -> Result:
        """Runs ``script`` (a path relative to ``cwd``, or absolute) as ``python SCRIPT ARGS...`` run in
        ``cwd`` would. ``warnings``: ``(action, message regex, category name)`` filters, as ``-W`` options
        set them; ``folder``: where its imports are found, if not beside the script."""
        with tempfile.TemporaryDirectory() as capture:
            stdout, stderr = Path(capture) / "stdout", Path(capture) / "stderr"
            stdout.touch()
            stderr.touch()
            request = {
                "script": str(script),
                "args": list(args),
                "folder": str(folder or (cwd / script).resolve().parent),
                "cwd": str(cwd),
                "stdout": str(stdout),
                "stderr": str(stderr),
                "report": str(Path(capture) / "report.json"),
                "warnings": list(warnings),
                "timeout": timeout,
            }
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"the fork server stopped (exit {self.process.poll()})")
            answer = json.loads(line)
            return Result(
                answer["status"],
                stdout.read_text(encoding="utf-8"),
                stderr.read_text(encoding="utf-8"),
                answer["unseeded"],
            )

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)

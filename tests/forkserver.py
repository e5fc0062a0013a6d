"""Runs ``python SCRIPT`` cheaply, many times: one server process imports torch once, then forks a fresh
child for each script. The child is what a new ``python SCRIPT`` process would be, minus the import time:
its own working directory, ``sys.argv``, ``sys.path[0]`` (the script's folder), ``__main__``, stdout and
stderr, and random generators seeded afresh, as a new process gets them. tests/test_snippets.py runs every
example through it (importing torch in a new process per example would be most of the suite's time).

The server never runs a torch operation itself (forking after torch has started its thread pools is
unsafe), and whatever a script does stays in its child. Like pytest-socket in the test process, the
server and its children may connect to loopback addresses only (tests/netguard).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

NETGUARD = Path(__file__).resolve().parent / "netguard"
TIMEOUT_SECONDS = 300

# The server's program: one JSON request per line in, the child's exit status out.
CHILD = Path(__file__).resolve().with_name("forkserver_child.py")


@dataclass
class Result:
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    unseeded: bool = False  # drew from torch's global random generator without seeding it


# The kernels every example runs with, pinned so that a run gives the same numbers on every x86-64 CPU.
# Three libraries inside torch pick their kernels by the CPU's instruction set, and other kernels round
# differently: oneDNN (torch's convolutions on the CPU), ATen's own vectorised kernels (AVX2 or AVX-512) and
# Intel's MKL (torch's matrix products on the CPU: nn.Linear, attention). On an AMD EPYC with AVX2 the first
# project's CNN trained to other last digits than on an Intel CPU with AVX-512, an AMD EPYC with AVX-512
# printed a third set, and an Intel Xeon with AMX changed the diverging runs of the training page and the
# clinic through MKL alone. Pinned: oneDNN at SSE4.1 (every x86-64 CPU since 2008 has it), ATen at AVX2
# (x86-64 CPUs since 2013) and MKL on its COMPATIBLE branch (SSE2 without the approximate rcpps/rsqrtps
# instructions: Intel's "Specifying Code Branches", linked from README.md). One more choice depends on the
# machine: how many threads share a computation (torch starts one per core), and a sum split four ways rounds
# otherwise than a sum split two ways; on 1 thread instead of the 2 cores of the CI machine the first
# project's CNN ended at a test accuracy of 0.974 instead of 0.978. Pinned: 1 thread per example (the test
# workers already use every core between them, one example each). ARM CPUs ignore the three kernel pins:
# there, ``# output: trained`` (tests/snippet_runner.py) absorbs the rounding.
# PRIMER_KERNELS=native leaves the choices to the libraries and PRIMER_KERNELS=off turns oneDNN off in the
# examples run by the fork server (torch then convolves with its own kernels): .ci/run runs the first
# project's training both ways too, to show that ``# output: trained`` holds on other kernels.
KERNELS = os.environ.get("PRIMER_KERNELS", "pinned")
# "off" changes the convolutions alone: ATen and MKL stay pinned (with MKL's own choice as well, an Intel Xeon
# trained the first project's MLP past its CNN, another result rather than other digits).
ALL_PINNED = {
    "ONEDNN_MAX_CPU_ISA": "SSE41",
    "ATEN_CPU_CAPABILITY": "avx2",
    "MKL_CBWR": "COMPATIBLE",
    "OMP_NUM_THREADS": "1",
}
PINNED_KERNELS = {
    "pinned": ALL_PINNED,
    "off": {name: value for name, value in ALL_PINNED.items() if name != "ONEDNN_MAX_CPU_ISA"},
}.get(KERNELS, {})


# The same figure, the same bytes: matplotlib's settings for the examples (a fixed hash salt for SVG ids)
# and the date written into each SVG (SOURCE_DATE_EPOCH, which matplotlib honours), set here so that no
# example on a page has to carry them.
FIGURE_SETTINGS = {"MATPLOTLIBRC": str(Path(__file__).with_name("matplotlibrc")), "SOURCE_DATE_EPOCH": "0"}


def example_environment() -> dict[str, str]:
    """The environment of a process that runs examples: tests/netguard/sitecustomize.py lets it connect to
    loopback addresses only (as pytest-socket allows in the test process), and idle OpenMP threads sleep
    instead of spinning (on the test machine's 2 cores, spinning threads of one example slow down the browser
    tests beside it; the results are the same)."""
    python_path = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))
    return {
        "OMP_WAIT_POLICY": "PASSIVE",
        **os.environ,
        "PYTHONPATH": python_path,
        **PINNED_KERNELS,
        **FIGURE_SETTINGS,
    }


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
    ) -> Result:
        """Runs ``script`` (a path relative to ``cwd``, or absolute) as ``python SCRIPT`` run in ``cwd``
        would. ``warnings``: ``(action, message regex, category name)`` filters, as ``-W`` options set them;
        ``folder``: where its imports are found, if not beside the script."""
        with tempfile.TemporaryDirectory() as capture:
            stdout, stderr = Path(capture) / "stdout", Path(capture) / "stderr"
            stdout.touch()
            stderr.touch()
            request = {
                "script": str(script),
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

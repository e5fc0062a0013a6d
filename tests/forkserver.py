"""Runs ``python SCRIPT`` cheaply, many times: one server process imports torch once, then forks a fresh
child for each script. The child is what a new ``python SCRIPT`` process would be, minus the import time:
its own working directory, ``sys.argv``, ``__main__``, stdout and stderr, and random generators seeded
afresh, as a new process gets them. The copy-and-run browser test uses it: importing torch in a new process
per block was most of the suite's time.

The server never runs a torch operation itself (forking after torch has started its thread pools is
unsafe), and whatever a script does stays in its child.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The server: one JSON request per line in, the child's exit status out.
SERVER = r"""
import json, os, random, runpy, sys, traceback
import numpy
import torch  # the expensive import, done once

for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:  # the child: a new "python SCRIPT"
        code = 1
        try:
            os.chdir(request["cwd"])
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the requests stay the server's
            os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
            os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
            sys.argv = [request["script"]]
            sys.path[0] = request["cwd"]
            torch.seed()
            random.seed()
            numpy.random.seed()
            try:
                runpy.run_path(request["script"], run_name="__main__")
                code = 0
            except SystemExit as exit:  # as the interpreter itself handles it
                if exit.code is None or isinstance(exit.code, int):
                    code = exit.code or 0
                else:
                    print(exit.code, file=sys.stderr)
            except BaseException:
                traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status)}), flush=True)
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


class ForkServer:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, script: str, cwd: Path) -> Result:
        with tempfile.TemporaryDirectory() as capture:
            stdout, stderr = Path(capture) / "stdout", Path(capture) / "stderr"
            stdout.touch()
            stderr.touch()
            request = {"script": script, "cwd": str(cwd), "stdout": str(stdout), "stderr": str(stderr)}
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = json.loads(self.process.stdout.readline())
            return Result(
                answer["status"], stdout.read_text(encoding="utf-8"), stderr.read_text(encoding="utf-8")
            )

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)

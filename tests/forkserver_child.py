"""The fork server's own program (tests/forkserver.py starts it as ``python forkserver_child.py MODULE...``):
imports the expensive modules once, then reads one JSON request per line and answers each with one JSON line,
the exit status of a child forked to run the request's script as ``python SCRIPT`` would.

It never runs a torch operation itself (forking after torch has started its thread pools is unsafe), and
whatever a script does stays in its child."""

from __future__ import annotations

import atexit
import builtins
import importlib
import json
import os
import random
import runpy
import signal
import sys
import time
import traceback
import warnings
from typing import Any, TextIO

import numpy
import torch

Request = dict[str, Any]


def become_the_script(request: Request) -> None:
    """In the child: the working directory, standard streams, arguments, path and random seeds of a new
    ``python SCRIPT`` process, and the warning filters its ``-W`` options would set."""
    os.chdir(request["cwd"])
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the requests stay the server's
    os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_TRUNC), 1)
    os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_TRUNC), 2)
    sys.argv = [request["script"], *request["args"]]
    sys.path[0] = request["folder"]
    if os.environ.get("PRIMER_KERNELS") == "off":
        torch.backends.mkldnn.enabled = False
    torch.seed()
    random.seed()
    numpy.random.seed()
    for action, message, category in request["warnings"]:
        warnings.filterwarnings(action, message=message, category=getattr(builtins, category))


def run_script(script: str) -> int:
    """Runs the script as ``__main__``; its exit status as the interpreter would give it."""
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit:  # as the interpreter itself handles it
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def child(request: Request) -> None:
    """Never returns: runs the script, writes the report, and ends the process with the script's status."""
    code = 1
    seed, state = torch.initial_seed(), torch.get_rng_state()
    try:
        become_the_script(request)
        seed, state = torch.initial_seed(), torch.get_rng_state()
        code = run_script(request["script"])
        # As the interpreter does at exit (os._exit below skips it): the exit functions the script and its
        # libraries registered run, such as TensorFlow's removal of the files its tf.function writes to the
        # temporary folder.
        atexit._run_exitfuncs()
    finally:
        # Random numbers drawn from torch's global generator that the script never seeded itself.
        unseeded = torch.initial_seed() == seed and not torch.equal(torch.get_rng_state(), state)
        with open(request["report"], "w") as report:
            json.dump({"unseeded": unseeded}, report)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def wait_for(pid: int, request: Request) -> dict[str, Any]:
    """The child's exit status and report, or status None once it has run past the request's timeout."""
    deadline = time.monotonic() + request["timeout"]
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            answer = {"status": os.waitstatus_to_exitcode(status), "unseeded": False}
            # a child killed by a signal (a notebook's kernel slow to shut down) wrote no report
            if os.path.exists(request["report"]):
                with open(request["report"]) as report:
                    answer.update(json.load(report))
            return answer
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"status": None, "unseeded": False}
        time.sleep(0.002)


def serve(requests: TextIO, answers: TextIO) -> None:
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        print(json.dumps(wait_for(pid, request)), file=answers, flush=True)


if __name__ == "__main__":
    for module in sys.argv[1:]:  # the expensive imports, done once
        importlib.import_module(module)
    serve(sys.stdin, sys.stdout)

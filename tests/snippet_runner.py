"""Runs a snippet file the way ``python snippets/PAGE/NAME.py`` would, for the tests."""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import re
import shutil
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock
from project import WARNING_FILTERS, comparable, run_example

from fences import directives
from forkserver import TIMEOUT_SECONDS, ForkServer


@dataclass
class Run:
    printed: str
    namespace: dict = field(default_factory=dict)  # the script's globals (empty for a subprocess run)
    unseeded: bool = False  # drew from torch's global random generator without seeding it (fresh runs)


@contextlib.contextmanager
def script_folder_on_path(folder: Path) -> Iterator[None]:
    """``python NAME.py`` puts the script's folder first on sys.path, so a snippet can import the file beside
    it (deployment/serve.py imports classifier.py). Those modules are forgotten afterwards."""
    before = set(sys.modules)
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None)
            if file and Path(file).parent == folder:
                del sys.modules[name]


# ``# output: trained``: what a long training prints (losses, accuracies after many steps) depends on the
# floating-point rounding of the CPU's kernels, so another machine prints other last digits. Its text must
# match the recording word for word and every whole number exactly; a number with a decimal point may differ
# from the recorded one by at most this much. The claims a page makes about such an output (an accuracy of at
# least 95 %) are asserted exactly by the page's own tests.
TRAINED_TOLERANCE = 0.01
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")

# Points (1/72 inch) on the figure's canvas. Drawn from a long training (``# output: trained``): on other
# kernels a point of a loss curve moves by a few hundredths of the loss: 1.36 pt with oneDNN off on an Intel
# CPU with AVX-512, 0.36 pt with oneDNN's AVX2 kernels, 2.25 pt with oneDNN off on an AMD EPYC (Zen 5).
FIGURE_TOLERANCE = 3.0
# Any other figure: the last float digits only. Even with every kernel choice pinned, the matrix products
# of a short training round differently on an AMD EPYC and an Intel Xeon: the training page's loss curves
# moved by up to 0.00003 pt (README: "Numbers that depend on the CPU").
FIGURE_ROUNDING = 0.001


def within_tolerance(printed: str, recorded: str, tolerance: float) -> bool:
    """Same text around the numbers, same whole numbers, and decimals at most ``tolerance`` apart."""
    if NUMBER.split(printed) != NUMBER.split(recorded):
        return False
    pairs = list(zip(NUMBER.findall(printed), NUMBER.findall(recorded), strict=True))
    for got, want in pairs:
        if "." in want or "e" in want:
            if abs(float(got) - float(want)) > tolerance:
                return False
        elif got != want:
            return False
    return True


def matches_recording(path: Path, printed: str, recorded: str) -> bool:
    """Whether ``printed`` is what the page shows (``recorded``), as the snippet's directives define it."""
    found = directives(path)
    if found.get("output") == "trained":
        return within_tolerance(printed, recorded, TRAINED_TOLERANCE)
    return comparable(found, printed) == comparable(found, recorded)


def run_in_subprocess(path: Path) -> Run:
    """``python NAME.py`` itself, for the examples that start processes of their own (``# run: subprocess``:
    DataLoader workers, a server): nothing shared with a fork server."""
    result = run_example(path, Path.cwd(), timeout=TIMEOUT_SECONDS)
    assert result.returncode == 0, result.stderr
    return Run(result.stdout)


class FreshPython:
    """``python NAME.py`` in a new process for each example, through fork servers started on first use: one
    with the libraries most examples import already loaded, one with TensorFlow loaded for the examples that
    need it (importing it takes seconds)."""

    # torch._dynamo (with sympy): an optimizer's first step imports it, so every example that trains does.
    PRELOADS = {
        "default": ("matplotlib.pyplot", "sklearn.datasets", "torch._dynamo"),
        "tensorflow": ("tensorflow",),
    }

    def __init__(self) -> None:
        self.servers: dict[str, ForkServer] = {}

    def server(self, kind: str = "default") -> ForkServer:
        if kind not in self.servers:
            self.servers[kind] = ForkServer(self.PRELOADS[kind])
        return self.servers[kind]

    def run(self, path: Path, source: str | None = None) -> Run:
        """Runs the snippet at ``path`` in the current directory, as ``python snippets/PAGE/NAME.py`` would,
        its warnings errors. With ``source`` (a page's view of it), that code is saved in the current
        directory under the snippet's name and run instead; it imports the snippet's neighbours, as the
        page's earlier blocks that a reader saved beside it."""
        if directives(path).get("run") == "subprocess":
            assert source is None, f"{path.name}: a # run: subprocess example runs as its file"
            return run_in_subprocess(path)
        script: Path = path
        if source is not None:  # saved as a reader saves it, and run as `python NAME.py`
            (Path.cwd() / path.name).write_text(source, encoding="utf-8")
            script = Path(path.name)
        filters = [(action, re.escape(message), category) for action, message, category in WARNING_FILTERS]
        kind = "tensorflow" if directives(path).get("needs") == "tensorflow" else "default"
        result = self.server(kind).run(script, Path.cwd(), filters, folder=path.parent)
        if result.returncode is None:
            raise AssertionError(f"{path.name} still ran after {TIMEOUT_SECONDS} s: stopped")
        assert result.returncode == 0, (
            f"{path.name} failed (exit {result.returncode}):\n{result.stderr[-3000:]}"
        )
        return Run(result.stdout, unseeded=result.unseeded)

    def close(self) -> None:
        for server in self.servers.values():
            server.close()


def run_snippet(path: Path, source: str | None = None) -> Run:
    """Executes a snippet in this process, with fresh globals and ``__name__ == "__main__"`` in the current
    directory, and returns its globals too (for tests that look inside an example). Warnings raised by the
    example are errors."""
    if directives(path).get("run") == "subprocess":
        return run_in_subprocess(path)
    code = compile(source if source is not None else path.read_text(encoding="utf-8"), str(path), "exec")
    namespace = {"__name__": "__main__", "__file__": str(path)}
    printed = io.StringIO()
    with script_folder_on_path(path.parent), contextlib.redirect_stdout(printed), warnings.catch_warnings():
        for action, message, category in WARNING_FILTERS:
            warnings.filterwarnings(action, message=re.escape(message), category=getattr(builtins, category))
        exec(code, namespace)
    return Run(printed.getvalue(), namespace)


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that ``make`` fills once per test run: under pytest-xdist the first worker to ask makes it in
    the run's shared temporary folder while the others wait for it, and if it fails the others fail with its
    message instead of trying again; without xdist, in this process's own (the parent of its temporary folder
    outlives the run there)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = factory.mktemp(name)
        make(folder)
        return folder
    shared = factory.getbasetemp().parent
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with FileLock(shared / f"{name}.lock"):
        if failed.exists():
            # a second try would fail the same way, after as long (a build takes about 10 s)
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except (Exception, pytest.fail.Exception) as error:
                failed.write_text(str(error) or repr(error), encoding="utf-8")
                raise
            done.touch()
    return folder


SETUP_RUNS: dict[Path, tuple[Path, Run]] = {}  # setup snippet -> the folder with what it wrote, and its run


def run_once(script: Path, factory: pytest.TempPathFactory, python: FreshPython) -> tuple[Path, Run]:
    """A setup snippet, run once per test run (made_once, as the site is built), not once per test or per
    worker, after its own setup if it names one: the folder holds the files it wrote, the run what it
    printed (kept beside the folder, for the other workers)."""
    if script not in SETUP_RUNS:

        def write_files(folder: Path) -> None:
            here = Path.cwd()
            os.chdir(folder)
            try:
                run_setup(script, factory, python)
                run = python.run(script)  # raises if it fails
            finally:
                os.chdir(here)
            saved = {"printed": run.printed, "unseeded": run.unseeded}
            folder.with_name(f"{folder.name}.run.json").write_text(json.dumps(saved), encoding="utf-8")

        folder = made_once(factory, f"setup-{script.parent.name}-{script.stem}", write_files)
        saved = json.loads(folder.with_name(f"{folder.name}.run.json").read_text(encoding="utf-8"))
        SETUP_RUNS[script] = folder, Run(saved["printed"], unseeded=saved["unseeded"])
    return SETUP_RUNS[script]


def run_setup(path: Path, factory: pytest.TempPathFactory, python: FreshPython) -> None:
    """Puts in the current folder the files that the page's earlier snippet (``# setup: NAME``) writes, as a
    reader's folder has them by then."""
    setup = directives(path).get("setup")
    if setup:
        folder, _ = run_once(path.parent / setup, factory, python)
        shutil.copytree(folder, Path.cwd(), dirs_exist_ok=True)

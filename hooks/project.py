"""The project's facts, written once for the hooks, the scripts and the tests (standard library only).

Where things are, the two languages, how a page includes an example or its output, the directives at the top
of an example, which lesson pages have a companion notebook (mkdocs.yml's navigation says it), and where the
browser is. Adding a lesson page with a notebook means adding its notebook to the navigation; nothing here.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("zh", "en")  # Chinese first: the default language, served at the site's root

# A page's YAML front matter (its title:, its description:), the first lines between two --- lines.
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# A page shows an example, or the output recorded beside it, with one line: --8<-- "PAGE/NAME.py" (or .out).
INCLUDE = r'--8<--\s+"(?P<path>[^"]+)"'
# The same line on its own, indented or not (inside an admonition or a tab), as the hooks replace it.
INCLUDE_LINE = re.compile(rf"^(?P<indent>[ \t]*){INCLUDE}\s*$", re.M)
# The title of the block that shows a recorded output, in each language ("Output (GPU)" for a GPU's).
OUTPUT_TITLE = {"zh": "输出", "en": "Output"}

# A page shows a figure an example drew on a line of its own: ![text alternative](../assets/figures/PATH).
FIGURE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\(\.\./assets/figures/(?P<path>[^)]+)\)\s*$", re.M)

# Test directives: comment lines at the very top of an example (README's table says what each means).
DIRECTIVE = re.compile(r"^#\s*(needs|output|run|figure|history|setup):\s*(.+)$")


def includes(markdown: str) -> list[str]:
    """Every path a page includes, in order (examples and outputs alike)."""
    return [match["path"] for match in re.finditer(INCLUDE, markdown)]


def included_path(body: str) -> str | None:
    """The path when a fence's whole body is one include line, else None."""
    match = re.fullmatch(INCLUDE, body.strip())
    return match["path"] if match else None


def directives_of(source: str) -> dict[str, str]:
    """The ``# name: value`` test directives at the top of an example."""
    found = {}
    for line in source.splitlines():
        match = DIRECTIVE.match(line)
        if not match:
            break
        found[match[1]] = match[2].strip()
    return found


# Recordings the CPU suite cannot prove by running the example again: a GPU's output (NAME.cuda.out), and
# the outputs it compares loosely (measured times masked, a trained model's decimals within 0.01). The update
# modes (tests' --update-outputs, scripts/gpu_check.py --record) note in RECORDINGS which code wrote each one
# and what it wrote; the suite checks both still hold, so a recording edited by hand, or left behind by a
# change to its code, fails.
RECORDINGS = SNIPPETS / "recordings.json"
LOOSE_OUTPUTS = ("timings vary", "trained")
GPU_LABEL = SNIPPETS / "gpu_recording.json"  # the GPU, torch, CUDA and date the pages name over GPU outputs


def needs_a_digest(recording: Path) -> bool:
    if recording.name.endswith(".cuda.out"):
        return True
    source = snippet_of(recording).read_text(encoding="utf-8")
    return directives_of(source).get("output") in LOOSE_OUTPUTS


def snippet_of(recording: Path) -> Path | None:
    return recording.with_name(recording.name.split(".")[0] + ".py") if recording.suffix == ".out" else None


def code_digest(snippet: Path) -> str:
    """What an example runs: its syntax tree and those of the modules beside it that it imports, as a digest
    (comments and line breaks don't count: a moved or translated comment runs the same code)."""
    trees, pending = {}, [snippet]
    while pending:
        path = pending.pop()
        if path.name in trees:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        trees[path.name] = ast.dump(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules = [node.module]
            else:
                continue
            for module in modules:
                local = path.with_name(f"{module.split('.')[0]}.py")
                if local.is_file():
                    pending.append(local)
    return hashlib.sha256(json.dumps(trees, sort_keys=True).encode()).hexdigest()[:16]


def output_digest(recording: Path) -> str:
    return hashlib.sha256(recording.read_bytes()).hexdigest()[:16]


def recorded_digests() -> dict[str, dict[str, str]]:
    return json.loads(RECORDINGS.read_text(encoding="utf-8")) if RECORDINGS.exists() else {}


def note_recording(recording: Path) -> None:
    """Writes down which code wrote ``recording`` and what it wrote (the update modes call this; test workers
    may call it side by side, hence the lock)."""
    import fcntl  # POSIX: the update modes run on Linux and macOS

    with open(Path(tempfile.gettempdir()) / "pytorch-intro-recordings.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = recorded_digests()
        name = recording.relative_to(SNIPPETS).as_posix()
        if recording.exists():
            snippet = snippet_of(recording)
            code = code_digest(snippet) if snippet else ""
            entries[name] = {"code": code, "output": output_digest(recording)}
        else:
            entries.pop(name, None)
        lines = [f"  {json.dumps(name)}: {json.dumps(entry)}" for name, entry in sorted(entries.items())]
        RECORDINGS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def update_command(snippet: str) -> str:
    """The command that records one example's output again (``snippet``: PAGE/NAME.py). An example test's id
    starts with "[" and the example's path: no other folder's example of the same name is selected."""
    return f'python -m pytest tests/test_snippets.py -k "[{snippet}" --update-outputs'


def recording_problems() -> list[str]:
    """Each recording that needs a digest is the one its update mode wrote, for today's code."""
    entries = recorded_digests()
    recordings = [path for path in sorted(SNIPPETS.glob("*/*.out")) if needs_a_digest(path)]
    recordings += [label] if (label := SNIPPETS / GPU_LABEL.name).exists() else []
    problems = []
    for path in recordings:
        name = path.relative_to(SNIPPETS).as_posix()
        snippet = snippet_of(path)
        again = (
            f"record it again: {update_command(snippet.relative_to(SNIPPETS).as_posix())}"
            if snippet and not name.endswith(".cuda.out")
            else 'run scripts/gpu_check.py --record on a GPU (without one: CONTRIBUTING.md, "GPU outputs")'
        )
        entry = entries.get(name)
        if entry is None:
            problems.append(f"{name}: no digest in {RECORDINGS.name}: {again}")
        elif entry["output"] != output_digest(path):
            problems.append(f"{name} is not what was recorded (edited by hand?): {again}")
        elif snippet and entry["code"] != code_digest(snippet):
            problems.append(f"{name} was recorded for other code than {snippet.name}'s: {again}")
    names = {path.relative_to(SNIPPETS).as_posix() for path in recordings}
    problems += [
        f"{RECORDINGS.name} lists {name}, which is gone: remove its entry"
        for name in sorted(set(entries) - names)
    ]
    return problems


@cache
def lesson_pages() -> tuple[str, ...]:
    """The pages with a companion notebook, in reading order: the notebooks in mkdocs.yml's navigation."""
    navigation = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\s*-\s+notebooks/([\w-]+)\.ipynb\s*$", navigation, re.M))


def page_url(language: str, page: str = "index") -> str:
    """Where a page (a name from site_pages) is on the built site, relative to its root: the first language at
    the root, each other one in a folder of its name (mkdocs-static-i18n's folder layout); a page is a folder
    with its index.html, and the home page is the language's folder itself."""
    prefix = "" if language == LANGUAGES[0] else f"{language}/"
    return prefix if page == "index" else f"{prefix}{page}/"


def site_pages() -> list[str]:
    """Every page of each language's site, as its path under the language's folder without the suffix: the
    Markdown pages, then the rendered notebooks (``notebooks/NAME``). Both languages have the same pages
    (tests/test_docs.py checks it)."""
    folder = DOCS / LANGUAGES[0]
    names = sorted(path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.md"))
    return names + [f"notebooks/{path.stem}" for path in sorted((folder / "notebooks").glob("*.ipynb"))]


def markdown_pages() -> list[str]:
    """The site's Markdown pages (site_pages without the notebooks): the names ``pytest --page`` takes."""
    return [name for name in site_pages() if not name.startswith("notebooks/")]


def snippet_folder(page: str) -> str:
    """The folder of a page's examples: the page's file name with - as _ (first-project -> first_project)."""
    return page.replace("-", "_")


# The tests of each example and of what a reader sees of it; every page's Markdown checks and the strict
# build of the site: part of the fast checks of each page
EXAMPLE_TESTS = ("tests/test_snippets.py", "tests/test_reader_view.py")
MARKDOWN_CHECKS = ("tests/test_docs.py", "tests/test_typography.py", "tests/test_lint.py")
STRICT_BUILD = "tests/test_build.py::test_every_page_is_built"  # mkdocs build --strict, no warning
BUILD_TESTS = STRICT_BUILD.partition("::")[0]


def is_fast_check(test_id: str, page: str) -> bool:
    """Whether a test (its pytest id) is among the fast checks of one page, the ones ``pytest --page PAGE``
    runs (CONTRIBUTING.md, "Which tests to run"): the page's examples and what a reader sees of them, its
    inline code in both languages, every page's Markdown checks, the strict build, the page's own test
    file, and every check of its notebooks but their runs (the full suite runs them, checks the built site
    and browses it)."""
    file, _, name = test_id.partition("::")
    folder = snippet_folder(page)
    if file not in fast_check_files(page):
        return False
    if file in EXAMPLE_TESTS:
        # an example's test id starts with "[" and its path: own_data/'s examples are not data/'s
        return f"[{folder}/" in name
    if file == "tests/test_notebooks.py":
        # "/PAGE]" ends the ids of this page's two notebooks, [zh/PAGE] and [en/PAGE], and no other page's
        return name.endswith(f"/{page}]") and "runs_top_to_bottom" not in name
    if file == BUILD_TESTS:
        return test_id.startswith(f"{STRICT_BUILD}[")
    return True


@cache
def fast_check_files(page: str) -> frozenset[str]:
    """The files that hold a page's fast checks, the only ones ``pytest --page PAGE`` collects (importing
    the other test files would cost each test worker seconds): the examples' tests, the notebooks' tests,
    the Markdown checks, the build's tests, the page's own test file and the page in each language. Asked
    once per collected file and per test: made once."""
    pages = {f"docs/{language}/{page}.md" for language in LANGUAGES}
    own_tests = f"tests/test_{snippet_folder(page)}.py"
    return frozenset(
        {*EXAMPLE_TESTS, "tests/test_notebooks.py", *MARKDOWN_CHECKS, BUILD_TESTS, own_tests, *pages}
    )


def chromium() -> str:
    """The browser the PDF and the report (Lighthouse) drive: $CHROMIUM, else the one on PATH (Debian's)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def headless_chromium() -> str:
    """The browser tests/test_browser.py drives: $CHROMIUM, else Chromium's headless shell where installed
    (Debian's chromium-headless-shell, built from the same source as chromium: the same Blink without the
    desktop browser around it, which is what Playwright runs headless tests in by default), else chromium().
    The shell needs about a third less CPU for the same checks."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell") or chromium()


# How every example runs in a process of its own: the tests (their fork server, tests/forkserver.py, and the
# ``# run: subprocess`` examples), scripts/gpu_check.py, scripts/report.py and the notebooks' kernels.
#
# Warnings: the example's are errors, except those that libraries raise about their *own* internals,
# whatever the example does; each of those is matched by the start of its message (literal text), so any
# other warning of the same category still fails. In the order ``python -W`` options give them (a later one
# wins): (action, message, category name).
WARNING_FILTERS: list[tuple[str, str, str]] = [
    ("error", "", "DeprecationWarning"),
    ("error", "", "FutureWarning"),
    ("error", "", "UserWarning"),
    # torch 2.13: importing torch._inductor (any torch.compile) runs torch/utils/mkldnn.py, which uses it.
    ("ignore", "`torch.jit.script_method` is deprecated", "DeprecationWarning"),
    # Anomaly mode's report (training_clinic/anomaly.py): the traceback of the forward call, printed as a
    # warning on stderr, which is the diagnostic itself, not a problem of the example.
    ("ignore", "Error detected in ", "UserWarning"),
    # torch 2.13: torch.onnx.export deep-copies torch.export's module call graph, which trips this.
    ("ignore", "`isinstance(treespec, LeafSpec)` is deprecated", "FutureWarning"),
]


def build_problems(log: str) -> str:
    """The errors and warnings in what ``mkdocs build`` printed, each with its indented lines, without the
    INFO lines about what it built."""
    kept: list[str] = []
    keep = False
    for line in log.splitlines():
        if not line[:1].isspace():
            keep = line.startswith("ERROR") or "WARNING" in line
        if keep:
            kept.append(line)
    return "\n".join(kept)


def warning_options() -> list[str]:
    return [f"-W{action}:{message}:{category}" for action, message, category in WARNING_FILTERS]


# The network: tests/netguard/sitecustomize.py, first on PYTHONPATH, lets an example connect to loopback
# addresses only (as pytest-socket allows in the test process), so one that reaches out fails here instead
# of passing on a connected machine.
NETGUARD = ROOT / "tests" / "netguard"

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
FIGURE_SETTINGS = {"MATPLOTLIBRC": str(ROOT / "tests" / "matplotlibrc"), "SOURCE_DATE_EPOCH": "0"}


def example_environment(pinned: bool = True) -> dict[str, str]:
    """The environment of a process that runs examples: the network guard, the figure settings and (unless
    ``pinned`` is false: the report times trainings as a reader runs them) the pinned kernels. Idle OpenMP
    threads sleep instead of spinning (on the test machine's 2 cores, spinning threads of one example slow
    down the browser tests beside it; the results are the same)."""
    python_path = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))
    return {
        "OMP_WAIT_POLICY": "PASSIVE",
        **os.environ,
        "PYTHONPATH": python_path,
        **(PINNED_KERNELS if pinned else {}),
        **FIGURE_SETTINGS,
    }


# Runs a script with torch's default device set (scripts/gpu_check.py): ``python ON_DEVICE DEVICE SCRIPT``.
ON_DEVICE = ROOT / "scripts" / "run_on_device.py"


def run_example(
    script: Path,
    cwd: Path,
    *,
    device: str | None = None,
    pinned: bool = True,
    environment: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python SCRIPT`` run in ``cwd``, in a new process, under the rules above (warnings, network, kernels,
    figures); with ``device``, through ON_DEVICE. ``environment``: variables added to the example's (a
    PYTHONPATH comes after the network guard's). Raises subprocess.TimeoutExpired after ``timeout`` s."""
    on_device = [str(ON_DEVICE), device] if device else []
    variables = example_environment(pinned)
    for name, value in (environment or {}).items():
        variables[name] = f"{NETGUARD}{os.pathsep}{value}" if name == "PYTHONPATH" else value
    return subprocess.run(
        [sys.executable, *warning_options(), *on_device, str(script)],
        cwd=cwd,
        env=variables,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server(NamedTuple):
    url: str
    pid: int


@contextmanager
def serving(
    app: str,
    folder: Path,
    environment: dict[str, str],
    ready: tuple[str, int] = ("/health", 200),
    options: tuple[str, ...] = (),
    seconds: float = 120,
) -> Iterator[Server]:
    """``uvicorn APP [OPTIONS]`` started in ``folder`` on 127.0.0.1, as a reader starts a page's service (the
    tests and scripts/bench_serve.py); yielded once a GET of ``ready[0]`` answers ``ready[1]`` (the service
    loads its model before it accepts a connection), stopped on leaving. Raises RuntimeError with the
    server's error output if it exits or is not ready within ``seconds``."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), *options]
    # A file, not a pipe: nobody reads a pipe while the server runs, and a full one would stop it.
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=subprocess.DEVNULL, stderr=errors
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + seconds
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    status = urllib.request.urlopen(url + ready[0], timeout=1).status
                except urllib.error.HTTPError as answer:
                    status = answer.code
                except OSError:  # not listening yet
                    status = None
                if status == ready[1]:
                    yield Server(url, process.pid)
                    return
                time.sleep(0.2)
            process.kill()
            process.wait(timeout=10)
            errors.seek(0)
            raise RuntimeError(f"uvicorn exited or did not serve {app} within {seconds} s:\n{errors.read()}")
        finally:
            process.terminate()
            process.wait(timeout=10)


# What two runs of an example print alike: measured durations (a number followed by a unit of time) differ
# on every run, so ``# output: timings vary`` masks them; every other number and all text must match.
MEASURED_TIME = re.compile(r"\b\d+(\.\d+)? ?(?P<unit>ms|µs|us|ns|s)\b")


def comparable(directives: dict[str, str], output: str) -> str:
    if directives.get("output") == "timings vary":
        return MEASURED_TIME.sub(r"<time> \g<unit>", output)
    return output

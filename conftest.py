"""Shared by tests/ and the inline fences in docs/ (pytest-codeblocks): state reset, coverage figure."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy
import project
import pytest
import torch

import fences
import reader_code

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's C++ start-up chatter, not errors
# Set in the process that starts the test workers, so that the workers (which run inline fences and some
# examples in-process) start with them, as the examples' processes do (hooks/project.py): the pinned
# kernels, and idle OpenMP threads that sleep instead of spinning against the other worker.
os.environ.update(project.PINNED_KERNELS)
os.environ.update(project.FIGURE_SETTINGS)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject.toml): one test worker more than the cores. Part of each worker's time is spent
    waiting (on the browser, a server's timeout, a kernel starting); a third worker on two cores fills it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


# nodeid -> "passed" / "failed" / "skipped", filled as the tests run, read by the coverage summary.
OUTCOMES: dict[str, str] = {}
# Measurements that tests report with record_property (the serving benchmark), printed at the end.
FIGURES: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite snippets/**/*.out from what the snippets print, instead of comparing",
    )
    parser.addoption(
        "--page",
        metavar="PAGE",
        help="only the fast checks of one page, a docs/en/*.md name (CONTRIBUTING.md: Which tests to run)",
    )


def pytest_configure(config: pytest.Config) -> None:
    page = config.getoption("page")
    pages = project.markdown_pages()
    if page is not None and page not in pages:
        raise pytest.UsageError(f"--page {page}: no such page; the pages are {', '.join(pages)}")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """``--page PAGE``: files that hold none of that page's fast checks are not even imported."""
    page = config.getoption("page")
    if page is None or not collection_path.is_file() or not collection_path.is_relative_to(config.rootpath):
        return None
    file = collection_path.relative_to(config.rootpath).as_posix()
    return True if file not in project.fast_check_files(page) else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--page PAGE``: of everything collected, only that page's fast checks (project.is_fast_check)."""
    page = config.getoption("page")
    if page is None:
        return
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        (kept if project.is_fast_check(item.nodeid, page) else left_out).append(item)
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept


@pytest.fixture(autouse=True)
def fresh_torch_state():
    """Global torch settings leak from one example to the next; every test starts from the defaults.
    The random generators start from a seed nobody can predict, never a fixed one: an example that prints
    random numbers must seed them itself, as nothing seeds a reader's fresh process for it."""
    unpredictable = int.from_bytes(os.urandom(4), "little")
    torch.manual_seed(unpredictable)
    random.seed(unpredictable)
    numpy.random.seed(unpredictable)
    torch.set_default_dtype(torch.float32)
    torch.set_printoptions(profile="default")
    torch.set_grad_enabled(True)
    yield


# The only reasons a test may be skipped (README: "What the tests check"). Any other skip, and any xfail,
# fails the run: a check switched off by a marker, a hook or a fixture must not pass quietly.
ALLOWED_SKIPS = (
    "needs CUDA",
    "TensorFlow not installed",
    "no browser:",
    "the recorded output is the CPU machine's",
    "history:",
    "run as a cell of its page's notebook:",
)
SKIPS: list[str] = []  # "nodeid: reason", printed at the end


def skip_reason(report: pytest.TestReport) -> str:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    if hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"marked xfail ({report.wasxfail or 'no reason'}): this project allows no xfail"
        del report.wasxfail  # else pytest still counts the failure as expected: exit status 0
    elif report.skipped and not skip_reason(report).startswith(ALLOWED_SKIPS):
        report.outcome = "failed"
        report.longrepr = f"skipped for a reason this project does not allow: {skip_reason(report)!r}"
    elif call.excinfo is not None and call.excinfo.errisinstance(reader_code.MissingTranslation):
        # the build's own message names the file and table to edit; a traceback through hooks/ adds nothing
        report.longrepr = call.excinfo.getrepr(style="no", chain=False)
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or report.skipped:
        OUTCOMES[report.nodeid] = report.outcome
    if report.skipped:
        SKIPS.append(f"{report.nodeid}: {skip_reason(report)}")
    if report.when == "call":
        for name, value in report.user_properties:  # a table starts on a line of its own
            FIGURES.append(f"{name}:\n{value}" if "\n" in value else f"{name}: {value}")


def fence_status(fence: fences.Fence) -> str:
    """How the test run treated a Python fence: executed, gpu-skipped, or not executed."""
    if fence.include:
        name = fence.include
        snippet = fences.SNIPPETS / name
        outcome = OUTCOMES.get(f"tests/test_snippets.py::test_snippet[{name}]")
        if outcome == "passed":
            return "executed"
        needs = fences.directives(snippet).get("needs")
        if outcome == "skipped" and needs == "cuda":
            swapped = OUTCOMES.get(f"tests/test_snippets.py::test_gpu_snippet_on_cpu[{name}]")
            return "gpu-skipped" if swapped == "passed" else "not executed"
        if outcome == "skipped" and needs == "tensorflow":
            return "skipped: TensorFlow not installed"  # an optional extra; CI installs it
        return "not executed"
    nodeid = f"{fence.page.relative_to(fences.ROOT).as_posix()}::line {fence.line}"
    outcome = OUTCOMES.get(nodeid)
    if outcome == "skipped":
        return "skipped with a reason"  # test_docs.py insists the reason is stated
    return "executed" if outcome == "passed" else "not executed"


def coverage() -> dict[str, dict[str, int]]:
    """Per language, how many Python fences ended in each status."""
    figures: dict[str, dict[str, int]] = {}
    for language in fences.LANGUAGES:
        statuses = [
            fence_status(fence)
            for page in fences.pages(language)
            for fence in fences.read_fences(page)
            if fence.is_python
        ]
        figures[language] = {status: statuses.count(status) for status in set(statuses)}
    return figures


def full_run(config: pytest.Config) -> bool:
    """Coverage means something only when both the snippets and the inline fences ran, and not only one
    page's (``--page``: the other pages' blocks did not run, on purpose)."""
    return (
        config.getoption("page") is None
        and any("test_snippets.py::test_snippet[" in n for n in OUTCOMES)
        and any(".md::" in n for n in OUTCOMES)
    )


def pytest_terminal_summary(terminalreporter) -> None:
    if SKIPS:
        terminalreporter.section("skipped, with the reason")
        for line in SKIPS:
            terminalreporter.write_line(line)
    if FIGURES:
        terminalreporter.section("measured")
        for line in FIGURES:
            terminalreporter.write_line(line)
    if not full_run(terminalreporter.config):
        return
    terminalreporter.section("code block coverage")
    for language, counts in coverage().items():
        executed, missed = counts.get("executed", 0), counts.get("not executed", 0)
        percent = 100.0 * executed / (executed + missed) if executed + missed else 100.0
        terminalreporter.write_line(
            f"{language}: {executed}/{executed + missed} Python blocks executed ({percent:.0f}%); "
            f"GPU-only, skipped here (needs CUDA) and run with the device swapped to CPU: "
            f"{counts.get('gpu-skipped', 0)}; "
            f"skipped with a stated reason: {counts.get('skipped with a reason', 0)}; "
            f"TensorFlow blocks skipped (not installed): {counts.get('skipped: TensorFlow not installed', 0)}"
        )
    for block in missed_blocks():
        terminalreporter.write_line(f"NOT EXECUTED (fails the run): {block}", red=True)


def missed_blocks() -> list[str]:
    """Every Python block a reader can see that no test executed, by page and line."""
    return [
        f"{fence.where()} ({fence.include or 'inline'})"
        for language in fences.LANGUAGES
        for page in fences.pages(language)
        for fence in fences.read_fences(page)
        if fence.is_python and fence_status(fence) == "not executed"
    ]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus == 0 and full_run(session.config) and missed_blocks():
        session.exitstatus = pytest.ExitCode.TESTS_FAILED  # a block escaped: coverage below 100 %

from __future__ import annotations

import re

import pytest
import torch

import fences

# nodeid -> "passed" / "failed" / "skipped", filled as the tests run, read by the coverage summary.
OUTCOMES: dict[str, str] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite snippets/**/*.out from what the snippets print, instead of comparing",
    )


@pytest.fixture(autouse=True)
def fresh_torch_state():
    """Global torch settings leak from one example to the next; every test starts from the defaults."""
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float32)
    torch.set_printoptions(profile="default")
    torch.set_grad_enabled(True)
    yield


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or report.skipped:
        OUTCOMES[report.nodeid] = report.outcome


def fence_status(fence: fences.Fence) -> str:
    """How the test run treated a Python fence: executed, gpu-skipped, or not executed."""
    if fence.include:
        name = fence.include
        snippet = fences.SNIPPETS / name
        outcome = OUTCOMES.get(f"tests/test_snippets.py::test_snippet[{name}]")
        if outcome == "passed":
            return "executed"
        if outcome == "skipped" and fences.directives(snippet).get("needs") == "cuda":
            swapped = OUTCOMES.get(f"tests/test_snippets.py::test_gpu_snippet_on_cpu[{name}]")
            return "gpu-skipped" if swapped == "passed" else "not executed"
        return "not executed"
    nodeid = f"{fence.page.relative_to(fences.ROOT).as_posix()}::line {fence.line}"
    return "executed" if OUTCOMES.get(nodeid) == "passed" else "not executed"


def pytest_terminal_summary(terminalreporter) -> None:
    if not any(re.search(r"test_snippets|\.md::", nodeid) for nodeid in OUTCOMES):
        return  # a partial run (one test file): the figure would be meaningless
    terminalreporter.section("code block coverage")
    for language in fences.LANGUAGES:
        statuses = [
            fence_status(fence)
            for page in fences.pages(language)
            for fence in fences.read_fences(page)
            if fence.is_python
        ]
        executed = statuses.count("executed")
        gpu = statuses.count("gpu-skipped")
        cpu_total = len(statuses) - gpu
        percent = 100.0 * executed / cpu_total if cpu_total else 100.0
        terminalreporter.write_line(
            f"{language}: {executed}/{cpu_total} Python blocks executed ({percent:.0f}% of non-GPU blocks); "
            f"{gpu} GPU-only blocks skipped here (needs CUDA), their code run with the device swapped to CPU"
        )

"""Fixtures shared by the tests of the built site (tests/test_build.py, tests/test_browser.py) and the
fresh processes that run the examples."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from project import build_problems

from fences import ROOT
from snippet_runner import FreshPython, made_once


@pytest.fixture(scope="session")
def fresh_python() -> Iterator[FreshPython]:
    """``python FILE`` in a new process per example, without importing torch anew each time."""
    python = FreshPython()
    yield python
    python.close()


def build_site(site_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    problems = build_problems(result.stderr)
    if result.returncode != 0 or problems:
        # the build's own words, as `mkdocs build --strict` prints them, without the pages it converted
        pytest.fail(f"mkdocs build --strict:\n{problems or result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test run (a build costs a core about 15 s)."""
    return made_once(tmp_path_factory, "site", build_site)

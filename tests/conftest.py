"""Fixtures shared by the tests of the built site (tests/test_build.py, tests/test_browser.py) and the
fresh processes that run the examples."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from fences import ROOT
from snippet_runner import FreshPython


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
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per test run: under pytest-xdist the first worker to ask builds it in the run's
    shared temporary folder while the other waits for it (a build costs a core about 15 s)."""
    if worker_id == "master":  # no xdist: this process's own folder
        site_dir = tmp_path_factory.mktemp("site")
        build_site(site_dir)
        return site_dir
    shared = tmp_path_factory.getbasetemp().parent
    site_dir, built = shared / "site", shared / "site.built"
    with FileLock(shared / "site.lock"):
        if not built.exists():
            shutil.rmtree(site_dir, ignore_errors=True)
            build_site(site_dir)
            built.touch()
    return site_dir

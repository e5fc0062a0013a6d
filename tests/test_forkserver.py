"""tests/forkserver.py behaves like ``python SCRIPT`` where the copy-and-run test relies on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forkserver import ForkServer


@pytest.fixture(scope="module")
def server() -> Iterator[ForkServer]:
    running = ForkServer()
    yield running
    running.close()


def test_each_child_starts_from_a_new_random_seed(server: ForkServer, tmp_path: Path) -> None:
    """Like separate processes: an example that doesn't seed itself prints other numbers every run."""
    (tmp_path / "unseeded.py").write_text("import torch\nprint(torch.rand(4).tolist())\n", encoding="utf-8")
    runs = {server.run("unseeded.py", tmp_path).stdout for _ in range(3)}
    assert len(runs) == 3


def test_a_child_runs_as_main_in_its_folder(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text("VALUE = 42\n", encoding="utf-8")
    (tmp_path / "main.py").write_text(
        "import os\nfrom helper import VALUE\nprint(__name__, VALUE, os.path.exists('helper.py'))\n",
        encoding="utf-8",
    )
    result = server.run("main.py", tmp_path)
    assert (result.returncode, result.stdout) == (0, "__main__ 42 True\n")


def test_failures_look_like_a_failing_process(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "crash.py").write_text("1 / 0\n", encoding="utf-8")
    (tmp_path / "refuse.py").write_text('raise SystemExit("cannot start: no model")\n', encoding="utf-8")
    crash, refuse = server.run("crash.py", tmp_path), server.run("refuse.py", tmp_path)
    assert crash.returncode == 1 and "ZeroDivisionError" in crash.stderr
    assert (refuse.returncode, refuse.stderr) == (1, "cannot start: no model\n")

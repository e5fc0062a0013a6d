"""tests/forkserver.py behaves like ``python SCRIPT`` where the tests of the examples rely on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

import build_notebooks
from forked_kernel import kernels_forked_from
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


def test_a_child_killed_by_a_signal_leaves_the_server_running(server: ForkServer, tmp_path: Path) -> None:
    """A process killed from outside (nbclient kills a notebook's kernel that is slow to shut down) ends
    with minus the signal, as a new process would; the server goes on to the next script."""
    (tmp_path / "killed.py").write_text(
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", encoding="utf-8"
    )
    (tmp_path / "next.py").write_text("print('still here')\n", encoding="utf-8")
    try:
        killed = server.run("killed.py", tmp_path).returncode
        after = server.run("next.py", tmp_path).stdout
    except RuntimeError as stopped:  # the server itself
        killed, after = None, str(stopped)
    assert (killed, after) == (-9, "still here\n")


def test_exit_functions_run_as_the_script_ends(server: ForkServer, tmp_path: Path) -> None:
    """A library that cleans up at exit (TensorFlow removes the files its tf.function wrote) does so."""
    (tmp_path / "leaves.py").write_text(
        "import atexit, os\nopen('left.txt', 'w').close()\natexit.register(os.remove, 'left.txt')\n"
        "atexit.register(print, 'bye')\nprint('done')\n",
        encoding="utf-8",
    )
    assert server.run("leaves.py", tmp_path).stdout == "done\nbye\n"
    assert not (tmp_path / "left.txt").exists()


def test_imports_come_from_the_folder_given(server: ForkServer, tmp_path: Path) -> None:
    """A page's view of a snippet, saved in a scratch folder, imports the snippet's neighbours."""
    neighbours = tmp_path / "snippets"
    neighbours.mkdir()
    (neighbours / "helper.py").write_text("VALUE = 7\n", encoding="utf-8")
    (tmp_path / "main.py").write_text("from helper import VALUE\nprint(VALUE)\n", encoding="utf-8")
    assert server.run("main.py", tmp_path).returncode == 1
    assert server.run("main.py", tmp_path, folder=neighbours).stdout == "7\n"


def test_warnings_are_errors_when_asked(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text(
        "import warnings\nwarnings.warn('old API', DeprecationWarning)\nprint('done')\n", encoding="utf-8"
    )
    as_errors = [("error", "", "DeprecationWarning")]
    assert server.run("old.py", tmp_path).stdout == "done\n"
    failed = server.run("old.py", tmp_path, as_errors)
    assert failed.returncode == 1 and "DeprecationWarning: old API" in failed.stderr
    allowed = as_errors + [("ignore", "old", "DeprecationWarning")]  # a library's own, matched by message
    assert server.run("old.py", tmp_path, allowed).stdout == "done\n"


def test_children_reach_loopback_only(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "reach_out.py").write_text(
        "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=5)\n", encoding="utf-8"
    )
    result = server.run("reach_out.py", tmp_path)
    assert result.returncode == 1 and "must not use the network" in result.stderr


def test_a_child_that_hangs_is_stopped(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "hang.py").write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    assert server.run("hang.py", tmp_path, timeout=0.5).returncode is None
    (tmp_path / "after.py").write_text("print('next')\n", encoding="utf-8")
    assert server.run("after.py", tmp_path).stdout == "next\n"  # the server goes on


def test_a_child_that_draws_unseeded_numbers_is_reported(server: ForkServer, tmp_path: Path) -> None:
    scripts = {
        "unseeded.py": ("import torch\ntorch.nn.Linear(2, 2)\n", True),  # initial weights drawn
        "seeded.py": ("import torch\ntorch.manual_seed(0)\ntorch.nn.Linear(2, 2)\n", False),
        "no_draw.py": ("import torch\nprint(torch.ones(2))\n", False),
        "own_generator.py": (
            "import torch\ntorch.rand(2, generator=torch.Generator().manual_seed(0))\n",
            False,
        ),
    }
    for name, (source, unseeded) in scripts.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
        result = server.run(name, tmp_path)
        assert (result.returncode, result.unseeded) == (0, unseeded), name


def test_a_child_gets_its_arguments(server: ForkServer, tmp_path: Path) -> None:
    (tmp_path / "echo.py").write_text("import sys\nprint(sys.argv)\n", encoding="utf-8")
    result = server.run("echo.py", tmp_path, args=("-f", "a b.json"))
    assert result.stdout == "['echo.py', '-f', 'a b.json']\n"


def test_a_notebook_kernel_is_forked_with_torch_loaded(server: ForkServer) -> None:
    """tests/forked_kernel.py: the kernel runs in a child of the fork server, finds torch imported, works in
    the notebook's scratch folder, and is gone once the notebook has run."""
    code = "import os, sys\nprint('torch' in sys.modules, os.getppid(), os.getpid(), os.getcwd())"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    ran = build_notebooks.execute(notebook, kernels_forked_from(server))
    loaded, parent, pid, folder = ran.cells[0].outputs[0]["text"].split()
    assert (loaded, int(parent)) == ("True", server.process.pid)
    assert Path(folder).name.startswith("tmp") and not Path(folder).exists(), "not the scratch folder"
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)

"""Runs every example in snippets/ the way a reader would, and compares what it prints with the .out file
that the pages show beside it.

Regenerate the .out files after a deliberate change with ``pytest tests/test_snippets.py --update-outputs``.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch

from fences import SNIPPETS, directives, snippet_files

SNIPPETS_LIST = snippet_files()
GPU_SNIPPETS = [path for path in SNIPPETS_LIST if directives(path).get("needs") == "cuda"]
WARNINGS_AS_ERRORS = (DeprecationWarning, FutureWarning, UserWarning)
HAS_ACCELERATOR = torch.cuda.is_available() or torch.backends.mps.is_available()


def snippet_id(path: Path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


def run_snippet(path: Path, source: str | None = None) -> str:
    """Executes a snippet as ``python snippets/NAME.py`` would (fresh globals, ``__name__ == "__main__"``)
    and returns what it printed. Warnings raised by the example are errors."""
    if directives(path).get("run") == "subprocess":
        warnings_as_errors = [f"-Werror::{category.__name__}" for category in WARNINGS_AS_ERRORS]
        result = subprocess.run(
            [sys.executable, *warnings_as_errors, str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=path.parent,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout
    code = compile(source if source is not None else path.read_text(encoding="utf-8"), str(path), "exec")
    namespace = {"__name__": "__main__", "__file__": str(path)}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        for category in WARNINGS_AS_ERRORS:
            warnings.simplefilter("error", category)
        exec(code, namespace)
    return printed.getvalue()


def check_output(path: Path, printed: str, update: bool) -> None:
    expected_file = path.with_suffix(".out")
    if update:
        if printed:
            expected_file.write_text(printed, encoding="utf-8")
        else:
            expected_file.unlink(missing_ok=True)
        return
    if not expected_file.exists():
        assert printed == "", f"{snippet_id(path)} prints output but has no {expected_file.name} to show it"
        return
    if directives(path).get("output") == "varies by machine" and HAS_ACCELERATOR:
        pytest.skip("the recorded output is the CPU machine's; this machine has an accelerator")
    assert printed == expected_file.read_text(encoding="utf-8"), (
        f"{snippet_id(path)} no longer prints what its page shows ({expected_file.name}); "
        "if the change is intended, rerun with --update-outputs"
    )


@pytest.mark.parametrize("path", SNIPPETS_LIST, ids=snippet_id)
def test_snippet(path: Path, request: pytest.FixtureRequest) -> None:
    if directives(path).get("needs") == "cuda" and not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    check_output(path, run_snippet(path), request.config.getoption("--update-outputs"))


@pytest.mark.parametrize("path", GPU_SNIPPETS, ids=snippet_id)
def test_gpu_snippet_on_cpu(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a GPU, a GPU tab's logic still runs: the same code with the device swapped to the CPU.
    When a ``NAME_gpu.py`` has a ``NAME_cpu.py`` twin, both must print the same."""
    source = path.read_text(encoding="utf-8")
    swapped = source.replace('"cuda"', '"cpu"')
    assert swapped != source, f'{snippet_id(path)} is marked "needs: cuda" but never names the "cuda" device'
    monkeypatch.setattr(torch.cuda, "synchronize", lambda *args, **kwargs: None)
    printed = run_snippet(path, swapped)
    twin_output = path.with_name(path.name.replace("_gpu.py", "_cpu.out"))
    if path.name.endswith("_gpu.py") and twin_output.exists():
        assert printed == twin_output.read_text(encoding="utf-8")


def test_snippet_runs_as_a_script() -> None:
    """The examples need nothing but the pinned requirements: the install check runs as a plain script."""
    script = SNIPPETS / "index" / "check_install.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.startswith(f"torch {torch.__version__}\n")

"""Code quality of what readers copy and what maintainers read: ruff (lint and format) and codespell.
The same tools run from .pre-commit-config.yaml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fences import ROOT

CODE = ["snippets", "tests", "hooks", "scripts", "conftest.py"]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CODE],
        ["ruff", "format", "--check", *CODE],
        ["codespell_lib", *CODE, "docs/en", "README.md"],
    ],
    ids=["ruff check", "ruff format", "codespell"],
)
def test_tool_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr

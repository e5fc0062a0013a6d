"""README.md promises two commands; CI must run exactly the test command it gives."""

import importlib.util
import re
import sys

from fences import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE_COMMANDS = re.findall(r"^\$ (.+)$", README, flags=re.M)


def test_readme_gives_serve_and_test_commands() -> None:
    assert CONSOLE_COMMANDS[0] == "pip install -r requirements.txt && mkdocs serve"
    assert CONSOLE_COMMANDS[1] == "pip install -r requirements.txt && python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert CONSOLE_COMMANDS[1] in ci_lines


def test_readme_lists_every_mutation_and_ci_runs_them() -> None:
    spec = importlib.util.spec_from_file_location("mutations_run", ROOT / "tests" / "mutations" / "run.py")
    run = importlib.util.module_from_spec(spec)
    sys.modules["mutations_run"] = run
    spec.loader.exec_module(run)
    rows = re.findall(r"^\| (.+?) \| `(tests/[\w/.]+)::([^`]+)` \|$", README, flags=re.M)
    assert rows == [(m.name, m.tests[0], m.caught_by) for m in run.MUTATIONS]
    assert "python tests/mutations/run.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")

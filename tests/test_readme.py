"""README.md promises two commands; CI must run exactly the test command it gives."""

import re

from fences import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE_COMMANDS = re.findall(r"^\$ (.+)$", README, flags=re.M)


def test_readme_gives_serve_and_test_commands() -> None:
    assert CONSOLE_COMMANDS[0] == "pip install -r requirements.txt && mkdocs serve"
    assert CONSOLE_COMMANDS[1] == "pip install -r requirements.txt && python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert CONSOLE_COMMANDS[1] in ci_lines

"""README.md promises two commands; CI must run exactly the test command it gives."""

import dataclasses
import importlib.util
import re
import sys
import types

from fences import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE_COMMANDS = re.findall(r"^\$ (.+)$", README, flags=re.M)


def test_readme_gives_serve_and_test_commands() -> None:
    assert CONSOLE_COMMANDS[0] == "pip install -r requirements.txt && mkdocs serve"
    assert CONSOLE_COMMANDS[1] == "pip install -r requirements.txt && python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert CONSOLE_COMMANDS[1] in ci_lines


def mutations_runner() -> types.ModuleType:
    """tests/mutations/run.py, imported (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("mutations_run", ROOT / "tests" / "mutations" / "run.py")
    run = importlib.util.module_from_spec(spec)
    sys.modules["mutations_run"] = run
    spec.loader.exec_module(run)
    return run


def test_readme_lists_every_mutation_and_ci_runs_them() -> None:
    run = mutations_runner()
    rows = re.findall(r"^\| (.+?) \| `(tests/[\w/.]+)::([^`]+)` \|$", README, flags=re.M)
    assert rows == [(m.name, m.tests[0], m.caught_by) for m in run.MUTATIONS]
    assert "python tests/mutations/run.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_mutation_still_applies() -> None:
    """Each mutation's old text occurs exactly once in today's file: a change that rewrites it (a re-recorded
    output, a renamed function) must update the mutation too, or the runner reports it STALE in CI only."""
    run = mutations_runner()
    stale = [
        f"{mutation.name}: {problem}"
        for mutation in run.MUTATIONS
        if (problem := run.apply(mutation, ROOT, write=False))
    ]
    advice = "move each to text (or a file) that still shows the same break: tests/mutations/mutations.toml"
    assert not stale, "\n".join([*stale, advice])


def test_a_mutation_of_a_file_that_is_gone_is_stale() -> None:
    """A change may delete the file a mutation breaks (a stale GPU recording, CONTRIBUTING.md's "GPU
    outputs"): the check above names the mutation, and CI's runner reports it STALE instead of crashing."""
    run = mutations_runner()
    gone = dataclasses.replace(run.MUTATIONS[0], file="snippets/tensor/gone.cuda.out")
    assert run.apply(gone, ROOT, write=False) == "snippets/tensor/gone.cuda.out does not exist"


def test_the_mutation_runner_counts_only_a_failure_of_the_named_test() -> None:
    verdict = mutations_runner().verdict
    assert verdict(1, "FAILED tests/test_a.py::test_x - assert 1 == 2\n", "test_x")[0] == "caught"
    assert verdict(1, "ERROR tests/test_a.py::test_x - fixture 'y' not found\n", "test_x")[0] == "SURVIVED"
    assert verdict(1, "FAILED tests/test_a.py::test_other - assert 1 == 2\n", "test_x")[0] == "SURVIVED"
    assert verdict(1, "FAILED tests/test_a.py::test_x - AssertionError: differs\n", "test_x")[0] == "caught"
    # the named test broke on its own, whatever the mutation did: no catch
    assert verdict(1, "FAILED tests/test_a.py::test_x - TypeError: bad\n", "test_x")[0] == "SURVIVED"
    assert verdict(1, "FAILED tests/test_a.py::test_x - FileNotFoundError: x\n", "test_x")[0] == "SURVIVED"
    # a check that fails with its own exception, as the mutation expects
    missing = "FAILED tests/test_a.py::test_x - reader_code.MissingTranslation: no translation\n"
    assert verdict(1, missing, "test_x", "reader_code.MissingTranslation")[0] == "caught"
    assert verdict(1, missing, "test_x")[0] == "SURVIVED"
    assert verdict(0, "1 passed\n", "test_x") == ("SURVIVED", "1 passed")


def test_the_table_of_versions_below_the_newest_gives_todays_pins() -> None:
    """Each row of README's table of packages pinned below their newest release gives the pin that the
    requirements files (or .ci/run's npm install) hold, and a version older than the newest it names."""
    requirements = "".join(path.read_text(encoding="utf-8") for path in ROOT.glob("requirements*.txt"))
    pins = dict(re.findall(r"^([\w-]+)==([\w.]+)", requirements, flags=re.M))
    # what .ci/run installs from npm
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    pins |= dict(re.findall(r"--no-save ([\w-]+)@([\d.]+)", ci))
    section = README.split("## Pinned versions below the newest release", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([\w, -]+) \| ([\d., ]+) \| ([\d., ]+) \|", section, flags=re.M)
    assert rows, "no table of pins below the newest release"
    for names, pinned, newest in rows:
        for name, version, latest in zip(
            *(cell.split(", ") for cell in (names, pinned, newest)), strict=True
        ):
            assert pins.get(name) == version, (
                f"README pins {name} at {version}, the project at {pins.get(name)}"
            )
            as_numbers = [tuple(map(int, v.split("."))) for v in (version, latest)]
            assert as_numbers[0] < as_numbers[1], f"{name} {version} is not below {latest}"

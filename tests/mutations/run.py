"""The harness tested by breaking the site on purpose: each mutation in mutations.toml (beside this script) is
one way a wrong page could ship (from issue #13's list and the checks added since). Each is applied to a fresh
copy of the project, and the smallest set of tests that must catch it is run there; the mutation is caught
when that run fails in the named test. Any mutation that survives, or whose text is no longer in its file,
fails this script.

    python tests/mutations/run.py            # all of them, two at a time
    python tests/mutations/run.py -k figure  # those whose name contains "figure"

.ci/run runs it after the README's test command (outside that command's time budget).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
from site_settings import project_site_address  # noqa: E402  (the site's own address, for the link mutation)

TABLE = Path(__file__).with_name("mutations.toml")


@dataclass
class Mutation:
    name: str
    file: str
    replacements: list[tuple[str, str]]  # each old text must occur exactly once in the file
    tests: list[str]  # pytest arguments: the smallest subset that must catch the break
    caught_by: str  # the test that must fail (a substring of its id)
    # How its failure must begin (pytest's summary line), when a check reports it with its own exception
    # rather than an assert: anything else is the test breaking on its own.
    expect: str = ""
    # Changes to more files, made together with the first (a changed example and its output recorded again).
    more: tuple[tuple[str, list[tuple[str, str]]], ...] = ()


def load(table: Path = TABLE) -> list[Mutation]:
    """The mutations of mutations.toml, in its order, with @SITE_URL@ as the build derives it."""
    site_url = project_site_address()[1]

    def pairs(entry: dict) -> list[tuple[str, str]]:
        return [
            (old.replace("@SITE_URL@", site_url), new.replace("@SITE_URL@", site_url))
            for old, new in entry["replace"]
        ]

    return [
        Mutation(
            entry["name"],
            entry["file"],
            pairs(entry),
            entry["tests"],
            entry["caught_by"],
            entry.get("expect", ""),
            tuple((more["file"], pairs(more)) for more in entry.get("more", [])),
        )
        for entry in tomllib.loads(table.read_text(encoding="utf-8"))["mutation"]
    ]


MUTATIONS = load()


def project_files() -> list[str]:
    """The working tree as a contributor has it: tracked files as they are now, and new files git doesn't
    ignore (not yet added), so the mutations test the tree that will be committed."""
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def apply(mutation: Mutation, project: Path, write: bool = True) -> str | None:
    """Changes the project's files (each replacement in turn); returns why the mutation no longer applies, if
    it doesn't. ``write=False`` only checks that it applies."""
    for name, replacements in ((mutation.file, mutation.replacements), *mutation.more):
        path = project / name
        if not path.is_file():
            return f"{name} does not exist"
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            if text.count(old) != 1:
                return f"{old[:40]!r} occurs {text.count(old)} times in {name}"
            text = text.replace(old, new)
        if write:
            path.write_text(text, encoding="utf-8")
    return None


def run(mutation: Mutation, files: list[str]) -> tuple[Mutation, str, float, str]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        copy = Path(scratch) / "project"
        for name in files:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        if problem := apply(mutation, copy):
            return mutation, "STALE", time.perf_counter() - started, problem
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n0", "-x", "-p", "no:cacheprovider", *mutation.tests],
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=600,
            # COLUMNS: pytest's summary line keeps the failure's first line whole (the verdict reads it)
            env={
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "SITE_REPOSITORY": project_site_address()[0],
                "COLUMNS": "1000",
            },
            check=False,
        )
    output = result.stdout + result.stderr
    status, detail = verdict(result.returncode, output, mutation.caught_by, mutation.expect)
    return mutation, status, time.perf_counter() - started, detail


# How a failed check reads in pytest's summary line: an assert, an AssertionError, pytest.fail(), and the two
# verdicts of conftest.py's report hook (an xfail, a skip for a reason the project does not allow). A test
# that broke on its own (a TypeError, a missing file) would pass for a catch whatever the mutation did.
CHECK_FAILED = ("assert ", "AssertionError", "Failed: ", "marked xfail", "skipped for a reason this project")


def verdict(returncode: int, output: str, caught_by: str, expect: str = "") -> tuple[str, str]:
    """("caught" or "SURVIVED", what failed). Only a failed check of the named test counts (CHECK_FAILED, or
    how the mutation's ``expect`` says its check fails): an ERROR (a broken fixture, a collection error) or a
    test that broke on its own is no catch."""
    failed = re.findall(r"^FAILED (.+?)(?: - (.*))?$", output, re.M)
    errors = re.findall(r"^ERROR (\S+)", output, re.M)
    caught = returncode == 1 and any(
        caught_by in test and why.startswith(expect or CHECK_FAILED) for test, why in failed
    )
    detail = ", ".join([f"{test} ({why[:60]})" for test, why in failed] + [f"ERROR {t}" for t in errors])
    return "caught" if caught else "SURVIVED", detail or (output.strip().splitlines() or [""])[-1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-k", default="", help="run only the mutations whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args()
    chosen = [mutation for mutation in MUTATIONS if arguments.k in mutation.name]
    files = project_files()
    started = time.perf_counter()
    with ThreadPoolExecutor(arguments.jobs) as pool:
        results = list(pool.map(lambda mutation: run(mutation, files), chosen))
    print("| mutation | result | seconds | failing tests |\n| --- | --- | --- | --- |")
    for mutation, status, seconds, detail in results:
        print(f"| {mutation.name} | {status} | {seconds:.0f} | {detail[:150]} |")
    missed = [mutation.name for mutation, status, *_ in results if status != "caught"]
    seconds = time.perf_counter() - started
    print(f"\n{len(results) - len(missed)}/{len(results)} mutations caught in {seconds:.0f} s")
    if missed:
        print("not caught: " + "; ".join(missed))
    return 1 if missed or not results else 0


if __name__ == "__main__":
    sys.exit(main())

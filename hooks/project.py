"""The project's facts, written once for the hooks, the scripts and the tests (standard library only).

Where things are, the two languages, how a page includes an example or its output, the directives at the top
of an example, which lesson pages have a companion notebook (mkdocs.yml's navigation says it), and where the
browser is. Adding a lesson page with a notebook means adding its notebook to the navigation; nothing here.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("zh", "en")  # Chinese first: the default language, served at the site's root

# A page shows an example, or the output recorded beside it, with one line: --8<-- "PAGE/NAME.py" (or .out).
INCLUDE = r'--8<--\s+"(?P<path>[^"]+)"'
# The same line on its own, indented or not (inside an admonition or a tab), as the hooks replace it.
INCLUDE_LINE = re.compile(rf"^(?P<indent>[ \t]*){INCLUDE}\s*$", re.M)

# Test directives: comment lines at the very top of an example (README's table says what each means).
DIRECTIVE = re.compile(r"^#\s*(needs|output|run|figure|history|setup):\s*(.+)$")


def includes(markdown: str) -> list[str]:
    """Every path a page includes, in order (examples and outputs alike)."""
    return [match["path"] for match in re.finditer(INCLUDE, markdown)]


def included_path(body: str) -> str | None:
    """The path when a fence's whole body is one include line, else None."""
    match = re.fullmatch(INCLUDE, body.strip())
    return match["path"] if match else None


def directives_of(source: str) -> dict[str, str]:
    """The ``# name: value`` test directives at the top of an example."""
    found = {}
    for line in source.splitlines():
        match = DIRECTIVE.match(line)
        if not match:
            break
        found[match[1]] = match[2].strip()
    return found


# Recordings the CPU suite cannot prove by running the example again: a GPU's output (NAME.cuda.out), and
# the outputs it compares loosely (measured times masked, a trained model's decimals within 0.01). The update
# modes (tests' --update-outputs, scripts/gpu_check.py --record) note in RECORDINGS which code wrote each one
# and what it wrote; the suite checks both still hold, so a recording edited by hand, or left behind by a
# change to its code, fails.
RECORDINGS = SNIPPETS / "recordings.json"
LOOSE_OUTPUTS = ("timings vary", "trained")
GPU_LABEL = SNIPPETS / "gpu_recording.json"  # the GPU, torch, CUDA and date the pages name over GPU outputs


def needs_a_digest(recording: Path) -> bool:
    if recording.name.endswith(".cuda.out"):
        return True
    source = snippet_of(recording).read_text(encoding="utf-8")
    return directives_of(source).get("output") in LOOSE_OUTPUTS


def snippet_of(recording: Path) -> Path | None:
    return recording.with_name(recording.name.split(".")[0] + ".py") if recording.suffix == ".out" else None


def code_digest(snippet: Path) -> str:
    """What an example runs: its syntax tree and those of the modules beside it that it imports, as a digest
    (comments and line breaks don't count: a moved or translated comment runs the same code)."""
    trees, pending = {}, [snippet]
    while pending:
        path = pending.pop()
        if path.name in trees:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        trees[path.name] = ast.dump(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules = [node.module]
            else:
                continue
            for module in modules:
                local = path.with_name(f"{module.split('.')[0]}.py")
                if local.is_file():
                    pending.append(local)
    return hashlib.sha256(json.dumps(trees, sort_keys=True).encode()).hexdigest()[:16]


def output_digest(recording: Path) -> str:
    return hashlib.sha256(recording.read_bytes()).hexdigest()[:16]


def recorded_digests() -> dict[str, dict[str, str]]:
    return json.loads(RECORDINGS.read_text(encoding="utf-8")) if RECORDINGS.exists() else {}


def note_recording(recording: Path) -> None:
    """Writes down which code wrote ``recording`` and what it wrote (the update modes call this; test workers
    may call it side by side, hence the lock)."""
    import fcntl  # POSIX: the update modes run on Linux and macOS

    with open(Path(tempfile.gettempdir()) / "pytorch-intro-recordings.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = recorded_digests()
        name = recording.relative_to(SNIPPETS).as_posix()
        if recording.exists():
            snippet = snippet_of(recording)
            code = code_digest(snippet) if snippet else ""
            entries[name] = {"code": code, "output": output_digest(recording)}
        else:
            entries.pop(name, None)
        lines = [f"  {json.dumps(name)}: {json.dumps(entry)}" for name, entry in sorted(entries.items())]
        RECORDINGS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def recording_problems() -> list[str]:
    """Each recording that needs a digest is the one its update mode wrote, for today's code."""
    entries = recorded_digests()
    recordings = [path for path in sorted(SNIPPETS.glob("*/*.out")) if needs_a_digest(path)]
    recordings += [label] if (label := SNIPPETS / GPU_LABEL.name).exists() else []
    problems = []
    for path in recordings:
        name = path.relative_to(SNIPPETS).as_posix()
        snippet = snippet_of(path)
        again = (
            f"rerun its test with --update-outputs (-k {snippet.name})"
            if snippet and not name.endswith(".cuda.out")
            else "run scripts/gpu_check.py --record on a GPU"
        )
        entry = entries.get(name)
        if entry is None:
            problems.append(f"{name}: no digest in {RECORDINGS.name}: {again}")
        elif entry["output"] != output_digest(path):
            problems.append(f"{name} is not what was recorded (edited by hand?): {again}")
        elif snippet and entry["code"] != code_digest(snippet):
            problems.append(f"{name} was recorded for other code than {snippet.name}'s: {again}")
    names = {path.relative_to(SNIPPETS).as_posix() for path in recordings}
    problems += [f"{RECORDINGS.name} lists {name}, which is gone" for name in sorted(set(entries) - names)]
    return problems


@cache
def lesson_pages() -> tuple[str, ...]:
    """The pages with a companion notebook, in reading order: the notebooks in mkdocs.yml's navigation."""
    navigation = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\s*-\s+notebooks/([\w-]+)\.ipynb\s*$", navigation, re.M))


def chromium() -> str:
    """The browser the tests, the PDF and the report drive: $CHROMIUM, else the one on PATH (Debian's)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

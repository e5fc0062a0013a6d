"""The project's facts, written once for the hooks, the scripts and the tests (standard library only).

Where things are, the two languages, how a page includes an example or its output, the directives at the top
of an example, which lesson pages have a companion notebook (mkdocs.yml's navigation says it), and where the
browser is. Adding a lesson page with a notebook means adding its notebook to the navigation; nothing here.
"""

from __future__ import annotations

import os
import re
import shutil
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


@cache
def lesson_pages() -> tuple[str, ...]:
    """The pages with a companion notebook, in reading order: the notebooks in mkdocs.yml's navigation."""
    navigation = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\s*-\s+notebooks/([\w-]+)\.ipynb\s*$", navigation, re.M))


def chromium() -> str:
    """The browser the tests, the PDF and the report drive: $CHROMIUM, else the one on PATH (Debian's)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

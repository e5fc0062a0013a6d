"""Reads the fenced code blocks of the Markdown pages, so the tests can check each one is executed, and the
code blocks of the built HTML pages.

Kept independent of pytest-codeblocks' parser on purpose: that plugin only collects fences tagged exactly
``python``, and this module must see *every* fence (any tag, attributes, ``~~~``, indented inside tabs).
"""

from __future__ import annotations

import importlib
import re
import sys
import types
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from project import DOCS, FRONT_MATTER, LANGUAGES, ROOT, SNIPPETS, directives_of, included_path, includes

__all__ = ["DOCS", "LANGUAGES", "ROOT", "SNIPPETS"]  # the tests take the project's facts from here

FIGURES = DOCS / "assets" / "figures"
# Chinese means ideographs (CJK Unified Ideographs and Extension A): full-width punctuation such as "：" or
# "（）" around an English comment does not make it a translation.
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def front_matter(page: Path) -> dict:
    """The YAML front matter of a Markdown page (description and so on), empty when it has none."""
    found = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    try:
        return (yaml.safe_load(found[1]) or {}) if found else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""  # counted from the page's first line, the ---
        where = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
        raise ValueError(
            f"{where}{line}: the front matter is not YAML (quote a value that holds ': ')"
        ) from None


def recorded(snippet: str) -> str:
    """What a snippet prints, as recorded beside it: ``recorded("attention/train")`` reads
    snippets/attention/train.out (tests/test_snippets.py keeps it equal to what the code prints)."""
    return (SNIPPETS / f"{snippet}.out").read_text(encoding="utf-8")


def snippet_module(monkeypatch, snippet: str) -> types.ModuleType:
    """Imports ``snippets/FOLDER/NAME.py`` the way the page's other snippets do (their folder first on the
    path), fresh, and forgets it when the test ends (``monkeypatch``: pytest's fixture)."""
    folder, name = snippet.split("/")
    monkeypatch.syspath_prepend(str(SNIPPETS / folder))
    monkeypatch.delitem(sys.modules, name, raising=False)
    module = importlib.import_module(name)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def page_text(language: str, name: str) -> str:
    """The Markdown source of a page: ``page_text("zh", "attention")``."""
    return (DOCS / language / f"{name}.md").read_text(encoding="utf-8")


PYTHON_TAGS = {"python", "py", "python3", "py3", "pycon", "ipython", "ipython3"}
SHELL_TAGS = {"bash", "sh", "shell", "zsh"}  # pytest-codeblocks would execute these

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
_COMMENT = re.compile(r"^\s*<!--(?P<text>.*?)-->\s*$")


@dataclass
class Fence:
    page: Path
    line: int
    lang: str
    attrs: str
    body: str
    comments: list[str] = field(default_factory=list)
    marker: str = "```"  # the opening fence: backticks, or tildes (which pytest-codeblocks never runs)

    @property
    def include(self) -> str | None:
        """The snippet path when the whole body is one ``--8<-- "path"`` line, else None."""
        return included_path(self.body)

    @property
    def is_python(self) -> bool:
        return self.lang.lower() in PYTHON_TAGS

    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page
        return f"{page}:{self.line}"


def read_fences(page: Path) -> list[Fence]:
    lines = page.read_text(encoding="utf-8").splitlines()
    fences: list[Fence] = []
    comments: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        comment = _COMMENT.match(line)
        if comment:
            comments.append(comment["text"].strip())
            i += 1
            continue
        opening = _OPEN.match(line)
        if not opening:
            if line.strip():
                comments = []
            i += 1
            continue
        fence, indent = opening["fence"], opening["indent"]
        lang, _, attrs = opening["info"].strip().partition(" ")
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        start = i + 1
        i += 1
        while i < len(lines) and not closing.match(lines[i]):
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        if i == len(lines):
            raise ValueError(f"{page}:{start}: code fence is never closed")
        body_text = "\n".join(body) + "\n"
        fences.append(Fence(page, start, lang.strip("{}. "), attrs.strip(), body_text, comments, fence))
        comments = []
        i += 1
    return fences


def collapsed_includes(page: Path) -> list[str]:
    """The snippets a page includes inside its collapsed blocks (``??? KIND "title"``)."""
    found, inside = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("??? "):
            inside = True
        elif inside and line and not line.startswith("    "):
            inside = False
        elif inside:
            found += [path for path in includes(line) if path.endswith(".py")]
    return found


def pages(language: str) -> list[Path]:
    return sorted((DOCS / language).rglob("*.md"))


def snippet_files() -> list[Path]:
    return sorted(SNIPPETS.rglob("*.py"))


def directives(snippet: Path) -> dict[str, str]:
    """The ``# key: value`` comment lines at the top of a snippet (``# needs: cuda``, ...), as
    hooks/project.py reads them for every part of the project."""
    return directives_of(snippet.read_text(encoding="utf-8"))


class _CodeBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.language = ""
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            names = [name.removeprefix("language-") for name in classes if name.startswith("language-")]
            self.language = names[0] if names else self.language
        elif tag == "pre":
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self.text is not None:
            self.blocks.append((self.language, "".join(self.text)))
            self.text, self.language = None, ""

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def built_code_blocks(html: str) -> list[tuple[str, str]]:
    """Every <pre> of a built page: the language its highlighter gave it ("" for none) and its text, with
    entities decoded."""
    parser = _CodeBlocks()
    parser.feed(html)
    return parser.blocks

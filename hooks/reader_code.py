"""The code a reader sees: each snippet as the tests run it, minus the test directives at its top, with its
comments in the page's language.

One source per example: ``snippets/PAGE/NAME.py`` is what the tests run. A page includes it with
``--8<-- "PAGE/NAME.py"``; this hook puts the reader's view in its place before Markdown sees it, so the
page, the copy button and the notebooks (scripts/build_notebooks.py) all show the same text. Comments on
Chinese pages come from ``snippets/PAGE/comments.zh.toml``: one table per snippet, the English comment as
key, the Chinese as value. Consecutive full-line comments at one indentation are one entry (their lines
joined by spaces); a ``\\n`` in the value splits the translation over several lines. A comment with no
entry fails the build.
"""

from __future__ import annotations

import io
import re
import tokenize
import tomllib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
DIRECTIVE = re.compile(r"^#\s*(needs|output|run|figure|history|setup):\s*(.+)$")
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--\s+"(?P<path>[^"]+\.py)"\s*$', re.M)
TRANSLATED = ("zh",)  # languages whose pages get translated comments; English is the source language


class MissingTranslation(KeyError):
    pass


def strip_directives(source: str) -> str:
    """Drops the ``# needs: ...`` style lines at the top, and the blank line after them."""
    lines = source.splitlines(keepends=True)
    start = 0
    while start < len(lines) and DIRECTIVE.match(lines[start]):
        start += 1
    if start and start < len(lines) and not lines[start].strip():
        start += 1
    return "".join(lines[start:])


def comment_blocks(source: str) -> list[tuple[int, int, int, str]]:
    """(first row, last row, column, text) for each comment: consecutive full-line comments at one column
    are one block; an inline comment is a block of its own. Rows count from 1."""
    blocks: list[tuple[int, int, int, str]] = []
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start
        text = token.string[1:].strip()
        full_line = not lines[row - 1][:column].strip()
        if blocks and full_line:
            first, last, previous_column, previous_text = blocks[-1]
            previous_full_line = not lines[last - 1][:previous_column].strip()
            if previous_full_line and last == row - 1 and previous_column == column:
                blocks[-1] = (first, row, column, f"{previous_text} {text}")
                continue
        blocks.append((row, row, column, text))
    return blocks


_catalogues: dict[Path, tuple[int, dict[str, dict[str, str]]]] = {}


def catalogue(page: str, language: str) -> dict[str, dict[str, str]]:
    """A page's translation tables, read once per change of the file (``mkdocs serve`` sees edits)."""
    path = SNIPPETS / page / f"comments.{language}.toml"
    if not path.exists():
        return {}
    changed = path.stat().st_mtime_ns
    cached = _catalogues.get(path)
    if cached is None or cached[0] != changed:
        with path.open("rb") as file:
            cached = _catalogues[path] = (changed, tomllib.load(file))
    return cached[1]


def translate_comments(source: str, snippet: str, language: str) -> str:
    page, name = snippet.split("/", 1)
    entries = catalogue(page, language).get(name, {})
    lines = source.splitlines(keepends=True)
    for first, last, column, text in reversed(comment_blocks(source)):
        if text not in entries:
            raise MissingTranslation(f"{snippet}: no {language} translation for the comment {text!r}")
        translation = entries[text].split("\n")
        if first == last and lines[first - 1][:column].strip():  # an inline comment
            lines[first - 1] = f"{lines[first - 1][:column]}# {translation[0]}\n"
            continue
        lines[first - 1 : last] = [f"{' ' * column}# {line}\n" for line in translation]
    return "".join(lines)


def reader_code(snippet: str, language: str) -> str:
    """What a reader of the ``language`` page sees for ``snippets/<snippet>``."""
    source = strip_directives((SNIPPETS / snippet).read_text(encoding="utf-8"))
    if language in TRANSLATED:
        source = translate_comments(source, snippet, language)
    return source


def page_language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page_language(page)

    def expand(match: re.Match[str]) -> str:
        try:
            code = reader_code(match["path"], language)
        except (OSError, MissingTranslation) as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from error
        indent = match["indent"]
        return "\n".join(f"{indent}{line}" if line.strip() else "" for line in code.rstrip("\n").split("\n"))

    return INCLUDE.sub(expand, markdown)

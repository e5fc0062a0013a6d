"""The code a reader sees: each snippet as the tests run it, minus the test directives at its top, with its
comments in the page's language.

One source per example: ``snippets/PAGE/NAME.py`` is what the tests run. A page includes it with
``--8<-- "PAGE/NAME.py"``; this hook puts the reader's view in its place before Markdown sees it, so the
page, the copy button and the notebooks (scripts/build_notebooks.py) all show the same text. Comments on
Chinese pages come from ``snippets/PAGE/comments.zh.toml``: one table per snippet, the English comment as
key, the Chinese as value. Consecutive full-line comments at one indentation are one entry (their lines
joined by spaces); a ``\\n`` in the value splits the translation over several lines. A comment with no
entry fails the build.

Docstrings are translated the same way, from the snippet's ``docstrings`` table (key: the English docstring
with its whitespace collapsed to single spaces). Figures carry labels in the page's language: the snippet's
``labels`` table (``["NAME.py".labels]``) maps each English label to its translation. The Chinese view
replaces those string literals and adds the few lines that choose a font with Chinese glyphs (``CJK_FONT``),
so the code on the zh page draws the zh figure; the tests run that view and compare what it prints and draws
(tests/test_snippets.py). Every docstring and every label needs a translation, as every comment does.

A block that shows the next step of an earlier snippet highlights what changed: ``hl_lines="@CHANGED
PAGE/EARLIER.py@"`` in its fence header becomes the lines of this view that are new or different in the
view of EARLIER.py (pymdownx.highlight's ``hl_lines``), so the highlight follows both files as they change.
"""

from __future__ import annotations

import ast
import difflib
import io
import json
import re
import tokenize
import tomllib
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from project import DIRECTIVE, INCLUDE, INCLUDE_LINE, SNIPPETS, directives_of

TRANSLATED = ("zh",)  # languages whose pages get translated comments; English is the source language


LABELS = "labels"  # the sub-table of figure labels in a snippet's catalogue table
DOCSTRINGS = "docstrings"  # the sub-table of docstrings (English text, whitespace collapsed = translation)
LABELLING_CALLS = {"set_xlabel", "set_ylabel", "set_title", "suptitle", "supxlabel", "supylabel"}
# The zh view of a snippet that draws a figure: an import and, after the imports, a font choice. DejaVu Sans
# (bundled with matplotlib) draws the Latin letters and digits; matplotlib falls back to the first installed
# Chinese font for the rest. Windows, macOS and Debian/Ubuntu (fonts-noto-cjk) each have one of these.
CJK_FONT_IMPORT = "from matplotlib import font_manager, rcParams\n"
CHINESE_FONTS = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans CJK JP")
CJK_FONT = f"""
# 中文标签需要一种有中文字形的字体：DejaVu Sans 画字母和数字，其余用本机装了的中文字体
installed = {{font.name for font in font_manager.fontManager.ttflist}}
chinese = {json.dumps(list(CHINESE_FONTS))}
rcParams["font.family"] = ["DejaVu Sans"] + [name for name in chinese if name in installed]
"""


class MissingTranslation(KeyError):
    def __str__(self) -> str:  # the message as written (a KeyError would print its repr)
        return str(self.args[0])


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


def snippet_table(snippet: str, language: str) -> dict:
    page, name = snippet.split("/", 1)
    return catalogue(page, language).get(name, {})


def label_literals(tree: ast.AST) -> list[ast.Constant]:
    """The string literals a figure shows as text: the text argument of a labelling call and ``label=``."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        arguments = [keyword.value for keyword in node.keywords if keyword.arg == "label"]
        if isinstance(node.func, ast.Attribute) and node.func.attr in LABELLING_CALLS and node.args:
            arguments.append(node.args[0])
        found += [a for a in arguments if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return found


def translate_labels(source: str, labels: dict[str, str]) -> str:
    """Replaces each label of the figure with its translation (every label needs one), and adds the font
    choice that draws it (an import before ``from matplotlib.figure``, the rest after the imports)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    literals = sorted(label_literals(tree), key=lambda node: (node.lineno, node.col_offset), reverse=True)
    for node in literals:
        if node.value not in labels:
            raise MissingTranslation(f"no translation for the figure label {node.value!r}")
        if node.lineno != node.end_lineno:
            raise MissingTranslation(f"the figure label {node.value!r} spans lines")
        line = lines[node.lineno - 1].encode()  # ast counts columns in UTF-8 bytes
        translated = json.dumps(labels[node.value], ensure_ascii=False).encode()
        lines[node.lineno - 1] = (line[: node.col_offset] + translated + line[node.end_col_offset :]).decode()
    if not literals and not labels:  # nothing to translate (a figure of digits)
        return source
    if stale := set(labels) - {node.value for node in literals}:
        raise MissingTranslation(f"translated labels the figure doesn't show: {sorted(stale)}")
    last_import = max(
        node.end_lineno or 0 for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
    )
    figure_import = next(
        (n for n, line in enumerate(lines) if line.startswith("from matplotlib.figure import")), None
    )
    if figure_import is None:
        raise MissingTranslation("a snippet with figure labels imports matplotlib.figure")
    lines[last_import:last_import] = CJK_FONT.splitlines(keepends=True)
    lines.insert(figure_import, CJK_FONT_IMPORT)
    return "".join(lines)


def docstrings(tree: ast.AST) -> list[ast.Constant]:
    """The docstring literals of a module, its classes and its functions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    found.append(first.value)
    return found


def docstring_key(text: str) -> str:
    return " ".join(text.split())


def translate_docstrings(source: str, translations: dict[str, str]) -> str:
    """Each docstring replaced by its translation, at the same indentation; ``\\n`` starts a new line."""
    lines = source.splitlines(keepends=True)
    nodes = sorted(docstrings(ast.parse(source)), key=lambda node: node.lineno, reverse=True)
    if missing := [key for node in nodes if not translations.get(key := docstring_key(node.value))]:
        raise MissingTranslation(f"no translation for the docstrings {', '.join(map(repr, missing))}")
    for node in nodes:
        key = docstring_key(node.value)
        prefix = lines[node.lineno - 1].encode()[: node.col_offset].decode()
        suffix = lines[node.end_lineno - 1].encode()[node.end_col_offset :].decode()
        indent = " " * len(prefix)
        text = "\n".join(
            f"{indent}{line}" if line and n else line for n, line in enumerate(translations[key].split("\n"))
        )
        if text.endswith("\n"):
            text += indent
        lines[node.lineno - 1 : node.end_lineno] = [f'{prefix}"""{text}"""{suffix}']
    if stale := set(translations) - {docstring_key(node.value) for node in nodes}:
        raise MissingTranslation(f"translated docstrings the code doesn't have: {sorted(stale)}")
    return "".join(lines)


def translate_comments(source: str, table: dict) -> str:
    entries = {text: entry for text, entry in table.items() if text not in (LABELS, DOCSTRINGS)}
    lines = source.splitlines(keepends=True)
    # An entry left empty (scripts/add_example.py writes them so) is as missing as no entry. An entry no
    # comment has is listed with them: after a comment's wording changed, it is the key to rename.
    blocks = comment_blocks(source)
    problems = []
    if missing := [text for *_, text in blocks if not entries.get(text)]:
        problems.append(f"no translation for the comments {', '.join(map(repr, missing))}")
    if stale := entries.keys() - {text for *_, text in blocks}:
        problems.append(f"translated comments the code doesn't have: {sorted(stale)}")
    if problems:
        raise MissingTranslation("; ".join(problems))
    for first, last, column, text in reversed(blocks):
        translation = entries[text].split("\n")
        if first == last and lines[first - 1][:column].strip():  # an inline comment
            lines[first - 1] = f"{lines[first - 1][:column]}# {translation[0]}\n"
            continue
        lines[first - 1 : last] = [f"{' ' * column}# {line}\n" for line in translation]
    return "".join(lines)


def reader_code(snippet: str, language: str) -> str:
    """What a reader of the ``language`` page sees for ``snippets/<snippet>``."""
    tested = (SNIPPETS / snippet).read_text(encoding="utf-8")
    source = strip_directives(tested)
    if language in TRANSLATED:
        table = snippet_table(snippet, language)
        steps = [
            lambda code: translate_comments(code, table),
            lambda code: translate_docstrings(code, table.get(DOCSTRINGS, {})),
        ]
        if LABELS in table or directives_of(tested).get("figure"):
            steps.append(lambda code: translate_labels(code, table.get(LABELS, {})))
        problems = []
        for step in steps:
            try:
                source = step(source)
            except MissingTranslation as error:  # the other kinds are still read: all are listed at once
                problems.append(error.args[0])
        if problems:
            page, name = snippet.split("/", 1)
            where = f'snippets/{page}/comments.{language}.toml, table ["{name}"]'
            raise MissingTranslation(f"{snippet}: {'; '.join(problems)} (in {where})")
    return source


def page_language(page: Page) -> str:
    return page.file.src_uri.split("/", 1)[0]


# A fence header asking for the lines changed since an earlier snippet, and the include on the next line.
CHANGED_SINCE = re.compile(rf'hl_lines="@CHANGED (?P<earlier>[^"@]+)@"(?P<rest>.*\n[ \t]*{INCLUDE})')


def changed_lines(earlier: str, later: str) -> str:
    """The lines of ``later`` that are new or different in ``earlier`` (blank ones left plain), numbered
    from 1 as ``hl_lines`` takes them: ``"3 7-12"``."""
    lines = later.splitlines()
    matcher = difflib.SequenceMatcher(None, earlier.splitlines(), lines, autojunk=False)
    changed = [
        number
        for tag, _, _, start, end in matcher.get_opcodes()
        if tag in ("replace", "insert")
        for number in range(start + 1, end + 1)
        if lines[number - 1].strip()
    ]
    runs: list[list[int]] = []
    for number in changed:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return " ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


# What the build's pages could not show, by page: raised together once every page has been read (on_env), so
# a contributor sees every missing translation of the site in one build, not one page's per build.
UNSHOWN: dict[str, list[str]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    UNSHOWN.clear()  # mkdocs serve builds again in the same process


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page_language(page)

    problems: list[str] = []

    def highlight_changes(match: re.Match[str]) -> str:
        try:
            earlier, later = (reader_code(match[name], language) for name in ("earlier", "path"))
        except (OSError, MissingTranslation) as error:
            problems.append(str(error))
            return match[0]
        return f'hl_lines="{changed_lines(earlier, later)}"{match["rest"]}'

    markdown = CHANGED_SINCE.sub(highlight_changes, markdown)

    def expand(match: re.Match[str]) -> str:
        if not match["path"].endswith(".py"):
            return match[0]  # a recorded output: pymdownx.snippets includes it as it is
        try:
            code = reader_code(match["path"], language)
        except (OSError, MissingTranslation) as error:
            problems.append(str(error))
            return match[0]
        indent = match["indent"]
        return "\n".join(f"{indent}{line}" if line.strip() else "" for line in code.rstrip("\n").split("\n"))

    markdown = INCLUDE_LINE.sub(expand, markdown)
    if problems:
        UNSHOWN[page.file.src_uri] = list(dict.fromkeys(problems))
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's Markdown has been read (none is written yet): the build stops here if any could not show
    its code, listing all of them."""
    if UNSHOWN:
        listed = "\n".join(
            f"{page}:\n" + "\n".join(f"  {problem}" for problem in problems)
            for page, problems in UNSHOWN.items()
        )
        UNSHOWN.clear()
        raise PluginError(listed)
    return env

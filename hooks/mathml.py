"""Turns the pages' TeX into MathML at build time, so math needs no script, no font download and no CDN.

Browsers render MathML natively (Chromium since 109, Firefox and Safari long before), and screen readers
read it. Two sources of TeX reach the HTML:

- Markdown pages: pymdownx.arithmatex (generic mode) wraps ``$...$`` as
  ``<span class="arithmatex">\\(...\\)</span>``.
- Notebook pages: mkdocs-jupyter leaves ``$...$`` as text in the markdown cells (``.jp-RenderedMarkdown``).

A formula latex2mathml cannot convert fails the build, naming the page.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\])</(?P=tag)>',
    re.S,
)
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
CODE = re.compile(r"(<code[^>]*>.*?</code>|<pre[^>]*>.*?</pre>)", re.S)
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.S)


def mathml(formula: re.Match, page: Page) -> str:
    """The MathML of a match with an ``inline`` or a ``display`` group of (HTML-escaped) TeX."""
    display = formula["display"] is not None
    tex = html.unescape(formula["display"] if display else formula["inline"]).strip()
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many types; all mean the same here
        raise ValueError(f"{page.file.src_uri}: cannot turn {tex!r} into MathML: {error}") from error


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    content = ARITHMATEX.sub(
        lambda match: f'<{match["tag"]} class="arithmatex">{mathml(match, page)}</{match["tag"]}>',
        content,
    )
    return NOTEBOOK_MARKDOWN.sub(
        lambda cell: cell[1] + outside_code(cell[2], page) + cell[3],
        content,
    )


def outside_code(fragment: str, page: Page) -> str:
    """Dollar-delimited TeX in text, leaving code spans and blocks alone."""
    parts = CODE.split(fragment)
    for index in range(0, len(parts), 2):  # the even parts are outside <code> and <pre>
        parts[index] = DOLLARS.sub(lambda match: mathml(match, page), parts[index])
    return "".join(parts)

"""Adds to every page the versions its examples were tested with, read from the environment that builds the
site (the same one that runs the tests in CI), never typed by hand."""

from __future__ import annotations

import platform
from importlib.metadata import version

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TORCH = version("torch").split("+")[0]  # the installed distribution, without importing torch (~2 s)
PYTHON = platform.python_version()
LINE = {
    "zh": f"本页示例已在 torch {TORCH}、Python {PYTHON} 下测试通过。",
    "en": f"Examples on this page tested with torch {TORCH}, Python {PYTHON}.",
}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page.file.src_uri.split("/", 1)[0]
    return f'{html}\n<p class="tested-with">{LINE.get(language, LINE["en"])}</p>'

"""Fills in the site's settings where a page needs them, so that they are written once, in mkdocs.yml:
``@REPOSITORY@`` becomes ``extra.repository`` (the repository's URL) and ``@REPOSITORY_NAME@`` its last part
(the folder ``git clone`` creates)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def settings(config: MkDocsConfig) -> dict[str, str]:
    repository = config["extra"]["repository"].rstrip("/")
    return {"@REPOSITORY@": repository, "@REPOSITORY_NAME@": repository.rsplit("/", 1)[-1]}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, value in settings(config).items():
        markdown = markdown.replace(marker, value)
    return markdown

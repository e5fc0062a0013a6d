"""Writes llms.txt for each language (https://llmstxt.org): a Markdown index of the site's pages, each
linked to a plain-Markdown copy of that page, so that AI assistants and other tools can read the site
without its HTML.

The copy of a page is its Markdown as readers see it: the code is the reader's view from
hooks/reader_code.py (this hook runs after it), and recorded outputs stand in place of their ``--8<--``
includes. It is saved as ``index.md`` beside the page's ``index.html``; llms.txt lies at the root of each
language's site.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from project import FRONT_MATTER, INCLUDE_LINE, SNIPPETS

SECTION = {"zh": "页面", "en": "Pages"}

# src_uri -> (title, description, Markdown copy, where the page's index.html goes), filled as pages render.
PAGES: dict[str, tuple[str, str, str, Path]] = {}


def with_outputs(markdown: str) -> str:
    def expand(match: re.Match[str]) -> str:
        if not match["path"].endswith(".out"):
            return match[0]
        text = (SNIPPETS / match["path"]).read_text(encoding="utf-8").rstrip("\n")
        return "\n".join(f"{match['indent']}{line}" if line else "" for line in text.split("\n"))

    return INCLUDE_LINE.sub(expand, FRONT_MATTER.sub("", markdown))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.endswith(".md"):
        description = (page.meta or {}).get("description", "")
        copy = with_outputs(markdown)
        PAGES[page.file.src_uri] = (page.title or "", description, copy, Path(page.file.abs_dest_path))
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Each language's build writes its own llms.txt and page copies (mkdocs-static-i18n builds one language
    at a time, into the site root for Chinese and en/ for English)."""
    site = Path(config["site_dir"]).resolve()
    built = {uri: entry for uri, entry in PAGES.items() if entry[3].resolve().is_relative_to(site)}
    for language in SECTION:
        home = built.get(f"{language}/index.md")
        if home is None:
            continue
        root = home[3].parent
        pages = {uri: entry for uri, entry in built.items() if uri.startswith(f"{language}/")}
        lines = [f"# {config['site_name']}", "", f"> {config['site_description']}", ""]
        lines += [f"## {SECTION[language]}", ""]
        order = nav_files(config["nav"])
        for uri, (title, description, copy, html) in sorted(pages.items(), key=lambda item: order(item[0])):
            del PAGES[uri]
            markdown_copy = html.with_name("index.md")
            markdown_copy.write_text(copy, encoding="utf-8")
            link = markdown_copy.relative_to(root).as_posix()
            lines.append(f"- [{title}]({link}): {description}" if description else f"- [{title}]({link})")
        (root / "llms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def nav_paths(nav: list) -> list[str]:
    """The files of the navigation, in order, sections flattened (scripts/build_pdf.py uses it too)."""
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_paths(value) if isinstance(value, list) else [value]
    return files


def nav_files(nav: list) -> callable:
    """A sort key that puts pages in the order of the site's navigation."""
    files = nav_paths(nav)
    return lambda uri: files.index(uri.split("/", 1)[1]) if uri.split("/", 1)[1] in files else len(files)

"""Makes mkdocs-jupyter work with mkdocs-static-i18n, offline.

- mkdocs-static-i18n rebuilds the file list after mkdocs-jupyter has marked notebooks as pages, so the
  notebooks would be copied as raw JSON (upstream issue #198 of mkdocs-static-i18n). Marking them again, after
  the i18n plugin, makes both languages render them as HTML.
- mkdocs-jupyter's template loads MathJax from a CDN. The site renders math with its vendored KaTeX
  (assets/javascripts/math.js), so that script is removed.
- Each notebook page gets an "Open in Colab" link built from ``extra.repository`` in mkdocs.yml.
- mkdocs-jupyter derives heading ids from ASCII text only, so Chinese headings get an empty id while the
  table of contents points at "#_1": every heading takes the id of the same heading on the page the notebook
  was built from (the ``{#id}`` in docs/LANG/PAGE.md), in the HTML and in the table of contents alike.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_jupyter.plugin import NotebookFile

MATHJAX_SCRIPTS = re.compile(
    r'<!-- Load mathjax -->\s*<script src="[^"]*"> </script>\s*<!-- MathJax configuration -->\s*'
    r'<script type="text/x-mathjax-config">.*?</script>\s*<!-- End of mathjax configuration -->',
    re.S,
)
COLAB_LABEL = {"zh": "在 Colab 中打开", "en": "Open in Colab"}
HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">')
PAGE_HEADING = re.compile(r"^#{1,6} .*?(?:\{#(?P<id>[^}]+)\})?\s*$", re.M)


def is_notebook(src_uri: str) -> bool:
    return src_uri.endswith(".ipynb")


class LocalizedNotebookFile(NotebookFile):
    """mkdocs-jupyter's page wrapper, keeping the destination the i18n plugin already chose (it had seen
    mkdocs-jupyter's page destination, then moved zh/ to the root)."""

    def __init__(self, file, use_directory_urls: bool, site_dir: str, **kwargs) -> None:
        self.file = file
        self.dest_path = file.dest_path
        self.abs_dest_path = os.path.normpath(os.path.join(site_dir, self.dest_path))
        self.url = self._get_url(use_directory_urls)


@event_priority(-200)  # after mkdocs-static-i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Changed in place: the i18n plugin's Files subclass resolves links across languages.
    for file in [file for file in files if is_notebook(file.src_uri) and not isinstance(file, NotebookFile)]:
        files.remove(file)
        files.append(LocalizedNotebookFile(file, **config))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_notebook(page.file.src_uri):
        return html
    stripped, count = MATHJAX_SCRIPTS.subn("", html)
    if count != 1:
        raise ValueError(
            f"{page.file.src_uri}: mkdocs-jupyter's MathJax block not found; update hooks/notebooks.py"
        )
    language = page.file.src_uri.split("/", 1)[0]
    stripped = use_page_heading_ids(stripped, page, config)
    colab = (
        "https://colab.research.google.com/github/"
        f"{config.extra['repository'].removeprefix('https://github.com/')}/blob/main/docs/{page.file.src_uri}"
    )
    link = f'<p class="notebook-links"><a href="{colab}">{COLAB_LABEL[language]}</a></p>'
    return link + stripped


def use_page_heading_ids(html: str, page: Page, config: MkDocsConfig) -> str:
    source = Path(config.docs_dir) / page.file.src_uri.replace("notebooks/", "").replace(".ipynb", ".md")
    text = re.sub(r"^```.*?^```", "", source.read_text(encoding="utf-8"), flags=re.M | re.S)
    wanted = [match["id"] for match in PAGE_HEADING.finditer(text)]
    found = HEADING.findall(html)
    if len(found) != len(wanted):
        raise ValueError(f"{page.file.src_uri}: {len(found)} headings, but {len(wanted)} on {source.name}")
    ids = iter([page_id or html_id for page_id, (_, html_id, _) in zip(wanted, found, strict=True)])
    html = HEADING.sub(
        lambda match: (
            f'<h{match[1]} id="{(new := next(ids))}">{match[3]}<a class="anchor-link" href="#{new}">'
        ),
        html,
    )
    final_ids = [match[2] for match in HEADING.finditer(html)]
    anchors = list(flatten(page.toc))
    if len(anchors) == len(final_ids):
        for anchor, heading_id in zip(anchors, final_ids, strict=True):
            anchor.id = heading_id
    return html


def flatten(toc) -> Iterator:
    for anchor in toc:
        yield anchor
        yield from flatten(anchor.children)

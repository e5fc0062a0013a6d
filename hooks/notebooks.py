"""Makes mkdocs-jupyter work with mkdocs-static-i18n, offline.

- mkdocs-static-i18n rebuilds the file list after mkdocs-jupyter has marked notebooks as pages, so the
  notebooks would be copied as raw JSON (upstream issue #198 of mkdocs-static-i18n). Marking them again, after
  the i18n plugin, makes both languages render them as HTML.
- nbconvert's templates, which mkdocs-jupyter's extends, load MathJax and Mermaid from a CDN. The site renders
  math as MathML at build time (hooks/mathml.py) and loads nothing from another site: hooks/jupyter/, put
  first on JUPYTER_PATH (where nbconvert looks for templates before its own), replaces the two loaders with
  macros that write nothing.
- Notebook pages stay out of the search index: their text is the text of the pages they were built from.
- Each notebook page gets an "Open in Colab" link built from ``extra.repository`` in mkdocs.yml (none when no
  repository is configured).
- mkdocs-jupyter derives heading ids from ASCII text only, so Chinese headings get an empty id while the
  table of contents points at "#_1": every heading takes the id of the same heading on the page the notebook
  was built from (the ``{#id}`` in docs/LANG/PAGE.md), in the HTML and in the table of contents alike.
- nbconvert's HTML exporter parses each page it has written again with BeautifulSoup (a third of the site's
  build) to make each cell's input and output focusable and to give images without a text alternative a
  placeholder one. The pages keep their markup as the templates wrote it; the focusable cells are marked on
  that markup (``focusable``), and each figure gets its page's text alternative (``site_figures``).
- mkdocs-jupyter inlines all of JupyterLab's CSS (~590 KB) into every notebook page, which alone cost the
  notebook pages their Lighthouse performance score. Each page keeps only the rules that can apply to it:
  rules whose selectors name a class or attribute the page doesn't have are dropped, then the custom
  properties no remaining rule reads (~15 KB stays). tests/test_browser.py checks that putting the full CSS
  back changes no computed style.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import jinja2
import jinja2.bccache
import nbconvert.exporters.html
import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_jupyter.plugin import NotebookFile
from nbconvert.exporters.templateexporter import TemplateExporter
from project import FIGURE_LINE
from tinycss2.ast import (
    AtRule,
    Declaration,
    IdentToken,
    LiteralToken,
    Node,
    QualifiedRule,
    SquareBracketsBlock,
)

# nbconvert's template folders: the site's two replacements come before its own (see above).
TEMPLATES = str(Path(__file__).with_name("jupyter"))
if TEMPLATES not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [TEMPLATES, os.environ.get("JUPYTER_PATH")]))

COLAB_LABEL = {"zh": "在 Colab 中打开", "en": "Open in Colab"}
# Under a lesson page's title: its companion notebook, to read here, to download, to open in Colab.
NOTEBOOK_LABELS = {
    "zh": ("本页的笔记本：", "在线查看", "下载 .ipynb 文件"),
    "en": ("This page as a notebook: ", "view it here", "download the .ipynb file"),
}
FIRST_HEADING_END = re.compile(r"</h1>")
# Links the notebooks carry between pages (scripts/build_notebooks.py): another notebook beside this one, or
# another page's Markdown source one folder up.
NOTEBOOK_HREF = re.compile(r'href="(?P<notebook>[\w-]+)\.ipynb(?P<anchor>#[^"]*)?"')
PAGE_SOURCE_HREF = re.compile(r'href="\.\./(?P<page>[\w-]+)\.md(?P<anchor>#[^"]*)?"')
HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">')
PAGE_HEADING = re.compile(r"^#{1,6} .*?(?:\{#(?P<id>[^}]+)\})?\s*$", re.M)
# A figure a notebook cell displays, as nbconvert writes it.
FIGURE_OUTPUT = re.compile(r'<img [^>]*src="data:image/svg\+xml;base64,[^"]*"[^>]*>')
STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)


class CompiledTemplates(jinja2.BytecodeCache):
    """nbconvert makes a new Jinja environment for every notebook it converts (twice per notebook page), and
    compiling its templates again each time was a third of the build. Compiled once, kept in memory."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()
_create_environment = TemplateExporter._create_environment


def create_environment_with_cache(self: TemplateExporter) -> jinja2.Environment:
    environment = _create_environment(self)
    environment.bytecode_cache = COMPILED_TEMPLATES
    return environment


TemplateExporter._create_environment = create_environment_with_cache


class AsWritten:
    """Stands in for BeautifulSoup in nbconvert's HTML exporter (see above): selects nothing and gives the
    page back as the templates wrote it."""

    def __init__(self, html: str, features: str) -> None:
        self.html = html

    def select(self, selector: str) -> list:
        return []

    def __str__(self) -> str:
        return self.html


nbconvert.exporters.html.BeautifulSoup = AsWritten
# The elements nbconvert makes focusable, so that a keyboard can scroll a wide cell or output: each cell's
# input and each output, as its lab templates write them.
CELL_PART = r"(?:jp-Cell-inputWrapper|jp-OutputArea-output)"
SCROLLABLE = re.compile(rf'<div(?= [^>]*class="(?:[^"]*\s)?{CELL_PART}[\s"])')


def focusable(html: str) -> str:
    return SCROLLABLE.sub('<div tabindex="0"', html)


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
        return with_notebook_links(html, page, config, files)
    # A notebook repeats the page it was built from: in the search index it would only double the results
    # and the index every page downloads (by about a third).
    page.meta["search"] = {"exclude": True}
    language = page.file.src_uri.split("/", 1)[0]
    source = Path(config.docs_dir) / page.file.src_uri.replace("notebooks/", "").replace(".ipynb", ".md")
    stripped = site_links(focusable(as_its_page(html, page, source)), language)
    colab = colab_url(config.extra["repository"], page.file.src_uri)
    if colab is None:
        return stripped
    link = f'<p class="notebook-links"><a href="{colab}">{COLAB_LABEL[language]}</a></p>'
    return link + stripped


def with_notebook_links(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A lesson page with a companion notebook (docs/LANG/notebooks/PAGE.ipynb) links to it under its title:
    the rendered notebook, the .ipynb file mkdocs-jupyter copies beside it (include_source), and Colab when
    there is a repository to open it from."""
    language, name = page.file.src_uri.split("/", 1)
    notebook = f"{language}/notebooks/{name.removesuffix('.md')}.ipynb"
    if files.get_file_from_path(notebook) is None:
        return html
    stem = Path(notebook).stem
    intro, view, download = NOTEBOOK_LABELS[language]
    links = [
        f'<a href="../notebooks/{stem}/">{view}</a>',
        f'<a href="../notebooks/{stem}/{stem}.ipynb" download>{download}</a>',
    ]
    colab = colab_url(config.extra["repository"], notebook)
    if colab is not None:
        links.append(f'<a href="{colab}">{COLAB_LABEL[language]}</a>')
    paragraph = f'<p class="notebook-links">{intro}{" · ".join(links)}</p>'
    html, count = FIRST_HEADING_END.subn("</h1>" + paragraph, html, count=1)
    if count != 1:
        raise ValueError(f"{page.file.src_uri}: no title to put the notebook links under")
    return html


def colab_url(repository: str, notebook: str) -> str | None:
    """Colab's address of a notebook in the repository (docs/NOTEBOOK on main), or None with no repository."""
    if not repository:
        return None
    return f"https://colab.research.google.com/github/{repository.removeprefix('https://github.com/')}/blob/main/docs/{notebook}"


def site_links(html: str, language: str) -> str:
    """On the site a notebook is a page at notebooks/NAME/: its links to X.ipynb go to the rendered notebook
    ../X/, and its links to ../X.md to the built page ../../X/ (the home page: ../../). Its figures
    (../../assets/figures/, beside docs/LANG/ in the repository) are one folder further up on the English
    site, which lives under en/ while the assets stay at the root."""
    if language != "zh":
        html = html.replace('src="../../assets/figures/', 'src="../../../assets/figures/')
    html = NOTEBOOK_HREF.sub(lambda link: f'href="../{link["notebook"]}/{link["anchor"] or ""}"', html)

    def page_href(link: re.Match[str]) -> str:
        folder = "" if link["page"] == "index" else f"{link['page']}/"
        return f'href="../../{folder}{link["anchor"] or ""}"'

    return PAGE_SOURCE_HREF.sub(page_href, html)


def as_its_page(html: str, page: Page, source: Path) -> str:
    """The rendered notebook with the heading ids and the figures of the page it was built from. A notebook
    out of step with its page (other headings, other figures) stops the build with what to run."""
    text = source.read_text(encoding="utf-8")
    try:
        return site_figures(use_page_heading_ids(html, page, text), text)
    except ValueError as mismatch:
        raise PluginError(
            f"{page.file.src_uri} is out of step with {source.parent.name}/{source.name} ({mismatch}): "
            f"rebuild its notebooks with python scripts/build_notebooks.py {source.stem}"
        ) from None


def site_figures(html: str, text: str) -> str:
    """A notebook shows each figure as the output of a cell that displays the file the code saved (see
    scripts/build_notebooks.py); on the site, each of those outputs, in order, becomes the figure of the page
    the notebook was built from: the site's file, with the page's text alternative (hooks/dark_figures.py
    then adds its dark variant), instead of a copy inlined into the page."""
    figures = FIGURE_LINE.findall(text)
    outputs = FIGURE_OUTPUT.findall(html)
    if len(outputs) != len(figures):
        raise ValueError(f"the page shows {len(figures)} figures, the notebook {len(outputs)}")
    shown = iter(figures)

    def page_figure(_: re.Match[str]) -> str:
        alt, path = next(shown)
        return f'<img alt="{escape(alt)}" src="../../assets/figures/{path}" />'

    return FIGURE_OUTPUT.sub(page_figure, html)


def use_page_heading_ids(html: str, page: Page, text: str) -> str:
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    wanted = [match["id"] for match in PAGE_HEADING.finditer(prose)]
    found = HEADING.findall(html)
    if len(found) != len(wanted):
        raise ValueError(f"the page has {len(wanted)} headings, the notebook {len(found)}")
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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not is_notebook(page.file.src_uri):
        return output
    if re.search(r'class="[^"]*\bjp-Mermaid\b', output):
        raise ValueError(f"{page.file.src_uri}: Mermaid diagrams would load Mermaid from a CDN")
    css = jupyter_css(output)
    first = STYLE.search(output)
    assert first is not None  # jupyter_css found at least one
    before, after = output[: first.start()], STYLE.sub("", output[first.start() :])
    return before + f"<style>{prune_css(css, before + after)}</style>\n" + after


def jupyter_css(html: str) -> str:
    """The CSS of mkdocs-jupyter's <style> blocks, in page order, without the two that do nothing here: the
    Mermaid styles, and a copy of the Pygments styles printed as a Python list (so invalid CSS)."""
    blocks = [
        block
        for block in STYLE.findall(html)
        if ".jp-Mermaid" not in block and not block.lstrip().startswith("[")
    ]
    if len(blocks) != 3:
        raise ValueError(
            f"expected mkdocs-jupyter's 3 stylesheets, found {len(blocks)}; update hooks/notebooks.py"
        )
    return "\n".join(blocks)


VAR = re.compile(r"var\(\s*(--[\w-]+)")
# Classes not in the built HTML that Material's JavaScript adds after load (it wraps each table in a scroll
# container): mkdocs-jupyter's CSS styles one of them.
ADDED_BY_JAVASCRIPT = {"md-typeset__scrollwrap", "md-typeset__table", "js", "js-focus-visible"}


@dataclass
class Rule:
    """A style rule (``head`` is its selectors), a @media/@supports group of rules, or a @keyframes block."""

    head: str
    declarations: tuple[tuple[str, str], ...] = ()  # (property, value)
    children: list[Rule] = field(default_factory=list)
    verbatim: str = ""


def prune_css(css: str, html: str) -> str:
    """The rules of ``css`` that can match something in ``html``, minified.

    A selector is kept unless it names a class or an attribute that no element of the page has. Pseudo-classes
    and their arguments are ignored, so a state the page can enter later (:hover, a colour scheme attribute
    that JavaScript flips) keeps its rule. Then custom properties are dropped unless a kept rule or the page
    reads them."""
    classes = {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}
    classes |= ADDED_BY_JAVASCRIPT
    attributes = set(re.findall(r"\s([\w:-]+)=[\"']", html))

    def keep(nodes: tuple[ParsedRule, ...]) -> list[Rule]:
        kept = []
        for node in nodes:
            if node.selectors:
                matching = [
                    text
                    for text, needed_classes, needed_attributes in node.selectors
                    if needed_classes <= classes and needed_attributes <= attributes
                ]
                if matching:
                    kept.append(Rule(",".join(matching), declarations=node.declarations))
            elif node.group:
                if children := keep(node.children):
                    kept.append(Rule(node.head, children=children))
            else:  # @keyframes
                kept.append(Rule(node.head, verbatim=node.verbatim))
        return kept

    rules = keep(parsed_stylesheet(css))
    read = set(VAR.findall(html))
    definitions: dict[str, list[str]] = {}
    for name, value in all_declarations(rules):
        if name.startswith("--"):
            definitions.setdefault(name, []).append(value)
        else:
            read.update(VAR.findall(value))
    unresolved = list(read)
    while unresolved:  # custom properties defined through other custom properties
        for definition in definitions.get(unresolved.pop(), []):
            for name in set(VAR.findall(definition)) - read:
                read.add(name)
                unresolved.append(name)
    return serialize(rules, read)


@dataclass(frozen=True)
class ParsedRule:
    """A rule of the stylesheet as parsed once: each selector with the class and attribute names it needs, or
    a @media/@supports group, or a @keyframes block kept as it is."""

    head: str = ""
    selectors: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()
    declarations: tuple[tuple[str, str], ...] = ()  # (property, value), serialised once
    children: tuple[ParsedRule, ...] = ()
    group: bool = False
    verbatim: str = ""


@functools.lru_cache(maxsize=4)
def parsed_stylesheet(css: str) -> tuple[ParsedRule, ...]:
    """mkdocs-jupyter puts the same CSS on every notebook page: parsing it (~590 KB) once instead of once per
    page keeps the build within its time budget."""
    return parse_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def parse_rules(nodes: list) -> tuple[ParsedRule, ...]:
    parsed = []
    for node in nodes:
        if isinstance(node, QualifiedRule):
            selectors = tuple(
                (tinycss2.serialize(selector).strip(), *map(frozenset, required_names(selector)))
                for selector in split_selectors(node.prelude)
            )
            parsed.append(ParsedRule(selectors=selectors, declarations=parse_declarations(node.content)))
        elif isinstance(node, AtRule):
            head = f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}"
            if node.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True)
                parsed.append(ParsedRule(head, children=parse_rules(inner), group=True))
            elif node.lower_at_keyword.endswith("keyframes"):
                parsed.append(ParsedRule(head, verbatim=tinycss2.serialize(node.content).strip()))
    return tuple(parsed)


def split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A selector list split at its top-level commas (those inside :is(…) or :not(…) are nested tokens)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def required_names(selector: list[Node]) -> tuple[set[str], set[str]]:
    """The classes and attribute names a selector asks for outside pseudo-class arguments."""
    classes, attributes = set(), set()
    for previous, token in zip([None, *selector], selector, strict=False):
        if isinstance(token, IdentToken) and isinstance(previous, LiteralToken) and previous.value == ".":
            classes.add(token.value)
        elif isinstance(token, SquareBracketsBlock):
            attributes.update(node.value for node in token.content[:2] if isinstance(node, IdentToken))
    return classes, attributes


def parse_declarations(content: list) -> tuple[tuple[str, str], ...]:
    parsed = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    return tuple(
        (node.name, tinycss2.serialize(node.value).strip() + (" !important" if node.important else ""))
        for node in parsed
        if isinstance(node, Declaration)
    )


def all_declarations(rules: list[Rule]) -> Iterator[tuple[str, str]]:
    for rule in rules:
        yield from rule.declarations
        yield from all_declarations(rule.children)


def serialize(rules: list[Rule], custom_properties: set[str]) -> str:
    out = []
    for rule in rules:
        if rule.verbatim:
            out.append(f"{rule.head}{{{rule.verbatim}}}")
        elif rule.children:
            if inner := serialize(rule.children, custom_properties):
                out.append(f"{rule.head}{{{inner}}}")
        elif kept := [
            f"{name}:{value}"
            for name, value in rule.declarations
            if not name.startswith("--") or name in custom_properties
        ]:
            out.append(f"{rule.head}{{{';'.join(kept)}}}")
    return "".join(out)

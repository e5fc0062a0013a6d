"""The offline copy of the site: one PDF per language, printed by Chromium from the built site.

    mkdocs build --strict && python scripts/build_pdf.py  # site/pytorch-intro.pdf, site/en/pytorch-intro.pdf
    python scripts/build_pdf.py --site-dir DIR             # another build folder

Every page of a language, in the order of the navigation (the notebooks left out: they repeat their pages),
becomes one chapter of the file. Links between pages become links inside the file, collapsed answers are
opened, each content tab is printed under its title, and the fonts Chromium draws with (Chinese included)
are embedded. Not part of `mkdocs build`: printing takes longer than the build's whole time budget.
"""

from __future__ import annotations

import argparse
import functools
import html
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from llms_txt import nav_paths  # noqa: E402  (the navigation's order, as llms.txt lists it)
from project import chromium, page_url  # noqa: E402  (where the browser is, where a page is)

# Where each language's file goes in the built site; the home pages link to them.
OFFLINE_FILES = {"zh": "pytorch-intro.pdf", "en": "en/pytorch-intro.pdf"}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)"')
BODY = re.compile(r"<body(?P<attributes>[^>]*)>")
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm; }
html { font-size: 125%; }
/* Chinese text in a TrueType font: Noto Sans CJK (OpenType/CFF) is embedded as Type 3 glyphs whose text
   maps some common characters to look-alike radicals (一 to ⼀): copying or searching the PDF fails. */
body * { font-family: "Liberation Sans", "WenQuanYi Micro Hei", sans-serif !important; }
body code, body code *, body pre, body pre *, body kbd {
  font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace !important;
}
body { margin: 0; }
.chapter { break-before: page; }
.chapter:first-child { break-before: auto; }
.md-typeset { font-size: 0.7rem; }
/* code is wrapped, never cut off at the right edge of the paper */
.md-typeset pre > code { white-space: pre-wrap; overflow-wrap: anywhere; max-height: none; }
/* A figure or a short block moves to the next page whole; a long table breaks between its rows (kept whole,
   it left the page before it nearly empty: the glossary), and so does a long code block or a note that holds
   code (PREPARE marks them .breakable: moved whole, they left two thirds of a page empty). A heading or a
   code block's file name stays with what follows it. */
.md-typeset img, .md-typeset .admonition, .md-typeset details, .md-typeset tr { break-inside: avoid; }
.md-typeset pre { break-inside: avoid-page; }
.md-typeset .breakable { break-inside: auto; }
.md-typeset h2, .md-typeset h3, .md-typeset .filename { break-after: avoid; }
.md-typeset .tabbed-labels, .md-typeset .tabbed-set > input { display: none; }
.md-typeset .tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
.md-typeset .tab-title { font-weight: 700; margin: 1em 0 0.25em; }
.md-typeset .headerlink, .md-content__button, .md-source-file, .notebook-links { display: none; }
"""
# Runs in the combined document: every chapter's ids get the chapter's name in front (so they stay unique);
# links to the site's pages become links to chapters; other relative links and images resolve against the
# page they came from; details open; each tab's content gets its title.
# Code of more lines than this may break across pages (a page holds about 50 of them).
LONG_CODE_LINES = 20
PREPARE = """([siteUrl, LONG_CODE_LINES]) => {
    const chapters = [...document.querySelectorAll("section.chapter")];
    const byPage = new Map(chapters.map(chapter => [chapter.dataset.page, chapter.id]));
    for (const chapter of chapters) {
        const base = chapter.dataset.page;
        for (const element of chapter.querySelectorAll("[id]")) element.id = `${chapter.id}--${element.id}`;
        for (const label of chapter.querySelectorAll("label[for]")) {
            label.htmlFor = `${chapter.id}--${label.htmlFor}`;
        }
        // The PDF is printed in the light scheme: the figures' dark variants go (hooks/dark_figures.py),
        // and the rest load now, not lazily when scrolled to.
        for (const image of chapter.querySelectorAll('img[src$="#only-dark"]')) image.remove();
        for (const image of chapter.querySelectorAll("img[src]")) {
            image.loading = "eager";
            image.src = new URL(image.getAttribute("src"), base).href;
        }
        for (const link of chapter.querySelectorAll("a[href]")) {
            const target = new URL(link.getAttribute("href"), base);
            if (target.protocol !== "file:") continue;
            const page = target.href.split("#")[0].replace(/index\\.html$/, "");
            const chapterId = byPage.get(page) || byPage.get(page + "/");
            if (chapterId) {
                const fragment = target.hash.slice(1);
                link.href = fragment ? `#${chapterId}--${decodeURIComponent(fragment)}` : `#${chapterId}`;
            } else {
                // a file of the site that is not a page (a notebook, llms.txt): its published address
                link.href = siteUrl + target.href.slice(document.body.dataset.siteRoot.length);
            }
        }
        for (const details of chapter.querySelectorAll("details")) details.open = true;
        for (const pre of chapter.querySelectorAll("pre")) {
            if (pre.textContent.split("\\n").length > LONG_CODE_LINES) pre.classList.add("breakable");
        }
        for (const note of chapter.querySelectorAll(".admonition, details")) {
            if (note.querySelector("pre")) note.classList.add("breakable");
        }
        for (const tabs of chapter.querySelectorAll(".tabbed-set")) {
            const labels = [...tabs.querySelectorAll(":scope > .tabbed-labels > label")];
            const blocks = [...tabs.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
            blocks.forEach((block, index) => {
                const title = document.createElement("p");
                title.className = "tab-title";
                title.textContent = labels[index] ? labels[index].textContent : "";
                block.prepend(title);
            });
        }
    }
}"""


@functools.cache
def mkdocs_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def nav_pages() -> list[str]:
    """The Markdown files of the navigation, in order, without the notebooks."""
    return [path for path in nav_paths(mkdocs_config()["nav"]) if path.endswith(".md")]


def language_settings(language: str) -> dict:
    """The i18n plugin's entry for the language in mkdocs.yml (its site name, its nav_translations...)."""
    plugins = [
        plugin["i18n"]
        for plugin in mkdocs_config()["plugins"]
        if isinstance(plugin, dict) and "i18n" in plugin
    ]
    return next(entry for plugin in plugins for entry in plugin["languages"] if entry["locale"] == language)


def site_name(language: str) -> str:
    """The site's name in the language (its i18n entry's, else the default)."""
    return language_settings(language).get("site_name", mkdocs_config()["site_name"])


def built_page(site: Path, language: str, page: str) -> Path:
    folder = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return site / page_url(language) / folder / "index.html"


def combined_document(site: Path, language: str) -> str:
    """One HTML document holding every page's article, with the site's own stylesheets."""
    home = built_page(site, language, "index.md")
    home_html = home.read_text(encoding="utf-8")
    stylesheets = [(home.parent / href).resolve().as_uri() for href in STYLESHEET.findall(home_html)]
    sections = []
    for page in nav_pages():
        path = built_page(site, language, page)
        article = ARTICLE.search(path.read_text(encoding="utf-8"))
        if article is None:
            raise ValueError(f"{path}: no article")
        chapter = "home" if page == "index.md" else page.removesuffix(".md")
        page_url = path.parent.resolve().as_uri() + "/"
        sections.append(
            f'<section class="chapter" id="{chapter}" data-page="{page_url}">'
            f'<article class="md-content__inner md-typeset">{article["body"]}</article></section>'
        )
    links = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    # The file's title (what a PDF reader shows and the outline starts from) is the site's name, not the
    # home page's tab title ("Home - PyTorch Primer").
    title = html.escape(site_name(language))
    body_attributes = BODY.search(home_html)["attributes"]
    site_root = site.resolve().as_uri() + "/"
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>\n'
        f"{links}\n<style>{PRINT_CSS}</style></head>\n"
        f'<body{body_attributes} data-site-root="{html.escape(site_root)}">'
        f'<div class="md-content">{"".join(sections)}</div></body></html>\n'
    )


def build(site: Path, language: str, site_url: str) -> Path:
    """Prints the language's offline file into the built site; returns its path."""
    from playwright.sync_api import sync_playwright

    target = site / OFFLINE_FILES[language]
    # The combined document stays out of the site (the tests read the built site while one prints): every
    # address in it is absolute, or made absolute by PREPARE from the page it came from.
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        source = Path(folder) / f"offline-{language}.html"
        source.write_text(combined_document(site, language), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page()
        # A whole site in one document: on a busy machine it takes longer than Playwright's 30 s default.
        page.set_default_timeout(180_000)
        page.goto(source.as_uri(), wait_until="load")
        page.evaluate(PREPARE, [site_url.rstrip("/") + "/", LONG_CODE_LINES])
        page.wait_for_load_state("load")
        page.evaluate("Promise.all([...document.images].map(image => image.decode().catch(() => null)))")
        page.pdf(path=str(target), format="A4", print_background=True, outline=True, tagged=True)
        browser.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="the output of mkdocs build")
    arguments = parser.parse_args()
    from site_settings import project_site_address

    _, site_url = project_site_address()
    for language in OFFLINE_FILES:
        started = time.perf_counter()
        path = build(arguments.site_dir, language, site_url)
        seconds = time.perf_counter() - started
        print(
            f"{path.relative_to(arguments.site_dir)}: {path.stat().st_size / 1e6:.1f} MB in {seconds:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

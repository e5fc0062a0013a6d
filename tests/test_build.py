"""Builds the site with ``mkdocs build --strict`` once and checks what a reader's browser would receive."""

from __future__ import annotations

import ast
import json
import os
import platform
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import build_pdf
import nbformat
import pytest
import torch
from mkdocs.utils.yaml import yaml_load
from project import build_problems, page_url, site_pages
from test_docs import python_fence_problem

import build_notebooks
import reader_code
from fences import DOCS, LANGUAGES, SNIPPETS, built_code_blocks, pages, read_fences, snippet_files
from site_settings import project_site_address

SITE_PATH = urlparse(project_site_address()[1]).path  # as the build derives it

# Attributes through which a page makes the browser fetch something as it loads.
FETCHING_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}


def page_html(site: Path, language: str, page: str) -> Path:
    return site / page_url(language, page) / "index.html"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_built(site: Path, language: str) -> None:
    for page in site_pages():
        assert page_html(site, language, page).is_file(), f"{language}/{page} was not built"


class PageParser(HTMLParser):
    """What the tests read from a built page: URLs fetched on load, link targets, element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.blocking_scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "script" and attributes.get("src") and not {"defer", "async"} & attributes.keys():
            self.blocking_scripts.append(attributes["src"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        rel = attributes.get("rel") or ""
        if tag == "link" and not re.search(r"stylesheet|icon|preload|prefetch|manifest|modulepreload", rel):
            return  # alternate, canonical, ... are navigation, not fetched on load
        for name, value in attrs:
            if name in FETCHING_ATTRIBUTES.get(tag, []) and value:
                self.fetched.extend(part.strip().split(" ")[0] for part in value.split(","))


def parse(html: Path) -> PageParser:
    parser = PageParser()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[Path, PageParser]:
    return {html: parse(html) for html in site.rglob("*.html")}


def test_no_request_to_another_host(site: Path, parsed: dict[Path, PageParser]) -> None:
    external = []
    for html, page in parsed.items():
        external += [f"{html.relative_to(site)}: {url}" for url in page.fetched if urlparse(url).netloc]
    for css in site.rglob("*.css"):
        external += [
            f"{css.relative_to(site)}: {url}" for url in remote_css_urls(css.read_text(encoding="utf-8"))
        ]
    for html in parsed:
        for block in re.findall(r"<style[^>]*>(.*?)</style>", html.read_text(encoding="utf-8"), re.S):
            external += [f"{html.relative_to(site)} <style>: {url}" for url in remote_css_urls(block)]
    assert not external, "\n".join(external)


CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")\s]+)|@import\s+['"](?P<imported>[^'"]+)""")


def remote_css_urls(css: str) -> list[str]:
    """What a stylesheet makes the browser fetch from another host: url(...) and @import "..." alike."""
    found = [match["url"] or match["imported"] for match in CSS_URL.finditer(css)]
    return [url for url in found if urlparse(url).netloc]


def test_remote_css_check_can_fail() -> None:
    css = '@import "https://fonts.example/a.css";\n@import url(//cdn.example/b.css);\nb { x: url(c.png) }'
    assert remote_css_urls(css) == ["//cdn.example/b.css", "https://fonts.example/a.css"][::-1]


def test_no_script_blocks_the_parser(site: Path, parsed: dict[Path, PageParser]) -> None:
    """Every script file is deferred (overrides/main.html defers the theme's bundle): none holds back the
    first paint."""
    blocking = [
        f"{html.relative_to(site)}: {src}" for html, page in parsed.items() for src in page.blocking_scripts
    ]
    assert not blocking, "\n".join(blocking[:10])


def local_target(site: Path, html: Path, path: str) -> Path:
    """The file a same-site URL path points to: relative to the page, or from the site root (the language
    switcher and 404.html use root paths that start with site_url's path)."""
    if path.startswith("/"):
        return site / path.removeprefix(SITE_PATH)
    return (html.parent / path).resolve() if path else html


def test_every_local_resource_exists(site: Path, parsed: dict[Path, PageParser]) -> None:
    """Scripts, styles and images a page loads from this site are really there (in both languages)."""
    missing = []
    for html, page in parsed.items():
        for url in map(urlparse, page.fetched):
            if (
                not (url.netloc or url.scheme or not url.path)
                and not local_target(site, html, url.path).is_file()
            ):
                missing.append(f"{html.relative_to(site)}: {url.geturl()}")
    assert not missing, "\n".join(missing)


def test_language_switcher_keeps_the_page(site: Path) -> None:
    html = page_html(site, "zh", "tensor").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*en/tensor/"[^>]*hreflang="en"', html), (
        "zh tensor page does not link en/tensor/"
    )
    html = page_html(site, "en", "tensor").read_text(encoding="utf-8")
    assert re.search(r'href="(\.\./)+tensor/"[^>]*hreflang="zh"', html), (
        "en tensor page does not link zh tensor/"
    )


def search_docs(site: Path) -> list[dict]:
    """Both indexes' entries (hooks/search_split.py writes one per language), English ones under en/."""
    chinese = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return chinese + [{**doc, "location": "en/" + doc["location"]} for doc in english]


def test_each_language_has_its_own_search_index(site: Path) -> None:
    """The Chinese index holds only Chinese pages; the English one only English pages, with base forms."""
    chinese = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles_zh = {doc["title"] for doc in chinese["docs"] if doc["location"] == "tensor/"}
    titles_en = {doc["title"] for doc in english["docs"] if doc["location"] == "tensor/"}
    assert titles_zh == {"张量"} and titles_en == {"Tensor"}, (titles_zh, titles_en)
    assert not [doc for doc in chinese["docs"] if doc["location"].startswith("en/")]
    assert english["config"]["lang"] == ["en"] and "stems" in english["config"]["fields"]
    module = next(doc for doc in english["docs"] if doc["location"] == "module/#save-load")
    assert "save" in module["stems"].split()  # "Saving and loading" reached by the query "save"


def test_search_index_leaves_out_the_notebooks(site: Path) -> None:
    """They repeat their pages word for word (hooks/notebooks.py)."""
    locations = [doc["location"] for doc in search_docs(site)]
    assert any(location.startswith("tensor/") for location in locations)
    assert not [location for location in locations if "notebooks/" in location]


@pytest.mark.parametrize(
    ("word", "location"),
    [("张量", "tensor/"), ("广播", "tensor/#"), ("broadcasting", "en/tensor/#")],
)
def test_search_index_has_words(site: Path, word: str, location: str) -> None:
    """Chinese text is segmented into words at build time (jieba), so a search for 张量 can match it."""
    separator = "\u200b"
    hits = [
        doc["location"]
        for doc in search_docs(site)
        if re.search(rf"(^|[\s{separator}]){word}($|[\s{separator}])", doc["title"] + " " + doc["text"], re.I)
    ]
    assert any(hit.startswith(location) for hit in hits), f"{word!r} not indexed on {location}: {hits[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["autograd", "module", "notebooks/autograd", "notebooks/module"])
def test_math_is_mathml(site: Path, language: str, name: str) -> None:
    """hooks/mathml.py renders every formula at build time: MathML in the page, no TeX left, no script."""
    html = page_html(site, language, name).read_text(encoding="utf-8")
    if name.startswith("notebooks/"):  # the Markdown cells: a figure's SVG output may hold a $ too
        notebook = nbformat.read(DOCS / language / f"{name}.ipynb", as_version=4)
        source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    else:
        source = (DOCS / language / f"{name}.md").read_text(encoding="utf-8")
    formulas = len(re.findall(r"\$[^$\s`][^$`]*\$", re.sub(r"`[^`\n]*`", "", source)))
    assert formulas, f"{name} has no math: pick another page for this test"
    assert html.count("<math ") == formulas, "some formulas were not turned into MathML"
    assert "\\(" not in html and not re.search(r"\$[^$\s<]+\$", html), "TeX left on the page"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_page_links_its_notebook_under_its_title(site: Path, language: str) -> None:
    """View, download (the .ipynb mkdocs-jupyter copies), and Colab when there is a repository: each link
    right under the title and pointing at a file the site has."""
    repository = project_site_address()[0]
    for lesson in build_notebooks.PAGES:
        page = page_html(site, language, lesson)
        html = page.read_text(encoding="utf-8")
        links = re.search(r'</h1><p class="notebook-links">(.*?)</p>', html)
        assert links, f"{language}/{lesson}: no notebook links under the title"
        hrefs = re.findall(r'href="([^"]+)"', links[1])
        local = [href for href in hrefs if not href.startswith("https://")]
        assert local == [f"../notebooks/{lesson}/", f"../notebooks/{lesson}/{lesson}.ipynb"], hrefs
        for href in local:
            target = (page.parent / href).resolve()
            assert (target / "index.html" if href.endswith("/") else target).is_file(), f"{page}: {href}"
        colab = [href for href in hrefs if href.startswith("https://colab.research.google.com/")]
        assert len(colab) == bool(repository), f"{language}/{lesson}: {colab}"
    others = [page for page in site_pages() if page not in build_notebooks.PAGES]
    for other in others:
        html = page_html(site, language, other).read_text(encoding="utf-8")
        assert '</h1><p class="notebook-links">' not in html, f"{other} has no notebook to link"


@pytest.mark.parametrize("language", LANGUAGES)
def test_notebooks_render_as_pages(site: Path, language: str) -> None:
    """mkdocs-jupyter + mkdocs-static-i18n: without hooks/notebooks.py they come out as raw JSON."""
    for notebook in sorted((DOCS / language / "notebooks").glob("*.ipynb")):
        html = page_html(site, language, f"notebooks/{notebook.stem}").read_text(encoding="utf-8")
        assert "jp-Notebook" in html and "jp-CodeCell" in html, f"{language}/{notebook.name} is not rendered"
        assert ("colab.research.google.com" in html) == bool(project_site_address()[0]), (
            "Colab link iff repository"
        )
        assert "mathjax" not in html.lower(), "the CDN MathJax of mkdocs-jupyter is still loaded"
        assert "cdnjs" not in html, "mkdocs-jupyter's CDN loader (Mermaid) is still on the page"
        assert "data:image" not in html, (
            f"{language}/{notebook.name}: a figure inlined instead of the site's file"
        )
        # Each cell's input and each output, as nbconvert makes them focusable: a keyboard can scroll them.
        cell_part = r"\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b"
        cells = re.findall(rf'<div [^>]*class="[^"]*{cell_part}[^>]*>', html)
        assert cells, f"{language}/{notebook.name}: no cells found"
        unreachable = [cell for cell in cells if 'tabindex="0"' not in cell]
        assert not unreachable, f"{language}/{notebook.name}: a keyboard can't reach {unreachable[0]}"
        # mkdocs-jupyter inlines ~590 KB of CSS per page; hooks/notebooks.py keeps what the page uses (~16 KB)
        css = sum(len(block.encode()) for block in re.findall(r"<style>(.*?)</style>", html, re.S))
        assert css < 40_000, f"{language}/{notebook.name}: {css} bytes of inline CSS"


def test_notebooks_keep_the_same_css_in_both_languages(site: Path) -> None:
    """Pruning depends only on the classes and attributes a page has, so the same notebook in both languages
    should keep the same rules. Then tests/test_browser.py, which checks the pruning of the Chinese notebooks
    against the full CSS in a browser, vouches for the English ones too."""
    for notebook in sorted((DOCS / "zh" / "notebooks").glob("*.ipynb")):
        styles = [
            re.findall(
                r"<style>(.*?)</style>", page_html(site, language, f"notebooks/{notebook.stem}").read_text()
            )
            for language in LANGUAGES
        ]
        assert len(styles[0]) == 1, f"{notebook.name}: expected one merged stylesheet"
        assert styles[0] == styles[1], (
            f"{notebook.name} keeps other CSS in English: check the English notebooks in test_browser.py too"
        )


def test_every_page_says_what_it_was_tested_with(site: Path) -> None:
    version = torch.__version__.split("+")[0]
    python = platform.python_version()
    expected = {"zh": f"torch {version}、Python {python}", "en": f"torch {version}, Python {python}"}
    for language in LANGUAGES:
        for page in site_pages():
            html = page_html(site, language, page).read_text(encoding="utf-8")
            assert 'class="tested-with"' in html and expected[language] in html, f"{language}/{page}"


def test_internal_links_and_anchors_resolve(site: Path, parsed: dict[Path, PageParser]) -> None:
    """Every link inside the site, in both languages, reaches a page, and every #anchor an element on it."""
    broken = []
    site_url = project_site_address()[1].rstrip("/") + "/"
    for html, page in parsed.items():
        for link in page.links:
            if link.startswith(site_url):  # an absolute link to this site: checked like a relative one
                link = SITE_PATH.rstrip("/") + "/" + link.removeprefix(site_url)
            url = urlparse(link)
            if url.scheme or url.netloc or html.name == "404.html":
                continue  # external links are listed by scripts/report.py, never fetched here
            target = local_target(site, html, url.path)
            if target.is_dir():
                target = target / "index.html"
            if Path(os.path.relpath(target, site)).as_posix() in build_pdf.OFFLINE_FILES.values():
                continue  # written after the build by scripts/build_pdf.py; tests/test_pdf.py checks it
            if not target.is_file():
                broken.append(f"{html.relative_to(site)} -> {link}")
            elif url.fragment and url.fragment not in (parsed.get(target) or parse(target)).ids:
                broken.append(f"{html.relative_to(site)} -> {link} (no such anchor)")
    assert not broken, "\n".join(sorted(set(broken)))


def test_the_strict_build_stops_on_a_missing_anchor(tmp_path: Path) -> None:
    """mkdocs.yml's validation, in a site of two pages: a link to a heading neither page has stops the
    strict build (by default mkdocs only notes it), and the same link to a heading that exists does not.
    Without --quiet: mkdocs counts no warning it does not log."""
    validation = yaml_load((DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"))["validation"]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## Present\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(json.dumps({"site_name": "t", "strict": True, "validation": validation}))

    def build(anchor: str) -> subprocess.CompletedProcess:
        (tmp_path / "docs" / "index.md").write_text(f"[other](other.md#{anchor})\n", encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    broken = build("missing")
    assert broken.returncode != 0 and "does not contain an anchor '#missing'" in broken.stderr, broken.stderr
    assert build("present").returncode == 0


PYTHON_LANGUAGES = re.compile(r"^(py\w*|python\w*|ipython\w*|cython|sage|numpy)$")
UNLABELLED = {"", "text", "plain", "plaintext", "none"}
PYTHON_STATEMENTS = (
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.ClassDef,
    ast.Assign,
    ast.AugAssign,
    ast.For,
    ast.While,
    ast.With,
)


def test_a_failed_build_is_told_by_its_errors_and_warnings() -> None:
    """The site fixture reports a failed build by what it said was wrong, each message whole, without the
    INFO lines of the pages it built (a page's checks, pytest --page, build the site that way)."""
    log = """INFO    -  Cleaning site directory
INFO    -  Converting notebook (execute=False): docs/zh/notebooks/training.ipynb
ERROR   -  zh/training.md:
  training/stack.py: no translation for the comments 'rows first' (in comments.zh.toml)

INFO    -  Building documentation to directory: site/en
WARNING -  Doc file 'en/tensor.md' contains a link 'x.md', but the target is not found.
INFO    -  Documentation built in 7.01 seconds
"""
    assert build_problems(log) == (
        "ERROR   -  zh/training.md:\n"
        "  training/stack.py: no translation for the comments 'rows first' (in comments.zh.toml)\n"
        "WARNING -  Doc file 'en/tensor.md' contains a link 'x.md', but the target is not found."
    )
    assert build_problems("INFO    -  Documentation built in 7.01 seconds\n") == ""


def normalized(code: str) -> str:
    return "\n".join(line.rstrip() for line in textwrap.dedent(code).strip("\n").splitlines())


def looks_like_python(language: str, code: str) -> bool:
    """Tagged with a Python alias, or unlabelled and parsing as a Python program with statements in it."""
    if PYTHON_LANGUAGES.match(language):
        return True
    if language not in UNLABELLED:
        return False
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return False
    return any(isinstance(node, PYTHON_STATEMENTS) for node in ast.walk(tree))


def code_the_tests_run(language: str) -> set[str]:
    """What the tests run or compare, as a page in ``language`` shows it: every snippet's reader view, every
    Python fence that pytest-codeblocks runs (or skips with a stated reason), and every recorded output (some
    print Python, such as torch.export's graph)."""
    code = {
        normalized(reader_code.reader_code(path.relative_to(SNIPPETS).as_posix(), language))
        for path in snippet_files()
    }
    code |= {normalized(path.read_text(encoding="utf-8")) for path in SNIPPETS.rglob("*.out")}
    for page in pages(language):
        code |= {
            normalized(fence.body)
            for fence in read_fences(page)
            if fence.is_python and not fence.include and python_fence_problem(fence) is None
        }
    return code


def untested_python(html: str, tested: set[str]) -> list[str]:
    return [
        normalized(code).split("\n", 1)[0][:60]
        for language, code in built_code_blocks(html)
        if looks_like_python(language, code) and normalized(code) not in tested
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_python_on_a_page_that_no_test_runs(site: Path, language: str) -> None:
    """Checked on the built HTML, whatever Markdown made it: a fence with a Python alias (numpy, py2, pyi,
    cython...), a ~~~ or indented block, raw <pre><code>. The notebooks are run by tests/test_notebooks.py."""
    tested = code_the_tests_run(language)
    problems = []
    for page in site_pages():
        if page.startswith("notebooks/"):
            continue
        html = page_html(site, language, page).read_text(encoding="utf-8")
        problems += [f"{language}/{page}: {first_line!r}" for first_line in untested_python(html, tested)]
    assert not problems, "Python code on a page that no test runs:\n" + "\n".join(problems)


def test_untested_python_check_can_fail() -> None:
    html = (
        '<div class="language-numpy highlight"><pre><code>import numpy as np</code></pre></div>'
        "<pre><code>x = torch.ones(2)\nprint(x)</code></pre>"
        '<div class="language-text highlight"><pre><code>tensor([1., 1.])</code></pre></div>'
        '<div class="language-python highlight"><pre><code>print(1)</code></pre></div>'
    )
    assert untested_python(html, {"print(1)"}) == ["import numpy as np", "x = torch.ones(2)"]

"""The built site as a reader meets it: Debian's Chromium (its headless shell), driven by Playwright, against
127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from project import chromium, headless_chromium, page_url, site_pages

from fences import DOCS, LANGUAGES, read_fences
from reader_code import reader_code
from snippet_runner import FreshPython

# $CHROMIUM names another Chromium-based browser (the GitHub workflows use the runner's Google Chrome).
CHROMIUM = headless_chromium()
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no browser: apt-get install chromium (.ci/run does)"
)
playwright = pytest.importorskip("playwright.sync_api")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")

PAGES = site_pages()

# Every page in both languages; the notebooks in Chinese only: the English ones are the same template with the
# same CSS (tests/test_build.py checks they keep the same rules); Lighthouse audits every page in the report.
ACCESSIBILITY_PAGES = [
    (language, name)
    for language in LANGUAGES
    for name in PAGES
    if language == "zh" or not name.startswith("notebooks/")
]

# The pages with Python blocks (both languages show the same blocks: tests/test_docs.py).
PAGES_WITH_PYTHON = [
    name
    for name in PAGES
    if not name.startswith("notebooks/")
    and any(fence.is_python for fence in read_fences(DOCS / "zh" / f"{name}.md"))
]

# The palette toggle in the header as the light scheme shows it: it switches to the dark one.
DARK_MODE_TOGGLE = 'label[for="__palette_1"]'


def test_the_headless_shell_is_driven_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {
        "chromium": "/usr/bin/chromium",
        "chromium-headless-shell": "/usr/bin/chromium-headless-shell",
    }
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", installed.get)
    assert headless_chromium() == "/usr/bin/chromium-headless-shell"
    assert chromium() == "/usr/bin/chromium", "the PDF and Lighthouse keep the full browser"
    del installed["chromium-headless-shell"]
    assert headless_chromium() == "/usr/bin/chromium"
    monkeypatch.setenv("CHROMIUM", "/opt/chrome")
    assert headless_chromium() == chromium() == "/opt/chrome"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Browser downloads fail here: Playwright drives the Chromium that Debian installs.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            # No host but this machine resolves: a request to another host fails at once, as offline.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


@pytest.fixture(scope="session")
def site_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serves the built site under the path of site_url (/pytorch-intro/), as GitHub Pages would."""
    from test_build import SITE_PATH

    root = tmp_path_factory.mktemp("www")
    (root / SITE_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A test that ends while the page still downloads (the search index) closes the connection
        # mid-transfer; that is not a server error. Anything else is still printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def reader(page, site_url: str):
    """A page that records console errors and every request to another host."""
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))

    def note_foreign_host(request) -> None:
        if urlparse(request.url).hostname not in ("127.0.0.1", None):
            page.foreign_requests.append(request.url)

    # Listened to, not intercepted: a route would send every request through this process and turn the
    # browser's cache off. The request itself fails at once (browser_type_launch_args).
    page.on("request", note_foreign_host)
    page.site_url = site_url
    return page


def check_loaded_cleanly(reader) -> None:
    """Once the page has fetched all it fetches: a title, no console error, no request to another host."""
    reader.wait_for_load_state("networkidle")
    assert reader.locator("h1").count() >= 1
    assert not reader.console_errors, reader.console_errors
    assert not reader.foreign_requests, reader.foreign_requests


# The pages the accessibility test below does not load (it checks the others load cleanly as well).
@pytest.mark.parametrize(
    ("language", "name"),
    [
        (language, name)
        for language in LANGUAGES
        for name in PAGES
        if (language, name) not in ACCESSIBILITY_PAGES
    ],
)
def test_page_loads_cleanly(reader, language: str, name: str) -> None:
    reader.goto(reader.site_url + page_url(language, name))
    check_loaded_cleanly(reader)


def test_a_request_to_another_host_is_caught(reader) -> None:
    """The check above can fail: a stylesheet and a script from another host, added to a page, are both
    recorded, and neither reaches the network (each fails as a console error too)."""
    reader.goto(reader.site_url)
    reader.evaluate("""() => {
        const style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = "https://fonts.example.com/font.css";
        document.head.append(style);
        fetch("https://cdn.example.com/x.js").catch(() => {});
    }""")
    reader.wait_for_load_state("networkidle")
    assert sorted(reader.foreign_requests) == [
        "https://cdn.example.com/x.js",
        "https://fonts.example.com/font.css",
    ]
    with pytest.raises(AssertionError, match="ERR_NAME_NOT_RESOLVED"):
        check_loaded_cleanly(reader)


# Realistic queries (terms, API names, an error message, Chinese mixed with code) and the page each must find
# in its top 3. Each language searches its own index (hooks/search_split.py).
SEARCHES = {
    "zh": {
        "张量": "tensor/",
        "广播": "tensor/",
        "view": "tensor/",
        "requires_grad": "autograd/",
        "requires_grad 是什么": "autograd/",
        "梯度累加": "autograd/",
        "zero_grad": "autograd/",
        "weights_only": "module/",
        "state_dict": "module/",
        "nn.Module": "module/",
        "保存和加载": "module/",
        "DataLoader": "data/",
        "random_split": "data/",
        "学习率调度器": "training/",
        "检查点": "training/",
        "map_location": "training/",
        "CrossEntropyLoss": "training/",
        "手写数字": "first-project/",
        "混淆矩阵": "first-project/",
        "锁页内存": "cpu-and-gpu/",
        "CUDA": "cpu-and-gpu/",
        "设备不一致": "cpu-and-gpu/",
        "torch.export": "deployment/",
        "ONNX": "deployment/",
        "FastAPI": "deployment/",
        "Theano": "history/",
        "静态图": "history/",
        "TensorFlow": "pytorch-vs-tensorflow/",
    },
    "en": {
        "tensor": "en/tensor/",
        "broadcasting": "en/tensor/",
        "views": "en/tensor/",
        "requires_grad": "en/autograd/",
        "gradient accumulation": "en/autograd/",
        "zero_grad": "en/autograd/",
        "weights_only": "en/module/",
        "state_dict": "en/module/",
        "nn.Module": "en/module/",
        "saving and loading": "en/module/",  # stems: "save" reaches "Saving"
        "DataLoader": "en/data/",
        "random_split": "en/data/",
        "learning rate scheduler": "en/training/",
        "checkpoint": "en/training/",
        "map_location": "en/training/",
        "training loop": "en/training/",
        "CrossEntropyLoss": "en/training/",
        "handwritten digits": "en/first-project/",
        "confusion matrix": "en/first-project/",
        "save model": "en/first-project/",
        "pinned memory": "en/cpu-and-gpu/",
        "devices": "en/cpu-and-gpu/",  # plural query, singular text
        "Expected all tensors to be on the same device": "en/common-errors/",
        "torch.export": "en/deployment/",
        "FastAPI": "en/deployment/",
        "Theano": "en/history/",
        "static graph": "en/history/",
        "TensorFlow": "en/pytorch-vs-tensorflow/",
    },
}


def search_results(reader, query: str) -> list[str]:
    """The links of the search results for the query, best first (page and section results alike)."""
    search = reader.locator(".md-search__input")
    search.click()
    search.fill(query)
    # Material searches on keyup; text filled in (as an input method commits Chinese) sends none.
    search.press("End")
    script = "Array.from(document.querySelectorAll(SELECTOR), link => link.href)".replace(
        "SELECTOR", "'.md-search-result__item > .md-search-result__link'"
    )
    # The results list is rebuilt as the search runs: read it until two reads agree.
    previous: list[str] = []
    for _ in range(50):
        reader.wait_for_timeout(100)
        hrefs = reader.evaluate(script)
        if hrefs and hrefs == previous:
            break
        previous = hrefs
    return previous


def search_top_pages(reader, query: str) -> list[str]:
    """The pages of the search results for the query, best first, as paths under the site."""
    pages: list[str] = []
    for href in search_results(reader, query):
        path = urlparse(href).path.split("pytorch-intro/")[-1]
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_the_page_in_the_readers_language(reader, language: str) -> None:
    reader.goto(reader.site_url + page_url(language, "index"))
    misses, foreign = [], []
    for query, expected in SEARCHES[language].items():
        pages = search_top_pages(reader, query)
        if expected not in pages[:3]:
            misses.append(f"{query!r}: {pages[:3]}")
        foreign += [page for page in pages if page.startswith("en/") != (language == "en")]
    assert len(SEARCHES[language]) >= 20
    assert not misses, "expected page not in the top 3:\n" + "\n".join(misses)
    assert not foreign, f"results from the other language: {foreign}"


# Error messages as a reader pastes them, and the common-errors section that explains each: the first section
# in the results. The same English text is searched on both sites (hooks/search_split.py indexes the errors
# each section's recorded outputs print).
PASTED_ERRORS = {
    "RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)": "shape-mismatch",
    "Expected all tensors to be on the same device": "device-mismatch",
    "Trying to backward through the graph a second time": "backward-twice",
    "element 0 of tensors does not require grad and does not have a grad_fn": "does-not-require-grad",
    "IndexError: Target 3 is out of bounds.": "target-out-of-bounds",
    "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy().": "numpy-requires-grad",
    "a leaf Variable that requires grad is being used in an in-place operation": "in-place-leaf",
    "Weights only load failed": "untrusted-checkpoint",
    "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB": "cuda-out-of-memory",
}
# Chinese terms of the glossary: searched whole (not their first characters), on the page that teaches them.
CHINESE_TERMS = {
    "张量": "tensor/",
    "学习率": "training/",
    "自动微分": "autograd/",
    "过拟合": "training/",
    "激活函数": "training/",
    "数据泄漏": "own-data/",
    "交叉熵": "training/",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pasted_error_lands_on_the_entry_that_explains_it(reader, language: str) -> None:
    reader.goto(reader.site_url + page_url(language, "index"))
    misses = []
    for message, anchor in PASTED_ERRORS.items():
        sections = [urlparse(href) for href in search_results(reader, message) if urlparse(href).fragment]
        first = f"{sections[0].path.split('pytorch-intro/')[-1]}#{sections[0].fragment}" if sections else None
        expected = f"{page_url(language, 'common-errors')}#{anchor}"
        if first != expected:
            misses.append(f"{message!r}: first section {first}")
    assert not misses, "\n".join(misses)


def test_a_chinese_term_is_searched_and_highlighted_whole(reader) -> None:
    """Material's worker segmented 张量 as 张 (hooks/search_split.py patches it): the term's page comes
    within the top 3 and its results highlight the whole term (?h=学习率, not ?h=学习)."""
    reader.goto(reader.site_url)
    misses = []
    for term, page in CHINESE_TERMS.items():
        results = search_results(reader, term)
        pages = list(dict.fromkeys(urlparse(href).path.split("pytorch-intro/")[-1] for href in results))
        highlighted = {parse_qs(urlparse(href).query).get("h", [""])[0] for href in results} - {""}
        if page not in pages[:3] or highlighted != {term}:
            misses.append(f"{term}: pages {pages[:3]}, highlighted {sorted(highlighted)}")
    assert not misses, "\n".join(misses)


# Runs in a worker that loads the site's search worker: the keys lunr's word tree gives two nodes.
WORD_TREE_KEYS = """async (url) => {
  const code = `importScripts(${JSON.stringify(url)});
    const node = (edges) => Object.assign(new lunr.TokenSet(), {edges});
    const leaf = (id) => Object.assign(new lunr.TokenSet(), {id});
    postMessage([node({1: leaf(234)}).toString(), node({1: leaf(2), 3: leaf(4)}).toString()]);`;
  const worker = new Worker(URL.createObjectURL(new Blob([code], {type: "text/javascript"})));
  return await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
}"""


def test_the_search_workers_word_tree_keeps_different_nodes_apart(reader) -> None:
    """lunr issue #503, patched in the site's worker (hooks/search_split.py): a node with the edge "1" to node
    234 and one with "1" to node 2 and "3" to node 4 both got the key "01234", so the word tree merged them
    and held words the index doesn't; the first query that reached one failed. Whether a page's words
    happen to build such a pair changes with every edit, so the patch is checked on the pair itself."""
    reader.goto(reader.site_url)
    config = json.loads(reader.locator("#__config").text_content())
    worker = reader.evaluate("(path) => new URL(path, document.baseURI).href", config["search"])
    single_edge, two_edges = reader.evaluate(WORD_TREE_KEYS, worker)
    assert single_edge != two_edges, f"two different nodes of the word tree share the key {single_edge!r}"


def test_language_switcher_keeps_the_page(reader) -> None:
    reader.goto(reader.site_url + "tensor/")
    reader.locator(".md-select").first.hover()
    reader.locator('a[hreflang="en"]').first.click()
    reader.wait_for_load_state()
    assert reader.url.endswith("/en/tensor/")
    assert reader.locator("h1").inner_text().rstrip("¶") == "Tensor"


def test_dark_mode_toggle_persists_across_pages(reader) -> None:
    reader.emulate_media(color_scheme="light")
    reader.goto(reader.site_url + "tensor/")
    body = reader.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    reader.locator(DARK_MODE_TOGGLE).click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    reader.goto(reader.site_url + "autograd/")
    assert reader.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_content_tabs_switch_together(reader) -> None:
    reader.goto(reader.site_url + "pytorch-vs-tensorflow/")
    reader.locator(".tabbed-labels label", has_text="TensorFlow").first.click()
    tab_sets = reader.locator(".tabbed-set")
    assert tab_sets.count() >= 4
    for index in range(tab_sets.count()):
        checked = tab_sets.nth(index).locator("input:checked")
        label = tab_sets.nth(index).locator(f'label[for="{checked.get_attribute("id")}"]')
        assert label.inner_text() == "TensorFlow", f"tab set {index} did not follow"


# What a reader gets from a block's copy button: the tab or the collapsed note it sits in is opened, the
# clipboard emptied, the button clicked (Material's handler copies on the click event; a trusted click,
# the mouse moved there first, copied the same text at three times the cost), and the clipboard read back.
COPY = """async block => {
    const details = block.closest("details");
    if (details) details.open = true;
    const tab = block.closest(".tabbed-block");
    if (tab) {
        const position = [...tab.parentElement.children].indexOf(tab);
        tab.closest(".tabbed-set").querySelectorAll(":scope > input")[position].click();
    }
    await navigator.clipboard.writeText("");
    block.querySelector('button[data-md-type="copy"]').click();
    return await navigator.clipboard.readText();
}"""


def copy_problems(reader, python: FreshPython, language: str, name: str, folder: Path) -> list[str]:
    """What readers do: press the copy button of each Python block and save it under its title's file name.
    A block that shows a snippet copies exactly the page's view of that file: the program that
    tests/test_snippets.py runs as ``python NAME.py`` in a new process (tests/test_reader_view.py: the same
    syntax tree; a translated view that could behave otherwise is run too), with the files it imports shown
    earlier on the page (tests/test_docs.py). A block written in the page itself is run here, in a new
    process, in page order."""
    blocks = reader.locator("div.language-python")
    expected = [fence for fence in read_fences(DOCS / language / f"{name}.md") if fence.is_python]
    if blocks.count() != len(expected):
        return [f"the page shows {blocks.count()} Python blocks, its source {len(expected)}"]
    problems = []
    for index in range(blocks.count()):
        block = blocks.nth(index)
        title = block.locator(".filename")
        file_name = Path(title.text_content()).name if title.count() else f"block_{index}.py"
        code = block.evaluate(COPY)
        if not code.strip():
            problems.append(f"the copy button of {file_name} copied nothing")
            continue
        (folder / file_name).write_text(code, encoding="utf-8")  # later blocks may import it
        if expected[index].include:
            if code.strip() != reader_code(expected[index].include, language).strip():
                problems.append(f"the copy of {file_name} is not the page's view of its snippet")
            continue
        result = python.server().run(file_name, folder)
        if result.returncode != 0:
            problems.append(f"{file_name}, copied from the page, failed:\n{result.stderr[-2000:]}")
    return problems


def test_a_copy_that_differs_from_the_tested_code_is_caught(
    reader, fresh_python: FreshPython, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader.goto(reader.site_url + page_url("en", "tensor"))
    monkeypatch.setattr(sys.modules[__name__], "reader_code", lambda name, language: "print('other code')")
    problems = copy_problems(reader, fresh_python, "en", "tensor", tmp_path)
    assert problems and problems[0] == "the copy of create.py is not the page's view of its snippet"


PHONE = {"width": 390, "height": 844}
# Comments and docstrings of the code blocks that reach past the right edge of their block (on a phone they
# wrap: docs/assets/stylesheets/extra.css); one that starts past it, after a long line of code, counts too.
# Blocks laid out only near the screen (content-visibility: auto) are laid out for the measurement, at this
# width: else a block far down keeps the geometry of the last width it was laid out at.
COMMENTS_CUT_OFF = """() => {
    const everything = document.head.appendChild(document.createElement("style"));
    everything.textContent = "* { content-visibility: visible !important; }";
    const cut = [...document.querySelectorAll(".md-typeset pre > code")].flatMap(code => {
        const right = code.getBoundingClientRect().right;
        return [...code.querySelectorAll(".c, .c1, .cm, .ch, .sd")]
            .filter(span => [...span.getClientRects()].some(box => box.right > right + 1))
            .map(span => span.textContent.slice(0, 50));
    });
    everything.remove();
    return cut;
}"""


COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # the colour rules axe runs by default

# The code on a page: thousands of highlighted tokens in a few dozen colours. axe-core checks the contrast of
# each token on its own (about three quarters of its time on a page of code, in each scheme), so axe skips
# the code and CODE_CONTRAST below checks each distinct pair of colours once, by WCAG 2's formula.
CODE = ".highlight code, .highlight-ipynb pre"
AXE_CONTEXT = {"exclude": [[selector.strip()] for selector in CODE.split(",")]}
# axe-core as axe-playwright-python ships it, and one run of its rules that sends back only the violations.
AXE_SCRIPT = axe_playwright.Axe().axe_script
AXE_RUN = "([context, options]) => axe.run(context, options).then(results => results.violations)"
# Every piece of text in the code, its colour and the background behind it (the backgrounds of its
# ancestors composited, alpha included, over the white canvas): each pair whose contrast is below WCAG's
# 4.5:1 for normal text, once. A colour the check cannot read is reported too, never passed over.
CODE_CONTRAST = """selector => {
    const rgba = value => {
        const match = value.match(/^rgba?\\(([^)]*)\\)$/);
        if (!match) return null;
        const parts = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const over = (top, bottom) => {
        const alpha = top[3] + bottom[3] * (1 - top[3]);
        if (alpha === 0) return [0, 0, 0, 0];
        const channel = i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
        return [channel(0), channel(1), channel(2), alpha];
    };
    const luminance = ([r, g, b]) => {
        const linear = c => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const problems = new Set();
    const background = element => {
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            layers.push(getComputedStyle(node).backgroundColor);
        }
        let colour = [255, 255, 255, 1];
        for (const layer of layers.reverse()) {
            const parsed = rgba(layer);
            if (!parsed) { problems.add(`unreadable background ${layer}`); continue; }
            colour = over(parsed, colour);
        }
        return colour;
    };
    const texts = [...document.querySelectorAll(selector)]
        .flatMap(container => [container, ...container.querySelectorAll("*")])
        .filter(element => element.getClientRects().length > 0
            && [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim()));
    const seen = new Set();
    for (const element of texts) {
        const style = getComputedStyle(element);
        const key = `${style.color} ${element.className} ${element.parentElement.className}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const foreground = rgba(style.color);
        if (!foreground) { problems.add(`unreadable colour ${style.color}`); continue; }
        const behind = background(element);
        const light = [luminance(over(foreground, behind)), luminance(behind)].sort((a, b) => b - a);
        const ratio = (light[0] + 0.05) / (light[1] + 0.05);
        if (ratio < 4.5) {
            const name = element.className || element.tagName.toLowerCase();
            const colours = `${style.color} on rgb(${behind.slice(0, 3).map(Math.round)})`;
            problems.add(`code text .${name} (${colours}): contrast ${ratio.toFixed(2)}:1, below 4.5:1`);
        }
    }
    return [...problems];
}"""


# Tables shown as cards on a phone (the glossary, the timeline's eras): none wider than its box, and each era
# of the timeline, its heading included, no taller than the screen.
CARDS_PROBLEMS = """height => [
    ...[...document.querySelectorAll(".cards table")]
        .filter(table => table.scrollWidth > table.clientWidth + 1)
        .map(table => `a table of cards scrolls sideways: ${table.rows[1].textContent.trim().slice(0, 40)}`),
    ...[...document.querySelectorAll(".cards.timeline")]
        .map(era => [era.previousElementSibling, era.getBoundingClientRect().bottom
            - era.previousElementSibling.getBoundingClientRect().top])
        .filter(([heading, tall]) => tall > height)
        .map(([heading, tall]) => `the era "${heading.textContent.trim()}" is ${Math.round(tall)} px tall`),
]"""


# Blocks and cells laid out only when they come near the screen (content-visibility: auto) that start in the
# first screen of a phone or a tablet: laid out late there, they move what is already shown (a layout shift).
LAID_OUT_LATE_ON_SCREEN = """() => [...document.querySelectorAll(".md-content *")]
    .filter(element => getComputedStyle(element).contentVisibility === "auto"
        && element.getBoundingClientRect().top < innerHeight)
    .map(element => element.textContent.trim().slice(0, 50))"""
FIRST_SCREENS = [PHONE, {"width": 768, "height": 1024}]


def laid_out_late(reader) -> list[str]:
    problems = []
    for screen in FIRST_SCREENS:
        reader.set_viewport_size(screen)
        late = reader.evaluate(LAID_OUT_LATE_ON_SCREEN)
        problems += [f"{screen['width']} px: {text!r} is laid out late in the first screen" for text in late]
    return problems


def phone_problems(reader) -> list[str]:
    """At 390 px, every comment and docstring of the page's code reads without scrolling sideways (they wrap:
    docs/assets/stylesheets/extra.css), the page as a whole doesn't scroll sideways (wide code and tables
    scroll inside their own box), and tables of cards fit (CARDS_PROBLEMS)."""
    reader.set_viewport_size(PHONE)
    problems = [f"{comment!r} is cut off on a phone" for comment in reader.evaluate(COMMENTS_CUT_OFF)]
    problems += reader.evaluate(CARDS_PROBLEMS, PHONE["height"])
    if reader.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"]:
        problems.append("the page scrolls sideways on a phone")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_and_timeline_are_cards_on_a_phone(reader, language: str) -> None:
    """Tables on a wide screen; on a phone each row is a card of stacked cells and the header is hidden."""
    shown = "selector => [...document.querySelectorAll(selector)].map(e => getComputedStyle(e).display)"
    for name, cards in (("glossary", ".cards.glossary"), ("history", ".cards.timeline")):
        reader.set_viewport_size({"width": 1280, "height": 900})
        reader.goto(reader.site_url + page_url(language, name))
        assert set(reader.evaluate(shown, f"{cards} tbody tr")) == {"table-row"}, f"{name}: not a table"
        reader.set_viewport_size(PHONE)
        rows = reader.evaluate(shown, f"{cards} tbody tr")
        assert len(rows) >= 15 and set(rows) == {"block"}, f"{name}: rows are not cards on a phone"
        assert set(reader.evaluate(shown, f"{cards} tbody td:last-child")) == {"block"}
    assert len(reader.evaluate(shown, ".cards.timeline")) >= 5, "the timeline is not grouped by era"


@pytest.mark.parametrize(("language", "name"), ACCESSIBILITY_PAGES)
def test_page_in_a_browser(
    reader, fresh_python: FreshPython, language: str, name: str, tmp_path: Path
) -> None:
    """One visit per page, every check a page needs in a browser: axe-core finds no serious or critical
    violation, in the light and in the dark colour scheme, and the code's text has the contrast WCAG asks for
    in both (CODE_CONTRAST); the page loaded cleanly; its first screen on a phone and on a tablet is laid out
    at once (laid_out_late), and on a phone its code's comments and the page itself fit the screen (the same
    page, resized: no second load); each Python block's copy button copies the code the tests run
    (copy_problems); and a notebook's pruned CSS styles it as the full CSS would (pruned_css_problems)."""
    reader.emulate_media(color_scheme="light")
    reader.goto(reader.site_url + page_url(language, name))
    if name.startswith("notebooks/"):
        assert reader.locator("style").count() == 1, "mkdocs-jupyter's stylesheets were not merged into one"
    serious = []
    for scheme in ("default", "slate"):
        if scheme == "slate":  # as a reader switches: the palette toggle, no reload
            reader.locator(DARK_MODE_TOGGLE).click()
            # Colours that still fade after the switch (hover styles under the pointer left on the toggle
            # included) are not the page's colours: the pointer goes away and transitions end at once.
            reader.mouse.move(0, 0)
            reader.add_style_tag(content="* { transition: none !important; }")
        # Material zeroes transitions while it switches and clears this attribute once the colours are final.
        reader.wait_for_function(
            "scheme => document.body.dataset.mdColorScheme === scheme"
            " && !document.body.hasAttribute('data-md-color-switching')",
            arg=scheme,
        )
        # The dark scheme changes colours only: there, only the colour rules run.
        options = {"resultTypes": ["violations"]}
        if scheme == "slate":
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        if scheme == "default":  # axe-core goes into the page once and runs in both schemes
            reader.evaluate(AXE_SCRIPT)
        violations = reader.evaluate(AXE_RUN, [AXE_CONTEXT, options])
        serious += [f"{scheme}: {problem}" for problem in reader.evaluate(CODE_CONTRAST, CODE)]
        serious += [
            f"{scheme}: {violation['id']} ({violation['impact']}): {violation['help']}: "
            + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            for violation in violations
            if violation["impact"] in ("serious", "critical")
        ]
    assert not serious, "\n".join(serious)
    check_loaded_cleanly(reader)
    desktop = reader.viewport_size
    assert not laid_out_late(reader), "\n".join(laid_out_late(reader))
    assert not phone_problems(reader), "\n".join(phone_problems(reader))
    reader.set_viewport_size(desktop)
    if name in PAGES_WITH_PYTHON:
        problems = copy_problems(reader, fresh_python, language, name, tmp_path)
        assert not problems, f"copied from the {language} page {name}:\n" + "\n".join(problems)
    if name.startswith("notebooks/"):
        changed = pruned_css_problems(reader, DOCS / language / f"{name}.ipynb")
        assert not changed, "pruning dropped rules in use:\n" + "\n".join(changed)


# The properties whose computed value the full CSS could change: those its rules declare (shorthands as the
# browser expands them), and those of any rule on the page that reads one of the custom properties it declares
# (var(--jp-...)). A property in neither keeps its cascaded value when the full CSS is added, so comparing
# these (about a third of the ~480) finds any change comparing all of them would.
PROPERTIES_THE_CSS_CAN_CHANGE = """css => {
    const rules = list => [...list].flatMap(rule => [rule, ...(rule.cssRules ? rules(rule.cssRules) : [])]);
    const full = new CSSStyleSheet();
    full.replaceSync(css);
    const declared = rules(full.cssRules).filter(rule => rule.style);
    const names = new Set(declared.flatMap(rule => [...rule.style]));
    const custom = [...names].filter(name => name.startsWith("--"));
    const onPage = [...document.styleSheets].flatMap(sheet => rules(sheet.cssRules));
    for (const rule of onPage.filter(rule => rule.style)) {
        const text = rule.style.cssText;
        if (custom.some(name => text.includes(`var(${name}`))) {
            [...rule.style].forEach(name => names.add(name));
        }
    }
    return [...names].filter(name => !name.startsWith("--")).sort();
}"""
# Computed styles of every element of the article, in both colour schemes, kept in the page (too many to
# send to Python: ~2,700 elements x ~170 properties).
SNAPSHOT_STYLES = """names => {
    const snapshot = {};
    for (const scheme of ["default", "slate"]) {
        document.body.setAttribute("data-md-color-scheme", scheme);
        snapshot[scheme] = [...document.querySelectorAll(".md-content *:not(style)")].map(element => {
            const style = getComputedStyle(element);
            return names.map(name => `${name}: ${style.getPropertyValue(name)}`).join("\\n");
        });
    }
    return snapshot;
}"""
CHANGED_STYLES = """([before, after]) => {
    const changed = [];
    const elements = [...document.querySelectorAll(".md-content *:not(style)")];
    for (const scheme of ["default", "slate"]) {
        if (before[scheme].length !== after[scheme].length) return [`${scheme}: other elements`];
        before[scheme].forEach((properties, index) => {
            if (properties === after[scheme][index]) return;
            const now = new Set(after[scheme][index].split("\\n"));
            const element = elements[index];
            const described = `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`;
            for (const property of properties.split("\\n").filter(property => !now.has(property))) {
                changed.push(`${scheme}: ${described}: ${property}`);
            }
        });
    }
    return changed.slice(0, 20);
}"""
ADD_STYLE_AFTER_PRUNED = """css => {
    const full = document.createElement("style");
    full.textContent = css;
    document.querySelector(".md-content style").after(full);
}"""


def pruned_css_problems(reader, notebook: Path) -> list[str]:
    """hooks/notebooks.py keeps ~15 KB of the ~590 KB of CSS mkdocs-jupyter inlines. Putting the full CSS
    back, right after the kept rules, must change no computed style of any element, in either scheme (the
    page is changed: the last check of a visit). The Chinese notebooks only: tests/test_build.py checks that
    each English one keeps the same rules."""
    from mkdocs_jupyter.nbconvert2 import nb2html
    from notebooks import jupyter_css

    # Colour transitions would show half-way values right after the scheme flips.
    reader.add_style_tag(content="* { transition: none !important; }")
    full_css = jupyter_css(nb2html(str(notebook)))
    names = reader.evaluate(PROPERTIES_THE_CSS_CAN_CHANGE, full_css)
    assert {"color", "background-color", "display", "font-size", "margin-top"} <= set(names), len(names)
    before = reader.evaluate_handle(SNAPSHOT_STYLES, names)
    reader.evaluate(ADD_STYLE_AFTER_PRUNED, full_css)
    after = reader.evaluate_handle(SNAPSHOT_STYLES, names)
    return reader.evaluate(CHANGED_STYLES, [before, after])

"""Performance report: builds the site and prints one table.

    python scripts/report.py [--test-seconds N] [--pages all|core] [--lighthouse-budget S]

Columns: strict build time; the time of one page's fast checks (CONTRIBUTING.md, "Which tests to run") for
PAGE_TESTS_PAGES; the training time of the longest examples (the first project's two models, the
sequences page's two, the attention page's transformer: TRAININGS), each run as a reader runs it; total site
size; the serving benchmark (scripts/bench_serve.py); for every page of both languages, the bytes a first
visit transfers (HTML, CSS, JS, fonts, images, search index, as gzip over the wire like GitHub Pages) and the
Lighthouse scores, desktop and mobile (performance, accessibility, best practices, SEO). Lighthouse comes
from npm (`npm install lighthouse`) and runs Debian's Chromium against the site served on 127.0.0.1, every
run in one Node process (scripts/lighthouse.mjs).
Targets: performance 100 desktop / >= 95 mobile, the other categories 100; home page <= 300 KB and no page
over 500 KB transferred. A build over its 10 s, or a performance score below target, is measured twice more
and the median of three is shown. Targets missed are marked; the exit code stays 0 (scores vary with machine
load).
With --lighthouse-budget S, Lighthouse starts no new page after S seconds (CI's whole run must end within 90
minutes, and on a busy 2-core machine a page costs up to six Lighthouse runs); pages are taken both languages
of one page, then the next page, starting from a page chosen by the commit (so that successive runs measure
the pages another left out), and the pages left are listed as not measured.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
import add_example  # noqa: E402  (the fast checks of one page, as CONTRIBUTING.md gives them)
import bench_serve  # noqa: E402  (the serving benchmark, printed with the rest)
import build_pdf  # noqa: E402  (the offline PDFs: size and time)
import project  # noqa: E402  (the project's facts: a snippet's # directives, where the browser is)
from pypdf import PdfReader  # noqa: E402

import site_settings  # noqa: E402  (where the site lives: the build's own derivation)

CHROMIUM = project.chromium()
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PERFORMANCE_TARGET = {"desktop": 100, "mobile": 95}
BUILD_TARGET_SECONDS = 10
PAGE_TESTS_TARGET_SECONDS = 60
# CONTRIBUTING.md's example, and the page whose own tests start real servers (the slowest page to check).
PAGE_TESTS_PAGES = ["training", "deployment"]
HOME_PAGES = {project.page_url(language) for language in project.LANGUAGES}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb", ".map"}
# The machinery the contributor issue's line budget counts (Python in these, tests/mutations/ aside), and the
# commit it was measured on: the budget asks that commit's checks to cost a fifth fewer lines (README).
MACHINERY = ["hooks/", "scripts/", "tests/", "conftest.py"]
MACHINERY_LEFT_OUT = "tests/mutations/"
MACHINERY_BASE = "77498f1"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed and cacheable, as GitHub Pages does, so transfer sizes are realistic."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            not path.is_file()
            or path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _BytesFile(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _BytesFile:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        # not --quiet: mkdocs's strict mode counts only the warnings it logs
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def serve(site: Path, site_path: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    root = Path(tempfile.mkdtemp())
    (root / site_path.strip("/")).symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{site_path}"


def page_urls(pages: str, start: int = 0) -> list[str]:
    """The pages to measure, from the page at ``start`` (counted round): a report cut short by its budget
    leaves out other pages in the next run when ``start`` changes."""
    names = project.site_pages()
    if pages == "core":
        names = [name for name in names if name in ("index", "tensor", "notebooks/module")]
    start %= len(names)
    names = names[start:] + names[:start]
    # Both languages of a page next to each other, so that a report cut short by its budget still covers both.
    return [project.page_url(language, name) for name in names for language in project.LANGUAGES]


def commit_number() -> int:
    """The checked-out commit as a number (0 outside a git checkout): where each run starts measuring."""
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project.ROOT, capture_output=True, text=True)
    return int(result.stdout.strip() or "0", 16) if result.returncode == 0 else 0


def machinery_lines(root: Path = ROOT, base: str = MACHINERY_BASE) -> tuple[int, int | None, int | None]:
    """Lines of the machinery in the working tree; at ``base``; and how many of base's lines stand unchanged
    today (git blame). The last two are None where base is not in this clone (a shallow one)."""

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True).stdout

    def python_files(listing: str) -> list[str]:
        return [
            name
            for name in listing.splitlines()
            if name.endswith(".py") and not name.startswith(MACHINERY_LEFT_OUT)
        ]

    now = python_files(git("ls-files", "--", *MACHINERY))
    # a tracked file deleted in the working tree counts as gone
    lines = sum(
        len(path.read_text(encoding="utf-8").splitlines())
        for path in map(root.joinpath, now)
        if path.is_file()
    )
    if not git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"):
        return lines, None, None
    then = python_files(git("ls-tree", "-r", "--name-only", base, "--", *MACHINERY))
    lines_then = sum(len(git("show", f"{base}:{name}").splitlines()) for name in then)
    # A line git blames on base or earlier is marked "^" (the boundary of the range base..HEAD).
    unchanged = sum(
        line.startswith("^")
        for name in now
        for line in git("blame", "-s", f"{base}..HEAD", "--", name).splitlines()
    )
    return lines, lines_then, unchanged


class LighthouseFailed(Exception):
    """A Lighthouse run that gave no scores (its error), or the runner that stopped or hung. Told as one
    line that fits a cell of the report's Markdown table."""

    def __str__(self) -> str:
        return " ".join(super().__str__().split()).replace("|", "\\|")


class Lighthouse:
    """scripts/lighthouse.mjs, started once for the whole report: a call is one Lighthouse run of the page
    with the preset, in a fresh Chrome as the CLI gives it, without starting Node and Lighthouse again."""

    SECONDS_A_RUN = 180
    COMMAND = ["node", str(ROOT / "scripts" / "lighthouse.mjs"), CHROME_FLAGS]

    def __init__(self, command: list[str] = COMMAND) -> None:
        self.command = command
        self.runner: subprocess.Popen[str] | None = None

    def __call__(self, url: str, preset: str) -> dict:
        if self.runner is None:
            self.runner = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
            )
        request = {"url": url, "preset": preset, "categories": CATEGORIES}
        try:
            self.runner.stdin.write(json.dumps(request) + "\n")
            self.runner.stdin.flush()
        except BrokenPipeError:  # it stopped between two runs: it is read from below and started again
            pass
        answered, _, _ = select.select([self.runner.stdout], [], [], self.SECONDS_A_RUN)
        line = self.runner.stdout.readline() if answered else ""
        if not line:
            self.close()  # the next run starts a new runner
            raise LighthouseFailed("no answer" if answered else f"over {self.SECONDS_A_RUN} s")
        try:
            answer = json.loads(line)
        except json.JSONDecodeError:
            self.close()
            raise LighthouseFailed(f"not an answer: {line[:200]!r}") from None
        if "error" in answer:
            raise LighthouseFailed(answer["error"])
        return {**answer["scores"], "bytes": answer["bytes"]}

    def close(self) -> None:
        if self.runner is None:
            return
        # On SIGINT, chrome-launcher closes the Chrome it started before Node exits (a kill would orphan it).
        self.runner.send_signal(signal.SIGINT)
        try:
            self.runner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.runner.kill()
            self.runner.wait()
        self.runner = None


def measure(lighthouse: Lighthouse, url: str, preset: str) -> tuple[dict, int]:
    """Lighthouse scores and how many runs they come from. On a busy 2-core machine the performance score
    of the same page moves by several points between runs, so a run below target is repeated twice and the
    median of the three is reported (Lighthouse CI's numberOfRuns does the same)."""
    runs = [lighthouse(url, preset)]
    if runs[0]["performance"] < PERFORMANCE_TARGET[preset]:
        runs += [lighthouse(url, preset) for _ in range(2)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}, len(runs)


def external_links(site: Path) -> list[str]:
    """Every link to another host in the built pages (navigation links, not fetched resources)."""
    links = set()
    for html in site.rglob("*.html"):
        for url in re.findall(r'<a [^>]*href="(https?://[^"]+)"', html.read_text(encoding="utf-8")):
            if not url.startswith(("http://127.0.0.1", "http://localhost")):
                links.add(url)
    return sorted(links)


# The examples that train for longest, as readers run them (``python NAME.py`` in an empty folder), and what
# the report calls each one's work.
TRAININGS = {
    "first_project/train.py": "the first project's MLP and CNN",
    "sequences/compare.py": "the sequences page's bag of words and GRU",
    "attention/train.py": "the attention page's tiny transformer",
    "own_data/train_images.py": "the own-data page's CNN on image files",
    "fine_tuning/compare.py": "the fine-tuning page's comparison",
}


def page_tests_seconds(page: str) -> tuple[float, bool]:
    """Wall-clock time of one page's fast checks (add_example.page_test_command, run as a contributor runs
    it, with this Python first on PATH), and whether they passed."""
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = add_example.page_test_command(page)
    started = time.perf_counter()
    result = subprocess.run(command, shell=True, cwd=ROOT, env=environment, capture_output=True)
    return time.perf_counter() - started, result.returncode == 0


def training_seconds(snippet: str) -> float:
    """Wall-clock time of ``python NAME.py`` for one snippet, run as the page tells readers to (after the
    page's earlier snippet that writes its files, ``# setup: NAME``, which is not timed), with the kernels
    and threads the machine picks (not pinned as in the tests)."""
    path = ROOT / "snippets" / snippet
    setup = project.directives_of(path.read_text(encoding="utf-8")).get("setup")

    def run(script: Path, scratch: Path) -> None:
        result = project.run_example(script, scratch, pinned=False, timeout=600)
        if result.returncode != 0:
            raise RuntimeError(f"{script.name} failed:\n{result.stderr[-2000:]}")

    with tempfile.TemporaryDirectory() as scratch:
        if setup:
            run(path.with_name(setup), Path(scratch))
        started = time.perf_counter()
        run(path, Path(scratch))
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--test-seconds", type=float, help="how long the test command took (from .ci/run)")
    parser.add_argument("--pages", choices=["all", "core"], default="all")
    parser.add_argument(
        "--lighthouse-budget", type=float, help="seconds after which no further page is measured"
    )
    arguments = parser.parse_args()

    site_path = urlparse(site_settings.project_site_address()[1]).path  # as the build derives it
    site = Path(tempfile.mkdtemp()) / "site"
    # A build over target is timed twice more and the median shown, as a performance score below target is.
    builds = [build(site)]
    if builds[0] > BUILD_TARGET_SECONDS:
        builds += [build(site), build(site)]
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    timed = (
        f", median of {len(builds)}: {', '.join(f'{seconds:.1f}' for seconds in builds)}"
        if len(builds) > 1
        else ""
    )
    print(f"strict build: {statistics.median(builds):.1f} s (target <= {BUILD_TARGET_SECONDS} s{timed})")
    if arguments.test_seconds is not None:
        print(f"test suite:   {arguments.test_seconds:.0f} s (target <= 300 s)")
    for page in PAGE_TESTS_PAGES:
        seconds, passed = page_tests_seconds(page)
        over = "" if seconds <= PAGE_TESTS_TARGET_SECONDS else ", over target"
        print(
            f"page checks:  {seconds:.0f} s for the {page} page's fast checks (CONTRIBUTING.md; "
            f"target <= {PAGE_TESTS_TARGET_SECONDS} s{over}){'' if passed else ', FAILED'}"
        )
    for snippet, work in TRAININGS.items():
        print(f"training:     {training_seconds(snippet):.1f} s for {work} ({snippet}, CPU, this machine)")
    lines, lines_then, unchanged = machinery_lines()
    base = f"{MACHINERY_BASE}, where the line budget was set"
    since = (
        f"{lines_then:,} at {base}, {unchanged:,} of them unchanged today (git blame)"
        if lines_then is not None
        else f"{base}, is not in this clone"
    )
    where = f"{', '.join(MACHINERY)} ({MACHINERY_LEFT_OUT} aside)"
    print(f"machinery:    {lines:,} lines of Python in {where}; {since}")
    print(f"site size:    {size / 1e6:.1f} MB in {sum(1 for _ in site.rglob('*'))} files")
    for language, index in (("zh", site / "search"), ("en", site / "en" / "search")):
        size_kb = (index / "search_index.json").stat().st_size / 1024
        print(f"search index ({language}): {size_kb:.0f} KB, loaded by the first search on a {language} page")
    for language in build_pdf.OFFLINE_FILES:
        started = time.perf_counter()
        pdf = build_pdf.build(site, language, site_settings.project_site_address()[1])
        pages = len(PdfReader(pdf).pages)
        print(
            f"offline PDF ({language}): {pdf.stat().st_size / 1e6:.1f} MB, {pages} pages, "
            f"printed in {time.perf_counter() - started:.1f} s (scripts/build_pdf.py)"
        )
    print("\nserving benchmark (scripts/bench_serve.py, real uvicorn on this machine):")
    print(bench_serve.table(bench_serve.trained_and_benched(300)))
    print()
    external = external_links(site)
    print(f"external links (listed, never fetched): {len(external)}")
    for link in external:
        print(f"  {link}")

    if not (ROOT / "node_modules" / "lighthouse").is_dir() or not shutil.which("node"):
        print("Lighthouse not found: npm install --no-save lighthouse@12.8.2 (README)")
        return 0
    server, base = serve(site, site_path)
    lighthouse = Lighthouse()
    header = "| page | KB | desktop perf/a11y/bp/seo | mobile perf/a11y/bp/seo | targets |"
    print("\n" + header + "\n|" + " --- |" * 5)
    misses = 0
    started = time.monotonic()
    urls = page_urls(arguments.pages, commit_number())
    try:
        for position, url in enumerate(urls):
            budget = arguments.lighthouse_budget
            if budget is not None and time.monotonic() - started > budget:
                left = urls[position:]
                print(f"\nnot measured ({len(left)} pages; Lighthouse budget of {budget:.0f} s spent):")
                print("  " + " ".join(f"/{url}" for url in left))
                break
            try:
                (desktop, desktop_runs), (mobile, mobile_runs) = (
                    measure(lighthouse, base + url, preset) for preset in ("desktop", "mobile")
                )
            except LighthouseFailed as error:
                print(f"| /{url} | | Lighthouse failed: {error} | | |")
                misses += 1
                continue
            kilobytes = mobile["bytes"] / 1024
            missed = [
                label
                for label, failed in [
                    ("desktop perf", desktop["performance"] < PERFORMANCE_TARGET["desktop"]),
                    ("mobile perf", mobile["performance"] < PERFORMANCE_TARGET["mobile"]),
                    ("a11y/bp/seo", any(run[c] < 100 for run in (desktop, mobile) for c in CATEGORIES[1:])),
                    ("size", kilobytes > (300 if url in HOME_PAGES else 500)),
                ]
                if failed
            ]
            misses += bool(missed)
            scores = [
                "/".join(str(run[c]) for c in CATEGORIES) + (f" (median of {runs})" if runs > 1 else "")
                for run, runs in ((desktop, desktop_runs), (mobile, mobile_runs))
            ]
            print(f"| /{url} | {kilobytes:.0f} | {scores[0]} | {scores[1]} | {', '.join(missed) or 'met'} |")
    finally:
        lighthouse.close()
        server.shutdown()
    print(f"\npages missing a target: {misses}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

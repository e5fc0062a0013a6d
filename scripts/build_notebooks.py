"""Generates the companion notebook of each core page from the page itself and its snippet files:
markdown cells from the prose, one code cell per snippet, outputs from a real run.

    python scripts/build_notebooks.py          # rewrite docs/{zh,en}/notebooks/*.ipynb
    python scripts/build_notebooks.py PAGE     # only that page's two notebooks (first-project, ...)
    python scripts/build_notebooks.py --check  # exit 1 if a committed notebook is out of date

tests/test_notebooks.py runs the same check and executes every notebook.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor
from traitlets.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from project import (  # noqa: E402
    DOCS,
    FIGURE_LINE,
    FRONT_MATTER,
    LANGUAGES,
    ROOT,
    SNIPPETS,
    example_environment,
    included_path,
    includes,
    lesson_pages,
)

from reader_code import (  # noqa: E402  (the code a page shows, which the notebook repeats)
    MissingTranslation,
    reader_code,
)
from site_settings import fill, gpu_markers  # noqa: E402  (who recorded the GPU outputs, for their label)

PAGES = lesson_pages()  # the lesson pages, in reading order: the notebooks in the navigation
IMPORT = re.compile(r"^(?:from|import)\s+(\w+)", re.M)

FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
BLOCK_START = re.compile(r'^(!!!|\?\?\?\+?|===)\s*(?:\w+\s*)?"(?P<title>[^"]*)"\s*$')
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?!https?://)(?P<target>[^)]+)\)")
PAGE_TARGET = re.compile(r"(?P<page>[\w-]+)\.md(?P<anchor>#.*)?")
DETAILS_START = "\x00details:"  # flatten() -> cells_for(): a collapsed block starts (its title follows)
DETAILS_END = "\x00/details"
# The comment of the cell that shows a figure (figure_cell).
FIGURE_COMMENT = {"zh": "# 显示上面的代码保存的图", "en": "# Show the figure the code above saved"}
# Colab has no Chinese font (its fonts: googlecolab/colabtools issue 4113), so a Chinese figure's labels
# would be boxes there: a Chinese notebook that draws figures starts by installing Debian's and Ubuntu's
# Noto Sans CJK on Colab, and does nothing anywhere else. The font file's first face is one of the fonts
# the figures' code picks (reader_code.CHINESE_FONTS).
NOTO_SANS_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
COLAB_CHINESE_FONT = f"""import subprocess
import sys

# 只在 Colab 上需要：那里没有中文字体，
# 图里的中文会显示成方框
if "google.colab" in sys.modules:
    subprocess.run(
        ["apt-get", "-qq", "install", "fonts-noto-cjk"],
        check=True,
    )
    from matplotlib import font_manager

    font_manager.fontManager.addfont(
        "{NOTO_SANS_CJK}"
    )"""
HEADING_ID = re.compile(r"\s*\{#[^}]+\}\s*$")
TITLE = re.compile(r'title="(?P<title>[^"]*)"')


def gpu_output_label(fence_line: str) -> str:
    """The title of a GPU output block, with the recording's GPU and torch build filled in."""
    return fill(TITLE.search(fence_line)["title"], gpu_markers())


def notebook_path(language: str, page: str) -> Path:
    return DOCS / language / "notebooks" / f"{page}.ipynb"


def flatten(lines: list[str]) -> list[str]:
    """Turns Material's admonitions and content tabs into a bold title plus plain, dedented content:
    Jupyter and Colab know neither. A collapsed block (``???``, an exercise's answer) becomes an HTML
    ``<details>`` between the markers DETAILS_START and DETAILS_END, which cells_for() turns into one
    Markdown cell: the answer stays closed until the reader opens it."""
    out: list[str] = []
    inside_block = collapsed = False
    for line in lines:
        block = BLOCK_START.match(line)
        if inside_block and not (line.startswith("    ") or not line.strip()) and collapsed:
            out.append(DETAILS_END)
        if block:
            collapsed = block[1] == "???"
            out.extend([f"{DETAILS_START}{block['title']}"] if collapsed else [f"**{block['title']}**", ""])
            inside_block = True
        elif inside_block and (line.startswith("    ") or not line.strip()):
            out.append(line[4:])
        else:
            inside_block = collapsed = False
            out.append(line)
    if inside_block and collapsed:
        out.append(DETAILS_END)
    return out


def notebook_link(match: re.Match[str]) -> str:
    """A link to another page, as the notebook can follow it: a lesson page to its notebook beside this one
    (X.ipynb), any other page to its Markdown source (../X.md). hooks/notebooks.py points both at the built
    pages when the notebook is rendered on the site. Any other local link (a heading of the same page, whose
    id Jupyter derives differently) keeps only its text."""
    page = PAGE_TARGET.fullmatch(match["target"])
    if page is None:
        return match["text"]
    path = f"{page['page']}.ipynb" if page["page"] in PAGES else f"../{page['page']}.md"
    return f"[{match['text']}]({path}{page['anchor'] or ''})"


def modules_of(page: Path) -> set[str]:
    """The snippets of a page that other snippets of it import (first-project's data.py, models.py, train.py):
    a notebook writes them to files beside itself, as a reader's folder has them."""
    included = [
        SNIPPETS / path for path in includes(page.read_text(encoding="utf-8")) if path.endswith(".py")
    ]
    stems = {path.stem for path in included}
    imported = {name for path in included for name in IMPORT.findall(path.read_text(encoding="utf-8"))}
    return stems & imported


def file_cells(snippet: str, language: str, run: str) -> list[nbformat.NotebookNode]:
    """A snippet that must exist as a file: a ``%%writefile`` cell, then a cell that runs the file the way the
    page says (``%run`` as a script, or in a new Python process for a ``# run: subprocess`` example)."""
    name = Path(snippet).name
    write = nbformat.v4.new_code_cell(f"%%writefile {name}\n" + reader_code(snippet, language).rstrip("\n"))
    write.metadata["writes"] = snippet
    command = f"%run {name}" if run == "script" else f"import sys\n\n!{{sys.executable}} {name}"
    execute = nbformat.v4.new_code_cell(command)
    execute.metadata["snippet"] = snippet
    return [write, execute]


def figure_cell(path: str, language: str) -> nbformat.NotebookNode:
    """The page's figure, shown from the file the code above it saved: a Markdown image with a path would
    show nothing in Colab (its Markdown runs in the browser, which can't read the notebook's folder) or in
    a notebook downloaded on its own. The executed notebook keeps the figure as the cell's output, and
    hooks/notebooks.py shows the site's copy of it (with the page's text alternative and a dark variant)."""
    name = Path(path).name
    cell = nbformat.v4.new_code_cell(
        f'from IPython.display import SVG\n\n{FIGURE_COMMENT[language]}\nSVG(filename="{name}")'
    )
    cell.metadata["figure"] = path
    return cell


def cells_for(page: Path, language: str) -> list[nbformat.NotebookNode]:
    text = page.read_text(encoding="utf-8")
    modules = modules_of(page)
    text = FRONT_MATTER.sub("", text)
    lines = flatten(text.splitlines())
    cells: list[nbformat.NotebookNode] = []
    prose: list[str] = []

    def flush() -> None:
        content = "\n".join(prose).strip()
        if content:
            cells.append(nbformat.v4.new_markdown_cell(re.sub(r"\n{3,}", "\n\n", content)))
        prose.clear()

    collapsed = False  # inside an answer: its code and output are shown in the <details>, not run
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if line.startswith(DETAILS_START):
            flush()
            # an empty cell for the reader's own attempt, then the answer, closed
            cells.append(nbformat.v4.new_code_cell(""))
            prose.extend(["<details>", f"<summary>{line.removeprefix(DETAILS_START)}</summary>", ""])
            collapsed = True
        elif line == DETAILS_END:
            prose.extend(["", "</details>"])
            flush()
            collapsed = False
        elif fence:
            body: list[str] = []
            i += 1
            while not lines[i].startswith(fence[1]):
                body.append(lines[i])
                i += 1
            include = included_path("\n".join(body))
            snippet = SNIPPETS / include if include else None
            if collapsed:  # an answer: its code and output shown as they are on the page
                if include and include.endswith(".py"):
                    body = reader_code(include, language).rstrip("\n").splitlines()
                elif snippet:
                    body = snippet.read_text(encoding="utf-8").rstrip("\n").splitlines()
                prose.extend([fence[0].split(" ", 1)[0], *body, fence[1]])
            elif snippet and snippet.name.endswith(".cuda.out"):  # recorded on a GPU: shown as it was printed
                label = gpu_output_label(line)
                output = snippet.read_text(encoding="utf-8").rstrip("\n")
                prose.extend([f"*{label}*", "", "```text", output, "```"])
            elif snippet and snippet.suffix == ".out":
                pass  # the notebook shows the real output of its own run instead
            elif snippet and "# run: subprocess" in snippet.read_text(encoding="utf-8"):
                flush()
                cells.extend(file_cells(include, language, "subprocess"))
            elif snippet and snippet.stem in modules:
                flush()
                cells.extend(file_cells(include, language, "script"))
            elif snippet and "# needs: cuda" not in snippet.read_text(encoding="utf-8"):
                flush()
                cell = nbformat.v4.new_code_cell(reader_code(include, language).rstrip("\n"))
                cell.metadata["snippet"] = include
                cells.append(cell)
            else:  # GPU-only and history code is shown, not run: a CPU kernel can't run it
                code = reader_code(include, language) if snippet else "\n".join(body) + "\n"
                prose.extend(["```python", code.rstrip("\n"), "```"])
        elif line.lstrip().startswith("<!--"):
            pass  # test markers
        elif image := FIGURE_LINE.match(line):
            flush()
            cells.append(figure_cell(image["path"], language))
        else:
            line = HEADING_ID.sub("", line) if line.startswith("#") else line
            prose.append(LINK.sub(notebook_link, line))
        i += 1
    flush()
    return cells


def cell_id(cell: nbformat.NotebookNode, taken: set[str]) -> str:
    """An id derived from the cell's content, so that a cell keeps its id when other cells change and a
    rebuilt notebook differs from the committed one only where its page did (a second identical cell: -2)."""
    digest = hashlib.sha256(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]
    candidate, number = digest, 1
    while candidate in taken:
        number += 1
        candidate = f"{digest}-{number}"
    return candidate


def build(language: str, page: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells_for(DOCS / language / f"{page}.md", language)
    draws_figures = any("figure" in cell.metadata for cell in notebook.cells)
    if language == "zh" and draws_figures:  # after the title and introduction, before the first section
        font = nbformat.v4.new_code_cell(COLAB_CHINESE_FONT)
        font.metadata["colab_font"] = True
        introduction, section, rest = notebook.cells[0].source.partition("\n## ")
        notebook.cells[0].source = introduction.rstrip("\n")
        after = [nbformat.v4.new_markdown_cell(section.lstrip("\n") + rest)] if section else []
        notebook.cells[1:1] = [font, *after]
    taken: set[str] = set()
    for cell in notebook.cells:
        cell.id = cell_id(cell, taken)
        taken.add(cell.id)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def execute(
    notebook: nbformat.NotebookNode, kernels: type[KernelManager] | None = None
) -> nbformat.NotebookNode:
    """Runs every cell in a scratch folder; an error in any cell raises. ``kernels``: how the kernel is
    started, if not as a new ``python -m ipykernel_launcher`` process (the tests fork it, torch imported)."""
    options = {"kernel_manager_class": kernels} if kernels else {}
    with tempfile.TemporaryDirectory() as scratch:
        client = NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": scratch}},
            # The kernel talks to this process over loopback TCP: encrypted (CurveZMQ, which the pinned
            # ipykernel supports), so other processes can't read it and the kernel doesn't warn about it.
            config=Config({"KernelManager": {"transport_encryption": "auto"}}),
            **options,
        )
        # The kernel runs the examples as the tests run them (hooks/project.py): the same kernels and
        # environment; idle OpenMP threads that spin would take the other test worker's core.
        client.execute(env=example_environment())
    notebook.metadata["language_info"] = {"name": "python"}  # keep the file free of machine details
    # What a cell prints arrives in pieces cut wherever the kernel flushed (a matter of timing): one piece
    # per stream, so a rebuild changes the file only where the printed text did.
    notebook, _ = CoalesceStreamsPreprocessor().preprocess(notebook, {})
    return notebook


def sources(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    parser.add_argument("pages", nargs="*", choices=[[], *PAGES], help="only these pages (default: all)")
    arguments = parser.parse_args()
    fresh, untranslated = {}, []
    for language in LANGUAGES:
        for page in arguments.pages or PAGES:
            try:
                fresh[language, page] = build(language, page)
            except MissingTranslation as missing:
                untranslated.append(str(missing))
    if untranslated:
        # every one at once, as the site's build lists them; nothing is written until all are translated
        print("\n".join(untranslated), file=sys.stderr)
        return 1
    stale = []
    for (language, page), notebook in fresh.items():
        path = notebook_path(language, page)
        if arguments.check:
            if not path.exists() or sources(nbformat.read(path, as_version=4)) != sources(notebook):
                stale.append(path.relative_to(ROOT))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(execute(notebook), path)
        print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"out of date: {path} (run python scripts/build_notebooks.py {path.stem})")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

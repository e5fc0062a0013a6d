"""The companion notebooks: generated from the core pages and their snippets, executed top to bottom,
and printing what the pages show."""

from __future__ import annotations

import re
import subprocess
import sys
import types
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import nbformat
import notebooks
import pytest
from markdown_it import MarkdownIt
from matplotlib import font_manager, ft2font
from mkdocs.exceptions import PluginError
from project import FIGURE_LINE

import build_notebooks
import reader_code
from fences import DOCS, FIGURES, SNIPPETS, collapsed_includes, directives
from forked_kernel import kernels_forked_from
from snippet_runner import FIGURE_ROUNDING, FIGURE_TOLERANCE, FreshPython, matches_recording, within_tolerance

NOTEBOOKS = [(language, page) for language in build_notebooks.LANGUAGES for page in build_notebooks.PAGES]


def notebook_id(case: tuple[str, str]) -> str:
    return f"{case[0]}/{case[1]}"


def printed(cell: nbformat.NotebookNode) -> str:
    text = "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")
    return text.replace("\r\n", "\n")  # a shell command (!python ...) prints through a terminal


def check_shows_the_pages_figure(cell: nbformat.NotebookNode) -> None:
    """A figure cell (scripts/build_notebooks.py's figure_cell) shows one thing: the figure the page shows,
    as drawn by the code above it. IPython rewrites the file's XML when it displays it, so both are compared
    in canonical form, with the tolerance the snippet tests allow the figure."""
    path = FIGURES / cell.metadata["figure"]
    shown = [output.get("data", {}).get("image/svg+xml") for output in cell.outputs]
    assert len(shown) == 1 and shown[0], (
        f"the cell for {path.name} shows {cell.outputs} instead of the figure"
    )
    folder = SNIPPETS / cell.metadata["figure"].split("/")[0]
    (snippet,) = [code for code in folder.glob("*.py") if directives(code).get("figure") == path.name]
    tolerance = FIGURE_TOLERANCE if directives(snippet).get("output") == "trained" else FIGURE_ROUNDING
    page_svg = path.read_text(encoding="utf-8")
    drawn, recorded = (
        ElementTree.canonicalize(svg[svg.index("<svg") :], strip_text=True) for svg in (shown[0], page_svg)
    )
    assert within_tolerance(drawn, recorded, tolerance), f"the notebook draws another {path.name}"


def check_outputs_match_pages(notebook: nbformat.NotebookNode) -> None:
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, "a notebook without code"
    for cell in code_cells:
        if "figure" in cell.metadata:
            check_shows_the_pages_figure(cell)
            continue
        if "colab_font" in cell.metadata:  # does nothing outside Colab
            assert not cell.outputs, f"the Colab font cell printed {cell.outputs}"
            continue
        streams = [output.name for output in cell.outputs if output.output_type == "stream"]
        assert len(streams) == len(set(streams)), (
            f"a cell ({cell.source.splitlines()[0][:50]!r}) prints {streams}: its stdout in pieces cut where "
            "the kernel flushed, which change from run to run (scripts/build_notebooks.py joins them)"
        )
        shown_only_here = [output.output_type for output in cell.outputs if output.output_type != "stream"]
        assert not shown_only_here, (
            f"a cell ({cell.source.splitlines()[0][:50]!r}) shows {shown_only_here}: a value the page never "
            "prints (a bare expression at the end of a cell), a figure or an error"
        )
        if not cell.source:  # the empty cell before an answer, for the reader's own attempt
            assert not cell.outputs, "the empty cell printed something"
            continue
        if "writes" in cell.metadata:  # %%writefile, into the notebook's own (fresh) folder
            name = cell.metadata["writes"].split("/")[-1]
            assert printed(cell) == f"Writing {name}\n", f"the cell writing {name} printed {printed(cell)!r}"
            continue
        expected = SNIPPETS / cell.metadata["snippet"]
        expected_output = expected.with_suffix(".out")
        shown = expected_output.read_text(encoding="utf-8") if expected_output.exists() else ""
        assert matches_recording(expected, printed(cell), shown), (
            f"cell from {cell.metadata['snippet']} prints something else than its page"
        )


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_notebook_is_up_to_date(case: tuple[str, str]) -> None:
    """Same cells as a fresh build from the page and the snippets: the two can't diverge."""
    committed = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    fresh = build_notebooks.build(*case)
    assert build_notebooks.sources(committed) == build_notebooks.sources(fresh), (
        f"the {case[0]} notebook of {case[1]}.md is out of date: "
        f"run python scripts/build_notebooks.py {case[1]}"
    )
    check_outputs_match_pages(committed)
    assert [cell.id for cell in committed.cells] == [cell.id for cell in fresh.cells], (
        "cell ids are derived from the cells' content: rebuild the notebook"
    )


def test_a_cell_keeps_its_id_when_another_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change to one paragraph changes one cell's id, not the ids of every cell after it."""
    before = [cell.id for cell in build_notebooks.build("en", "tensor").cells]
    cells_for = build_notebooks.cells_for

    def with_a_new_first_cell(page, language):
        return [nbformat.v4.new_markdown_cell("A new first paragraph."), *cells_for(page, language)]

    monkeypatch.setattr(build_notebooks, "cells_for", with_a_new_first_cell)
    after = [cell.id for cell in build_notebooks.build("en", "tensor").cells]
    assert after[1:] == before
    twice = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x = 1")]
    monkeypatch.setattr(build_notebooks, "cells_for", lambda page, language: twice)
    ids = [cell.id for cell in build_notebooks.build("en", "tensor").cells]
    assert len(set(ids)) == 2 and ids[1] == f"{ids[0]}-2"


def test_missing_translations_are_listed_before_any_notebook_is_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """scripts/build_notebooks.py names every missing translation at once, each with the file and table to
    edit (the build's message), and writes no notebook until they are all there."""

    def build(language: str, page: str) -> nbformat.NotebookNode:
        if language in reader_code.TRANSLATED:
            where = f'(in snippets/{page}/comments.{language}.toml, table ["x.py"])'
            raise reader_code.MissingTranslation(f"{page}/x.py: no translation for the comments 'y' {where}")
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(build_notebooks, "build", build)
    monkeypatch.setattr(build_notebooks, "execute", lambda notebook: pytest.fail("a notebook was written"))
    monkeypatch.setattr(sys, "argv", ["build_notebooks.py", "tensor", "training"])
    assert build_notebooks.main() == 1
    told = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in told] == ["tensor/x.py", "training/x.py"], told
    assert all("comments.zh.toml" in line for line in told)


# Run in Chinese only: an English notebook's cells are the Chinese one's with comments, docstrings and figure
# labels in English and without the font lines (tests/test_reader_view.py proves both show the reader's view
# of the same program); the English code itself is what tests/test_snippets.py runs.
EXECUTED = [case for case in NOTEBOOKS if case[0] == "zh"]


@pytest.mark.parametrize("case", EXECUTED, ids=notebook_id)
def test_notebook_runs_top_to_bottom(case: tuple[str, str], fresh_python: FreshPython) -> None:
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    kernels = kernels_forked_from(fresh_python.server())
    check_outputs_match_pages(build_notebooks.execute(notebook, kernels))  # raises on any cell error


def test_rich_outputs_are_reported() -> None:
    """A cell whose last line is a bare expression shows its value in a notebook but prints nothing as a
    script: the page and the notebook would differ."""
    cell = nbformat.v4.new_code_cell("x = 1\nx")
    cell.metadata["snippet"] = "tensor/create.py"
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1)]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    with pytest.raises(AssertionError, match="execute_result"):
        check_outputs_match_pages(notebook)


def literal_emphasis_marks(notebook: nbformat.NotebookNode) -> list[str]:
    """Markdown cells whose emphasis a CommonMark renderer (Jupyter, Colab, GitHub) would show as literal
    asterisks: next to Chinese punctuation, ``**练习 1：**用`` does not close (the flanking rules), while the
    site's Python-Markdown renders it."""
    renderer = MarkdownIt("commonmark")
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        tokens = renderer.parse(cell.source)
        text = "".join(
            child.content for token in tokens for child in token.children or () if child.type == "text"
        )
        if "**" in text:
            found.append(cell.source.splitlines()[0][:60])
    return found


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_emphasis_renders_in_notebooks(case: tuple[str, str]) -> None:
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    assert not literal_emphasis_marks(notebook), literal_emphasis_marks(notebook)


def test_literal_emphasis_check_can_fail() -> None:
    cell = nbformat.v4.new_markdown_cell("**练习 1：**用 autograd 求导数。\n\n**练习 2**：再验证。")
    assert literal_emphasis_marks(nbformat.v4.new_notebook(cells=[cell])) == [
        "**练习 1：**用 autograd 求导数。"
    ]


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_answers_are_collapsed(case: tuple[str, str]) -> None:
    """Each answer is a closed <details> after an empty cell for the reader's attempt; its code is shown
    there, not run in a code cell of its own (the page's tests run it)."""
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    answers = collapsed_includes(DOCS / case[0] / f"{case[1]}.md")
    details = [i for i, cell in enumerate(notebook.cells) if cell.source.startswith("<details>")]
    page_answers = (DOCS / case[0] / f"{case[1]}.md").read_text(encoding="utf-8").count("\n??? ")
    assert len(details) == page_answers, f"{len(details)} collapsed answers, the page has {page_answers}"
    for i in details:
        cell = notebook.cells[i]
        assert cell.cell_type == "markdown" and cell.source.rstrip().endswith("</details>"), cell.source[:60]
        assert notebook.cells[i - 1].cell_type == "code" and not notebook.cells[i - 1].source
    run = {cell.metadata.get("snippet") for cell in notebook.cells if cell.cell_type == "code"}
    assert not run & set(answers), f"answers run in open cells: {run & set(answers)}"


LOCAL_LINK = re.compile(r"(?<!!)\[[^\]]+\]\((?!https?://)([^)]+)\)")


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_links_between_pages_resolve_in_the_notebook(case: tuple[str, str]) -> None:
    """A notebook opened on its own (Jupyter, GitHub) follows its links: X.ipynb is a notebook beside it,
    ../X.md a page of its language. The site rewrites both (tests/test_build.py checks the built links)."""
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    folder = build_notebooks.notebook_path(*case).parent
    targets = [
        target.split("#")[0]
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for target in LOCAL_LINK.findall(cell.source)
    ]
    assert targets, (
        f"{case}: no link to another page (a lesson page points to its next step: CONTRIBUTING.md)"
    )
    for target in targets:
        assert (folder / target).is_file(), f"{case}: a link to {target}, which is not there"


def test_a_notebooks_links_point_at_the_built_pages() -> None:
    html = '<a href="autograd.ipynb">a</a><a href="module.ipynb#fit-a-line">b</a>'
    html += '<a href="../index.md#how-tested">c</a><a href="../glossary.md">d</a>'
    assert notebooks.site_links(html, "zh") == (
        '<a href="../autograd/">a</a><a href="../module/#fit-a-line">b</a>'
        '<a href="../../#how-tested">c</a><a href="../../glossary/">d</a>'
    )
    figure = '<img alt="x" src="../../assets/figures/training/lr.svg">'
    assert notebooks.site_links(figure, "zh") == figure
    assert notebooks.site_links(figure, "en") == figure.replace("../../assets", "../../../assets")


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_the_pages_figures_are_in_the_notebook(case: tuple[str, str]) -> None:
    """Each figure of the page, in its language and in order, is displayed by a cell from the file the code
    above it saved: no path to the repository's copy, which Colab or a notebook downloaded alone can't
    follow (check_outputs_match_pages compares what the cell shows with the page's figure)."""
    page = (DOCS / case[0] / f"{case[1]}.md").read_text(encoding="utf-8")
    shown = [path for _, path in FIGURE_LINE.findall(page)]
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    figure_cells = [cell for cell in notebook.cells if "figure" in cell.metadata]
    assert [cell.metadata["figure"] for cell in figure_cells] == shown
    for cell in figure_cells:
        assert f'SVG(filename="{cell.metadata["figure"].split("/")[-1]}")' in cell.source
    images = [cell.source for cell in notebook.cells if cell.cell_type == "markdown" and "![" in cell.source]
    assert not images, f"{case}: a Markdown image in the notebook"


def test_a_notebooks_figures_are_the_sites_files_on_its_page() -> None:
    """On the rendered notebook page each displayed figure, in order, is the page's own image: the site's file
    with its text alternative, not a copy inlined as data (nor nbconvert's "No description" text)."""
    source = "# T\n\n![a curve](../assets/figures/training/zh/a.svg)\n\n![b & c](../assets/figures/b.svg)\n"
    output = '<img alt="No description has been provided" src="data:image/svg+xml;base64,PHN2Zz4="/>'
    html = f"<p>x</p>{output}<p>y</p>{output}"
    assert notebooks.site_figures(html, source) == (
        '<p>x</p><img alt="a curve" src="../../assets/figures/training/zh/a.svg" />'
        '<p>y</p><img alt="b &amp; c" src="../../assets/figures/b.svg" />'
    )
    with pytest.raises(ValueError, match="the page shows 2 figures, the notebook 1"):
        notebooks.site_figures(output, source)


def test_a_notebook_out_of_step_with_its_page_says_what_to_run(tmp_path: Path) -> None:
    """A page with a heading its notebook lacks: the build stops with the command that rebuilds it."""
    source = tmp_path / "en" / "tensor.md"
    source.parent.mkdir()
    source.write_text("# Tensors\n\n## Shapes {#shapes}\n", encoding="utf-8")
    html = '<h1 id="Tensors">Tensors<a class="anchor-link" href="#Tensors">¶</a></h1>'
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="en/notebooks/tensor.ipynb"), toc=[])
    with pytest.raises(PluginError) as stopped:
        notebooks.as_its_page(html, page, source)
    assert str(stopped.value) == (
        "en/notebooks/tensor.ipynb is out of step with en/tensor.md "
        "(the page has 2 headings, the notebook 1): "
        "rebuild its notebooks with python scripts/build_notebooks.py tensor"
    )


def test_a_figure_cell_showing_another_figure_fails() -> None:
    notebook = nbformat.read(build_notebooks.notebook_path("en", "training"), as_version=4)
    first, second = [cell for cell in notebook.cells if "figure" in cell.metadata][:2]
    first.outputs = second.outputs
    with pytest.raises(AssertionError, match="the notebook draws another optimizers.svg"):
        check_shows_the_pages_figure(first)
    first.outputs = []
    with pytest.raises(AssertionError, match="shows"):
        check_shows_the_pages_figure(first)


@pytest.mark.parametrize("case", NOTEBOOKS, ids=notebook_id)
def test_chinese_figures_get_a_chinese_font_on_colab(case: tuple[str, str], monkeypatch) -> None:
    """Colab has no Chinese font: a Chinese notebook that draws figures installs Noto Sans CJK there before
    any figure is drawn, and gives matplotlib the file, whose face is one the figures' code picks. Run here
    as on Colab, with apt-get (Debian's package, as CI installs it) and matplotlib's font list stubbed."""
    notebook = nbformat.read(build_notebooks.notebook_path(*case), as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    font_cells = [cell for cell in cells if "colab_font" in cell.metadata]
    draws_figures = any("figure" in cell.metadata for cell in cells)
    assert len(font_cells) == (case[0] == "zh" and draws_figures)
    if not font_cells:
        return
    assert cells[0] is font_cells[0], "the font is installed before the first example runs"
    commands, added = [], []
    monkeypatch.setattr(subprocess, "run", lambda command, check: commands.append(command))
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(font_manager, "fontManager", types.SimpleNamespace(addfont=added.append))
    exec(font_cells[0].source, {})
    assert commands == [["apt-get", "-qq", "install", "fonts-noto-cjk"]]
    (path,) = added
    assert Path(path).is_file(), f"fonts-noto-cjk installs no {path}"
    assert font_manager.ttfFontProperty(ft2font.FT2Font(path)).name in reader_code.CHINESE_FONTS
    monkeypatch.delitem(sys.modules, "google.colab")
    commands.clear()
    exec(font_cells[0].source, {})
    assert not commands, "outside Colab the cell does nothing"

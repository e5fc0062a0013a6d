"""The code readers see is the code the tests run: the same program (same AST) as the snippet file, with no
test directive in it, and on the Chinese pages with every comment in Chinese. Checked on the reader's view
that hooks/reader_code.py computes, on the built HTML, and on the notebooks."""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from project import page_url

import build_notebooks
import reader_code
from fences import CJK, DOCS, LANGUAGES, ROOT, SNIPPETS, built_code_blocks, pages, snippet_files

SNIPPET_NAMES = [path.relative_to(SNIPPETS).as_posix() for path in snippet_files()]


def comments(code: str) -> list[str]:
    return [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type == tokenize.COMMENT
    ]


def problems_in_shown_code(code: str, language: str) -> list[str]:
    """What must never appear in code shown to a reader of ``language``."""
    found = [f"test directive {line!r}" for line in code.splitlines() if reader_code.DIRECTIVE.match(line)]
    if language in reader_code.TRANSLATED:
        found += [
            f"untranslated comment {comment!r}" for comment in comments(code) if not CJK.search(comment)
        ]
        try:
            tree = ast.parse(textwrap.dedent(code))
        except SyntaxError:  # a fragment (llms.txt's Markdown copies hold every fence, console ones too)
            return found
        found += [
            f"untranslated docstring {node.value!r}"
            for node in reader_code.docstrings(tree)
            if not CJK.search(node.value)
        ]
    return found


def with_docstring_keys(tree: ast.Module) -> ast.Module:
    """Docstrings compared by their words: a translation may wrap its lines elsewhere."""
    for node in reader_code.docstrings(tree):
        node.value = reader_code.docstring_key(node.value)
    return tree


def as_tested(shown: str, name: str, language: str) -> ast.Module:
    """The program a view shows, with what a translated view changes taken back out: each translated docstring
    and figure label back to its English text, and the font choice's statements removed. Anything else that
    differs from the tested file is still there for the comparison to find."""
    tree = ast.parse(shown)
    if language not in reader_code.TRANSLATED:
        return with_docstring_keys(tree)
    table = reader_code.snippet_table(name, language)
    english_docstrings = {
        reader_code.docstring_key(translation): text
        for text, translation in table.get(reader_code.DOCSTRINGS, {}).items()
    }
    for node in reader_code.docstrings(tree):
        node.value = english_docstrings.get(reader_code.docstring_key(node.value), node.value)
    english_labels = {translation: text for text, translation in table.get(reader_code.LABELS, {}).items()}
    for node in reader_code.label_literals(tree):
        node.value = english_labels.get(node.value, node.value)
    added = {ast.dump(node) for node in ast.parse(reader_code.CJK_FONT_IMPORT + reader_code.CJK_FONT).body}
    tree.body = [node for node in tree.body if ast.dump(node) not in added]
    return with_docstring_keys(tree)


def program_of(name: str) -> ast.Module:
    return with_docstring_keys(ast.parse((SNIPPETS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", SNIPPET_NAMES)
def test_reader_view_is_the_tested_program(name: str, language: str) -> None:
    tested = (SNIPPETS / name).read_text(encoding="utf-8")
    shown = reader_code.reader_code(name, language)
    assert ast.dump(as_tested(shown, name, language)) == ast.dump(program_of(name)), (
        f"{name}: the {language} view is other code"
    )
    assert not problems_in_shown_code(shown, language)
    if language == "en":
        assert comments(shown) == [c for c in comments(tested) if not reader_code.DIRECTIVE.match(c)]


def test_problems_are_caught() -> None:
    """The checks above can fail: a directive and an English comment in zh code are both reported."""
    code = '# needs: cuda\nimport torch  # an English comment\n# 中文注释\n\n\ndef f():\n    """Docs."""\n'
    assert problems_in_shown_code(code, "zh") == [
        "test directive '# needs: cuda'",
        "untranslated comment '# needs: cuda'",
        "untranslated comment '# an English comment'",
        "untranslated docstring 'Docs.'",
    ]
    assert problems_in_shown_code("x = 1  # 中文\n", "zh") == []
    assert problems_in_shown_code("x = 1  # （every element）：\n", "zh") == [
        "untranslated comment '# （every element）：'"
    ], "full-width punctuation is not Chinese"


def failed_test_report(request: pytest.FixtureRequest, failure: pytest.ExceptionInfo) -> SimpleNamespace:
    """The report of a test that failed with ``failure``, as conftest.py's report hook leaves it."""
    hooks = request.config.pluginmanager.get_plugin(str(ROOT / "conftest.py"))
    making = hooks.pytest_runtest_makereport(request.node, SimpleNamespace(excinfo=failure))
    next(making)
    with pytest.raises(StopIteration) as made:
        making.send(SimpleNamespace(skipped=False, longrepr="the traceback"))
    return made.value.value


def test_a_missing_translation_fails_the_build(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every missing (or empty) translation of a snippet at once, with the file and table to add them to,
    and the entries no comment has (a comment's old wording: the key to rename)."""
    (tmp_path / "page").mkdir()
    source = "# first comment\nx = 1\n# second comment\ny = 2\n# third\n"
    (tmp_path / "page" / "example.py").write_text(source, encoding="utf-8")
    (tmp_path / "page" / "comments.zh.toml").write_text(
        '["example.py"]\n"second comment" = ""\n"third" = "第三"\n"the first comment" = "第一"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(reader_code, "SNIPPETS", tmp_path)
    missing = "no translation for the comments 'first comment', 'second comment'"
    stale = "translated comments the code doesn't have: ['the first comment']"
    where = ' (in snippets/page/comments.zh.toml, table ["example.py"])'
    with pytest.raises(reader_code.MissingTranslation) as raised:
        reader_code.reader_code("page/example.py", "zh")
    assert raised.value.args[0] == f"page/example.py: {missing}; {stale}{where}"
    shown = str(failed_test_report(request, raised).longrepr)
    assert shown == f"E   reader_code.MissingTranslation: {raised.value}", (
        "a test that meets it (this one, a notebook's, a figure's) fails with the build's message alone"
    )
    assert reader_code.reader_code("page/example.py", "en") == source
    (tmp_path / "page" / "example.py").write_text(f'"""A docstring."""\n{source}', encoding="utf-8")
    with pytest.raises(reader_code.MissingTranslation) as raised:
        reader_code.reader_code("page/example.py", "zh")
    docstring = "no translation for the docstrings 'A docstring.'"
    assert raised.value.args[0] == f"page/example.py: {missing}; {stale}; {docstring}{where}", (
        "a missing docstring is listed with the missing comments, not after they are translated"
    )


def test_the_build_lists_every_pages_missing_translations_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two pages, each with an untranslated comment: the build reads both, then stops naming both (a
    contributor fixes them all after one build), and a build that follows starts with nothing listed."""
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "example.py").write_text(f"# {name}'s comment\nx = 1\n", encoding="utf-8")
        (tmp_path / name / "comments.zh.toml").write_text('["example.py"]\n', encoding="utf-8")
    monkeypatch.setattr(reader_code, "SNIPPETS", tmp_path)
    reader_code.on_pre_build(None)
    for name in ("one", "two"):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=f"zh/{name}.md"))
        try:
            shown = reader_code.on_page_markdown(f'--8<-- "{name}/example.py"\n', page, None, None)
        except PluginError as error:
            pytest.fail(f"the build stopped at the page {name}, before reading the others: {error}")
        assert shown == f'--8<-- "{name}/example.py"\n', "a page that can't show its code is left as it is"
    with pytest.raises(PluginError) as stopped:
        reader_code.on_env("environment", None, None)
    assert str(stopped.value) == (
        'zh/one.md:\n  one/example.py: no translation for the comments "one\'s comment" '
        '(in snippets/one/comments.zh.toml, table ["example.py"])\n'
        'zh/two.md:\n  two/example.py: no translation for the comments "two\'s comment" '
        '(in snippets/two/comments.zh.toml, table ["example.py"])'
    )
    assert reader_code.on_env("environment", None, None) == "environment"


def test_figure_labels_are_translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A figure's label with no translation fails the build; a translated one is replaced in the zh view,
    which also chooses a font with Chinese glyphs; only labels and font lines differ from the program."""
    (tmp_path / "page").mkdir()
    source = (
        "# figure: plot.svg\nimport matplotlib\nfrom matplotlib.figure import Figure\n\n"
        'axes = Figure().subplots()\naxes.plot([1, 2], label="loss")\naxes.set_xlabel("step")\n'
    )
    (tmp_path / "page" / "plot.py").write_text(source, encoding="utf-8")
    catalogue = tmp_path / "page" / "comments.zh.toml"
    catalogue.write_text('["plot.py".labels]\n"step" = "步数"\n', encoding="utf-8")
    monkeypatch.setattr(reader_code, "SNIPPETS", tmp_path)
    with pytest.raises(reader_code.MissingTranslation, match="figure label 'loss'"):
        reader_code.reader_code("page/plot.py", "zh")
    catalogue.write_text('["plot.py".labels]\n"step" = "步数"\n"loss" = "损失"\n', encoding="utf-8")
    shown = reader_code.reader_code("page/plot.py", "zh")
    assert 'label="损失"' in shown and 'set_xlabel("步数")' in shown and "font.family" in shown
    assert ast.dump(as_tested(shown, "page/plot.py", "zh")) == ast.dump(ast.parse(source))
    assert ast.dump(as_tested(shown.replace("plot([1, 2]", "plot([1, 3]"), "page/plot.py", "zh")) != ast.dump(
        ast.parse(source)
    )


@pytest.mark.parametrize("language", reader_code.TRANSLATED)
def test_comment_catalogues_have_no_tables_of_removed_snippets(language: str) -> None:
    """A table's entries are checked against its snippet by the build (reader_code); a table whose snippet
    is gone is never read there."""
    gone = [
        f"{catalogue.parent.name}/{name}"
        for catalogue in sorted(SNIPPETS.glob(f"*/comments.{language}.toml"))
        for name in reader_code.catalogue(catalogue.parent.name, language)
        if not (catalogue.parent / name).is_file()
    ]
    assert not gone, "translation tables of snippets that no longer exist: remove them\n" + "\n".join(gone)


def built_pages(site: Path, language: str) -> list[Path]:
    root = site / page_url(language)
    found = sorted(root.rglob("index.html"))
    return [path for path in found if language == "en" or path.relative_to(site).parts[0] != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_built_pages_show_the_reader_view(site: Path, language: str) -> None:
    checked, problems = 0, []
    for page in built_pages(site, language):
        for kind, code in built_code_blocks(page.read_text(encoding="utf-8")):
            if kind == "python":
                checked += 1
                problems += [f"{page.relative_to(site)}: {p}" for p in problems_in_shown_code(code, language)]
    assert checked > 50, f"only {checked} Python blocks found in the built {language} site"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_notebooks_show_the_reader_view(language: str) -> None:
    problems = []
    for page in build_notebooks.PAGES:
        notebook = nbformat.read(DOCS / language / "notebooks" / f"{page}.ipynb", as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                problems += [f"{language}/{page}: {p}" for p in problems_in_shown_code(cell.source, language)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_llms_txt_lists_every_page_with_a_markdown_copy(site: Path, language: str) -> None:
    """llms.txt (hooks/llms_txt.py): every page listed, every link a file, each copy the reader's view."""
    root = site / page_url(language)
    index = (root / "llms.txt").read_text(encoding="utf-8")
    links = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", index, flags=re.M)
    expected = {"index.md" if page.stem == "index" else f"{page.stem}/index.md" for page in pages(language)}
    assert set(links) == expected, f"llms.txt lists {sorted(set(links) ^ expected)} wrongly"
    for link in links:
        copy = (root / link).read_text(encoding="utf-8")
        assert "--8<--" not in copy and not copy.startswith("---"), f"{link}: includes or front matter left"
        code = "\n".join(re.findall(r"```python[^\n]*\n(.*?)```", copy, flags=re.S))
        assert not problems_in_shown_code(code, language), f"{link}: {problems_in_shown_code(code, language)}"
    assert "tensor([" in (root / "tensor/index.md").read_text(encoding="utf-8"), "outputs are written out"
    assert 'href="llms.txt"' in (root / "index.html").read_text(encoding="utf-8"), "the home page links it"

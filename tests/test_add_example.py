"""scripts/add_example.py: where the blocks go on a page and what it adds to a comment catalogue."""

from __future__ import annotations

import shlex
import subprocess
import sys

import add_example
import pytest
from project import (
    EXAMPLE_TESTS,
    LANGUAGES,
    MARKDOWN_CHECKS,
    ROOT,
    SNIPPETS,
    STRICT_BUILD,
    fast_check_files,
    is_fast_check,
    lesson_pages,
    markdown_pages,
    snippet_folder,
)

PAGE = """# Tensor

## Shape {#shape}

Text about shapes.

### Views {#views}

More.

## Indexing {#indexing}

Text.

## Exercises {#exercises}

Try it.
"""


def test_the_blocks_show_the_code_then_its_output_in_the_pages_language() -> None:
    assert add_example.blocks("tensor/stack.py", True, "zh") == (
        '```python title="snippets/tensor/stack.py"\n--8<-- "tensor/stack.py"\n```\n\n'
        '```text title="输出"\n--8<-- "tensor/stack.out"\n```\n'
    )
    assert add_example.blocks("tensor/quiet.py", False, "en") == (
        '```python title="snippets/tensor/quiet.py"\n--8<-- "tensor/quiet.py"\n```\n'
    )


def test_blocks_go_to_the_end_of_the_section_else_before_the_exercises() -> None:
    shown = "BLOCKS\n"
    in_section = add_example.with_blocks(PAGE, shown, "shape")
    # a subsection belongs to its section: the blocks follow it, before the next heading of the same level
    assert "More.\n\nBLOCKS\n\n## Indexing {#indexing}" in in_section
    assert "Text.\n\nBLOCKS\n\n## Exercises {#exercises}" in add_example.with_blocks(PAGE, shown, None)
    no_exercises = PAGE.split("## Exercises")[0]
    assert add_example.with_blocks(no_exercises, shown, None).endswith("Text.\n\nBLOCKS\n")


def test_a_new_snippet_gets_a_table_of_empty_translations_once() -> None:
    catalogue = '["old.py"]\n"a comment" = "一条注释"\n'
    added = add_example.with_translation_keys(catalogue, "stack.py", ["stack adds a dimension"])
    assert added == catalogue + '\n["stack.py"]\n"stack adds a dimension" = ""\n'
    assert add_example.with_translation_keys(added, "stack.py", ["other"]) == added
    assert add_example.with_translation_keys("", "new.py", ["a"]) == '["new.py"]\n"a" = ""\n'
    assert snippet_folder("first-project") == "first_project"


def collection(*options: str) -> tuple[list[str], str]:
    """The ids of the tests pytest selects with these options (none: the whole suite), and its summary line
    ("N/M tests collected (K deselected) in ...")."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n0", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = listed.stdout.splitlines()
    return [line for line in lines if "::" in line], lines[-1]


@pytest.fixture(scope="module")
def every_test() -> list[str]:
    return collection()[0]


def test_the_page_tests_it_prints_are_contributings(every_test: list[str]) -> None:
    """CONTRIBUTING.md shows the training page's command; pytest, given it for the data page, collects that
    page's fast checks (project.is_fast_check) and nothing else; an unknown page is a usage error."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Which tests to run", 1)[1]
    shown = section.split("```console\n", 1)[1].split("```", 1)[0]
    assert shown == f"$ {add_example.page_test_command('training')}\n"
    data, summary = collection(*shlex.split(add_example.page_test_command("data"))[3:])
    # in another order: the files --page leaves uncollected change how pytest groups tests by fixture
    assert sorted(data) == sorted(test for test in every_test if is_fast_check(test, "data"))
    # the other test files are not even imported (each would cost every worker time)
    in_its_files = [test for test in every_test if test.split("::")[0] in fast_check_files("data")]
    assert summary.startswith(f"{len(data)}/{len(in_its_files)} tests collected"), summary
    unknown = subprocess.run(
        [sys.executable, "-m", "pytest", "--page", "tensors", "--collect-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--page tensors: no such page; the pages are attention," in unknown.stderr


def test_a_pages_fast_checks_are_its_own(every_test: list[str]) -> None:
    """For every page: all of its examples' tests and no other folder's (own_data's are not data's); its
    two notebooks' checks but their runs, where it has notebooks; every Markdown check; its own test file
    where it has one; its inline code; the strict build; nothing else."""
    folders = {path.name for path in SNIPPETS.iterdir() if path.is_dir()}
    # an example's test id: tests/test_snippets.py::test_snippet[FOLDER/NAME.py]
    examples = {
        test: test.partition("[")[2].split("/", 1)[0]
        for test in every_test
        if test.split("::")[0] in EXAMPLE_TESTS
    }
    markdown = [test for test in every_test if test.split("::")[0] in MARKDOWN_CHECKS]
    for page in markdown_pages():
        folder = snippet_folder(page)
        selected = [test for test in every_test if is_fast_check(test, page)]
        chosen = [test for test in selected if test in examples]
        assert chosen == [test for test, of in examples.items() if of == folder], page
        assert bool(chosen) == (folder in folders), page
        notebooks = {test.split("[", 1)[1] for test in selected if test.startswith("tests/test_notebooks.py")}
        lesson = {f"{language}/{page}]" for language in LANGUAGES} if page in lesson_pages() else set()
        assert notebooks == lesson, (page, notebooks)
        assert not [test for test in selected if "runs_top_to_bottom" in test], page
        assert set(markdown) <= set(selected), page
        own = [test for test in every_test if test.startswith(f"tests/test_{folder}.py::")]
        assert set(own) <= set(selected), page
        build = [test for test in selected if test.startswith("tests/test_build.py")]
        assert build == [f"{STRICT_BUILD}[{language}]" for language in LANGUAGES], (page, build)
        files = {test.split("::")[0] for test in selected}
        pages = {f"docs/{language}/{page}.md" for language in LANGUAGES}
        allowed = {*EXAMPLE_TESTS, *MARKDOWN_CHECKS, "tests/test_notebooks.py", "tests/test_build.py", *pages}
        assert files <= allowed | {f"tests/test_{folder}.py"}, (page, files - allowed)
    assert any(
        test.startswith("docs/en/autograd.md::") for test in every_test if is_fast_check(test, "autograd")
    )


def test_one_pages_checks_pass_without_the_other_pages_blocks() -> None:
    """A page's checks run that page's blocks only: the coverage summary, which fails a full run with a
    block no test ran, is left out (else every other page's blocks would fail the run)."""
    command = add_example.page_test_command("autograd")
    # the code blocks ("line N") and one snippet; no test function, whatever its name holds
    one_block = ["-n0", "-q", "-k", "(line and not test_) or autograd/no_grad.py"]
    result = subprocess.run(
        [sys.executable, *shlex.split(command)[1:], *one_block],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 passed, 2 skipped" in result.stdout, result.stdout[-3000:]
    assert "NOT EXECUTED" not in result.stdout


def test_a_pages_browser_checks_are_contributings_and_select_that_page(every_test: list[str]) -> None:
    """CONTRIBUTING.md shows the training page's browser command; for every page, its endings are in the
    ids of its own browser tests, in both languages, and in no other page's (nor in its notebook's)."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"$ {add_example.page_browser_command('training')}\n" in contributing
    browser = [test for test in every_test if test.startswith("tests/test_browser.py::")]
    for page in markdown_pages():
        endings = add_example.page_browser_command(page).split('-k "', 1)[1].rstrip('"').split(" or ")
        selected = [test for test in browser if any(ending in test for ending in endings)]
        pages = {test.split("[", 1)[1].removeprefix("chromium-") for test in selected}
        assert pages == {f"{language}-{page}]" for language in LANGUAGES}, (page, pages)

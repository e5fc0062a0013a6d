"""scripts/add_example.py: where the blocks go on a page and what it adds to a comment catalogue."""

from __future__ import annotations

import shlex
import subprocess
import sys

import add_example
from project import DOCS, LANGUAGES, ROOT, SNIPPETS, lesson_pages, site_pages

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
    assert add_example.snippet_folder("first-project") == "first_project"


def test_the_page_tests_it_prints_are_contributings_and_exist_for_every_page() -> None:
    """CONTRIBUTING.md shows the training page's commands; every page gets commands that name only test files
    that exist, and a filter that selects its own examples and no other folder's."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Which tests to run", 1)[1]
    shown = section.split("```console\n", 1)[1].split("```", 1)[0]
    assert shown == "".join(f"$ {command}\n" for command in add_example.page_test_commands("training"))
    folders = {path.name for path in SNIPPETS.iterdir() if path.is_dir()}
    for page in (path.stem for path in (DOCS / "en").glob("*.md")):
        commands = add_example.page_test_commands(page)
        named = [word for command in commands for word in command.split() if word.startswith("tests/")]
        assert all((ROOT / name).is_file() for name in named), (page, named)
        examples = [command for command in commands if "tests/test_snippets.py" in command]
        selectors = [command.split(" -k ", 1)[1].strip('"') for command in examples]
        ids = {folder: f"test_snippet[{folder}/example.py]" for folder in folders}
        selected = {folder for folder, test in ids.items() if any(k in test for k in selectors)}
        # its own folder's examples; where it has none, no such command (pytest would select nothing: exit 5)
        assert selected == {add_example.snippet_folder(page)} & folders, (page, selected)
        assert len(examples) == (add_example.snippet_folder(page) in folders), (page, examples)
    assert "tests/test_training_clinic.py" in add_example.page_test_commands("training-clinic")[1]
    assert not any("test_tensor" in command for command in add_example.page_test_commands("tensor"))
    assert not any("test_notebooks" in command for command in add_example.page_test_commands("deployment"))


def test_a_lesson_pages_notebook_checks_select_its_two_notebooks_and_no_run() -> None:
    """The notebook line of a lesson page's commands: its "/PAGE]" ends the test ids of that page's two
    notebooks and of no other page's; and pytest, given the data page's line (own-data's notebooks share
    its name), selects the tests of data's two notebooks that read them, not one that runs them."""
    pages = lesson_pages()
    for page in pages:
        (command,) = [c for c in add_example.page_test_commands(page) if "tests/test_notebooks.py" in c]
        ending = command.split('-k "', 1)[1].split(" ", 1)[0]
        matched = {f"{language}/{other}" for other in pages for language in LANGUAGES}
        matched = {name for name in matched if ending in f"test_x[{name}]"}
        assert matched == {f"zh/{page}", f"en/{page}"}, (page, matched)
    (command,) = [c for c in add_example.page_test_commands("data") if "tests/test_notebooks.py" in c]
    listed = subprocess.run(
        [sys.executable, *shlex.split(command)[1:], "--collect-only", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    ids = [line for line in listed if line.startswith("tests/")]
    assert {test.split("[", 1)[1].rstrip("]") for test in ids} == {"zh/data", "en/data"}, ids
    assert not any("runs_top_to_bottom" in test for test in ids), ids


def test_a_pages_browser_checks_are_contributings_and_select_that_page() -> None:
    """CONTRIBUTING.md shows the training page's browser command; for every page, its endings are in the
    ids of its own browser tests and in no other page's (nor in its notebook's)."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"$ {add_example.page_browser_command('training')}\n" in contributing
    names = site_pages()
    for page in (path.stem for path in (DOCS / "en").glob("*.md")):
        endings = add_example.page_browser_command(page).split('-k "', 1)[1].rstrip('"').split(" or ")
        ids = [f"test_x[chromium-{language}-{name}]" for language in LANGUAGES for name in names]
        selected = [test for test in ids if any(ending in test for ending in endings)]
        assert selected == [f"test_x[chromium-{language}-{page}]" for language in LANGUAGES], selected

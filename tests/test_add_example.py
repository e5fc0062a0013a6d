"""scripts/add_example.py: where the blocks go on a page and what it adds to a comment catalogue."""

from __future__ import annotations

import add_example

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

"""Adds an example to a page in both languages, the five-minute path of CONTRIBUTING.md:

    python scripts/add_example.py tensor stack_rows

1. ``snippets/tensor/stack_rows.py``: kept when you have written it already, else a small starting point.
2. Its output, recorded the way the tests record it (``--update-outputs``): ``snippets/tensor/stack_rows.out``
3. Both pages show it, a code block and then its output block, at the end of the section ``--section`` names
   (a heading's ``{#id}``), else just before the exercises, else at the end of the page.
4. ``snippets/tensor/comments.zh.toml`` gets a table for the file: each English comment as a key, its
   translation empty. The Chinese page does not build until every one is filled in (the build lists them all).

Then write the sentences around it, in both languages, rebuild the page's notebooks if it has them, and run
the page's tests (CONTRIBUTING.md, "Which tests to run").
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from project import (  # noqa: E402
    DOCS,
    LANGUAGES,
    OUTPUT_TITLE,
    ROOT,
    SNIPPETS,
    includes,
    lesson_pages,
    snippet_folder,
    update_command,
)

from reader_code import comment_blocks, strip_directives  # noqa: E402  (how the pages read comments)

EXERCISES = re.compile(r"^## .*\{#exercises\}\s*$", re.M)
STARTER = """import torch

# Why this line matters, in a sentence: the comment a reader needs.
x = torch.arange(6).reshape(2, 3)
print(x.sum(dim=0))
"""


def page_test_command(page: str) -> str:
    """The fast checks of one page (CONTRIBUTING.md, "Which tests to run"): the tests project.is_fast_check
    picks for it (conftest.py's ``--page``), the strict build among them."""
    return f"python -m pytest --page {page}"


def page_browser_command(page: str) -> str:
    """The browser's checks of one page, in both languages (CONTRIBUTING.md: for a new page or a change to
    how one looks; about half a minute, so not among the fast checks): a test id ends with "-LANGUAGE-PAGE]"
    ("zh-data]" is not in "zh-own-data]", nor in a notebook's "zh-notebooks/data]")."""
    endings = " or ".join(f"{language}-{page}]" for language in LANGUAGES)
    return f'python -m pytest tests/test_browser.py -k "{endings}"'


def blocks(snippet: str, has_output: bool, language: str) -> str:
    """The Markdown that shows the example, and its output when it prints something."""
    code = f'```python title="snippets/{snippet}"\n--8<-- "{snippet}"\n```\n'
    if not has_output:
        return code
    output = snippet.removesuffix(".py") + ".out"
    return f'{code}\n```text title="{OUTPUT_TITLE[language]}"\n--8<-- "{output}"\n```\n'


def with_blocks(markdown: str, shown: str, section: str | None) -> str:
    """The page with the blocks at the end of the section ``{#section}``, else before the exercises, else at
    the end."""
    if section is not None:
        heading = re.search(rf"^#+ .*\{{#{re.escape(section)}\}}\s*$", markdown, re.M)
        if heading is None:
            raise SystemExit(f"no heading with {{#{section}}} on the page")
        level = heading[0].index(" ")
        following = re.compile(rf"^#{{1,{level}}} ", re.M).search(markdown, heading.end())
        where = following.start() if following else len(markdown)
    else:
        exercises = EXERCISES.search(markdown)
        where = exercises.start() if exercises else len(markdown)
    before, after = markdown[:where].rstrip("\n"), markdown[where:]
    return f"{before}\n\n{shown}" + (f"\n{after}" if after else "")


def with_translation_keys(catalogue: str, name: str, comments: list[str]) -> str:
    """The comments.zh.toml text with a table for ``name`` listing each comment with an empty translation
    (kept as it is when the file already has that table)."""
    if re.search(rf'^\["{re.escape(name)}"\]\s*$', catalogue, re.M):
        return catalogue
    entries = "".join(f'"{comment}" = ""\n' for comment in comments)
    before = catalogue.rstrip("\n") + "\n\n" if catalogue.strip() else ""  # a new file starts with the table
    return before + f'["{name}"]\n{entries}'


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("page", help="the page's file name without .md, e.g. tensor or first-project")
    parser.add_argument("name", help="the example's file name without .py")
    parser.add_argument("--section", help="the {#id} of the section to add it to")
    arguments = parser.parse_args()
    pages = {language: DOCS / language / f"{arguments.page}.md" for language in LANGUAGES}
    if not all(page.exists() for page in pages.values()):
        raise SystemExit(f"no page {arguments.page}.md in both docs/zh and docs/en")
    snippet = f"{snippet_folder(arguments.page)}/{arguments.name}.py"
    path = SNIPPETS / snippet
    if any(snippet in includes(page.read_text(encoding="utf-8")) for page in pages.values()):
        raise SystemExit(f"a page already shows {snippet}")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STARTER, encoding="utf-8")
        print(f"wrote a starting point: {path.relative_to(ROOT)} (edit it, then run this again)")
        return 0
    _, *record = shlex.split(update_command(snippet))  # with this Python, on one worker
    result = subprocess.run([sys.executable, *record, "-q", "-n0"], cwd=ROOT)
    if result.returncode != 0:
        print(f"{snippet} did not pass its test: fix it and run this again", file=sys.stderr)
        return result.returncode
    output = path.with_suffix(".out")
    has_output = output.exists() and output.read_text(encoding="utf-8") != ""
    for language, page in pages.items():
        markdown = page.read_text(encoding="utf-8")
        page.write_text(with_blocks(markdown, blocks(snippet, has_output, language), arguments.section))
        print(f"showed it on {page.relative_to(ROOT)}")
    comments = [text for *_, text in comment_blocks(strip_directives(path.read_text(encoding="utf-8")))]
    catalogue = path.parent / "comments.zh.toml"
    if comments:
        text = catalogue.read_text(encoding="utf-8") if catalogue.exists() else ""
        catalogue.write_text(with_translation_keys(text, path.name, comments), encoding="utf-8")
        print(f'translate {len(comments)} comment(s) in {catalogue.relative_to(ROOT)}, table ["{path.name}"]')
    print("next: the prose in both languages", end="")
    if arguments.page in lesson_pages():
        translated = " (once the comments are translated)" if comments else ""
        print(f", then{translated} python scripts/build_notebooks.py {arguments.page}", end="")
    print(f", then the page's tests:\n  {page_test_command(arguments.page)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

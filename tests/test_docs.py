"""Static checks of the Markdown sources: every Python block a reader can see is executed by some test,
nothing runs by accident, and the two languages show the same code in the same order."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import project
import pytest
from build_pdf import language_settings, mkdocs_config
from llms_txt import nav_paths
from project import INCLUDE_LINE, includes, recording_problems

import join_zh_lines
import reader_code
from fences import (
    CJK,
    DOCS,
    LANGUAGES,
    SHELL_TAGS,
    SNIPPETS,
    Fence,
    directives,
    front_matter,
    pages,
    read_fences,
    snippet_files,
)

ALL_PAGES = [page for language in LANGUAGES for page in pages(language)]
ALL_FENCES = [fence for page in ALL_PAGES for fence in read_fences(page)]


def test_pages_exist_in_both_languages() -> None:
    zh = {page.relative_to(DOCS / "zh") for page in pages("zh")}
    en = {page.relative_to(DOCS / "en") for page in pages("en")}
    assert zh, "no pages found"
    assert zh == en, f"only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_every_page_titles_and_describes_itself_in_its_language(page: Path) -> None:
    """Each page's front matter has its own title (the navigation's, the browser tab's) and description
    (search engines show it under the title, llms.txt beside the link; without one, the page takes the
    site's), in the page's language: a Chinese title may only be the English one (nn.Module)."""
    meta = front_matter(page)
    where = page.relative_to(DOCS.parent)
    chinese = page.parent.name == "zh"
    title, description = meta.get("title", ""), meta.get("description", "")
    assert title, f"{where}: no title: in its front matter"
    english = DOCS / "en" / page.relative_to(page.parent)
    in_chinese = bool(CJK.search(title)) or (chinese and title == front_matter(english).get("title"))
    assert in_chinese == chinese, f"{where}: its title is not in the page's language"
    assert len(description) >= 20, f"{where}: no description: in its front matter"
    assert bool(CJK.search(description)) == chinese, f"{where}: its description is not in the page's language"


def test_front_matter_that_is_not_yaml_names_the_page_and_line(markdown_page: MarkdownPage) -> None:
    page = markdown_page("---\ntitle: Try-out\ndescription: a recipe: one example\n---\n# Try-out\n")
    with pytest.raises(ValueError, match=r"page.md, line 3: the front matter is not YAML"):
        front_matter(page)


def navigation_titles(nav: list) -> tuple[list[str], list[str]]:
    """The titles of the navigation's sections, in order, and the pages given a title there."""
    sections: list[str] = []
    titled: list[str] = []
    for item in nav:
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            if isinstance(value, list):
                inner_sections, inner_titled = navigation_titles(value)
                sections += [title, *inner_sections]
                titled += inner_titled
            else:
                titled.append(f"{title}: {value}")
    return sections, titled


def test_the_navigation_lists_pages_by_path_and_translates_its_sections() -> None:
    """A page is one line in mkdocs.yml's nav, its path (CONTRIBUTING: Add a page): a title given there
    would hide the one in its front matter, in both languages. Each section's Chinese title has its English
    one in the English nav_translations, or the English site shows it in Chinese; none is left over."""
    translated = language_settings("en")["nav_translations"]
    sections, titled = navigation_titles(mkdocs_config()["nav"])
    assert not titled, f"mkdocs.yml: list these pages by path, with a title: in their front matter: {titled}"
    missing = [title for title in sections if title not in translated]
    assert not missing, f"mkdocs.yml: add the English titles of {missing} to the en nav_translations"
    left_over = sorted(set(translated) - set(sections))
    assert not left_over, f"mkdocs.yml: nav_translations of titles no longer in the nav: {left_over}"


def map_of_pages(language: str) -> tuple[list[tuple[str, str]], str]:
    """The links of the home page's map, in its order (each one's text and page), and its notebooks row."""
    home = (DOCS / language / "index.md").read_text(encoding="utf-8")
    table = home.split("{#pages}", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"^\| \[([^\]]+)\]\(([^)#]+)\) \|.*$", table, re.M)
    notebooks = re.search(r"^\| \[[^\]]+\]\(notebooks/.*$", table, re.M)
    return links, notebooks[0] if notebooks else ""


# How the notebooks row of the home page's map counts the lesson pages.
LESSON_PAGES_COUNTED = {"en": "the {} lesson pages", "zh": "{}个课程页面"}
ENGLISH_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
CHINESE_DIGITS = "〇一二三四五六七八九"


def number_in_words(count: int, language: str) -> str:
    if language == "en":
        return ENGLISH_NUMBERS[count]
    tens, units = divmod(count, 10)
    if not tens:
        return CHINESE_DIGITS[units]
    return (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[units] if units else "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_pages_map_lists_every_page_in_the_navigations_order(language: str) -> None:
    """A new page needs a row in the map of both home pages (CONTRIBUTING: Add a page): a row a page, in
    the navigation's order, its link saying the page's title; the notebooks are one row, linked to the
    first, that says how many lesson pages have one."""
    paths = [path for path in nav_paths(mkdocs_config()["nav"]) if path != "index.md"]
    notebooks_row = next(path for path in paths if path.startswith("notebooks/"))
    expected = [path for path in paths if not path.startswith("notebooks/") or path == notebooks_row]
    links, notebooks = map_of_pages(language)
    rows = [path for _, path in links]
    home = f"docs/{language}/index.md"
    missing = [path for path in expected if path not in rows]
    assert not missing, f"{home}: no row in the map of pages (#pages) for {missing}"
    assert rows == expected, f"{home}: the map of pages is not in the navigation's order"
    titles = {
        path: front_matter(DOCS / language / path).get("title") for _, path in links if path.endswith(".md")
    }
    renamed = {path: titles[path] for text, path in links if path in titles and text != titles[path]}
    assert not renamed, f"{home}: the map's links do not say the pages' titles: {renamed}"
    counted = LESSON_PAGES_COUNTED[language].format(number_in_words(len(project.lesson_pages()), language))
    assert counted in notebooks, f"{home}: the notebooks row does not say {counted!r}"


def test_every_fence_names_its_language() -> None:
    unnamed = [fence.where() for fence in ALL_FENCES if not fence.lang]
    assert not unnamed, f"code fences without a language (use text, console, python...): {unnamed}"


def test_no_shell_fences() -> None:
    """pytest-codeblocks executes bash/sh fences: an install command shown that way would really run."""
    shell = [fence.where() for fence in ALL_FENCES if fence.lang in SHELL_TAGS]
    assert not shell, f"show commands as `console` (with a `$ ` prompt) or `text`: {shell}"


SKIP_WITH_REASON = re.compile(r"""^pytest\.mark\.skip\(reason=(["'])(?P<reason>.+)\1\)$""")


def python_fence_problem(fence: Fence) -> str | None:
    """Why a Python fence would escape the tests, or None when a test executes it."""
    if fence.include:
        if not fence.include.endswith(".py") or not (SNIPPETS / fence.include).is_file():
            return f"includes {fence.include!r}, which is not a snippet file"
        if fence.lang == "python" and not fence.attrs:
            return 'an include fence needs a title="..." (else pytest-codeblocks would run the --8<-- line)'
        return None  # test_snippets.py runs every file in snippets/
    if "--8<--" in fence.body:
        return "mixes an include with inline code: put the whole example in the snippet file"
    if fence.marker.startswith("~"):
        return "is a ~~~ fence: pytest-codeblocks runs only ``` fences"
    if fence.lang == "python" and not fence.attrs:
        markers = [c for c in fence.comments if c.startswith("pytest")]
        for marker in markers:
            skip = SKIP_WITH_REASON.match(marker)
            if not skip or not skip["reason"].strip():
                return f"carries {marker!r}: only pytest.mark.skip(reason=...) with a stated reason"
            try:  # a skipped block is still compiled: its reason must not hide a broken block
                compile(fence.body, str(fence.page), "exec")
            except SyntaxError as error:
                return f"is skipped and does not even compile: {error.msg}, line {error.lineno}"
        if "__name__" in fence.body:
            return "tests __name__, which pytest-codeblocks never sets to '__main__': use a snippet file"
        return None  # pytest-codeblocks runs it (or skips it with the stated reason)
    return f"is tagged {fence.lang!r} {fence.attrs!r}: pytest-codeblocks collects only plain `python` fences"


def test_every_python_fence_is_executed() -> None:
    python_fences = [fence for fence in ALL_FENCES if fence.is_python]
    assert python_fences, "no Python fences found at all"
    problems = [
        f"{fence.where()} {problem}" for fence in python_fences if (problem := python_fence_problem(fence))
    ]
    assert not problems, "Python blocks that no test executes:\n" + "\n".join(problems)


OUTPUT_TITLED = re.compile(rf'title="({"|".join(project.OUTPUT_TITLE.values())})')


def page_lines(page: Path) -> list[str]:
    return page.read_text(encoding="utf-8").splitlines()


RECORDED_OUTPUT = re.compile(r"(\.cuda)?\.out$")


def printed_by(include: str | None) -> str | None:
    """The snippet whose recorded output a fence shows (NAME.out: CPU, NAME.cuda.out: GPU), or None."""
    if include is None or not RECORDED_OUTPUT.search(include):
        return None
    return RECORDED_OUTPUT.sub(".py", include)


# Fences that show what code printed: a transcript (pycon, or >>> prompts in any fence), and an untitled
# text, console or output fence right under a Python block.
TRANSCRIPT_TAGS = {"pycon", "ipython", "ipython3"}
OUTPUT_TAGS = {"", "text", "console", "output", "txt", "plain"}


def looks_like_output(fence: Fence, previous: Fence | None, lines: list[str]) -> bool:
    prompts = any(line.startswith(">>>") for line in fence.body.splitlines())
    if fence.lang.lower() in TRANSCRIPT_TAGS or prompts:
        return True
    if previous is None or not previous.is_python or fence.lang.lower() not in OUTPUT_TAGS:
        return False
    if "title=" in fence.attrs:
        return False  # a titled block says what it is (a file, a tree), and a title "Output" is checked above
    return right_under(previous, fence, lines)


def right_under(previous: Fence, fence: Fence, lines: list[str]) -> bool:
    """Only blank lines between the end of ``previous`` and the start of ``fence``."""
    previous_end = previous.line + previous.body.count("\n")  # the closing fence's line, 0-based
    return not any(line.strip() for line in lines[previous_end + 1 : fence.line - 1])


def output_problems(page: Path) -> list[str]:
    """Each shown output is a recorded ``.out`` (or GPU ``.cuda.out``) file, right under the block of the
    snippet that prints it; a snippet's CPU and GPU outputs may follow each other."""
    fences = read_fences(page)
    lines = page_lines(page)
    problems = []
    for index, fence in enumerate(fences):
        script = printed_by(fence.include)
        if script is None:
            if OUTPUT_TITLED.search(fence.attrs):
                problems.append(f"{fence.where()} is titled as output but typed by hand, not a recorded .out")
            elif looks_like_output(fence, fences[index - 1] if index else None, lines):
                problems.append(f"{fence.where()} looks like output but is typed by hand, not a .out")
            continue
        above = index - 1
        while above >= 0 and printed_by(fences[above].include) == script:
            above -= 1  # another output of the same snippet
        previous = fences[index - 1] if index else None
        if previous is None or above < 0 or fences[above].include != script:
            problems.append(f"{fence.where()} shows {fence.include}, but the block above it is not {script}")
            continue
        if not right_under(previous, fence, lines):
            problems.append(f"{fence.where()}: something stands between {script} and its output")
    return problems


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_each_output_sits_under_the_code_that_prints_it(page: Path) -> None:
    assert not output_problems(page), "\n".join(output_problems(page))


MarkdownPage = Callable[[str], Path]


@pytest.fixture
def markdown_page(tmp_path: Path) -> MarkdownPage:
    """Writes a page of Markdown in a scratch folder: the checks below are shown to fail on such pages."""

    def write(text: str) -> Path:
        page = tmp_path / "page.md"
        page.write_text(text, encoding="utf-8")
        return page

    return write


def test_output_checks_can_fail(markdown_page: MarkdownPage) -> None:
    """Swapped outputs, an output away from its code, and a hand-typed output are all reported."""
    page = markdown_page(
        '```python title="a"\n--8<-- "tensor/shape.py"\n```\n\n'
        '```text title="Output"\n--8<-- "tensor/dtype.out"\n```\n\n'
        '```python title="b"\n--8<-- "tensor/dtype.py"\n```\n\nSome prose.\n\n'
        '```text title="Output"\n--8<-- "tensor/dtype.out"\n```\n\n'
        '```text title="Output"\ntensor([1., 2.])\n```\n\n'
        '```python title="c"\n--8<-- "cpu_and_gpu/pick_device.py"\n```\n\n'
        '```text title="Output"\n--8<-- "cpu_and_gpu/pick_device.out"\n```\n\n'
        '```text title="Output (GPU)"\n--8<-- "cpu_and_gpu/pick_device.cuda.out"\n```\n\n'
        '```text title="Output (GPU)"\n--8<-- "tensor/device_gpu.cuda.out"\n```\n',
    )
    found = output_problems(page)
    assert len(found) == 4, found  # the CPU-then-GPU outputs of pick_device.py are fine
    assert "not tensor/dtype.py" in found[0] and "stands between" in found[1] and "by hand" in found[2]
    assert "not tensor/device_gpu.py" in found[3]


@pytest.mark.parametrize(
    "shown",
    [
        "```python\nprint(1 + 1)\n```\n\n```text\n2\n```\n",
        "```python\nprint(1 + 1)\n```\n\n```\n2\n```\n",
        "```python\nprint(1 + 1)\n```\n```console\n2\n```\n",
        "Some prose.\n\n```pycon\n>>> 1 + 1\n2\n```\n",
        "Some prose.\n\n```text\n>>> 1 + 1\n2\n```\n",
    ],
    ids=["untitled text", "no language", "console", "pycon", ">>> in text"],
)
def test_output_typed_by_hand_is_found_in_any_form(shown: str, markdown_page: MarkdownPage) -> None:
    page = markdown_page(shown)
    assert any("looks like output" in problem for problem in output_problems(page))


def test_text_that_is_not_output_passes(markdown_page: MarkdownPage) -> None:
    """A titled text block (a folder tree, a file) and a console block after prose are not output."""
    page = markdown_page(
        '```python\nprint(1)\n```\n\n```text title="digit_images/"\n0/ 1/ 2/\n```\n\n'
        "Run it:\n\n```console\n$ python train.py\n```\n",
    )
    assert not output_problems(page)


def included(language: str) -> set[str]:
    return {fence.include for page in pages(language) for fence in read_fences(page) if fence.include}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_snippet_is_on_a_page(language: str) -> None:
    """No orphan examples: each snippet (and each recorded output) appears in both languages."""
    shown = included(language)
    # GPU recordings of device-agnostic examples serve scripts/gpu_check.py; GPU tabs' are checked below.
    recorded = [path for path in sorted(SNIPPETS.rglob("*.out")) if not path.name.endswith(".cuda.out")]
    files = [path for path in snippet_files()] + recorded
    missing = [path.relative_to(SNIPPETS).as_posix() for path in files]
    missing = [name for name in missing if name not in shown]
    assert not missing, f"snippets not shown on any {language} page: {missing}"


def files_it_needs(snippet: Path) -> set[str]:
    """The files a snippet needs beside it when a reader runs it: the neighbours it imports, and the files
    written by the earlier snippet it names with ``# setup: NAME``."""
    imported = {
        name.split(".")[0]
        for node in ast.walk(ast.parse(snippet.read_text(encoding="utf-8")))
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and node.level == 0
            else []
        )
    }
    needed = {f"{name}.py" for name in imported if (snippet.parent / f"{name}.py").is_file()}
    setup = directives(snippet).get("setup")
    return needed | ({setup} if setup else set())


def blocks_before_their_files(page: Path) -> list[str]:
    """A reader saves each block under its title's file name, in page order: a block can only import (or read
    what a setup snippet wrote) from blocks the page showed before it. A block from another page's folder
    (deployment serving the first project's model) may also use that page's files, once the page has linked
    to it: the reader has that folder already."""
    shown: set[str] = set()
    problems = []
    lines = page.read_text(encoding="utf-8").splitlines()
    for fence in read_fences(page):
        if not (fence.include and fence.include.endswith(".py")):
            continue
        available = set(shown)
        folder = Path(fence.include).parent.name
        home = page.parent / f"{folder.replace('_', '-')}.md"
        if home != page and f"]({home.name}" in "\n".join(lines[: fence.line]):
            available |= {Path(path).name for path in includes(home.read_text(encoding="utf-8"))}
        missing = sorted(files_it_needs(SNIPPETS / fence.include) - available)
        if missing:
            problems.append(
                f"{fence.where()}: {fence.include} needs {', '.join(missing)}, not shown before it"
            )
        shown.add(Path(fence.include).name)
    return problems


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_a_block_comes_after_the_files_it_needs(page: Path) -> None:
    assert not blocks_before_their_files(page)


def test_block_order_check_can_fail(tmp_path: Path) -> None:
    first_project = (DOCS / "en" / "first-project.md").read_text(encoding="utf-8")
    models = '```python title="snippets/first_project/models.py"\n--8<-- "first_project/models.py"\n```\n'
    assert models in first_project
    page = tmp_path / "first-project.md"
    page.write_text(models + first_project.replace(models, ""), encoding="utf-8")  # models.py first: fine
    assert not blocks_before_their_files(page)
    train = '```python title="snippets/first_project/train.py"\n--8<-- "first_project/train.py"\n```\n'
    page.write_text(train + first_project.replace(train, ""), encoding="utf-8")
    found = blocks_before_their_files(page)
    assert found and "first_project/train.py needs data.py, models.py" in found[0]


def gpu_output_problems(page: Path) -> list[str]:
    """Each CUDA-only snippet on the page has its output recorded on a real GPU (NAME.cuda.out, written by
    ``scripts/gpu_check.py --record``), shown right under it."""
    fences = read_fences(page)
    problems = []
    for index, fence in enumerate(fences):
        if not (fence.include and fence.include.endswith(".py")):
            continue
        if directives(SNIPPETS / fence.include).get("needs") != "cuda":
            continue
        recorded = fence.include.removesuffix(".py") + ".cuda.out"
        following = fences[index + 1].include if index + 1 < len(fences) else None
        if not (SNIPPETS / recorded).is_file():
            problems.append(
                f"{fence.where()}: no {recorded}; record it with scripts/gpu_check.py --record on a GPU"
            )
        elif following != recorded:
            problems.append(f"{fence.where()}: the GPU tab does not show {recorded} under the code")
    return problems


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
def test_every_gpu_tab_shows_output_recorded_on_a_gpu(page: Path) -> None:
    assert not gpu_output_problems(page), "\n".join(gpu_output_problems(page))


def test_gpu_output_check_can_fail(markdown_page: MarkdownPage) -> None:
    page = markdown_page(
        '```python title="a"\n--8<-- "tensor/device_gpu.py"\n```\n\n'
        '```python title="b"\n--8<-- "tensor/device_gpu.py"\n```\n\n'
        '```text title="Output"\n--8<-- "tensor/device_cpu.out"\n```\n',
    )
    found = gpu_output_problems(page)
    assert len(found) == 2 and all(
        "does not show tensor/device_gpu.cuda.out" in problem for problem in found
    ), found


def test_gpu_recording_names_a_real_gpu_run() -> None:
    """The label on the GPU outputs: a CUDA device, a CUDA build of torch, a real date."""
    info = json.loads((SNIPPETS / "gpu_recording.json").read_text(encoding="utf-8"))
    assert info["device"] and info["device"] != "CPU"
    assert "+cu" in info["torch"] and info["cuda"], info
    assert date.fromisoformat(info["date"]) <= date.today()
    recorded = sorted(SNIPPETS.rglob("*.cuda.out"))
    assert recorded and all(
        path.with_name(path.name.replace(".cuda.out", ".py")).is_file() for path in recorded
    )


def test_each_recording_is_what_its_update_mode_wrote_for_todays_code() -> None:
    """A GPU's outputs and the loosely compared ones (timings, training): the CPU run can't tell a number
    edited by hand, or a recording its code has since outgrown; their digests can (hooks/project.py)."""
    assert not recording_problems(), "\n".join(recording_problems())


def test_recording_check_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of the four problems, on recordings the manifest lists today (any of them: a change that removes
    one, as CONTRIBUTING.md's "GPU outputs" allows, must not break this test)."""
    entries = json.loads(project.RECORDINGS.read_text(encoding="utf-8"))
    edited, unlisted = sorted(name for name in entries if name.endswith(".cuda.out"))[:2]
    outgrown = next(name for name in sorted(entries) if name.endswith(".out") and ".cuda." not in name)
    entries[edited]["output"] = "0" * 16
    entries[outgrown]["code"] = "0" * 16
    del entries[unlisted]
    entries["tensor/gone.cuda.out"] = {"code": "0", "output": "0"}
    manifest = tmp_path / "recordings.json"
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    monkeypatch.setattr(project, "RECORDINGS", manifest)
    on_a_gpu = 'run scripts/gpu_check.py --record on a GPU (without one: CONTRIBUTING.md, "GPU outputs")'
    snippet = outgrown.removesuffix(".out") + ".py"
    assert sorted(recording_problems()) == sorted(
        [
            f"{outgrown} was recorded for other code than {snippet.split('/')[1]}'s: "
            f'record it again: python -m pytest tests/test_snippets.py -k "[{snippet}" --update-outputs',
            f"{unlisted}: no digest in recordings.json: {on_a_gpu}",
            f"{edited} is not what was recorded (edited by hand?): {on_a_gpu}",
            "recordings.json lists tensor/gone.cuda.out, which is gone: remove its entry",
        ]
    )


def test_a_recording_is_noted_with_the_code_it_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the update modes write: a change to a module the example imports is a change to its code; a new
    comment is not."""
    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "helper.py").write_text("STEPS = 10\n", encoding="utf-8")
    example = "# output: trained\nfrom helper import STEPS\nprint(STEPS)\n"
    (folder / "train.py").write_text(example, encoding="utf-8")
    (folder / "train.out").write_text("10\n", encoding="utf-8")
    monkeypatch.setattr(project, "SNIPPETS", tmp_path)
    monkeypatch.setattr(project, "RECORDINGS", tmp_path / "recordings.json")
    project.note_recording(folder / "train.out")
    assert recording_problems() == []
    (folder / "helper.py").write_text("# a comment\nSTEPS = 10\n", encoding="utf-8")
    assert recording_problems() == []
    (folder / "helper.py").write_text("STEPS = 20\n", encoding="utf-8")
    assert recording_problems() == [
        "page/train.out was recorded for other code than train.py's: "
        'record it again: python -m pytest tests/test_snippets.py -k "[page/train.py" --update-outputs'
    ]


def outline(page: Path) -> list[str]:
    """Heading levels, included files and inline Python code (as its syntax tree, so comments may differ), in
    page order: what must match between languages."""
    fences = {fence.line - 1: fence for fence in read_fences(page) if fence.is_python and not fence.include}
    items = []
    for number, line in enumerate(page_lines(page)):
        heading = re.match(r"^(#{1,6}) ", line)
        if heading:
            items.append(f"h{len(heading[1])}")
        items += includes(line)
        if number in fences:
            items.append(f"inline python: {ast.dump(ast.parse(fences[number].body))}")
    return items


@pytest.mark.parametrize("page", pages("zh"), ids=lambda page: page.name)
def test_languages_have_the_same_outline(page: Path) -> None:
    counterpart = DOCS / "en" / page.relative_to(DOCS / "zh")
    assert outline(page) == outline(counterpart), f"{page.name}: zh and en differ in headings or code blocks"


# Numbers as each language writes them: digits (thousands separated by commas), decimals and exponents,
# ordinals and decades ("the 10th", "1970s"); a month named in English is its number ("9 November",
# "December 2016": "11 月 9 日", "2016 年 12 月"); "2.5 million", "175 billion" and "250 万", "1750 亿"
# are the values they name.
NUMBER = re.compile(r"(?<![0-9A-Za-z_.])\d+(?:\.\d+)?(?:e-?\d+)?(?=[^0-9A-Za-z_]|$)")
MONTHS = "January February March April May June July August September October November December".split()
MONTH_NAMED = re.compile(rf"(?<=\d )({'|'.join(MONTHS)})\b|\b({'|'.join(MONTHS)})(?= \d)")
SCALED = re.compile(r"(\d+(?:\.\d+)?) ?(thousand|million|billion|万|亿)")
ORDINAL_OR_DECADE = re.compile(r"(?<=\d)(?:st|[n]d|rd|th|s)\b")  # "1st", "2nd", "1970s"
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "万": 1e4, "亿": 1e8}


def numbers_in(text: str) -> list[str]:
    """The numbers a piece of prose or a comment states, as values: the same list in both languages."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = MONTH_NAMED.sub(lambda match: str(MONTHS.index(match[1] or match[2]) + 1), text)
    text = ORDINAL_OR_DECADE.sub("", text)  # the 10th, the 1970s
    text = SCALED.sub(lambda match: f"{float(match[1]) * SCALES[match[2]]:.0f}", text)
    return sorted(NUMBER.findall(text.replace("..", " .. ")))


HEADING_ID = re.compile(r"#{2,6} .*\{#([\w-]+)")


def prose_lines(page: Path) -> Iterator[tuple[str, bool, str]]:
    """Each line of a page outside its code fences and includes, with link targets, attribute lists and HTML
    tags blanked out: the id of the section it is in, whether it is that section's heading, and the line."""
    section, in_fence = "", False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and not line.lstrip().startswith("--8<--"):
            heading = HEADING_ID.match(line)
            if heading:
                section = heading[1]
            yield section, bool(heading), re.sub(r"\]\([^)]*\)|\{[^}]*\}|<[^>]*>", " ", line)


def prose_by_section(page: Path) -> dict[str, list[str]]:
    """The numbers in each section's prose (headings, code, outputs, link targets and attribute lists left
    out), by the section's heading id."""
    sections: dict[str, list[str]] = {"": []}
    for section, is_heading, line in prose_lines(page):
        numbers = sections.setdefault(section, [])
        if not is_heading:
            numbers += numbers_in(line)
    return {name: sorted(numbers) for name, numbers in sections.items()}


@pytest.mark.parametrize("page", pages("zh"), ids=lambda page: page.name)
def test_both_languages_state_the_same_numbers(page: Path) -> None:
    """A number in one language's prose is in the other's, in the same section: a result, a date, a version, a
    size. (Written as digits in both, or as words in both.)"""
    zh, en = prose_by_section(page), prose_by_section(DOCS / "en" / page.relative_to(DOCS / "zh"))
    differ = [
        f"{name or 'before the first section'}: zh {zh.get(name)} / en {en.get(name)}"
        for name in zh.keys() | en.keys()
        if zh.get(name) != en.get(name)
    ]
    assert not differ, f"{page.name}: numbers differ between the languages\n" + "\n".join(sorted(differ))


# Decimal numbers in the prose of a page that prints results which are not results: each with what it is.
# (A version right after the name of what it versions, "PyTorch 2.6", "Python 3.13", "since [2.7]", needs no
# entry, nor does a full version or address, "2.13.0", "127.0.0.1".)
NOT_RESTATED = {
    "attention": {"2.5": "GPT-3's 175 billion parameters over the model's 69,259, in millions"},
    "common-errors": {"0.4": "a PyTorch version (code from before 0.4)"},
    "cpu-and-gpu": {"2.6": "a PyTorch version", "2.7": "a PyTorch version"},
    "data": {"3.14": "a Python version"},
    "index": {
        "2.15": "the newest PyTorch when written",
        "0.05": "the tolerance the module page's test asserts",
    },
    "module": {"0.05": "the tolerance tests/test_module.py asserts"},
    "what-is-pytorch": {"2.13": "a version", "2.14": "a version", "1.2": "a PyTorch version"},
}
VERSION_BEFORE = re.compile(r"(?:PyTorch|torch|Python|CUDA|TensorFlow|since|版本|自|从)\s*\[?$")
DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+)(?![\w.])")


def unprinted_decimals(page: Path) -> list[str]:
    """Decimal numbers in the prose of a page that matches no number its code or its outputs show, rounded
    to the decimals the prose gives ("about 1.9" restates a printed 1.93), and that NOT_RESTATED does not
    explain."""
    shown = [SNIPPETS / path for path in includes(page.read_text(encoding="utf-8"))]
    if not any(path.suffix == ".out" for path in shown):
        return []  # a page that prints nothing restates nothing
    printed = [float(n) for path in shown for n in re.findall(r"\d+\.\d+", path.read_text(encoding="utf-8"))]
    explained = NOT_RESTATED.get(page.stem, {})
    found = []
    for _, _, line in prose_lines(page):
        line = re.sub(r"`[^`]*`|\d+(?:\.\d+){2,}", " ", line)
        for number in DECIMAL.finditer(line):
            if VERSION_BEFORE.search(line[max(0, number.start() - 12) : number.start()]):
                continue
            value, decimals = float(number[1]), len(number[1].split(".")[1])
            if number[1] not in explained and not any(round(x, decimals) == value for x in printed):
                found.append(number[1])
    return found


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_results_in_prose_are_the_printed_ones(page: Path) -> None:
    """A sentence that restates a result (an accuracy, a loss) says what the code beside it prints."""
    assert not unprinted_decimals(page), (
        f"{page.name}: {unprinted_decimals(page)} in the prose, printed by none of the page's examples "
        "(a version or a fact that is not an output goes in NOT_RESTATED, with what it is)"
    )


def translations(table: dict) -> Iterator[tuple[str, str]]:
    """(English, Chinese) pairs of a comments.zh.toml: comments, docstrings and figure labels."""
    for english, chinese in table.items():
        if isinstance(chinese, dict):
            yield from translations(chinese)
        else:
            yield english, chinese


def test_comments_state_the_same_numbers_in_both_languages() -> None:
    """Each Chinese comment, docstring and figure label states the numbers its English original states."""
    differ = [
        f"{table.relative_to(SNIPPETS)}: {english!r} / {chinese!r}"
        for table in sorted(SNIPPETS.glob("*/comments.zh.toml"))
        for english, chinese in translations(tomllib.loads(table.read_text(encoding="utf-8")))
        if numbers_in(english) != numbers_in(chinese.replace("\\n", " "))
    ]
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("page", pages("zh"), ids=lambda page: page.name)
def test_chinese_paragraphs_are_not_wrapped(page: Path) -> None:
    """A line break inside a paragraph renders as a space, which is wrong between Chinese characters."""
    text = page.read_text(encoding="utf-8")
    assert join_zh_lines.join(text) == text, f"wrapped prose in {page.name}: run scripts/join_zh_lines.py"


def test_joining_chinese_paragraphs_leaves_the_front_matter_alone() -> None:
    page = "---\ntitle: 张量\ndescription: 张量入门\n---\n# 张量\n\n张量是\n数据结构。\n"
    assert (
        join_zh_lines.join(page)
        == "---\ntitle: 张量\ndescription: 张量入门\n---\n# 张量\n\n张量是数据结构。\n"
    )


# APIs that are history: a page may show them only in a block marked as history (a snippet with a
# ``# history: why`` directive, or an inline fence skipped with a reason that starts with "history:").
LEGACY_APIS = {
    r"\bVariable\(": "torch.autograd.Variable (merged into Tensor in 0.4)",
    r"from torch\.autograd import Variable": "torch.autograd.Variable (merged into Tensor in 0.4)",
    r"\bvolatile=True": "volatile=True (replaced by torch.no_grad() in 0.4)",
    r"\.data\[0\]": "loss.data[0] (a loss is a 0-d tensor since 0.4: use .item())",
    r"\btf\.compat\.v1\b": "tf.compat.v1 (TensorFlow 1.x)",
    r"\btf\.Session\(": "tf.Session (TensorFlow 1.x)",
    r"\btorch\.jit\.(script|trace)\b": "TorchScript (deprecated since PyTorch 2.10)",
    r"\btorch\.Tensor\(": "the torch.Tensor constructor (use torch.tensor)",
}


def legacy_uses(code: str) -> list[str]:
    return [name for pattern, name in LEGACY_APIS.items() if re.search(pattern, code)]


def test_legacy_apis_appear_only_as_history() -> None:
    problems = []
    for path in snippet_files():
        uses = legacy_uses(path.read_text(encoding="utf-8"))
        if uses and "history" not in directives(path):
            problems.append(f"{path.relative_to(SNIPPETS)} uses {uses} without a '# history: ...' directive")
    for fence in ALL_FENCES:
        if fence.is_python and not fence.include and (uses := legacy_uses(fence.body)):
            reasons = [SKIP_WITH_REASON.match(c) for c in fence.comments]
            if not any(r and r["reason"].startswith("history:") for r in reasons):
                problems.append(f"{fence.where()} uses {uses} outside a block skipped as history")
    assert not problems, "\n".join(problems)


def test_legacy_check_can_fail() -> None:
    assert legacy_uses("x = Variable(torch.ones(2))\nsess = tf.compat.v1.Session()") == [
        "torch.autograd.Variable (merged into Tensor in 0.4)",
        "tf.compat.v1 (TensorFlow 1.x)",
    ]
    assert legacy_uses("x = torch.tensor([0.0])") == []


FIGURE_LINK = re.compile(r"!\[[^\]]*\]\(\.\./assets/figures/(?P<path>[^)]+)\)")


def figure_of(snippet: str, language: str) -> str | None:
    """The figure (under docs/assets/figures/) that a snippet draws for a page of the language, if any: a
    translated figure (labels in the page's language) is drawn by that page's view of the code."""
    name = directives(SNIPPETS / snippet).get("figure")
    if not name:
        return None
    folder = snippet.split("/")[0]
    translated = reader_code.snippet_table(snippet, language).get(reader_code.LABELS)
    return f"{folder}/{language}/{name}" if translated else f"{folder}/{name}"


def figure_problems() -> list[str]:
    """A snippet that saves a figure declares it; the pages that include the snippet show that very file; no
    figure is shown that no snippet draws."""
    problems, drawn = [], set()
    for path in snippet_files():
        name = directives(path).get("figure")
        saves = re.findall(r"savefig\(\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8"))
        snippet = path.relative_to(SNIPPETS).as_posix()
        if saves and name not in saves:
            problems.append(f"{snippet} saves {saves} but declares '# figure: {name}'")
        if not name:
            continue
        for language in LANGUAGES:
            figure = figure_of(snippet, language)
            drawn.add(figure)
            for page in pages(language):
                text = page.read_text(encoding="utf-8")
                if f'"{snippet}"' in text and figure not in FIGURE_LINK.findall(text):
                    problems.append(f"{page.relative_to(DOCS)} runs {snippet} but does not show {figure}")
    for language in LANGUAGES:
        for page in pages(language):
            for shown in FIGURE_LINK.findall(page.read_text(encoding="utf-8")):
                if shown not in drawn:
                    problems.append(f"{page.relative_to(DOCS)} shows {shown}, which no snippet draws")
    return problems


def test_every_figure_is_declared_drawn_and_shown() -> None:
    assert not figure_problems(), "\n".join(figure_problems())


# Every way Markdown (or HTML in it) can show an image, and every way pymdownx.snippets can include a file.
INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?!\()(?:\[([^\]]*)\])?")
REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML_IMAGE = re.compile(r"<img\b[^>]*?\ssrc=[\"']?([^\"'\s>]+)", re.I)
ANY_INCLUDE = re.compile(r"-{1,2}8<-{1,2}")


def placement_problems(page: Path, language: str) -> list[str]:
    """Each include is the one form the checks read (``--8<-- "PAGE/NAME"``, a whole file), and each figure,
    however it is written, sits in the section of the example that draws it: after that snippet's block and
    before the next one's."""
    text = page.read_text(encoding="utf-8")
    references = {label.lower(): url for label, url in REFERENCE.findall(text)}
    problems, snippet = [], None
    name = page.relative_to(DOCS) if page.is_relative_to(DOCS) else page.name
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{name}:{number}"
        if ANY_INCLUDE.search(line):
            include = INCLUDE_LINE.match(line)
            if not include or ":" in include["path"]:
                problems.append(f'{where}: include a whole file as --8<-- "PAGE/NAME" on its own line')
            elif include["path"].endswith(".py"):
                snippet = include["path"]
        urls = INLINE_IMAGE.findall(line) + HTML_IMAGE.findall(line)
        urls += [references.get((label or alt).lower(), "") for alt, label in REFERENCE_IMAGE.findall(line)]
        for url in urls:
            if "assets/figures/" not in url:
                continue
            shown = url.split("assets/figures/", 1)[1].split("#")[0]
            drawn_here = figure_of(snippet, language) if snippet else None
            if shown != drawn_here:
                section = snippet or "no example"
                problems.append(f"{where}: shows {shown} in the section of {section}, drawing {drawn_here}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_figure_sits_under_the_example_that_draws_it(language: str) -> None:
    problems = [problem for page in pages(language) for problem in placement_problems(page, language)]
    assert not problems, "\n".join(problems)


def test_figure_placement_check_can_fail(markdown_page: MarkdownPage) -> None:
    """Another example's figure (inline, by reference, as HTML) and includes the checks can't read."""
    page = markdown_page(
        '```python\n--8<-- "training/optimizers.py"\n```\n\n'
        "![fine](../assets/figures/training/optimizers.svg)\n\n"
        '```python\n--8<-- "training/learning_rate.py"\n```\n\n'
        "![swapped](../assets/figures/training/optimizers.svg)\n"
        "![by reference][curve] and ![shortcut]\n"
        '<img alt="raw" src="../assets/figures/training/overfitting.svg">\n\n'
        "--8<-- 'training/optimizers.out'\n"
        '--8<-- "training/optimizers.py:1:3"\n\n'
        "[curve]: ../assets/figures/training/overfitting.svg\n"
        "[shortcut]: <../assets/figures/training/overfitting.svg>\n",
    )
    wrong = "in the section of training/learning_rate.py, drawing training/learning_rate.svg"
    assert placement_problems(page, "en") == [
        f"page.md:11: shows training/optimizers.svg {wrong}",
        f"page.md:12: shows training/overfitting.svg {wrong}",
        f"page.md:12: shows training/overfitting.svg {wrong}",
        f"page.md:13: shows training/overfitting.svg {wrong}",
        'page.md:15: include a whole file as --8<-- "PAGE/NAME" on its own line',
        'page.md:16: include a whole file as --8<-- "PAGE/NAME" on its own line',
    ]


def test_figure_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A renamed figure whose old file is still on the page is reported."""
    real = directives

    def renamed(path: Path) -> dict[str, str]:
        found = dict(real(path))
        if found.get("figure") == "optimizers.svg":
            found["figure"] = "optimizers_v2.svg"
        return found

    monkeypatch.setattr(f"{__name__}.directives", renamed)
    found = figure_problems()
    assert any("optimizers_v2.svg" in problem for problem in found)
    assert any("shows training/optimizers.svg, which no snippet draws" in problem for problem in found)


CORE_PAGES = ["tensor", "autograd", "module", "data", "training", "first-project"]
ANSWER_TITLE = {"zh": '??? success "参考答案"', "en": '??? success "Answer"'}


def exercise_problems(page: Path, language: str) -> list[str]:
    """The page ends with 2 to 4 exercises, each followed by a collapsed answer that includes a snippet (run
    and compared like every other) and its recorded output."""
    text = page.read_text(encoding="utf-8")
    heading = "## 练习 {#exercises}" if language == "zh" else "## Exercises {#exercises}"
    if heading not in text:
        return [f"{page}: no '{heading}' section"]
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    answers = section.split(ANSWER_TITLE[language])[1:]
    problems = [] if 2 <= len(answers) <= 4 else [f"{page}: {len(answers)} answers, not 2 to 4"]
    for number, answer in enumerate(answers, start=1):
        body = answer.split("\n\n", 1)[1] if "\n\n" in answer else ""
        block = re.split(r"\n(?=\S)", body, maxsplit=1)[0]  # the answer's indented block
        included = includes(block)
        if not any(name.endswith(".py") for name in included) or not any(
            name.endswith(".out") for name in included
        ):
            problems.append(f"{page}: answer {number} does not show a snippet and its output")
        problems += [
            f"{page}: answer {number} ({name}) asserts nothing: check what the exercise asks a second way"
            for name in included
            if name.endswith(".py") and not checks_itself((SNIPPETS / name).read_text(encoding="utf-8"))
        ]
    return problems


def checks_itself(code: str) -> bool:
    """An ``assert`` that tests something the code computed: a wrong answer whose output is recorded again
    still fails. A constant (``assert True``) does not count."""
    return any(
        isinstance(node, ast.Assert) and any(isinstance(part, ast.Name) for part in ast.walk(node.test))
        for node in ast.walk(ast.parse(code))
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", CORE_PAGES)
def test_core_pages_end_with_exercises_and_tested_answers(name: str, language: str) -> None:
    page = DOCS / language / f"{name}.md"
    assert not exercise_problems(page, language), exercise_problems(page, language)


def test_exercise_check_can_fail(markdown_page: MarkdownPage) -> None:
    page = markdown_page(
        '## Exercises {#exercises}\n\n1. One.\n\n??? success "Answer"\n\n    Just prose, no code.\n\n'
        '2. Two.\n\n??? success "Answer"\n\n    ```python\n    --8<-- "tensor/dtype.py"\n    ```\n',
    )
    assert exercise_problems(page, "en") == [
        f"{page}: answer 1 does not show a snippet and its output",
        f"{page}: answer 2 does not show a snippet and its output",
        f"{page}: answer 2 (tensor/dtype.py) asserts nothing: check what the exercise asks a second way",
    ]
    assert checks_itself("total = 1 + 2\nassert total == 3\n")
    assert not checks_itself("total = 1 + 2\nprint(total)\nassert True\n")


CPU_FALLBACK = re.compile(r"""else (?:torch\.device\()?["']cpu["']""")


def test_every_example_that_can_use_a_gpu_picks_its_device_with_a_cpu_fallback() -> None:
    """What the home page says of the GPU examples: each one that mentions CUDA or an accelerator either falls
    back to the CPU where it picks its device, or is marked ``# needs: cuda`` (skipped without a GPU)."""
    offenders = []
    for path in snippet_files():
        source = path.read_text(encoding="utf-8")
        if "cuda" not in source and "accelerator" not in source:
            continue
        if directives(path).get("needs") == "cuda" or CPU_FALLBACK.search(source):
            continue
        offenders.append(path.relative_to(SNIPPETS).as_posix())
    assert not offenders, f"GPU examples without a CPU fallback or '# needs: cuda': {offenders}"


FIGURE_TOOLING = ("svg.hashsalt", "metadata=", "SOURCE_DATE_EPOCH", "MATPLOTLIBRC")


def test_examples_carry_no_figure_tooling() -> None:
    """The same figure comes out as the same bytes because the tests run every example with
    tests/matplotlibrc (a fixed SVG hash salt) and SOURCE_DATE_EPOCH (hooks/project.py): that is the
    harness's business, so the code a reader copies carries none of it."""
    offenders = [
        path.relative_to(SNIPPETS).as_posix()
        for path in snippet_files()
        if any(setting in path.read_text(encoding="utf-8") for setting in FIGURE_TOOLING)
    ]
    assert not offenders, f"examples carrying the harness's figure settings: {offenders}"
    environment = project.example_environment()
    assert "svg.hashsalt:" in Path(environment["MATPLOTLIBRC"]).read_text(encoding="utf-8")
    assert environment["SOURCE_DATE_EPOCH"] == "0"

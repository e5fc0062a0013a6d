"""Runs every example in snippets/ the way a reader would, ``python NAME.py`` in a new process, and compares
what it prints (and any figure it draws) with the files the pages show beside it. Where a translated page's
code can behave otherwise than the English one (its figure labels, or source lines it prints), that view is
run as well, here or, when the session runs that page's notebook, as the notebook's cell.

Regenerate those files after a deliberate change with ``pytest tests/test_snippets.py --update-outputs``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
import torch
from project import comparable, needs_a_digest, note_recording, update_command

import build_notebooks
import reader_code
from fences import FIGURES, SNIPPETS, directives, snippet_files
from snippet_runner import (
    FIGURE_ROUNDING,
    FIGURE_TOLERANCE,
    FreshPython,
    made_once,
    matches_recording,
    run_once,
    run_setup,
    run_snippet,
    within_tolerance,
)

SNIPPETS_LIST = snippet_files()
CJK_GLYPH = re.compile(r'<path id="[\w-]+-(?P<code>[0-9a-f]{4,5})"')
GPU_SNIPPETS = [path for path in SNIPPETS_LIST if directives(path).get("needs") == "cuda"]
HAS_ACCELERATOR = torch.cuda.is_available() or torch.backends.mps.is_available()


def draws_translated_labels(path: Path, language: str) -> bool:
    """Whether the page's view draws the figure with labels in ``language`` (hooks/reader_code.py)."""
    snippet = path.relative_to(SNIPPETS).as_posix()
    return bool(
        directives(path).get("figure")
        and reader_code.snippet_table(snippet, language).get(reader_code.LABELS)
    )


def recorded_output(path: Path) -> str:
    """What the page shows under the snippet (nothing when it prints nothing)."""
    recorded = path.with_suffix(".out")
    return recorded.read_text(encoding="utf-8") if recorded.exists() else ""


def prints_its_source(path: Path) -> bool:
    """Whether what an example prints can contain its own source lines (a traceback, or a file read back):
    translated comments could then change it."""
    source = path.read_text(encoding="utf-8")
    return bool(re.search(r'File "|Traceback', recorded_output(path))) or "traceback" in source


# The translated views that can behave otherwise than the English code (which is the same program: same
# syntax tree, tests/test_reader_view.py): those are run as they are shown.
TRANSLATED_VIEWS = [
    (path, language)
    for path in SNIPPETS_LIST
    for language in reader_code.TRANSLATED
    if draws_translated_labels(path, language) or prints_its_source(path)
]


def snippet_id(path: Path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


@functools.cache
def notebook_cells(language: str, page: str) -> frozenset[str]:
    """The examples a notebook runs as cells, each in its page's view (scripts/build_notebooks.py; a
    ``%%writefile`` cell only saves its file)."""
    notebook = nbformat.read(build_notebooks.notebook_path(language, page), as_version=4)
    return frozenset(
        cell.metadata["snippet"]
        for cell in notebook.cells
        if cell.cell_type == "code" and "snippet" in cell.metadata and "writes" not in cell.metadata
    )


def notebook_running(session: pytest.Session, path: Path, language: str) -> str | None:
    """The test of this session that runs a notebook with the example's view as one of its cells and compares
    what the cell prints and draws with the page (tests/test_notebooks.py), if there is one."""
    for item in session.items:
        if getattr(item, "originalname", None) == "test_notebook_runs_top_to_bottom":
            notebook_language, page = item.callspec.params["case"]
            if notebook_language == language and snippet_id(path) in notebook_cells(language, page):
                return item.nodeid
    return None


def skip_unless_available(path: Path) -> None:
    """Skips an example this machine can't run, after compiling it: a skip must not hide a broken file."""
    needs = directives(path).get("needs")
    if needs:
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    if needs == "cuda" and not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    if needs == "tensorflow" and importlib.util.find_spec("tensorflow") is None:
        pytest.skip("TensorFlow not installed (pip install -r requirements-tensorflow.txt)")


def check_output(path: Path, printed: str, update: bool) -> None:
    expected_file = path.with_suffix(".out")
    if update:
        if printed:
            expected_file.write_text(printed, encoding="utf-8")
        else:
            expected_file.unlink(missing_ok=True)
        if needs_a_digest(expected_file):
            note_recording(expected_file)
        return
    if not expected_file.exists():
        assert printed == "", f"{snippet_id(path)} prints output but has no {expected_file.name} to show it"
        return
    if directives(path).get("output") == "varies by machine" and HAS_ACCELERATOR:
        pytest.skip("the recorded output is the CPU machine's; this machine has an accelerator")
    recorded = expected_file.read_text(encoding="utf-8")
    if matches_recording(path, printed, recorded):
        return
    assert comparable(directives(path), printed) == comparable(directives(path), recorded), (
        f"{snippet_id(path)} no longer prints what its page shows ({expected_file.name}); "
        f"if the change is intended, record it: {update_command(snippet_id(path))}"
    )


def chinese_glyphs(svg: bytes) -> int:
    """How many Chinese characters a figure draws (matplotlib names a glyph's path after its code point)."""
    codes = [int(match["code"], 16) for match in CJK_GLYPH.finditer(svg.decode())]
    return sum(0x3400 <= code <= 0x9FFF for code in codes)


def check_figure(path: Path, update: bool, language: str = "en") -> None:
    """A snippet marked ``# figure: NAME`` draws NAME; the English page shows docs/assets/figures/PAGE/NAME,
    a translated page docs/assets/figures/PAGE/LANGUAGE/NAME."""
    name = directives(path).get("figure")
    if name is None:
        return
    drawn = Path.cwd() / name
    assert drawn.is_file(), f"{snippet_id(path)} did not write {name}"
    shown = FIGURES / path.parent.name / ("" if language == "en" else language) / name
    if update:
        shown.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(drawn, shown)
        return
    message = (
        f"{snippet_id(path)} draws another {name} than the page shows; "
        f"if intended, record it: {update_command(snippet_id(path))}"
    )
    # Every element, label and glyph the same; coordinates (in points) at most this far apart.
    tolerance = FIGURE_TOLERANCE if directives(path).get("output") == "trained" else FIGURE_ROUNDING
    drawn_svg, shown_svg = drawn.read_text(encoding="utf-8"), shown.read_text(encoding="utf-8")
    assert within_tolerance(drawn_svg, shown_svg, tolerance), message


# The snippets that later ones name with ``# setup: NAME``: each runs once per test run, for its own test and
# as the setup of the others, whichever asks first.
SETUPS = {path.parent / directives(path)["setup"] for path in SNIPPETS_LIST if "setup" in directives(path)}


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder: the files a snippet writes land there, as in a reader's folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", SNIPPETS_LIST, ids=snippet_id)
def test_snippet(
    path: Path,
    request: pytest.FixtureRequest,
    scratch: Path,
    tmp_path_factory: pytest.TempPathFactory,
    fresh_python: FreshPython,
) -> None:
    skip_unless_available(path)
    update = request.config.getoption("--update-outputs")
    if path in SETUPS:  # later snippets use what it writes: one run serves them and this test
        folder, run = run_once(path, tmp_path_factory, fresh_python)
        shutil.copytree(folder, scratch, dirs_exist_ok=True)
    else:
        # files the page's earlier snippet wrote (classifier.pt)
        run_setup(path, tmp_path_factory, fresh_python)
        run = fresh_python.run(path)
    check_output(path, run.printed, update)
    check_figure(path, update)
    if run.unseeded:
        # It drew from torch's generator without seeding it (a model's initial weights, a shuffle): what it
        # prints must not depend on those numbers. Another run, from another seed, prints the same.
        again = fresh_python.run(path).printed
        assert comparable(directives(path), again) == comparable(directives(path), run.printed), (
            f"{snippet_id(path)} prints numbers that change with an unseeded random generator: seed it"
        )


@pytest.mark.parametrize(
    ("path", "language"),
    TRANSLATED_VIEWS,
    ids=lambda value: snippet_id(value) if isinstance(value, Path) else value,
)
def test_translated_view(
    path: Path,
    language: str,
    request: pytest.FixtureRequest,
    scratch: Path,
    tmp_path_factory: pytest.TempPathFactory,
    fresh_python: FreshPython,
) -> None:
    """The translated page's code, run as shown: it prints what the English code prints, and a figure it draws
    with translated labels is the one that page shows, with Chinese characters in it (a missing font warns:
    an error)."""
    skip_unless_available(path)
    update = request.config.getoption("--update-outputs")
    if not update and (notebook := notebook_running(request.session, path, language)):
        pytest.skip(f"run as a cell of its page's notebook: {notebook}")
    run_setup(path, tmp_path_factory, fresh_python)
    view = reader_code.reader_code(snippet_id(path), language)
    printed = fresh_python.run(path, view).printed
    assert matches_recording(path, printed, recorded_output(path)), (
        f"the {language} page's {path.name} prints something else than the page shows"
    )
    if not draws_translated_labels(path, language):
        return
    check_figure(path, update, language)
    # The recorded figures' labels are checked on the files (the test below); here, the drawn one's.
    name = directives(path).get("figure")
    assert chinese_glyphs((scratch / name).read_bytes()) > 0, f"the {language} {name} has no Chinese text"


def test_translated_figures_are_labelled_in_their_language() -> None:
    """The recorded figures that the translated views' drawings are compared with (here or in a notebook):
    the Chinese one has Chinese text, the English one none."""
    figures = [view for view in TRANSLATED_VIEWS if draws_translated_labels(*view)]
    assert figures, "no translated figure"
    for path, language in figures:
        name = directives(path).get("figure")
        assert chinese_glyphs((FIGURES / path.parent.name / language / name).read_bytes()) > 0, (
            f"the {language} {name} has no Chinese text"
        )
        assert chinese_glyphs((FIGURES / path.parent.name / name).read_bytes()) == 0


@pytest.mark.parametrize("path", GPU_SNIPPETS, ids=snippet_id)
def test_gpu_snippet_on_cpu(path: Path, monkeypatch: pytest.MonkeyPatch, scratch: Path) -> None:
    """Without a GPU, a GPU tab's logic still runs: the same code with the device swapped to the CPU.
    When a ``NAME_gpu.py`` has a ``NAME_cpu.py`` twin, both must print the same."""
    source = path.read_text(encoding="utf-8")
    swapped = source.replace('"cuda"', '"cpu"')
    assert swapped != source, f'{snippet_id(path)} is marked "needs: cuda" but never names the "cuda" device'
    monkeypatch.setattr(torch.cuda, "synchronize", lambda *args, **kwargs: None)
    printed = run_snippet(path, swapped).printed
    twin_output = path.with_name(path.name.replace("_gpu.py", "_cpu.out"))
    if path.name.endswith("_gpu.py") and twin_output.exists():
        twin = twin_output.read_text(encoding="utf-8")
        assert comparable(directives(path), printed) == comparable(directives(path), twin)


def test_snippet_runs_as_a_script() -> None:
    """The examples need nothing but the pinned requirements: the install check runs as a plain script."""
    script = SNIPPETS / "index" / "check_install.py"
    result = subprocess.run([sys.executable, script], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.startswith(f"torch {torch.__version__}\n")


def test_the_update_command_selects_its_own_example_only() -> None:
    """The command a failure prints to record an output again: its ``-k`` matches part of a test's id, so
    data/load.py's must not also select own_data/load.py (a folder whose name ends another's)."""
    examples = [path.relative_to(SNIPPETS).as_posix() for path in SNIPPETS_LIST]
    examples += ["data/load.py", "own_data/load.py"]
    for example in examples:
        keyword = shlex.split(update_command(example))[5]
        selected = {other for other in examples if keyword in f"test_snippet[{other}]"}
        assert selected == {example}, (example, keyword, selected)


def test_subprocess_snippets_cannot_reach_the_network(tmp_path: Path) -> None:
    """A ``# run: subprocess`` example gets the same loopback-only rule as the in-process ones."""
    script = tmp_path / "reach_out.py"
    script.write_text(
        "# run: subprocess\nimport socket\n\nsocket.create_connection(('192.0.2.1', 80), timeout=5)\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="must not use the network"):
        run_snippet(script)


def test_a_setup_that_failed_on_one_worker_is_not_tried_again_on_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """made_once under pytest-xdist: a worker that asks for what another failed to make gets that failure's
    message: a broken build is run once, not once per worker."""
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    worker_temp = SimpleNamespace(getbasetemp=lambda: tmp_path / "gw1")
    tries = []

    def broken_build(folder: Path) -> None:
        tries.append(folder)
        pytest.fail("mkdocs build --strict:\nERROR - a broken link", pytrace=False)

    for _ in range(2):
        with pytest.raises(pytest.fail.Exception, match="a broken link") as failed:
            made_once(worker_temp, "site", broken_build)
        assert not failed.value.pytrace
    assert len(tries) == 1, "the build was tried again"

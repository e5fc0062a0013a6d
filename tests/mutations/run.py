"""The harness tested by breaking the site on purpose: each mutation below is one way a wrong page could ship
(from issue #13's list and the checks added since). Each is applied to a fresh copy of the project, and the
smallest set of tests that must catch it is run there; the mutation is caught when that run fails in the named
test. Any mutation that survives, or whose text is no longer in its file, fails this script.

    python tests/mutations/run.py            # all of them, two at a time
    python tests/mutations/run.py -k figure  # those whose name contains "figure"

.ci/run runs it after the README's test command (outside that command's time budget).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
from site_settings import project_site_address  # noqa: E402  (the site's own address, for the link mutation)

SITE_URL = project_site_address()[1]
EN_TENSOR_ANCHOR = "really prints.\n"  # the end of docs/en/tensor.md's first paragraph
ZH_TENSOR_ANCHOR = "## 从标量到 n 维张量"


@dataclass
class Mutation:
    name: str
    file: str
    replacements: list[tuple[str, str]]  # each old text must occur exactly once in the file
    tests: list[str]  # pytest arguments: the smallest subset that must catch the break
    caught_by: str  # the test that must fail (a substring of its id)
    # How its failure must begin (pytest's summary line), when a check reports it with its own exception
    # rather than an assert: anything else is the test breaking on its own.
    expect: str = ""
    # Changes to more files, made together with the first (a changed example and its output recorded again).
    more: tuple[tuple[str, list[tuple[str, str]]], ...] = ()


def insert_after(anchor: str, text: str) -> list[tuple[str, str]]:
    return [(anchor, anchor + text)]


def swap(first: str, second: str) -> list[tuple[str, str]]:
    """Each of two texts where the other was (through a placeholder, so each replacement finds one match)."""
    return [(first, "@SWAPPED@"), (second, first), ("@SWAPPED@", second)]


MUTATIONS = [
    Mutation(
        "deploy without waiting for CI",
        ".github/workflows/pages.yml",
        [("on:\n  workflow_run:", "on:\n  push:\n    branches: [main]\n  workflow_run:")],
        ["tests/test_workflows.py"],
        "test_deploy_waits_for_a_passing_ci_run_of_the_same_commit",
    ),
    Mutation(
        "another snippet's output under a block",
        "docs/en/common-errors.md",
        [('--8<-- "common_errors/shape_mismatch.out"', '--8<-- "common_errors/dtype_mismatch.out"')],
        ["tests/test_docs.py", "-k", "output_sits"],
        "test_each_output_sits_under_the_code_that_prints_it",
    ),
    Mutation(
        "a skipped block that does not compile",
        "docs/en/autograd.md",
        [
            (
                "weights = Variable(torch.ones(2), requires_grad=True)\n",
                "weights = Variable(torch.ones(2), requires_grad=True\n",
            )
        ],
        ["tests/test_docs.py", "-k", "every_python_fence_is_executed"],
        "test_every_python_fence_is_executed",
    ),
    Mutation(
        "hand-typed output",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, '\n```text title="Output"\ntensor([1., 2.])\n```\n'),
        ["tests/test_docs.py", "-k", "output_sits"],
        "test_each_output_sits_under_the_code_that_prints_it",
    ),
    Mutation(
        "hand-typed output in an untitled block",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n```python\nprint(2 * 3)\n```\n\n```text\n6\n```\n"),
        ["tests/test_docs.py", "-k", "output_sits"],
        "test_each_output_sits_under_the_code_that_prints_it",
    ),
    Mutation(
        "a hand-typed >>> transcript",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n```pycon\n>>> 2 * 3\n6\n```\n"),
        ["tests/test_docs.py", "-k", "output_sits"],
        "test_each_output_sits_under_the_code_that_prints_it",
    ),
    Mutation(
        # Fitting a line to random points: the losses it prints change with the data. (Removing the seed of
        # deployment/train.py, which prints one accuracy to 3 digits, is caught only when the unseeded run
        # lands on another accuracy: about 3 times in 4.)
        "an example without its seed",
        "snippets/module/fit_with_nn.py",
        [("torch.manual_seed(0)\n", "")],
        ["tests/test_snippets.py", "-k", "test_snippet and fit_with_nn"],
        "test_snippet[module/fit_with_nn.py]",
    ),
    Mutation(
        # The wrong layer frozen, and the output recorded again from the wrong answer: it prints as neatly.
        "a wrong exercise answer with its output recorded again",
        "snippets/module/exercise_freeze_layer.py",
        [("model[0].requires_grad_(False)", "model[2].requires_grad_(False)")],
        ["tests/test_snippets.py", "-k", "test_snippet and exercise_freeze_layer"],
        "test_snippet[module/exercise_freeze_layer.py]",
        more=(
            (
                "snippets/module/exercise_freeze_layer.out",
                [
                    (
                        "0.weight unchanged\n0.bias unchanged\n2.weight changed\n2.bias changed\n",
                        "0.weight changed\n0.bias changed\n2.weight unchanged\n2.bias unchanged\n",
                    )
                ],
            ),
        ),
    ),
    Mutation(
        "an exercise answer that checks nothing",
        "snippets/training/exercise_accuracy.py",
        [("assert accuracy(logits, labels) == 3 / 4\n", "")],
        ["tests/test_docs.py", "-k", "exercises_and_tested_answers"],
        "test_core_pages_end_with_exercises_and_tested_answers",
    ),
    Mutation(
        "the 413 row's description on the malformed JSON row, and back",
        "snippets/deployment/bad_requests.toml",
        swap(
            'en = "Malformed JSON"\nzh = "格式错误的 JSON"',
            'en = "A body over 64 KiB"\nzh = "超过 64 KiB 的请求体"',
        ),
        ["tests/test_deployment.py", "-k", "each_description"],
        "test_each_description_says_what_its_request_gets",
    ),
    Mutation(
        "two examples' figures swapped on a page",
        "docs/en/training.md",
        swap("(../assets/figures/training/optimizers.svg)", "(../assets/figures/training/learning_rate.svg)"),
        ["tests/test_docs.py", "-k", "sits_under_the_example"],
        "test_each_figure_sits_under_the_example_that_draws_it",
    ),
    Mutation(
        "a GPU recording edited by hand",
        "snippets/tensor/create.cuda.out",
        [("batch:  3 torch.Size([2, 3, 4])", "batch:  3 torch.Size([2, 3, 5])")],
        ["tests/test_docs.py", "-k", "recording_is_what"],
        "test_each_recording_is_what_its_update_mode_wrote_for_todays_code",
    ),
    Mutation(
        "the GPU named over the recordings edited by hand",
        "snippets/gpu_recording.json",
        [('"device": "NVIDIA H200"', '"device": "NVIDIA B200"')],
        ["tests/test_docs.py", "-k", "recording_is_what"],
        "test_each_recording_is_what_its_update_mode_wrote_for_todays_code",
    ),
    Mutation(
        "a measured time edited by hand",
        "snippets/cpu_and_gpu/timing_cpu.out",
        [("run 1: 7.97 ms", "run 1: 1.97 ms")],
        ["tests/test_docs.py", "-k", "recording_is_what"],
        "test_each_recording_is_what_its_update_mode_wrote_for_todays_code",
    ),
    Mutation(
        "the search worker's word tree left unpatched",
        "hooks/search_split.py",
        [("""    "e=e+s+o.id}return e}": 'e=e+s+o.id+","}return e}',\n""", "")],
        ["tests/test_browser.py", "-k", "word_tree_keeps_different_nodes_apart"],
        "test_the_search_workers_word_tree_keeps_different_nodes_apart",
    ),
    Mutation(
        "code on the Chinese page only",
        "docs/zh/tensor.md",
        [(ZH_TENSOR_ANCHOR, "```python\nprint(1)\n```\n\n" + ZH_TENSOR_ANCHOR)],
        ["tests/test_docs.py", "-k", "same_outline"],
        "test_languages_have_the_same_outline",
    ),
    Mutation(
        "an xfail block",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n<!--pytest.mark.xfail-->\n```python\nprint(1)\n```\n"),
        ["tests/test_docs.py", "-k", "every_python_fence_is_executed"],
        "test_every_python_fence_is_executed",
    ),
    Mutation(
        "a skip without a reason",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n<!--pytest.mark.skip-->\n```python\nprint(1)\n```\n"),
        ["tests/test_docs.py", "-k", "every_python_fence_is_executed"],
        "test_every_python_fence_is_executed",
    ),
    Mutation(
        "a __main__ guard in an inline block (never runs)",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, '\n```python\nif __name__ == "__main__":\n    print(1)\n```\n'),
        ["tests/test_docs.py", "-k", "every_python_fence_is_executed"],
        "test_every_python_fence_is_executed",
    ),
    Mutation(
        "a ~~~ block (pytest-codeblocks skips it)",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n~~~python\nx = 1\n~~~\n"),
        ["tests/test_docs.py", "-k", "every_python_fence_is_executed"],
        "test_every_python_fence_is_executed",
    ),
    Mutation(
        "Python tagged numpy",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n```numpy\nimport numpy as np\nx = np.ones(3)\n```\n"),
        ["tests/test_build.py", "-k", "no_python_on_a_page"],
        "test_no_python_on_a_page_that_no_test_runs",
    ),
    Mutation(
        "an indented code block",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n    import torch\n    x = torch.ones(2)\n"),
        ["tests/test_build.py", "-k", "no_python_on_a_page"],
        "test_no_python_on_a_page_that_no_test_runs",
    ),
    Mutation(
        "raw <pre><code>",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, "\n<pre><code>import torch\nx = torch.ones(2)\n</code></pre>\n"),
        ["tests/test_build.py", "-k", "no_python_on_a_page"],
        "test_no_python_on_a_page_that_no_test_runs",
    ),
    Mutation(
        "a legacy API shown as current",
        "docs/en/tensor.md",
        insert_after(
            EN_TENSOR_ANCHOR,
            "\n```python\nimport torch\nfrom torch.autograd import Variable\n\n"
            "x = Variable(torch.ones(2))\n```\n",
        ),
        ["tests/test_docs.py", "-k", "legacy_apis_appear_only"],
        "test_legacy_apis_appear_only_as_history",
    ),
    Mutation(
        "a renamed figure, the old file still shown",
        "snippets/training/optimizers.py",
        [
            ("# figure: optimizers.svg", "# figure: optimizers_v2.svg"),
            ('savefig("optimizers.svg"', 'savefig("optimizers_v2.svg"'),
        ],
        ["tests/test_docs.py", "-k", "every_figure_is_declared"],
        "test_every_figure_is_declared_drawn_and_shown",
    ),
    Mutation(
        "a number other than a time changed in a timings output",
        "snippets/cpu_and_gpu/timing_cpu.out",
        [("run 3:", "run 4:")],
        ["tests/test_snippets.py", "-k", "test_snippet and timing_cpu"],
        "test_snippet[cpu_and_gpu/timing_cpu.py]",
    ),
    Mutation(
        "a trained accuracy changed by more than the tolerance",
        "snippets/first_project/train.out",
        [("  test accuracy 0.974\n", "  test accuracy 0.994\n")],
        ["tests/test_snippets.py", "-k", "test_snippet and first_project/train.py"],
        "test_snippet[first_project/train.py]",
    ),
    Mutation(
        "a failing check marked xfail",
        "tests/test_kernels.py",
        [
            ('    assert environment.get("OMP_NUM_THREADS") == "1"\n', '    assert False, "broken"\n'),
            (
                "def test_examples_run_on_pinned_kernels() -> None:",
                '@pytest.mark.xfail(reason="flaky")\ndef test_examples_run_on_pinned_kernels() -> None:',
            ),
        ],
        ["tests/test_kernels.py"],
        "test_examples_run_on_pinned_kernels",
    ),
    Mutation(
        "a check skipped for an unlisted reason",
        "tests/test_kernels.py",
        [
            (
                "def test_a_moved_point_fails() -> None:\n",
                'def test_a_moved_point_fails() -> None:\n    pytest.skip("slow on this machine")\n',
            )
        ],
        ["tests/test_kernels.py"],
        "test_a_moved_point_fails",
    ),
    Mutation(
        "the examples' kernels no longer pinned",
        "hooks/project.py",
        [('"pinned": ALL_PINNED,', '"pinned": {},')],
        ["tests/test_kernels.py"],
        "test_examples_run_on_pinned_kernels",
    ),
    Mutation(
        "examples run outside the tests with their warnings allowed",
        "hooks/project.py",
        [
            (
                "[sys.executable, *warning_options(), *on_device, str(script)]",
                "[sys.executable, *on_device, str(script)]",
            )
        ],
        ["tests/test_gpu_check.py", "-k", "suites_rules"],
        "test_the_check_runs_examples_under_the_suites_rules",
    ),
    Mutation(
        "nbconvert's CDN loaders back on the notebook pages",
        "hooks/notebooks.py",
        [('with_name("jupyter")', 'with_name("no-such-folder")')],
        ["tests/test_build.py", "-k", "notebooks_render_as_pages"],
        "test_notebooks_render_as_pages",
    ),
    Mutation(
        "a notebook's figures inlined into its page",
        "hooks/notebooks.py",
        [
            (
                "return site_figures(use_page_heading_ids(html, page, text), text)",
                "return use_page_heading_ids(html, page, text)",
            )
        ],
        ["tests/test_build.py", "-k", "notebooks_render_as_pages"],
        "test_notebooks_render_as_pages",
    ),
    Mutation(
        "a Chinese notebook's font on Colab, a file the package doesn't install",
        "docs/zh/notebooks/module.ipynb",
        [("NotoSansCJK-Regular.ttc", "NotoSansCJK-Regular.otf")],
        ["tests/test_notebooks.py", "-k", "chinese_font_on_colab and zh/module"],
        "test_chinese_figures_get_a_chinese_font_on_colab",
    ),
    Mutation(
        "a notebook showing a value the page never prints",
        "docs/en/notebooks/tensor.ipynb",
        [
            (
                '"snippet": "tensor/factories.py"\n   },\n   "outputs": [\n',
                '"snippet": "tensor/factories.py"\n   },\n   "outputs": [\n'
                '    {"output_type": "execute_result", "data": {"text/plain": ["1"]},'
                ' "metadata": {}, "execution_count": 1},\n',
            )
        ],
        ["tests/test_notebooks.py", "-k", "up_to_date and en/tensor"],
        "test_notebook_is_up_to_date",
    ),
    Mutation(
        "an impossible date in the timeline",
        "docs/zh/history.md",
        [("| 2002-10 |", "| 2019-02-30 |")],
        ["tests/test_history.py"],
        "test_timeline_is_dated_sourced_and_in_order",
    ),
    Mutation(
        "subprocess examples allowed on the network",
        "tests/netguard/sitecustomize.py",
        [("    if not _allowed(address):", "    if False:")],
        ["tests/test_snippets.py", "-k", "cannot_reach_the_network"],
        "test_subprocess_snippets_cannot_reach_the_network",
    ),
    Mutation(
        "an absolute link to a page of the site that does not exist",
        "docs/en/tensor.md",
        insert_after(EN_TENSOR_ANCHOR, f"\nSee [this page]({SITE_URL}en/no-such-page/).\n"),
        ["tests/test_build.py", "-k", "internal_links"],
        "test_internal_links_and_anchors_resolve",
    ),
    Mutation(
        "a stylesheet importing a remote file",
        "docs/assets/stylesheets/extra.css",
        [("/* System font stacks", '@import "https://fonts.example/site.css";\n/* System font stacks')],
        ["tests/test_build.py", "-k", "no_request_to_another_host"],
        "test_no_request_to_another_host",
    ),
    Mutation(
        "Chinese typography broken in mkdocs.yml",
        "mkdocs.yml",
        [("site_description: 从零开始学 PyTorch：", "site_description: 从零开始学PyTorch：")],
        ["tests/test_typography.py", "-k", "outside_the_pages"],
        "test_chinese_typography_outside_the_pages",
    ),
    Mutation(
        "a number changed on the Chinese page only",
        "docs/zh/first-project.md",
        [("无论哪种情况，准确率都在 95% 以上", "无论哪种情况，准确率都在 90% 以上")],
        ["tests/test_docs.py", "-k", "same_numbers and first-project"],
        "test_both_languages_state_the_same_numbers",
    ),
    Mutation(
        "a restated result that the code does not print",
        "docs/en/own-data.md",
        [("network. Validation accuracy is 0.690:", "network. Validation accuracy is 0.710:")],
        ["tests/test_docs.py", "-k", "results_in_prose and own-data"],
        "test_results_in_prose_are_the_printed_ones",
    ),
    Mutation(
        "a number changed in a comment's translation",
        "snippets/tensor/comments.zh.toml",
        [("各有 3 个类别的得分（列）", "各有 4 个类别的得分（列）")],
        ["tests/test_docs.py", "-k", "comments_state_the_same_numbers"],
        "test_comments_state_the_same_numbers_in_both_languages",
    ),
    Mutation(
        "a hardening step shown without what changed",
        "docs/en/deployment.md",
        [(' hl_lines="@CHANGED first_project/serve_digits.py@"', "")],
        ["tests/test_deployment.py", "-k", "highlights and en"],
        "test_each_step_highlights_what_changed_since_the_one_before",
    ),
    Mutation(
        "the digits service decoding before it counts the pixels",
        "snippets/first_project/serve_digits_production.py",
        [("        if image.width * image.height > MAX_PIXELS:\n", "        if False:\n")],
        ["tests/test_deployment.py", "-k", "pixels_are_counted"],
        "test_pixels_are_counted_before_they_are_decoded",
    ),
    Mutation(
        "the digits service loading a checkpoint of another format",
        "snippets/first_project/serve_digits_production.py",
        [('    if saved["format"] != FORMAT:\n', "    if False:\n")],
        ["tests/test_deployment.py", "-k", "saved_for_others"],
        "test_the_digits_service_loads_only_a_model_saved_for_others",
    ),
    Mutation(
        "the service without its range check",
        "snippets/deployment/serve.py",
        [(", ge=-LIMIT, le=LIMIT", "")],
        ["tests/test_deployment.py", "-k", "any_json"],
        "test_any_json_gets_a_prediction_or_a_4xx",
    ),
    Mutation(
        "an English comment on the Chinese page",
        "snippets/tensor/create.py",
        [("import torch\n", "import torch  # a comment nobody translated\n")],
        ["tests/test_reader_view.py", "-k", "reader_view_is_the_tested_program and create and zh"],
        "test_reader_view_is_the_tested_program",
        expect="reader_code.MissingTranslation",
    ),
    Mutation(
        "an English translation in full-width brackets",
        "snippets/tensor/comments.zh.toml",
        [('= "所有元素求和：得到 0 维张量"', '= "（every element：a 0-d tensor）"')],
        ["tests/test_reader_view.py", "-k", "reader_view_is_the_tested_program and reductions and zh"],
        "test_reader_view_is_the_tested_program",
    ),
    Mutation(
        "an English figure label on the Chinese page",
        "snippets/training/comments.zh.toml",
        [
            (
                '["optimizers.py".labels]  # figure labels\n"step" = "步数"\n',
                '["optimizers.py".labels]  # figure labels\n',
            )
        ],
        ["tests/test_snippets.py", "-k", "translated_view and optimizers"],
        "test_translated_view",
        expect="reader_code.MissingTranslation",
    ),
    Mutation(
        "an English docstring on the Chinese page",
        "snippets/data/comments.zh.toml",
        [('"Pixel values 0..255 become 0..1." = "把 0..255 的像素值变成 0..1。"\n', "")],
        ["tests/test_reader_view.py", "-k", "reader_view_is_the_tested_program and transforms and zh"],
        "test_reader_view_is_the_tested_program",
        expect="reader_code.MissingTranslation",
    ),
    Mutation(
        "a page left out of the offline PDF",
        "scripts/build_pdf.py",
        [('if path.endswith(".md")]', 'if path.endswith(".md") and path != "glossary.md"]')],
        ["tests/test_pdf.py", "-k", "offline_file"],
        "test_offline_file",
    ),
    Mutation(
        "long code kept whole in the offline PDF",
        "scripts/build_pdf.py",
        [(".md-typeset .breakable { break-inside: auto; }\n", "")],
        ["tests/test_pdf.py", "-k", "offline_file"],
        "test_offline_file",
    ),
    Mutation(
        "a notebook style rule in use pruned",
        "hooks/notebooks.py",
        [('ADDED_BY_JAVASCRIPT = {"md-typeset__scrollwrap", ', "ADDED_BY_JAVASCRIPT = {")],
        ["tests/test_browser.py", "-k", "pruned and training"],
        "test_pruned_notebook_css_looks_the_same",
    ),
    Mutation(
        "a block shown before the file it imports",
        "docs/en/first-project.md",
        [('```python title="snippets/first_project/models.py"\n--8<-- "first_project/models.py"\n```\n', "")],
        ["tests/test_docs.py", "-k", "block_comes_after and first-project"],
        "test_a_block_comes_after_the_files_it_needs",
    ),
    Mutation(
        "an example carrying the harness's figure settings",
        "snippets/training/overfitting.py",
        [('figure.savefig("overfitting.svg")', 'figure.savefig("overfitting.svg", metadata={"Date": None})')],
        ["tests/test_docs.py", "-k", "figure_tooling"],
        "test_examples_carry_no_figure_tooling",
    ),
    Mutation(
        "a figure left white in the dark scheme",
        "hooks/dark_figures.py",
        [("""svg.replace('style="fill: #ffffff"', 'style="fill: none"')""", "svg")],
        ["tests/test_dark_figures.py", "-k", "keeps_the_data"],
        "test_the_dark_variant_keeps_the_data_and_drops_the_white",
    ),
    Mutation(
        "a confusion matrix's counts recoloured in the dark scheme",
        "hooks/dark_figures.py",
        [("if not lies_on_an_image(areas, ", "if True or not lies_on_an_image(areas, ")],
        ["tests/test_dark_figures.py", "-k", "on_an_image"],
        "test_text_on_an_image_keeps_its_colour",
    ),
    Mutation(
        "code comments too faint to read in the light scheme",
        "docs/assets/stylesheets/extra.css",
        [("--md-code-hl-comment-color: #5f6368;", "--md-code-hl-comment-color: #b0b3b8;")],
        ["tests/test_browser.py", "-k", "test_page_in_a_browser and en-tensor"],
        "test_page_in_a_browser",
    ),
    Mutation(
        "a long comment at the end of a line of code",
        "snippets/tensor/indexing.py",
        [
            (
                "# boolean masks select elements into a 1-d tensor\nprint(grid[mask])\n",
                "print(grid[mask].reshape(-1, 1).tolist(), grid[mask].shape)"
                "  # boolean masks select elements into a 1-d tensor\n",
            )
        ],
        ["tests/test_browser.py", "-k", "test_page_in_a_browser and en-tensor"],
        "test_page_in_a_browser",
    ),
]


def project_files() -> list[str]:
    """The working tree as a contributor has it: tracked files as they are now, and new files git doesn't
    ignore (not yet added), so the mutations test the tree that will be committed."""
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def apply(mutation: Mutation, project: Path, write: bool = True) -> str | None:
    """Changes the project's files (each replacement in turn); returns why the mutation no longer applies, if
    it doesn't. ``write=False`` only checks that it applies."""
    for name, replacements in ((mutation.file, mutation.replacements), *mutation.more):
        path = project / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            if text.count(old) != 1:
                return f"{old[:40]!r} occurs {text.count(old)} times in {name}"
            text = text.replace(old, new)
        if write:
            path.write_text(text, encoding="utf-8")
    return None


def run(mutation: Mutation, files: list[str]) -> tuple[Mutation, str, float, str]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        copy = Path(scratch) / "project"
        for name in files:
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        if problem := apply(mutation, copy):
            return mutation, "STALE", time.perf_counter() - started, problem
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n0", "-x", "-p", "no:cacheprovider", *mutation.tests],
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=600,
            # COLUMNS: pytest's summary line keeps the failure's first line whole (the verdict reads it)
            env={
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "SITE_REPOSITORY": project_site_address()[0],
                "COLUMNS": "1000",
            },
            check=False,
        )
    output = result.stdout + result.stderr
    status, detail = verdict(result.returncode, output, mutation.caught_by, mutation.expect)
    return mutation, status, time.perf_counter() - started, detail


# How a failed check reads in pytest's summary line: an assert, an AssertionError, pytest.fail(), and the two
# verdicts of conftest.py's report hook (an xfail, a skip for a reason the project does not allow). A test
# that broke on its own (a TypeError, a missing file) would pass for a catch whatever the mutation did.
CHECK_FAILED = ("assert ", "AssertionError", "Failed: ", "marked xfail", "skipped for a reason this project")


def verdict(returncode: int, output: str, caught_by: str, expect: str = "") -> tuple[str, str]:
    """("caught" or "SURVIVED", what failed). Only a failed check of the named test counts (CHECK_FAILED, or
    how the mutation's ``expect`` says its check fails): an ERROR (a broken fixture, a collection error) or a
    test that broke on its own is no catch."""
    failed = re.findall(r"^FAILED (.+?)(?: - (.*))?$", output, re.M)
    errors = re.findall(r"^ERROR (\S+)", output, re.M)
    caught = returncode == 1 and any(
        caught_by in test and why.startswith(expect or CHECK_FAILED) for test, why in failed
    )
    detail = ", ".join([f"{test} ({why[:60]})" for test, why in failed] + [f"ERROR {t}" for t in errors])
    return "caught" if caught else "SURVIVED", detail or (output.strip().splitlines() or [""])[-1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-k", default="", help="run only the mutations whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args()
    chosen = [mutation for mutation in MUTATIONS if arguments.k in mutation.name]
    files = project_files()
    started = time.perf_counter()
    with ThreadPoolExecutor(arguments.jobs) as pool:
        results = list(pool.map(lambda mutation: run(mutation, files), chosen))
    print("| mutation | result | seconds | failing tests |\n| --- | --- | --- | --- |")
    for mutation, status, seconds, detail in results:
        print(f"| {mutation.name} | {status} | {seconds:.0f} | {detail[:150]} |")
    missed = [mutation.name for mutation, status, *_ in results if status != "caught"]
    seconds = time.perf_counter() - started
    print(f"\n{len(results) - len(missed)}/{len(results)} mutations caught in {seconds:.0f} s")
    if missed:
        print("not caught: " + "; ".join(missed))
    return 1 if missed or not results else 0


if __name__ == "__main__":
    sys.exit(main())

"""The examples' numbers are the same on every CPU the tests run on: the kernels are pinned, and what a long
training prints is compared with a stated tolerance (hooks/project.py, tests/snippet_runner.py)."""

from __future__ import annotations

import pytest
from project import example_environment

from fences import SNIPPETS
from snippet_runner import FIGURE_ROUNDING, TRAINED_TOLERANCE, matches_recording, within_tolerance

RECORDED = "  epoch 20: train loss 0.029, val loss 0.049, val accuracy 0.981\n  test accuracy 0.978\n"


def test_examples_run_on_pinned_kernels() -> None:
    environment = example_environment()
    assert environment.get("ONEDNN_MAX_CPU_ISA") == "SSE41"
    assert environment.get("ATEN_CPU_CAPABILITY") == "avx2"
    assert environment.get("MKL_CBWR") == "COMPATIBLE"
    assert environment.get("OMP_NUM_THREADS") == "1"


def test_other_kernels_last_digits_pass() -> None:
    # What the first project's CNN printed with oneDNN's AVX2 kernels on an AMD EPYC.
    other_cpu = "  epoch 20: train loss 0.029, val loss 0.048, val accuracy 0.981\n  test accuracy 0.974\n"
    assert within_tolerance(other_cpu, RECORDED, TRAINED_TOLERANCE)


@pytest.mark.parametrize(
    "printed",
    [
        "  epoch 20: train loss 0.029, val loss 0.049, val accuracy 0.981\n  test accuracy 0.958\n",
        "  epoch 19: train loss 0.029, val loss 0.049, val accuracy 0.981\n  test accuracy 0.978\n",
        "  epoch 20: train loss 0.029, val loss 0.049, val accuracy 0.981\n  test error 0.978\n",
        "  epoch 20: train loss 0.029, val loss 0.049, val accuracy 0.981\n",
    ],
    ids=["accuracy off by 0.02", "another epoch", "other words", "a line missing"],
)
def test_a_real_difference_fails(printed: str) -> None:
    assert not within_tolerance(printed, RECORDED, TRAINED_TOLERANCE)


def test_only_trained_outputs_get_a_tolerance() -> None:
    """Any other example must print its recording exactly."""
    data = SNIPPETS / "first_project" / "data.py"
    recorded = data.with_suffix(".out").read_text(encoding="utf-8")
    assert matches_recording(data, recorded, recorded)
    assert not matches_recording(data, recorded.replace("1258", "1259"), recorded)


# One point of the training page's loss curve as an Intel Xeon and an AMD EPYC drew it, kernels pinned.
INTEL_POINT = "L 119.642144 129.422452 \n"
AMD_POINT = "L 119.642144 129.422466 \n"


def test_a_figure_may_differ_in_its_last_float_digits() -> None:
    assert within_tolerance(AMD_POINT, INTEL_POINT, FIGURE_ROUNDING)


def test_a_moved_point_fails() -> None:
    assert not within_tolerance("L 119.642144 129.432452 \n", INTEL_POINT, FIGURE_ROUNDING)
    assert not within_tolerance("L 119.642144 129.422452 \nL 1.0 2.0 \n", INTEL_POINT, FIGURE_ROUNDING)

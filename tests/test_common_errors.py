"""The common-errors page: each example really raises the error the page names, then runs its fix."""

import pytest
import torch

from fences import SNIPPETS
from snippet_runner import run_snippet

# snippet -> (exception type, a fragment of the message PyTorch gives)
ERRORS = {
    "common_errors/shape_mismatch.py": ("RuntimeError", "shapes cannot be multiplied (4x5 and 3x2)"),
    "cpu_and_gpu/mixed_devices_meta.py": ("RuntimeError", "is not on the expected device"),
    "common_errors/dtype_mismatch.py": ("RuntimeError", "must have the same dtype, but got Long and Float"),
    "common_errors/inplace_leaf.py": (
        "RuntimeError",
        "a leaf Variable that requires grad is being used in an in-place",
    ),
    "common_errors/numpy_requires_grad.py": (
        "RuntimeError",
        "Can't call numpy() on Tensor that requires grad",
    ),
    "common_errors/old_variable_code.py": ("IndexError", "invalid index of a 0-dim tensor"),
    "common_errors/untrusted_checkpoint.py": ("UnpicklingError", "Weights only load failed"),
    "common_errors/backward_twice.py": ("RuntimeError", "Trying to backward through the graph a second time"),
    "common_errors/no_grad_fn.py": ("RuntimeError", "element 0 of tensors does not require grad"),
    "common_errors/target_out_of_bounds.py": ("IndexError", "Target 3 is out of bounds."),
}


@pytest.mark.parametrize(("snippet", "expected"), ERRORS.items(), ids=ERRORS.keys())
def test_error_is_reproduced_then_fixed(
    snippet: str, expected: tuple[str, str], tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = run_snippet(SNIPPETS / snippet).printed.splitlines()
    kind, fragment = expected
    assert lines[0].startswith(f"{kind}: "), f"expected a {kind} first, got: {lines[0]}"
    assert fragment in lines[0]
    assert len(lines) > 1, "the fix after the error printed nothing: did it run?"


def test_forgetting_zero_grad_shows_growing_gradients() -> None:
    grads = [
        float(line.split()[-1])
        for line in run_snippet(SNIPPETS / "common_errors/forgot_zero_grad.py").printed.splitlines()
    ]
    assert grads[:3] == [36.0, 72.0, 108.0], "without zeroing, gradients must accumulate"
    assert grads[3:] == [36.0, 36.0, 36.0], "with zeroing, every step must see the same gradient"


def test_out_of_memory_measures_what_grows_with_the_batch() -> None:
    """The page's claims: the memory kept for backward() doubles with the batch, and no_grad keeps none."""
    run = run_snippet(SNIPPETS / "common_errors/out_of_memory.py")
    kept = run.namespace["kept_for_backward"]
    assert kept(64) > 0
    assert kept(128) == pytest.approx(2 * kept(64)) and kept(256) == pytest.approx(4 * kept(64))
    with torch.no_grad():
        assert kept(256) == 0

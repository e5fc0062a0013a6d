"""The CPU and GPU page's section on faster training: what its prose says about the recorded outputs holds.
The outputs are what the snippets print today (tests/test_snippets.py compares them, timings masked)."""

from __future__ import annotations

import re

import torch

from fences import page_text, recorded


def test_the_compiled_model_agrees_and_was_no_faster_here() -> None:
    output = recorded("cpu_and_gpu/compile_speed")
    assert "same outputs as eager (atol 1e-5): True" in output
    eager = float(re.search(r"eager: +(\d+\.\d+) ms", output)[1])
    compiled = float(re.search(r"compiled: +(\d+\.\d+) ms", output)[1])
    assert compiled >= 0.9 * eager, "the page says the compiled model was no faster on the recording CPU"
    assert float(re.search(r"first call \(compiles\): (\d+\.\d) s", output)[1]) >= 0.5, "it takes seconds"


def test_mixed_precision_numbers_are_the_printed_ones() -> None:
    output = recorded("cpu_and_gpu/mixed_precision")
    assert "inside autocast: torch.bfloat16" in output
    eps = torch.finfo(torch.bfloat16).eps
    assert f"its precision near 1: {eps}" in output and f"{eps:.4f}" == "0.0078"
    assert "0.0078" in page_text("en", "cpu-and-gpu") and "0.0078" in page_text("zh", "cpu-and-gpu")
    assert f"{torch.finfo(torch.float16).max:,.0f}" == "65,504"
    assert "65,504" in page_text("en", "cpu-and-gpu") and "65,504" in page_text("zh", "cpu-and-gpu")
    for dtype, shown in ((torch.bfloat16, "3.39e+38"), (torch.float32, "3.403e+38")):
        assert f"largest {dtype}: {shown}" in output
        assert shown in page_text("en", "cpu-and-gpu") and shown in page_text("zh", "cpu-and-gpu")
    difference = float(re.search(r"largest difference from float32: (\d\.\d+)", output)[1])
    assert 0.001 <= difference < 0.01, "the page says the outputs moved by a few thousandths"
    assert "accuracy 1.000" in output
    assert "accuracy 1.000 after 100" in page_text("en", "cpu-and-gpu")

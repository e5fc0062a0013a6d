"""The attention page: what its prose says about the printed outputs holds. The outputs are what the snippets
print today (tests/test_snippets.py compares them), so these tests read them."""

from __future__ import annotations

import re

import pytest
import torch

from fences import SNIPPETS, page_text, recorded, snippet_module

FOLDER = SNIPPETS / "attention"
GPT3_PARAMETERS = 175e9  # Brown et al. 2020, Table 2.1
GPT3_TOKENS = 300e9  # "a total of 300 billion tokens"


def test_hand_written_attention_is_pytorchs() -> None:
    output = recorded("attention/by_hand")
    assert "same as PyTorch: True" in output
    assert float(re.search(r"largest difference: (\S+)", output)[1]) < 1e-6
    weights = [float(w) for w in re.search(r"first query: tensor\(\[([^\]]+)\]", output)[1].split(", ")]
    share = round(100 * weights[1])
    assert max(weights) == weights[1], "the page says the second token gets the most weight"
    assert f"gives {share} % of its weight to the second token" in page_text("en", "attention")
    assert f"把 {share}% 的权重给了第二个词元" in page_text("zh", "attention")


def test_the_causal_mask_hides_later_tokens() -> None:
    output = recorded("attention/causal")
    rows = re.findall(r"\[([\d., ]+)\]", output.split("dtype=torch.int32)")[1])
    weights = [[float(w) for w in row.split(", ")] for row in rows]
    assert weights[0] == [1.0, 0.0, 0.0, 0.0], "the first token attends only to itself"
    assert weights[1][2:] == [0.0, 0.0] and weights[1][0] > 0 and weights[1][1] > 0
    assert all(row[i + 1 :] == [0.0] * (3 - i) for i, row in enumerate(weights))
    assert "same as is_causal=True: True" in output
    assert "first three unchanged: True" in output


def test_heads_shapes_and_parameter_count() -> None:
    output = recorded("attention/multihead")
    assert "weights: (2, 4, 5, 5)" in output
    assert f"parameters: {4 * (16 * 16 + 16)}" in output, "3 input projections, 1 output, with biases"
    assert "each head's rows sum to 1: True" in output


def test_positions_make_order_matter() -> None:
    assert recorded("attention/positions").splitlines() == [
        "order ignored without positions: True",
        "order ignored with positions:    False",
    ]


def test_our_block_is_pytorchs_encoder_layer() -> None:
    assert recorded("attention/block_check") == "same as nn.TransformerEncoderLayer: True\n"


def test_the_tiny_transformer_reverses_held_out_sequences() -> None:
    output = recorded("attention/train")
    exact = float(re.search(r"held-out exact match: ([\d.]+)%", output)[1])
    assert exact >= 99, "the page promises at least 99 % on held-out sequences"
    losses = [float(loss) for loss in re.findall(r"loss (\d\.\d+)", output)]
    assert losses == sorted(losses, reverse=True)
    assert "range(1, 151)" in (FOLDER / "train.py").read_text(encoding="utf-8"), "the page says 150 steps"


def test_greedy_decoding_writes_each_number_reversed() -> None:
    output = recorded("attention/decode")
    lines = re.findall(r"^([\d ]+) = ([\d ]+)$", output, flags=re.M)
    assert len(lines) == 4
    for given, answer in lines:
        assert answer.split() == given.split()[::-1]
    first_answer = lines[0][1]
    assert f"looked at: {first_answer}" in output, "the head looks at the digit it copies"
    assert float(re.search(r"with weight at least (\d\.\d+)", output)[1]) >= 0.9
    assert f"spell the answer, {first_answer}, each with a weight of at least" in page_text("en", "attention")


def test_the_scale_comparison_uses_the_printed_numbers() -> None:
    output = recorded("attention/train")
    parameters = int(re.search(r"parameters: ([\d,]+)", output)[1].replace(",", ""))
    tokens = int(re.search(r"tokens seen in training: ([\d,]+)", output)[1].replace(",", ""))
    ratio = GPT3_PARAMETERS / parameters / 1e6
    assert f"{ratio:.1f} million times the {parameters:,}" in page_text("en", "attention")
    assert f"是上面打印的 {parameters:,} 个参数的 {round(ratio, 1) * 100:.0f} 万倍" in page_text(
        "zh", "attention"
    )
    assert 200_000 < tokens < 300_000, "the page says 'about a quarter of a million'"
    assert GPT3_TOKENS / tokens > 1e5


def test_the_task_is_what_the_page_says(monkeypatch: pytest.MonkeyPatch) -> None:
    attention_module = snippet_module(monkeypatch, "attention/model")
    sequence = attention_module.examples(torch.tensor([314159, 987]))
    separator = attention_module.SEPARATOR
    assert sequence.tolist() == [
        [3, 1, 4, 1, 5, 9, separator, 9, 5, 1, 4, 1, 3],
        [0, 0, 0, 9, 8, 7, separator, 7, 8, 9, 0, 0, 0],
    ]

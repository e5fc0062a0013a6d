"""The sequences page: what its prose says about the printed outputs holds, and the task is what the page says
it is (only word order tells the labels apart). The outputs are what the snippets print today
(tests/test_snippets.py compares them), so these tests read them."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from fences import page_text, recorded, snippet_module


def test_unknown_words_become_unk() -> None:
    output = recorded("sequences/vocabulary")
    assert "'<pad>': 0, '<unk>': 1" in output
    assert output.splitlines()[-1] == "tensor([2, 1, 4, 1])", '"ending" and "great" are not in the vocabulary'
    assert '"ending" and "great"' in page_text("en", "sequences") and '"ending" 和 "great"' in page_text(
        "zh", "sequences"
    )


def test_padding_fills_to_the_longest_sentence() -> None:
    output = recorded("sequences/padding")
    assert "lengths: tensor([4, 2, 5])" in output, "the comment gives the lengths 4, 2 and 5"
    rows = re.findall(r"\[([\d, ]+)\]", output.split("lengths:")[0])
    assert [len(row.split(",")) for row in rows] == [5, 5, 5]
    assert [row.split(", ").count("0") for row in rows] == [1, 3, 0]


def test_the_padding_embedding_is_zero_and_learns_nothing() -> None:
    output = recorded("sequences/embedding")
    assert "ids:     (2, 4)\nvectors: (2, 4, 4)" in output
    assert "tensor([0., 0., 0., 0.], grad_fn" in output
    assert "gradient of the padding row: tensor([0., 0., 0., 0.])" in output


def test_characters_against_words() -> None:
    characters, words = recorded("sequences/chinese").splitlines()
    assert "'电', '影'" in characters and "'电影'" in words
    assert len(eval(words)) < len(eval(characters))  # noqa: S307 (a printed list of strings)


def test_only_the_order_tells_the_labels_apart() -> None:
    output = recorded("sequences/compare")
    bag = float(re.search(r"BagOfWords: held-out accuracy (\d\.\d+)", output)[1])
    gru = float(re.search(r"GRUClassifier: held-out accuracy (\d\.\d+)", output)[1])
    assert 0.4 <= bag <= 0.6, "the page says the bag of words stays at chance, about 50 %"
    assert gru == 1.0, "the page says every held-out review is classified correctly"
    bag_first, bag_second = re.search(r"BagOfWords: P\(positive\) = (\S+) and (\S+)", output).groups()
    assert bag_first == bag_second, "the same bag gets the same probability"
    gru_first, gru_second = re.search(r"GRUClassifier: P\(positive\) = (\S+) and (\S+)", output).groups()
    assert float(gru_first) <= 0.05 and float(gru_second) >= 0.95


def test_every_bag_of_words_comes_with_both_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fillers, a review is {not, good word, bad word}; each such bag is positive about half
    the time, so a model that ignores order can do no better than chance."""
    task = snippet_module(monkeypatch, "sequences/task")
    labels_per_bag: dict[tuple[str, ...], Counter] = {}
    rng = random.Random(0)
    for _ in range(4000):
        words, label = task.review(rng)
        bag = tuple(sorted(word for word in words if word not in task.FILLERS))
        labels_per_bag.setdefault(bag, Counter())[label] += 1
    assert len(labels_per_bag) == len(task.POSITIVE) * len(task.NEGATIVE)
    for bag, counts in labels_per_bag.items():
        assert 0.3 < counts[1] / sum(counts.values()) < 0.7, bag

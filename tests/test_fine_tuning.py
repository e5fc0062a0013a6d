"""The fine-tuning page: what its prose says about the printed outputs holds, and the shared checkpoint
refuses every file it can't use, by name. The outputs are what the snippets print today
(tests/test_snippets.py compares them), so these tests read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch

from fences import page_text, recorded, snippet_module


def test_loading_reports_what_matched() -> None:
    output = recorded("fine_tuning/load").splitlines()
    assert output[0] == "<All keys matched successfully>"
    assert output[1] == "14 missing, 16 unexpected"
    assert output[2] == "missing: ['head.weight', 'head.bias']"
    assert output[4:] == ["unchanged with body.eval(): True", "unchanged with train() alone: False"]


def test_a_prefixed_file_loads_nothing_and_batch_norm_fills_in_its_counters(monkeypatch) -> None:
    """The prose explains 14 rather than 16: the two num_batches_tracked buffers."""
    digit_cnn = snippet_module(monkeypatch, "fine_tuning/digit_cnn")
    state = digit_cnn.DigitCNN(classes=5).state_dict()
    assert len(state) == 16 and sum(name.endswith("num_batches_tracked") for name in state) == 2
    model = digit_cnn.DigitCNN(classes=5)
    before = {name: tensor.clone() for name, tensor in model.state_dict().items()}
    wrapped = {f"module.{name}": tensor + 1 for name, tensor in state.items()}
    model.load_state_dict(wrapped, strict=False)
    assert all(torch.equal(before[name], tensor) for name, tensor in model.state_dict().items())


def test_the_frozen_body_trains_645_of_5541_parameters() -> None:
    assert "trainable: 645 of 5541 parameters" in recorded("fine_tuning/load")
    assert "so 645 of 5,541 parameters train" in page_text("en", "fine-tuning")
    assert "5,541 个参数里只有 645 个参与训练" in page_text("zh", "fine-tuning")


def comparison() -> dict[int, tuple[float, float, float]]:
    rows = re.findall(
        r"^\s*(\d+) \|\s+(\d\.\d+) \|\s+(\d\.\d+) \| (\d\.\d+)$", recorded("fine_tuning/compare"), re.M
    )
    return {int(size): (float(scratch), float(head), float(tuned)) for size, scratch, head, tuned in rows}


def test_the_comparison_says_what_the_prose_says() -> None:
    rows = comparison()
    assert sorted(rows) == [1, 5, 25]
    for scratch, head, tuned in rows.values():
        assert head < tuned and head < scratch, "the page says training the head alone is worse than either"
        assert abs(tuned - scratch) <= 0.05, "the page says pretraining barely matters here"
    for size in (1, 5):
        scratch, _, tuned = rows[size]
        assert 0 < tuned - scratch <= 0.05, "a few hundredths ahead with one or five scans per digit"
    scratch, _, tuned = rows[25]
    assert abs(tuned - scratch) <= 0.005, "level with 25"
    assert all(rows[a][0] < rows[b][0] for a, b in ((1, 5), (5, 25))), "more scans, better scores"


@pytest.fixture
def share(monkeypatch):
    return snippet_module(monkeypatch, "fine_tuning/share")


def saved(share, tmp_path: Path, **changes) -> Path:
    """A shared checkpoint of a fresh 5-class model, with some entries replaced."""
    path = tmp_path / "shared.pt"
    model = share.DigitCNN(classes=5)
    share.save_for_others(model, {"classes": 5}, list("abcde"), {"mean": 0.0, "std": 16.0}, path)
    if changes:
        checkpoint = torch.load(path, weights_only=True)
        checkpoint.update(changes)
        torch.save(checkpoint, path)
    return path


def test_a_shared_checkpoint_loads_ready_to_use(share, tmp_path: Path) -> None:
    path = saved(share, tmp_path)
    assert [file.name for file in tmp_path.iterdir()] == ["shared.pt"], "no temporary file is left behind"
    model, names, scaling = share.load_for_use(path)
    assert not model.training and names == list("abcde") and scaling == {"mean": 0.0, "std": 16.0}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"format": 2}, "format 2, expected 1"),
        ({"class_names": list("abc")}, "3 names for 5 classes"),
        ({"arguments": {"classes": 3}, "class_names": list("abc")}, "weights don't fit DigitCNN"),
    ],
    ids=["a later format", "names for other classes", "weights of another shape"],
)
def test_a_checkpoint_that_does_not_fit_is_refused_with_the_reason(
    share, tmp_path: Path, changes: dict, reason: str
) -> None:
    path = saved(share, tmp_path, **changes)
    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: {re.escape(reason)}"):
        share.load_for_use(path)


@pytest.mark.parametrize("content", ["state_dict", "tensor", "list"])
def test_a_file_of_another_kind_is_refused(share, tmp_path: Path, content: str) -> None:
    path = tmp_path / "other.pt"
    other = {"state_dict": share.DigitCNN(classes=5).state_dict(), "tensor": torch.zeros(3), "list": [1, 2]}
    torch.save(other[content], path)
    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: not a shared checkpoint"):
        share.load_for_use(path)
    assert "pretrained_0to4.pt: not a shared checkpoint" in recorded("fine_tuning/share")

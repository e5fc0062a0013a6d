"""The training and first-project pages: the claims their prose makes about what the code achieves."""

from __future__ import annotations

import re

import pytest
import torch

from fences import SNIPPETS
from snippet_runner import run_snippet

REQUIRED_TEST_ACCURACY = 0.95


@pytest.fixture(scope="module")
def checkpoint_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("checkpoint"))
        return run_snippet(SNIPPETS / "training" / "checkpoint.py").namespace


def test_resumed_training_ends_where_uninterrupted_training_ends(checkpoint_run: dict) -> None:
    uninterrupted, resumed = checkpoint_run["model"], checkpoint_run["resumed"]
    for (name, expected), actual in zip(
        uninterrupted.state_dict().items(), resumed.state_dict().values(), strict=True
    ):
        assert torch.equal(expected, actual), f"{name} differs after resuming"
    assert checkpoint_run["loaded"]["epoch"] == 3


def test_the_checkpoint_matters(checkpoint_run: dict) -> None:
    """Without the optimizer's state the resumed run ends elsewhere: the comparison above can fail."""
    namespace = checkpoint_run
    model, optimizer, shuffle = namespace["start"]()
    model.load_state_dict(namespace["loaded"]["model"])
    shuffle.set_state(namespace["loaded"]["shuffle"])  # AdamW starts from scratch
    namespace["train"](model, optimizer, shuffle, range(3, 6))
    assert not torch.equal(model[0].weight, namespace["model"][0].weight)


def recorded(name: str) -> str:
    """A recorded output; tests/test_snippets.py checks it is what the snippet prints today."""
    return (SNIPPETS / "first_project" / name).read_text(encoding="utf-8")


def test_both_digit_models_reach_the_accuracy_the_page_promises() -> None:
    accuracies = [float(value) for value in re.findall(r"test accuracy (\d\.\d+)", recorded("train.out"))]
    assert len(accuracies) == 2, "train.py should report the MLP's and the CNN's test accuracy"
    assert min(accuracies) >= REQUIRED_TEST_ACCURACY, accuracies


def test_the_confusion_matrix_agrees_with_the_accuracy() -> None:
    correct, total = map(int, re.search(r"test accuracy: (\d+)/(\d+)", recorded("evaluate.out")).groups())
    assert correct / total >= REQUIRED_TEST_ACCURACY
    assert total == 269, "the test set is 15 % of the 1,797 digits"
    mistakes = int(re.search(r"mistakes on the test set: (\d+)", recorded("predict.out"))[1])
    assert mistakes == total - correct, "evaluate.py and predict.py must judge the same model"


def test_the_quick_start_reaches_the_accuracy_it_promises() -> None:
    recorded_output = (SNIPPETS / "quickstart" / "train.out").read_text(encoding="utf-8")
    accuracy = float(re.search(r"test accuracy: (\d\.\d+)", recorded_output)[1])
    assert accuracy >= REQUIRED_TEST_ACCURACY, accuracy
    losses = [float(loss) for loss in re.findall(r"training loss (\d\.\d+)", recorded_output)]
    assert losses[-1] < losses[0] / 10, "the page says the training loss falls from about 1.9 to about 0.1"

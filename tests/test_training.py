"""The training and first-project pages: the claims their prose makes about what the code achieves."""

from __future__ import annotations

import math
import re

import pytest
import torch
from torch import nn

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


def resume_without(checkpoint_run: dict, left_out: str) -> nn.Module:
    """Resumes from the saved checkpoint as the page does, except for one part of it."""
    namespace = checkpoint_run
    model, optimizer, scheduler, shuffle = namespace["start"]()
    loaded = namespace["loaded"]
    model.load_state_dict(loaded["model"])
    if left_out != "optimizer":
        optimizer.load_state_dict(loaded["optimizer"])
    if left_out != "scheduler":
        scheduler.load_state_dict(loaded["scheduler"])
    shuffle.set_state(loaded["shuffle"])
    if left_out != "torch_rng":
        torch.set_rng_state(loaded["torch_rng"])
    namespace["train"](model, optimizer, scheduler, shuffle, range(3, 6))
    return model


@pytest.mark.parametrize("left_out", ["optimizer", "scheduler", "torch_rng"])
def test_every_part_of_the_checkpoint_matters(checkpoint_run: dict, left_out: str) -> None:
    """Without any one part the resumed run ends elsewhere: the comparison above can fail. The random state
    matters because the model has dropout."""
    model = resume_without(checkpoint_run, left_out)
    assert not torch.equal(model[0].weight, checkpoint_run["model"][0].weight)


def test_the_checkpoint_is_written_atomically(checkpoint_run: dict) -> None:
    assert (checkpoint_run["folder"] / "checkpoint.pt").exists()
    assert not list(checkpoint_run["folder"].glob("*.partial")), (
        "the temporary file is renamed, not left behind"
    )


def recorded(name: str) -> str:
    """A recorded output; tests/test_snippets.py checks it is what the snippet prints today."""
    return (SNIPPETS / "first_project" / name).read_text(encoding="utf-8")


def test_the_model_is_chosen_on_validation_and_tested_once() -> None:
    output = recorded("train.out")
    final = dict(re.findall(r"(\w+)\n(?:  epoch \d+: .*\n)*  epoch 20: .*val accuracy (\d\.\d+)", output))
    assert set(final) == {"MLP", "SmallCNN"}, final
    best = re.search(r"best on validation: (\w+)", output)[1]
    assert best == max(final, key=lambda name: float(final[name])), (
        "the choice must follow the validation accuracy"
    )
    accuracies = [float(value) for value in re.findall(r"test accuracy (\d\.\d+)", output)]
    assert len(accuracies) == 1, "the test set is used once, for the chosen model only"
    assert accuracies[0] >= REQUIRED_TEST_ACCURACY, accuracies


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


def training_output(name: str) -> str:
    return (SNIPPETS / "training" / f"{name}.out").read_text(encoding="utf-8")


def test_two_linear_layers_are_one_and_a_relu_breaks_that() -> None:
    output = training_output("activations")
    assert "two layers = one layer: True" in output
    assert "with a ReLU between: False" in output


def test_cross_entropy_by_hand_equals_pytorchs_and_logits_avoid_inf() -> None:
    output = training_output("softmax")
    assert re.search(r"by hand: +(\S+)", output)[1] == re.search(r"cross_entropy: +(\S+)", output)[1]
    assert output.splitlines()[-2:] == ["tensor(inf)", "tensor(120.)"]


def test_the_middle_learning_rate_wins() -> None:
    losses = dict(re.findall(r"lr +(\S+): loss after 100 steps (\d\.\d+)", training_output("learning_rate")))
    assert float(losses["1.0"]) < min(float(losses["0.01"]), float(losses["10.0"]))


def test_batches_iterations_and_epochs_add_up() -> None:
    output = training_output("batches")
    batches = int(re.search(r"batches per epoch: (\d+)", output)[1])
    assert batches == math.ceil(1000 / 64)
    assert f"epoch 3: {3 * batches} iterations, 3000 examples" in output


def test_unscaled_regression_fails_silently_and_scaling_reaches_the_noise() -> None:
    output = training_output("scaling")
    assert "tensor([[nan, nan]])" in output
    raw = float(re.search(r"raw, lr 1e-6: test error ([\d,]+)", output)[1].replace(",", ""))
    scaled = float(re.search(r"scaled, lr 0.1: test error ([\d,]+)", output)[1].replace(",", ""))
    assert scaled < raw / 2 and scaled < 1.1 * 20_000, "the noise in the data is about 20,000"


def test_overfitting_is_shown_and_more_data_helps_most() -> None:
    output = training_output("overfitting")
    best_epoch = int(re.search(r"lowest validation loss at epoch (\d+)", output)[1])
    at_best = float(re.search(r"validation loss then (\d\.\d+)", output)[1])
    at_end = float(re.search(r"validation loss at the end (\d\.\d+)", output)[1])
    assert best_epoch < 100 and at_end > at_best, "the validation loss must rise after its lowest point"
    results = {
        name.strip(): (float(accuracy), float(loss))
        for name, accuracy, loss in re.findall(r"(.+): test accuracy (\d\.\d+), test loss (\d\.\d+)", output)
    }
    more_data = results.pop("more data (1,000 images)")
    assert all(more_data[0] > accuracy for accuracy, _ in results.values())
    nothing = results.pop("nothing (50 images)")
    assert all(loss < nothing[1] for _, loss in results.values()), "each remedy lowers the test loss"
    # The prose restates these numbers: they must be the printed ones, in both languages.
    for language, epoch_words in (("en", f"epoch {best_epoch}"), ("zh", f"第 {best_epoch} 个轮次")):
        page = (SNIPPETS.parent / "docs" / language / "training.md").read_text(encoding="utf-8")
        section = page[page.index("{#overfitting}") : page.index("{#checkpoint}")]
        assert epoch_words in section and f"{nothing[0]:.3f}" in section and f"{more_data[0]:.3f}" in section


def test_the_first_projects_prose_restates_its_printed_numbers() -> None:
    output = recorded("train.out")
    final = re.findall(r"epoch 20: .*val accuracy (\d\.\d+)", output)
    test = re.search(r"test accuracy (\d\.\d+)", output)[1]
    for language in ("en", "zh"):
        page = (SNIPPETS.parent / "docs" / language / "first-project.md").read_text(encoding="utf-8")
        section = page[page.index("{#training}") : page.index("{#evaluation}")]
        for number in (*final, test):
            assert number in section, f"{language}: the prose must restate {number} from train.out"

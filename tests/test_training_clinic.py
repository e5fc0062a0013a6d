"""The training clinic: each broken script shows the symptom its section names, and its fix learns. The
recorded outputs are what the scripts print today (tests/test_snippets.py), so these read them."""

from __future__ import annotations

import math
import re

from fences import SNIPPETS

LEARNED = 0.9  # validation accuracy of a model that learned the digits


def recorded(name: str) -> str:
    return (SNIPPETS / "training_clinic" / f"{name}.out").read_text(encoding="utf-8")


def numbers(pattern: str, text: str) -> list[float]:
    return [float(value) for value in re.findall(pattern, text)]


def test_a_learning_rate_too_large_ends_in_a_loss_that_is_not_finite() -> None:
    output = recorded("nan_loss")
    stopped = re.search(r"lr 5: loss (\S+) at step (\d+)", output)
    assert not math.isfinite(float(stopped[1])) and int(stopped[2]) < 100
    assert min(numbers(r"val accuracy (\d\.\d+)", output)) >= LEARNED, "both fixes must learn"


def test_unscaled_inputs_leave_the_model_guessing() -> None:
    output = recorded("not_normalised")
    raw_loss, scaled_loss = numbers(r"(?:raw|scaled): loss (\d\.\d+)", output)
    assert abs(raw_loss - math.log(10)) < 0.01, "the loss of a uniform guess over 10 digits"
    raw_accuracy, scaled_accuracy = numbers(r"val accuracy (\d\.\d+)", output)
    assert raw_accuracy < 0.2 and scaled_accuracy >= LEARNED
    assert scaled_loss < raw_loss / 10


def test_forgetting_zero_grad_makes_gradients_grow_and_the_loss_explode() -> None:
    broken, fixed = recorded("zero_grad").split("with zero_grad():")
    losses, norms = numbers(r"loss (\d+\.\d+)", broken), numbers(r"grad norm (\d+\.\d+)", broken)
    assert losses[-1] > 10 * losses[0], "falls, then explodes"
    assert norms == sorted(norms) and norms[-1] > 10 * norms[0]
    fixed_losses = numbers(r"loss (\d+\.\d+)", fixed)
    assert fixed_losses == sorted(fixed_losses, reverse=True) and fixed_losses[-1] < 0.2


def test_an_optimizer_of_another_model_leaves_the_loss_flat() -> None:
    broken, fixed = recorded("frozen").split("optimizer made from the model:")
    assert len(set(numbers(r"loss (\d\.\d+)", broken))) == 1, "the loss must not move at all"
    assert numbers(r"loss (\d\.\d+)", fixed)[-1] < 0.05, "one batch learned by heart"


def test_labels_shuffled_against_images_give_chance_accuracy() -> None:
    output = recorded("shuffled_labels")
    shuffled, fixed = numbers(r"val accuracy (\d\.\d+)", output)
    assert shuffled < 0.2 and fixed >= LEARNED
    counts = [int(count) for count in re.search(r"labels per digit: \[([\d, ]+)\]", output)[1].split(", ")]
    assert max(counts) < 1.2 * min(counts), "the labels alone look fine: the data must be looked at"


def test_a_small_training_set_is_learned_by_heart() -> None:
    rows = re.findall(
        r"(\d+) training images: train accuracy (\d\.\d+), val accuracy (\d\.\d+)", recorded("overfitting")
    )
    (small, small_train, small_val), (full, _, full_val) = rows
    assert int(small) < int(full)
    assert float(small_train) == 1.0 and float(small_val) < float(small_train) - 0.1
    assert float(full_val) > float(small_val) and float(full_val) >= 0.95


def test_dropout_left_on_makes_every_measurement_differ() -> None:
    output = recorded("eval_mode")
    train_mode = numbers(r"'(\d\.\d+)'", output.split("eval mode:")[0])
    eval_mode = numbers(r"'(\d\.\d+)'", output.split("eval mode:")[1])
    assert len(set(train_mode)) > 1 and len(set(eval_mode)) == 1
    assert eval_mode[0] > max(train_mode)


def test_anomaly_mode_names_the_operation_that_made_nan() -> None:
    broken, diagnosis, fixed = recorded("anomaly").splitlines()
    assert "nan" in broken
    assert re.fullmatch(
        r"RuntimeError: Function '\w+Backward\d' returned nan values in its 0th output\.", diagnosis
    )
    assert "nan" not in fixed and "inf" not in fixed

# setup: pretrain.py
from pathlib import Path

import torch
from digit_cnn import DigitCNN
from sklearn.datasets import load_digits
from torch import nn

FORMAT = 1
KEYS = {"format", "arguments", "class_names", "normalisation", "state_dict"}


def save_for_others(
    model: nn.Module,
    arguments: dict[str, int],
    class_names: list[str],
    normalisation: dict[str, float],
    path: Path,
) -> None:
    """Everything another person needs besides this file's code: the
    weights, how to build the model, what its outputs mean, and how its
    inputs were scaled."""
    checkpoint = {
        "format": FORMAT,
        "arguments": arguments,
        "class_names": class_names,
        "normalisation": normalisation,
        "state_dict": model.state_dict(),
    }
    # Written to a temporary file first: a crash never leaves half a file.
    temporary = path.with_suffix(".tmp")
    torch.save(checkpoint, temporary)
    temporary.replace(path)


def load_for_use(path: Path) -> tuple[nn.Module, list[str], dict]:
    """The model in eval() mode, its class names and its normalisation;
    a file of another kind or shape is refused with the reason."""
    checkpoint = torch.load(path, weights_only=True)
    if not isinstance(checkpoint, dict) or not KEYS <= checkpoint.keys():
        raise ValueError(
            f"{path}: not a shared checkpoint (needs {sorted(KEYS)})"
        )
    if checkpoint["format"] != FORMAT:
        raise ValueError(
            f"{path}: format {checkpoint['format']}, expected {FORMAT}"
        )
    arguments, names = checkpoint["arguments"], checkpoint["class_names"]
    if len(names) != arguments["classes"]:
        count = arguments["classes"]
        raise ValueError(f"{path}: {len(names)} names for {count} classes")
    model = DigitCNN(**arguments)
    try:
        model.load_state_dict(checkpoint["state_dict"])
    except RuntimeError as error:
        raise ValueError(
            f"{path}: weights don't fit DigitCNN: {error}"
        ) from error
    return model.eval(), names, checkpoint["normalisation"]


if __name__ == "__main__":
    model = DigitCNN(classes=5)
    model.load_state_dict(torch.load("pretrained_0to4.pt", weights_only=True))
    names = ["zero", "one", "two", "three", "four"]
    # digits() divides the pixels 0..16 by 16: (x - 0) / 16
    scaling = {"mean": 0.0, "std": 16.0}
    save_for_others(
        model, {"classes": 5}, names, scaling, Path("digits_0to4.pt")
    )

    # Someone else, with raw scans (pixels 0..16) and this file only:
    model, names, scaling = load_for_use(Path("digits_0to4.pt"))
    scans = load_digits()
    raw = torch.tensor(scans.images[:3], dtype=torch.float32).unsqueeze(1)
    with torch.no_grad():
        predicted = model((raw - scaling["mean"]) / scaling["std"]).argmax(1)
    print("predicted:", [names[i] for i in predicted])
    print("true:     ", [names[i] for i in scans.target[:3]])

    # The bare state_dict from before is not enough for someone else:
    try:
        load_for_use(Path("pretrained_0to4.pt"))
    except ValueError as error:
        print(error)

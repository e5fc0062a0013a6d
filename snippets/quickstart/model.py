import torch
from torch import nn


def make_model() -> nn.Module:
    """64 pixels in, 10 scores out: one per digit."""
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(64, 128),
        nn.ReLU(),
        nn.Linear(128, 10),
    )


if __name__ == "__main__":
    torch.manual_seed(0)
    model = make_model()
    print(model)
    # A batch of 5 blank images gives 5 rows of 10 scores.
    scores = model(torch.zeros(5, 1, 8, 8))
    print(scores.shape)

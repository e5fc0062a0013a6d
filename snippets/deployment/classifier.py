import torch
from torch import nn

FEATURES = 4
CLASSES = 3


class Classifier(nn.Module):
    """A small multilayer perceptron: 4 features in, 3 class scores out."""

    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(FEATURES, 16), nn.ReLU(), nn.Linear(16, CLASSES)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)

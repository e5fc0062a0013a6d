import torch
from torch import nn


class MLP(nn.Module):
    """Flatten the 8x8 image into 64 numbers, then two linear layers."""

    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # 10 raw scores (logits), one per digit
        return self.layers(x)


class SmallCNN(nn.Module):
    """Two 3x3 convolutions find local strokes; a linear layer combines them."""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            # (16, 8, 8)
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.ReLU(),
            # (16, 4, 4)
            nn.MaxPool2d(2),
            # (32, 4, 4)
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            # (32, 2, 2)
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 2 * 2, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def count_parameters(model: nn.Module) -> int:
    return sum(parameter.numel() for parameter in model.parameters())


if __name__ == "__main__":
    # 5 images
    batch = torch.zeros(5, 1, 8, 8)
    for model in (MLP(), SmallCNN()):
        print(type(model).__name__, model(batch).shape, count_parameters(model))

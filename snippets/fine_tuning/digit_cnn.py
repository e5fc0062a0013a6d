import torch
from sklearn.datasets import load_digits
from torch import nn


class DigitCNN(nn.Module):
    """The first project's small CNN with batch normalisation, split into
    a body that finds strokes and a head that names the class."""

    def __init__(self, classes: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
        )
        self.head = nn.Linear(32 * 2 * 2, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


def digits(wanted: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """The scans of the wanted digits as (N, 1, 8, 8) images in 0..1, and
    their labels numbered 0, 1, ... in the order of wanted."""
    data = load_digits()
    number = {digit: label for label, digit in enumerate(wanted)}
    keep = [i for i, digit in enumerate(data.target) if digit in number]
    images = torch.tensor(data.images[keep], dtype=torch.float32) / 16
    labels = torch.tensor([number[digit] for digit in data.target[keep]])
    return images.unsqueeze(1), labels


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    optimizer: torch.optim.Optimizer,
    epochs: int,
) -> None:
    """Mini-batches of 16, shuffled by the global seed."""
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(epochs):
        for batch in torch.randperm(len(images)).split(16):
            loss = loss_fn(model(images[batch]), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def accuracy(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor
) -> float:
    model.eval()
    with torch.no_grad():
        return (model(images).argmax(1) == labels).float().mean().item()

from pathlib import Path

import torch
from classifier import CLASSES, FEATURES, Classifier
from torch import nn


def make_data(samples: int = 600) -> tuple[torch.Tensor, torch.Tensor]:
    """Three clusters of points, one per class, around different centres."""
    generator = torch.Generator().manual_seed(0)
    labels = torch.randint(0, CLASSES, (samples,), generator=generator)
    centres = torch.eye(CLASSES, FEATURES) * 3
    noise = torch.randn(samples, FEATURES, generator=generator)
    features = centres[labels] + noise
    return features, labels


def train_classifier(path: Path) -> float:
    """Trains, saves the state_dict to path, returns the training accuracy."""
    torch.manual_seed(0)
    features, labels = make_data()
    model = Classifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(200):
        optimizer.zero_grad()
        loss_fn(model(features), labels).backward()
        optimizer.step()
    torch.save(model.state_dict(), path)
    with torch.no_grad():
        return (model(features).argmax(dim=1) == labels).float().mean().item()


if __name__ == "__main__":
    accuracy = train_classifier(Path("classifier.pt"))
    print(f"training accuracy: {accuracy:.3f}; saved classifier.pt")

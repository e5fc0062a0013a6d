import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch import nn


def load_data() -> tuple[torch.Tensor, ...]:
    """The digits as rows of 64 raw pixels (0..16): 1,437 to train
    on and 360 to validate on, the same split on every run."""
    digits = load_digits()
    x = torch.tensor(digits.data, dtype=torch.float32)
    y = torch.tensor(digits.target)
    generator = torch.Generator().manual_seed(0)
    order = torch.randperm(len(y), generator=generator)
    train, val = order[:1437], order[1437:]
    return x[train], y[train], x[val], y[val]


def standardize(
    x_train: torch.Tensor, x_val: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean 0 and standard deviation 1 per pixel, with statistics
    of the training set only (reused unchanged for validation)."""
    mean = x_train.mean(dim=0)
    std = x_train.std(dim=0) + 1e-6
    return (x_train - mean) / std, (x_val - mean) / std


def make_model(dropout: float = 0.0) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Linear(64, 64),
        nn.ReLU(),
        nn.Dropout(dropout),
        nn.Linear(64, 10),
    )


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        predicted = model(x).argmax(dim=1)
    return (predicted == y).float().mean().item()


def train(
    model: nn.Module,
    x: torch.Tensor,
    y: torch.Tensor,
    lr: float,
    steps: int = 100,
    clip: float | None = None,
) -> list[float]:
    """Full-batch SGD. Returns the loss of every step; stops at the
    first loss that is not a finite number."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(model(x), y)
        losses.append(loss.item())
        # nan or inf now means nan in every later step.
        if not torch.isfinite(loss):
            break
        optimizer.zero_grad()
        loss.backward()
        if clip is not None:
            # Scales all gradients down when their norm exceeds clip.
            nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
    return losses

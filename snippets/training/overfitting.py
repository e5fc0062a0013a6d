# figure: overfitting.svg
import copy

import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from sklearn.datasets import load_digits
from torch import nn

digits = load_digits()
x = torch.tensor(digits.data, dtype=torch.float32) / 16
y = torch.tensor(digits.target)
order = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
# 400 images to choose the epoch, 400 to test once, the rest to train.
val, test, pool = order[:400], order[400:800], order[800:]


def loss_on(model: nn.Module, rows: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        return F.cross_entropy(model(x[rows]), y[rows]).item()


def fit(size=50, weight_decay=0.0, dropout=0.0, early_stop=False):
    """Trains on the first `size` images of the pool for 100 epochs;
    returns the model and its training and validation losses."""
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(64, 128), nn.ReLU(), nn.Dropout(dropout), nn.Linear(128, 10)
    )
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=0.01, weight_decay=weight_decay
    )
    train = pool[:size]
    history = {"train": [], "val": []}
    best_loss, best_state = float("inf"), None
    for _ in range(100):
        model.train()
        loss = F.cross_entropy(model(x[train]), y[train])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history["train"].append(loss.item())
        history["val"].append(loss_on(model, val))
        if history["val"][-1] < best_loss:
            best_loss = history["val"][-1]
            best_state = copy.deepcopy(model.state_dict())
    if early_stop:
        # Early stopping: keep the weights of the best epoch.
        model.load_state_dict(best_state)
    return model, history


def test_accuracy(model: nn.Module) -> float:
    model.eval()
    with torch.no_grad():
        predicted = model(x[test]).argmax(dim=1)
    return (predicted == y[test]).float().mean().item()


model, history = fit()
best_epoch = min(range(100), key=history["val"].__getitem__)
print(f"50 images: lowest validation loss at epoch {best_epoch + 1}")
print(f"  validation loss then {history['val'][best_epoch]:.3f}")
print(f"  validation loss at the end {history['val'][-1]:.3f}")
print(f"  training loss at the end {history['train'][-1]:.4f}")

print(
    f"{'nothing (50 images)':>25}: test accuracy {test_accuracy(model):.3f}",
    end="",
)
print(f", test loss {loss_on(model, test):.3f}")
remedies = {
    "more data (1,000 images)": {"size": 1000},
    "weight decay 1.0": {"weight_decay": 1.0},
    "dropout 0.5": {"dropout": 0.5},
    "early stopping": {"early_stop": True},
}
for name, options in remedies.items():
    model, _ = fit(**options)
    print(f"{name:>25}: test accuracy {test_accuracy(model):.3f}", end="")
    print(f", test loss {loss_on(model, test):.3f}")

figure = Figure(figsize=(6, 3.5))
axes = figure.subplots()
axes.plot(history["train"], label="training loss")
axes.plot(history["val"], label="validation loss")
axes.axvline(best_epoch, color="gray", linestyle=":")
axes.set_yscale("log")
axes.set_xlabel("epoch")
axes.set_ylabel("cross-entropy loss")
axes.legend()
figure.tight_layout()
figure.savefig("overfitting.svg")

# output: trained
# figure: learning_curves.svg
from pathlib import Path

import torch
from matplotlib.figure import Figure
from models import MLP, SmallCNN
from torch import nn
from torch.utils.data import DataLoader

from data import make_loaders

CHECKPOINT = Path("digits_cnn.pt")
# The GPU if this machine has one, else the CPU (see the CPU and GPU page).
accelerator = torch.accelerator.current_accelerator(check_available=True)
DEVICE = accelerator if accelerator is not None else torch.device("cpu")


def run_epoch(
    model: nn.Module,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer | None = None,
) -> tuple[float, float]:
    """One pass over the loader: trains when given an optimizer, else only
    evaluates. Returns the mean loss and the accuracy."""
    loss_fn = nn.CrossEntropyLoss()
    training = optimizer is not None
    device = next(model.parameters()).device
    model.train(training)
    total_loss, correct = 0.0, 0
    with torch.set_grad_enabled(training):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            logits = model(images)
            loss = loss_fn(logits, labels)
            if training:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            total_loss += loss.item() * len(labels)
            correct += (logits.argmax(dim=1) == labels).sum().item()
    samples = len(loader.dataset)
    return total_loss / samples, correct / samples


def fit(
    model_class: type[nn.Module], epochs: int = 20, report: bool = True
) -> tuple[nn.Module, dict[str, list[float]]]:
    """A new model of the given class, trained: the seed fixes its first
    weights and the order of the batches, so every run trains the same."""
    torch.manual_seed(0)
    model = model_class().to(DEVICE)
    train_loader, val_loader, _ = make_loaders()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.003)
    history: dict[str, list[float]] = {"train": [], "val": []}
    for epoch in range(epochs):
        train_loss, _ = run_epoch(model, train_loader, optimizer)
        val_loss, val_accuracy = run_epoch(model, val_loader)
        history["train"].append(train_loss)
        history["val"].append(val_loss)
        if report and epoch % 5 == 4:
            print(
                f"  epoch {epoch + 1}: train loss {train_loss:.3f}, "
                f"val loss {val_loss:.3f}, val accuracy {val_accuracy:.3f}"
            )
    return model, history


def trained_cnn() -> SmallCNN:
    """The CNN from digits_cnn.pt, trained first if the file isn't there."""
    if not CHECKPOINT.exists():
        model, _ = fit(SmallCNN, report=False)
        torch.save(model.state_dict(), CHECKPOINT)
    model = SmallCNN()
    # map_location: weights saved on a GPU load on any machine.
    state = torch.load(CHECKPOINT, map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    return model.eval()


if __name__ == "__main__":
    _, val_loader, test_loader = make_loaders()
    models, histories, val_accuracy = {}, {}, {}
    for model_class in (MLP, SmallCNN):
        name = model_class.__name__
        print(name)
        models[name], histories[name] = fit(model_class)
        _, val_accuracy[name] = run_epoch(models[name], val_loader)
    # Choose on validation data; the test set is used once, at the end.
    best = max(val_accuracy, key=val_accuracy.get)
    print(f"best on validation: {best}")
    _, test_accuracy = run_epoch(models[best], test_loader)
    print(f"  test accuracy {test_accuracy:.3f}")
    # The CNN, for the next steps.
    torch.save(models["SmallCNN"].state_dict(), CHECKPOINT)

    figure = Figure(figsize=(7, 3))
    panels = figure.subplots(1, 2, sharey=True)
    for axes, name in zip(panels, histories, strict=True):
        axes.plot(histories[name]["train"], label="train")
        axes.plot(histories[name]["val"], label="validation")
        axes.set_title(name)
        axes.set_xlabel("epoch")
        axes.set_yscale("log")
    figure.axes[0].set_ylabel("cross-entropy loss")
    figure.axes[0].legend()
    figure.tight_layout()
    figure.savefig("learning_curves.svg")

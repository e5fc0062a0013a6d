import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

data = TensorDataset(
    torch.randn(256, 4, generator=torch.Generator().manual_seed(1)),
    torch.arange(256) % 2,
)


def start():
    """A new model (with dropout), optimizer, scheduler and the
    generator that shuffles the batches."""
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 2)
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 2, gamma=0.5)
    return model, optimizer, scheduler, torch.Generator().manual_seed(0)


def train(model, optimizer, scheduler, shuffle, epochs: range) -> None:
    loader = DataLoader(data, batch_size=32, shuffle=True, generator=shuffle)
    model.train()
    for _ in epochs:
        for x, y in loader:
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()
        scheduler.step()


def save_atomically(checkpoint: dict, path: Path) -> None:
    # Write a new file, then rename it over the old one: a crash
    # while writing never leaves a half-written checkpoint.
    partial = path.with_suffix(".partial")
    torch.save(checkpoint, partial)
    partial.replace(path)


# Six epochs without a break.
model, optimizer, scheduler, shuffle = start()
train(model, optimizer, scheduler, shuffle, range(6))

# Three epochs, a checkpoint, then a new process would resume from it.
folder = Path(tempfile.mkdtemp())
first = start()
train(*first, range(3))
first_model, first_optimizer, first_scheduler, first_shuffle = first
checkpoint = {
    "epoch": 3,
    "model": first_model.state_dict(),
    # AdamW's running averages, and where the schedule stands.
    "optimizer": first_optimizer.state_dict(),
    "scheduler": first_scheduler.state_dict(),
    # Where the batch order stands.
    "shuffle": first_shuffle.get_state(),
    # Dropout draws from torch's global generator.
    "torch_rng": torch.get_rng_state(),
}
save_atomically(checkpoint, folder / "checkpoint.pt")

resumed, resumed_optimizer, resumed_scheduler, resumed_shuffle = start()
# map_location: a checkpoint saved on a GPU opens on a CPU-only machine too.
loaded = torch.load(
    folder / "checkpoint.pt", map_location="cpu", weights_only=True
)
resumed.load_state_dict(loaded["model"])
resumed_optimizer.load_state_dict(loaded["optimizer"])
resumed_scheduler.load_state_dict(loaded["scheduler"])
resumed_shuffle.set_state(loaded["shuffle"])
torch.set_rng_state(loaded["torch_rng"])
rest = range(loaded["epoch"], 6)
train(resumed, resumed_optimizer, resumed_scheduler, resumed_shuffle, rest)

same = all(
    torch.equal(a, b)
    for a, b in zip(
        model.state_dict().values(), resumed.state_dict().values(), strict=True
    )
)
print("resumed from epoch", loaded["epoch"])
print("learning rate now:", resumed_scheduler.get_last_lr())
print("same weights as training without a break:", same)

import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

data = TensorDataset(
    torch.randn(256, 4, generator=torch.Generator().manual_seed(1)),
    torch.arange(256) % 2,
)


def start() -> tuple[nn.Module, torch.optim.Optimizer, torch.Generator]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)
    return model, optimizer, torch.Generator().manual_seed(0)


def train(model, optimizer, shuffle: torch.Generator, epochs: range) -> None:
    loader = DataLoader(data, batch_size=32, shuffle=True, generator=shuffle)
    for _ in epochs:
        for x, y in loader:
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()


# Six epochs without a break.
model, optimizer, shuffle = start()
train(model, optimizer, shuffle, range(6))

# Three epochs, a checkpoint, then a new process would resume from it.
folder = Path(tempfile.mkdtemp())
first, first_optimizer, first_shuffle = start()
train(first, first_optimizer, first_shuffle, range(3))
checkpoint = {
    "model": first.state_dict(),
    "optimizer": first_optimizer.state_dict(),  # AdamW's running averages
    "epoch": 3,
    "shuffle": first_shuffle.get_state(),  # where the batch order stands
}
torch.save(checkpoint, folder / "checkpoint.pt")

resumed, resumed_optimizer, resumed_shuffle = start()
# map_location: a checkpoint saved on a GPU opens on a CPU-only machine too.
loaded = torch.load(
    folder / "checkpoint.pt", map_location="cpu", weights_only=True
)
resumed.load_state_dict(loaded["model"])
resumed_optimizer.load_state_dict(loaded["optimizer"])
resumed_shuffle.set_state(loaded["shuffle"])
train(resumed, resumed_optimizer, resumed_shuffle, range(loaded["epoch"], 6))

same = all(
    torch.equal(a, b)
    for a, b in zip(
        model.state_dict().values(), resumed.state_dict().values(), strict=True
    )
)
print("resumed from epoch", loaded["epoch"])
print("same weights as training without a break:", same)

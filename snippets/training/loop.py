import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
# 600 points in the plane, in 3 classes around 3 centres
centres = torch.tensor([[0.0, 1.0], [1.0, -0.5], [-1.0, -0.5]])
labels = torch.randint(0, 3, (600,))
points = centres[labels] + 0.8 * torch.randn(600, 2)
dataset = TensorDataset(points, labels)
train_set, val_set = random_split(dataset, [0.8, 0.2])
train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
val_loader = DataLoader(val_set, batch_size=256)

# The GPU if this machine has one, else the CPU (see the CPU and GPU page).
accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator if accelerator is not None else torch.device("cpu")

model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3)).to(device)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def train_one_epoch() -> float:
    # training mode: dropout on, batch norm updating
    model.train()
    total = 0.0
    for x, y in train_loader:
        # the batch goes where the model is
        x, y = x.to(device), y.to(device)
        # 1. forget the last batch's gradients
        optimizer.zero_grad()
        # 2. forward pass, 3. loss
        loss = loss_fn(model(x), y)
        # 4. gradients of the loss
        loss.backward()
        # 5. update the parameters
        optimizer.step()
        total += loss.item() * len(y)
    return total / len(train_set)


def accuracy() -> float:
    # evaluation mode
    model.eval()
    correct = 0
    # no graph: faster, less memory
    with torch.inference_mode():
        for x, y in val_loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum().item()
    return correct / len(val_set)


for epoch in range(5):
    loss = train_one_epoch()
    print(
        f"epoch {epoch}: train loss {loss:.3f}, val accuracy {accuracy():.3f}"
    )

import torch
from torch import nn

torch.manual_seed(0)
# Random labels: there is nothing to learn, only to memorise.
features, labels = torch.randn(200, 20), torch.randint(0, 2, (200,))
train_x, train_y = features[:100], labels[:100]
test_x, test_y = features[100:], labels[100:]

model = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 2))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(300):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(train_x), train_y).backward()
    optimizer.step()


def accuracy(x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.inference_mode():
        return (model(x).argmax(dim=1) == y).float().mean().item()


# wrong number
print(f"on the training data: {accuracy(train_x, train_y):.2f}")
# the real one
print(f"on held-out data: {accuracy(test_x, test_y):.2f}")

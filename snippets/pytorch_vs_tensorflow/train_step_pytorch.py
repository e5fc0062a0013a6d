import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(32, 3)
# targets from known weights
y = x @ torch.tensor([[1.0], [-2.0], [0.5]])

model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

for _ in range(100):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # gradients from the graph recorded during the forward pass
    loss.backward()
    optimizer.step()

print(f"loss {loss.item():.6f}")
print(model.weight.detach().round(decimals=2))

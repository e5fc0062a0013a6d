import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

total = 0
for _ in range(3):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(torch.randn(8, 2)), torch.zeros(8, 1))
    loss.backward()
    optimizer.step()
    # the bug: a tensor, so every step's graph stays in memory
    total += loss

print(total)
# The fix: .item() keeps only the number.
print(round(total.item(), 4))

import math

import torch
from torch import nn

model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
# Halve the learning rate every 2 epochs.
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
for epoch in range(6):
    print(f"epoch {epoch}: lr {scheduler.get_last_lr()[0]:.4f}")
    # 0.1 halved once for every 2 epochs done
    halved = 0.1 * 0.5 ** (epoch // 2)
    assert math.isclose(scheduler.get_last_lr()[0], halved)
    # (a real epoch trains here)
    optimizer.step()
    # once per epoch, after the optimizer
    scheduler.step()

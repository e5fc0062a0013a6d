import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
# 1,000 examples of 3 numbers, each with a label 0 or 1.
dataset = TensorDataset(torch.randn(1000, 3), torch.randint(0, 2, (1000,)))
loader = DataLoader(dataset, batch_size=64, shuffle=True)

print("examples:", len(dataset))
print("batches per epoch:", len(loader))
print("ceil(1000 / 64) =", math.ceil(1000 / 64))
sizes = [len(labels) for _, labels in loader]
print("batch sizes:", sizes[:3], "...", sizes[-2:])

iterations, seen = 0, 0
for epoch in range(3):
    for batch in loader:
        # One iteration: one batch, one optimizer step.
        iterations += 1
        seen += len(batch[0])
    print(f"epoch {epoch + 1}: {iterations} iterations, {seen} examples")

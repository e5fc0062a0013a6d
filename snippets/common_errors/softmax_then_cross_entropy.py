import torch
from torch import nn

loss_fn = nn.CrossEntropyLoss()
# very sure of class 0
logits = torch.tensor([[8.0, -4.0, -4.0]])
# and right
target = torch.tensor([0])

print(f"{loss_fn(logits, target).item():.4f}")
# The bug: softmax first. CrossEntropyLoss applies log-softmax again, so
# even a perfect answer keeps a loss near log(1 + 2/e) and weak gradients.
probabilities = torch.softmax(logits, dim=1)
print(f"{loss_fn(probabilities, target).item():.4f}")

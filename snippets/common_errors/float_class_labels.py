import torch
from torch import nn

logits = torch.randn(4, 3, generator=torch.Generator().manual_seed(0))
# class numbers, but floats
labels = torch.tensor([0.0, 2.0, 1.0, 0.0])

try:
    nn.CrossEntropyLoss()(logits, labels)
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: class indices are integers (int64).
print(nn.CrossEntropyLoss()(logits, labels.long()))

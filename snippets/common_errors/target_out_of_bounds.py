import torch
from torch import nn

loss_fn = nn.CrossEntropyLoss()
# Scores for 3 classes, so the valid labels are 0, 1 and 2.
logits = torch.zeros(4, 3)
labels = torch.tensor([0, 1, 2, 3])
try:
    loss_fn(logits, labels)
except IndexError as error:
    print("IndexError:", error)

# The fix: one output per class, counted from the labels.
num_classes = int(labels.max()) + 1
logits = torch.zeros(4, num_classes)
print(num_classes, loss_fn(logits, labels))

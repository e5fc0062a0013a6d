import torch

from data import load_splits

train_set, val_set, test_set = load_splits()
labels = torch.stack([label for _, label in train_set])
counts = torch.bincount(labels, minlength=10)
print("training images per digit:", counts.tolist())
print("fewest:", counts.min().item(), "| most:", counts.max().item())
# counted a second way: the labels equal to each digit
assert counts.tolist() == [(labels == d).sum().item() for d in range(10)]

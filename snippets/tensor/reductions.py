import torch

# 2 samples (rows), scores for 3 classes (columns)
scores = torch.tensor([[0.1, 2.0, 0.3], [1.5, 0.2, 0.9]])

# every element: a 0-d tensor
print(scores.sum())
# collapse dim 0: one value per column
print(scores.sum(dim=0))
# collapse dim 1: one value per sample
print(scores.mean(dim=1))
# keepdim keeps a size-1 dim
print(scores.mean(dim=1, keepdim=True).shape)

# the largest score of each row, and where
values, indices = scores.max(dim=1)
print(values, indices)
# only where: the predicted class of each sample
print(scores.argmax(dim=1))

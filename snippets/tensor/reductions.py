import torch

# 2 samples (rows), scores for 3 classes (columns)
scores = torch.tensor([[0.1, 2.0, 0.3], [1.5, 0.2, 0.9]])

print(scores.sum())  # every element: a 0-d tensor
print(scores.sum(dim=0))  # collapse dim 0: one value per column
print(scores.mean(dim=1))  # collapse dim 1: one value per sample
print(scores.mean(dim=1, keepdim=True).shape)  # keepdim keeps a size-1 dim

values, indices = scores.max(dim=1)  # the largest score of each row, and where
print(values, indices)
print(scores.argmax(dim=1))  # only where: the predicted class of each sample

import torch
from torch.utils.data import TensorDataset, random_split

torch.manual_seed(0)
# 10 samples, 3 features each
features = torch.randn(10, 3)
labels = torch.arange(10) % 2

# sample i: (features[i], labels[i])
dataset = TensorDataset(features, labels)
x, y = dataset[0]
print(len(dataset), x.shape, y)

# A seeded generator of its own: the same split on every run and machine.
generator = torch.Generator().manual_seed(42)
train_set, val_set = random_split(dataset, [0.8, 0.2], generator=generator)
print(len(train_set), len(val_set))
print(val_set.indices)

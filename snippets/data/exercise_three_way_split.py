import torch
from torch.utils.data import TensorDataset, random_split

dataset = TensorDataset(torch.arange(100))
generator = torch.Generator().manual_seed(0)
train_set, val_set, test_set = random_split(
    dataset, [0.7, 0.2, 0.1], generator=generator
)
sizes = [len(train_set), len(val_set), len(test_set)]
print(*sizes)
seen = set(train_set.indices) | set(val_set.indices) | set(test_set.indices)
print("every sample in exactly one split:", len(seen) == len(dataset))
# 100 different indices in 70 + 20 + 10 places: none twice
assert sizes == [70, 20, 10] and len(seen) == len(dataset)

import torch
from torch.utils.data import DataLoader, TensorDataset

# 10 samples, 2 features
features = torch.arange(20.0).reshape(10, 2)
labels = torch.arange(10)
dataset = TensorDataset(features, labels)

shuffled = DataLoader(
    dataset,
    batch_size=4,
    # a new order every epoch
    shuffle=True,
    # ...the same orders every run
    generator=torch.Generator().manual_seed(0),
)
for batch_features, batch_labels in shuffled:
    print(batch_features.shape, batch_labels.tolist())

# drop_last=True skips the last, smaller batch.
in_order = DataLoader(dataset, batch_size=4, drop_last=True)
print([batch_labels.tolist() for _, batch_labels in in_order])

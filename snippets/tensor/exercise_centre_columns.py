import torch

x = torch.arange(12, dtype=torch.float32).reshape(3, 4)
column_means = x.mean(dim=0, keepdim=True)  # shape (1, 4), not (4,)
centred = x - column_means  # broadcast over the 3 rows
print(column_means)
print(centred.mean(dim=0))

import torch

x = torch.arange(12, dtype=torch.float32).reshape(3, 4)
# shape (1, 4), not (4,)
column_means = x.mean(dim=0, keepdim=True)
# broadcast over the 3 rows
centred = x - column_means
print(column_means)
print(centred.mean(dim=0))
assert torch.equal(centred.mean(dim=0), torch.zeros(4))

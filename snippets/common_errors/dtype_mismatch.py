import torch
from torch import nn

layer = nn.Linear(3, 1)
# Python ints: int64 ("Long")
batch = torch.tensor([[1, 2, 3]])

try:
    layer(batch)
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: convert the input to the parameters' dtype.
print(layer(batch.float()).dtype)

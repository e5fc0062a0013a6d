import torch
from torch import nn

layer = nn.Linear(in_features=3, out_features=2)
# 5 features, but the layer expects 3
batch = torch.ones(4, 5)

try:
    layer(batch)
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: make the layer's in_features match the last dimension of the input.
layer = nn.Linear(in_features=batch.shape[-1], out_features=2)
print(layer(batch).shape)

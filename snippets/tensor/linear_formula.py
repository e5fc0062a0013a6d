import torch
from torch import nn

torch.manual_seed(0)
# weight shape: (out_features, in_features)
layer = nn.Linear(3, 2)
# a batch: one sample per row
x = torch.randn(4, 3)

by_hand = x @ layer.weight.T + layer.bias
print(layer.weight.shape, x.shape, by_hand.shape)
print(torch.allclose(layer(x), by_hand))

# Y = WX + b with one sample per column is the same computation, transposed.
column_form = layer.weight @ x.T + layer.bias[:, None]
print(torch.allclose(column_form.T, by_hand))

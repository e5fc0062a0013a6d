import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Dropout(p=0.5)
x = torch.ones(8)

# dropout zeroes random elements and scales the rest by 2
layer.train()
print(layer(x))

# evaluation mode: dropout does nothing
layer.eval()
print(layer(x))
print(layer.training)

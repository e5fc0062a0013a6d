import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Dropout(p=0.5)
x = torch.ones(8)

layer.train()  # dropout zeroes random elements and scales the rest by 2
print(layer(x))

layer.eval()  # evaluation mode: dropout does nothing
print(layer(x))
print(layer.training)

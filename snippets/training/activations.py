import torch
from torch import nn

x = torch.linspace(-3, 3, 7)
print("x:      ", x)
print("relu:   ", torch.relu(x))
print("gelu:   ", nn.functional.gelu(x).round(decimals=2))
print("sigmoid:", torch.sigmoid(x).round(decimals=2))
print("tanh:   ", torch.tanh(x).round(decimals=2))

torch.manual_seed(0)
first, second = nn.Linear(4, 8), nn.Linear(8, 3)
stacked = nn.Sequential(first, second)
# Two linear layers with nothing between them are one linear
# layer: weight W2 @ W1, bias W2 @ b1 + b2.
merged = nn.Linear(4, 3)
with torch.no_grad():
    merged.weight.copy_(second.weight @ first.weight)
    merged.bias.copy_(second.weight @ first.bias + second.bias)
inputs = torch.randn(5, 4)
same = torch.allclose(stacked(inputs), merged(inputs), atol=1e-6)
print("two layers = one layer:", same)

# A ReLU between them: the merged layer no longer matches.
with_relu = nn.Sequential(first, nn.ReLU(), second)
same = torch.allclose(with_relu(inputs), merged(inputs), atol=1e-6)
print("with a ReLU between:", same)

import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))

for name, parameter in net.named_parameters():
    print(
        f"{name:9} {tuple(parameter.shape)}",
        f"requires_grad={parameter.requires_grad}",
    )

total = sum(parameter.numel() for parameter in net.parameters())
# 4*8 + 8 + 8*3 + 3
print("parameters:", total)

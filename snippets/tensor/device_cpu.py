import torch

device = torch.device("cpu")
x = torch.ones(2, 3, device=device)
y = (x * 2).to(device)
print(x.device, y.device)
print(y.sum())

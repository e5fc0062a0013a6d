import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 1))
x = torch.ones(1, 4)

# Still in training mode: dropout zeroes different units on every call.
print(round(model(x).item(), 4), round(model(x).item(), 4))

# The fix: eval() before predicting. Now the same input gives the same output.
model.eval()
print(round(model(x).item(), 4), round(model(x).item(), 4))

# needs: cuda
import torch
from torch import nn

model = nn.Linear(4, 2).to("cuda")
batch = torch.ones(8, 4)  # forgot .to(...): still on the CPU

try:
    model(batch)
except RuntimeError as error:
    print("RuntimeError:", error)

print(model(batch.to("cuda")).shape)  # the fix: put the data where the model is

import torch
from torch import nn

# Without a GPU, the "meta" device (shapes, no data) shows the same mistake.
model = nn.Linear(4, 2).to("meta")
batch = torch.ones(8, 4)  # forgot .to(...): still on the CPU

try:
    model(batch)
except RuntimeError as error:
    print("RuntimeError:", error)

print(model(batch.to("meta")).shape)  # the fix: put the data where the model is

import torch
from torch import nn

# Without a GPU, the "meta" device (shapes, no data) shows the same mistake.
model = nn.Linear(4, 2).to("meta")
# forgot .to(...): still on the CPU
batch = torch.ones(8, 4)

try:
    model(batch)
except RuntimeError as error:
    print("RuntimeError:", error)

# the fix: put the data where the model is
print(model(batch.to("meta")).shape)

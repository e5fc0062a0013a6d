# output: varies by machine
import torch
from torch import nn

# Write the device once; everything else follows it.
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")

torch.manual_seed(0)
model = nn.Linear(4, 2).to(device)  # moves the parameters
batch = torch.randn(8, 4).to(device)  # data must follow the model
output = model(batch)
print("device:", device)
print("model on:", next(model.parameters()).device)
print("output on:", output.device)
print("back on the CPU for NumPy:", output.detach().cpu().numpy().shape)

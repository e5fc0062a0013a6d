# output: varies by machine
import torch
from torch import nn

# Write the device once; everything else follows it. torch.accelerator
# names the accelerator this torch build and this machine have (CUDA, MPS,
# XPU...), or None: then the CPU.
accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator if accelerator is not None else torch.device("cpu")

torch.manual_seed(0)
# moves the parameters
model = nn.Linear(4, 2).to(device)
# Create data on the device directly, rather than on the CPU and then copied.
batch = torch.randn(8, 4, device=device)
output = model(batch)
print("device:", device)
print("model on:", next(model.parameters()).device)
print("output on:", output.device)
# .item() and print work on any device; only .numpy() needs the CPU copy.
print("a Python number:", round(output[0, 0].item(), 4))
print("NumPy needs the CPU copy:", output.detach().cpu().numpy().shape)

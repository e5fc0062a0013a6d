# output: varies by machine
import torch

print("torch", torch.__version__)
print("CUDA available:", torch.cuda.is_available())

# Prefer an NVIDIA GPU, then Apple silicon, then the CPU.
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")
print("device:", device)

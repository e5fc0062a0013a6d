# output: varies by machine
import torch

print("torch", torch.__version__)
print("CUDA available:", torch.cuda.is_available())

# torch.accelerator covers NVIDIA (CUDA), Apple silicon (MPS), Intel (XPU)
# and others; None means CPU only.
accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator if accelerator is not None else torch.device("cpu")
print("device:", device)

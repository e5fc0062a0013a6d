# output: varies by machine
import torch
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
dataset = TensorDataset(torch.randn(256, 4), torch.randint(0, 2, (256,)))

# Pinned (page-locked) host memory lets copies to the GPU run asynchronously;
# it only helps, and only works, when there is a GPU to copy to.
loader = DataLoader(dataset, batch_size=64, pin_memory=device.type == "cuda")
for features, labels in loader:
    features = features.to(device, non_blocking=True)
    labels = labels.to(device, non_blocking=True)

print("batches:", len(loader), "| pinned:", loader.pin_memory)

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(784, 2048),
    nn.ReLU(),
    nn.Linear(2048, 2048),
    nn.ReLU(),
    nn.Linear(2048, 10),
)
weights = {p.data_ptr() for p in model.parameters()}


def kept_for_backward(batch_size: int) -> float:
    """MiB kept for backward()."""
    kept = {}

    # Autograd calls this for each tensor
    # it saves for backward().
    def pack(tensor: torch.Tensor) -> torch.Tensor:
        storage = tensor.untyped_storage()
        # The weights are in memory anyway.
        if storage.data_ptr() not in weights:
            kept[storage.data_ptr()] = storage.nbytes()
        return tensor

    images = torch.randn(batch_size, 784)
    hooks = torch.autograd.graph.saved_tensors_hooks
    with hooks(pack, lambda tensor: tensor):
        model(images)
    return sum(kept.values()) / 2**20


for batch_size in [64, 128, 256]:
    mib = kept_for_backward(batch_size)
    print(f"batch {batch_size}: {mib:.1f} MiB kept")

# Evaluation: no graph, nothing kept.
with torch.no_grad():
    mib = kept_for_backward(256)
    print(f"batch 256, no_grad: {mib:.1f} MiB kept")

import torch

prediction = torch.tensor([2.0, 3.0], requires_grad=True)
target = torch.tensor([2.0, 3.0])


def distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # Broken when a == b: the slope of sqrt at 0 is infinite.
    return torch.sqrt(((a - b) ** 2).sum())


distance(prediction, target).backward()
print("gradient:", prediction.grad)

# The diagnostic: anomaly mode names the operation whose
# backward pass first produced nan.
prediction.grad = None
with torch.autograd.set_detect_anomaly(True):
    try:
        distance(prediction, target).backward()
    except RuntimeError as error:
        print("RuntimeError:", error)

# Fix: keep sqrt away from 0 with a small epsilon.
prediction.grad = None
fixed = torch.sqrt(((prediction - target) ** 2).sum() + 1e-8)
fixed.backward()
print("gradient:", prediction.grad)

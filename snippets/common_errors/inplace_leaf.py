import torch

weights = torch.ones(3, requires_grad=True)

try:
    weights += 1  # in-place change of a leaf tensor that autograd tracks
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: change parameters outside the graph, as optimizers do.
with torch.no_grad():
    weights += 1
print(weights)

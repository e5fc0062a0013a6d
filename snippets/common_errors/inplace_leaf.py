import torch

weights = torch.ones(3, requires_grad=True)

try:
    # in-place change of a leaf tensor that autograd tracks
    weights += 1
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: change parameters outside the graph, as optimizers do.
with torch.no_grad():
    weights += 1
print(weights)

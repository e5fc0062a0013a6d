import torch

weights = torch.ones(3, requires_grad=True)
doubled = weights * 2

try:
    doubled.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: detach from the graph first (and .cpu() first if on a GPU).
print(doubled.detach().cpu().numpy())

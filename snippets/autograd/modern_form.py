import torch

# Since PyTorch 0.4 a tensor carries requires_grad itself; no wrapper is needed.
weights = torch.ones(2, requires_grad=True)
loss = (weights * 3).sum()
loss.backward()
print(type(weights).__name__, weights.grad)

import torch

x = torch.tensor(3.0, requires_grad=True)
f = x**3 - 2 * x
f.backward()
print("autograd:", x.grad.item())
print("by hand, 3x^2 - 2:", 3 * 3.0**2 - 2)

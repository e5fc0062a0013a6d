import torch

x = torch.tensor(3.0, requires_grad=True)
f = x**3 - 2 * x
f.backward()
by_hand = 3 * 3.0**2 - 2
print("autograd:", x.grad.item())
print("by hand, 3x^2 - 2:", by_hand)
assert x.grad.item() == by_hand

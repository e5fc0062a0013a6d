import torch

x = torch.tensor(2.0, requires_grad=True)  # ask autograd to track x
y = x**2 + 3 * x  # the graph is recorded while this line runs

y.backward()  # dy/dx, evaluated at x = 2
print(y)
print(x.grad)

# By hand: dy/dx = 2x + 3 = 7 at x = 2.
print(x.grad.item() == 2 * 2.0 + 3)

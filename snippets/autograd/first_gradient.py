import torch

# ask autograd to track x
x = torch.tensor(2.0, requires_grad=True)
# the graph is recorded while this line runs
y = x**2 + 3 * x

# dy/dx, evaluated at x = 2
y.backward()
print(y)
print(x.grad)

# By hand: dy/dx = 2x + 3 = 7 at x = 2.
print(x.grad.item() == 2 * 2.0 + 3)

import torch

x = torch.tensor(3.0, requires_grad=True)
y = x**3

# torch.autograd.grad returns gradients instead of storing them in .grad.
# create_graph=True records the gradient computation too, so it can be
# differentiated again.
(dy_dx,) = torch.autograd.grad(y, x, create_graph=True)
(d2y_dx2,) = torch.autograd.grad(dy_dx, x)
# 3x^2 = 27 and 6x = 18 at x = 3
print(dy_dx.item(), d2y_dx2.item())
# untouched
print(x.grad)

import torch

x = torch.tensor([1.0, -2.0, 0.5])
w = torch.zeros(3, requires_grad=True)
loss = (w * x).sum()
loss.backward()
# d(loss)/dw_i = x_i: the gradient is the input itself.
print(w.grad)
print("equal to x:", torch.equal(w.grad, x))
assert torch.equal(w.grad, x)

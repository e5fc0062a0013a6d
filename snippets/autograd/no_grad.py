import torch

w = torch.tensor(1.0, requires_grad=True)

# e.g. evaluating a model, or updating weights by hand
with torch.no_grad():
    y = w * 2
print(y.requires_grad, y.grad_fn)

# like no_grad, faster, for pure inference
with torch.inference_mode():
    z = w * 2
print(z.requires_grad, z.is_inference())

# same values, cut off from the graph
d = (w * 2).detach()
print(d.requires_grad)
# .numpy() works on a detached tensor
print(d.numpy())

import torch

w = torch.tensor(1.0, requires_grad=True)

with torch.no_grad():  # e.g. evaluating a model, or updating weights by hand
    y = w * 2
print(y.requires_grad, y.grad_fn)

with torch.inference_mode():  # like no_grad, faster, for pure inference
    z = w * 2
print(z.requires_grad, z.is_inference())

d = (w * 2).detach()  # same values, cut off from the graph
print(d.requires_grad)
print(d.numpy())  # .numpy() works on a detached tensor

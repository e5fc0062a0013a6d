import torch

x = torch.arange(6)
# a view: new shape, same memory
v = x.view(2, 3)
v[0, 0] = 100
# x changed too
print(x)

# a copy: new memory
c = x.clone()
c[0] = -1
print(x[0].item(), c[0].item())

# transposing gives a view whose elements are not laid out in order
t = v.t()
print(t.is_contiguous())
try:
    t.view(6)
except RuntimeError as error:
    print("RuntimeError:", error)
# reshape copies when it has to
print(t.reshape(6))
print(t.contiguous().view(6))

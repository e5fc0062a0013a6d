import torch

x = torch.arange(6)
v = x.view(2, 3)  # a view: new shape, same memory
v[0, 0] = 100
print(x)  # x changed too

c = x.clone()  # a copy: new memory
c[0] = -1
print(x[0].item(), c[0].item())

t = v.t()  # transposing gives a view whose elements are not laid out in order
print(t.is_contiguous())
try:
    t.view(6)
except RuntimeError as error:
    print("RuntimeError:", error)
print(t.reshape(6))  # reshape copies when it has to
print(t.contiguous().view(6))

import torch

# Python ints become int64
print(torch.tensor([1, 2]).dtype)
# Python floats become the default float dtype
print(torch.tensor([1.0, 2.0]).dtype)
print(torch.get_default_dtype())

x = torch.tensor([1, 2, 3])
print(x.to(torch.float32))
print(x.float().dtype, x.double().dtype, x.half().dtype)

# Mixing dtypes promotes to the "wider" one instead of failing.
print((torch.tensor([1, 2]) + torch.tensor([0.5, 0.5])).dtype)

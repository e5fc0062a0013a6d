import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[10.0, 20.0], [30.0, 40.0]])

# Element-wise: each entry meets the entry at the same position.
print(a + b)
print(a * b)
print(a**2)

# Matrix product: each row of a with each column of b.
print(a @ b)
print(torch.equal(a @ b, torch.matmul(a, b)))

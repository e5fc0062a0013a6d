import torch

print(torch.zeros(2, 3))
print(torch.ones(2, dtype=torch.int64))
print(torch.arange(0, 10, 3))
print(torch.linspace(0, 1, steps=5))
print(torch.full((2, 2), 7.0))
print(torch.eye(2))

# Random tensors are reproducible once the generator is seeded.
torch.manual_seed(0)
print(torch.rand(2, 2))

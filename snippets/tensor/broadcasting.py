import torch

# shape (3, 1)
column = torch.tensor([[0], [10], [20]])
# shape (4,)
row = torch.tensor([1, 2, 3, 4])

# Shapes are compared from the right; a size of 1 (or a missing dimension)
# is stretched to match.
table = column + row
print(table.shape)
print(table)

try:
    torch.ones(3) + torch.ones(4)
except RuntimeError as error:
    print("RuntimeError:", error)

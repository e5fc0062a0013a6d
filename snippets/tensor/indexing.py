import torch

grid = torch.arange(12).reshape(3, 4)
print(grid)

print(grid[0])  # first row
print(grid[:, 1])  # second column
print(grid[1, 2].item())  # one element as a Python number
print(grid[1:, ::2])  # rows 1.., every other column

mask = grid % 2 == 0
print(mask)
print(grid[mask])  # boolean masks select elements into a 1-d tensor
print(grid[[0, 2]])  # a list of indices picks whole rows

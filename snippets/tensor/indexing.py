import torch

grid = torch.arange(12).reshape(3, 4)
print(grid)

# first row
print(grid[0])
# second column
print(grid[:, 1])
# one element as a Python number
print(grid[1, 2].item())
# rows 1.., every other column
print(grid[1:, ::2])

mask = grid % 2 == 0
print(mask)
# boolean masks select elements into a 1-d tensor
print(grid[mask])
# a list of indices picks whole rows
print(grid[[0, 2]])

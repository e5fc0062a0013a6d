import torch

x = torch.arange(12)
print(x.shape, x.numel())

grid = x.reshape(3, 4)
print(grid)
print(grid.shape, grid.size(0), grid.size(1))

# -1: "work this dimension out for me"
print(grid.reshape(2, -1).shape)
# add a leading dimension of size 1
print(grid.unsqueeze(0).shape)
# transpose a matrix
print(grid.t().shape)
# reorder dimensions
print(torch.zeros(2, 3, 4).permute(2, 0, 1).shape)

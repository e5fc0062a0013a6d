import torch

scalar = torch.tensor(3.5)
vector = torch.tensor([1.0, 2.0, 3.0])
matrix = torch.tensor([[1, 2], [3, 4]])
# e.g. 2 samples, each a 3x4 grid
batch = torch.zeros(2, 3, 4)

print("scalar:", scalar.ndim, scalar.shape)
print("vector:", vector.ndim, vector.shape)
print("matrix:", matrix.ndim, matrix.shape)
print("batch: ", batch.ndim, batch.shape)

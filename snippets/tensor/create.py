import torch

scalar = torch.tensor(3.5)
vector = torch.tensor([1.0, 2.0, 3.0])
matrix = torch.tensor([[1, 2], [3, 4]])
batch = torch.zeros(2, 3, 4)  # e.g. 2 samples, each a 3x4 grid

for name, t in [("scalar", scalar), ("vector", vector), ("matrix", matrix), ("batch", batch)]:
    print(f"{name:6} ndim={t.ndim} shape={tuple(t.shape)}")

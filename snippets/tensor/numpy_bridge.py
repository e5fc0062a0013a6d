import numpy as np
import torch

array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # shares memory with the NumPy array
copied = torch.tensor(array)  # always copies

array[0] = 100.0
print(shared)
print(copied)

t = torch.ones(3)
n = t.numpy()  # CPU tensor -> NumPy array, also sharing memory
t.add_(1)
print(n, n.dtype)

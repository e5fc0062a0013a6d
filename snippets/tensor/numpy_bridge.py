import numpy as np
import torch

array = np.array([1.0, 2.0, 3.0])
# shares memory with the NumPy array
shared = torch.from_numpy(array)
# always copies
copied = torch.tensor(array)

array[0] = 100.0
print(shared)
print(copied)

t = torch.ones(3)
# CPU tensor -> NumPy array, also sharing memory
n = t.numpy()
t.add_(1)
print(n, n.dtype)

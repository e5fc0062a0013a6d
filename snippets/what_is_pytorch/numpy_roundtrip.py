import numpy as np
import torch

array = np.arange(6, dtype=np.float32).reshape(2, 3)
tensor = torch.from_numpy(array)  # no copy: both see the same memory
doubled = (tensor * 2).numpy()  # back to NumPy for plotting, SciPy, pandas...

print(type(doubled).__name__, doubled.dtype, doubled.shape)
print(doubled)
print(np.shares_memory(array, tensor.numpy()))

import numpy as np
import torch

array = np.arange(6, dtype=np.float32).reshape(2, 3)
# no copy: both see the same memory
tensor = torch.from_numpy(array)
# back to NumPy for plotting, SciPy, pandas...
doubled = (tensor * 2).numpy()

print(type(doubled).__name__, doubled.dtype, doubled.shape)
print(doubled)
print(np.shares_memory(array, tensor.numpy()))

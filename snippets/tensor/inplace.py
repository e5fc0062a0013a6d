import torch

x = torch.tensor([1.0, 2.0, 3.0])
address = x.data_ptr()

y = x.add(1)  # out-of-place: returns a new tensor, x is unchanged
print(x, y)

x.add_(1)  # in-place: the trailing underscore means "modify x itself"
print(x)
print(x.data_ptr() == address)  # same memory as before

x += 1  # augmented assignment on a tensor is in-place too
print(x, x.data_ptr() == address)

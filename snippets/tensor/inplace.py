import torch

x = torch.tensor([1.0, 2.0, 3.0])
address = x.data_ptr()

# out-of-place: returns a new tensor, x is unchanged
y = x.add(1)
print(x, y)

# in-place: the trailing underscore means "modify x itself"
x.add_(1)
print(x)
# same memory as before
print(x.data_ptr() == address)

# augmented assignment on a tensor is in-place too
x += 1
print(x, x.data_ptr() == address)

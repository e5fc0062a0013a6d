import torch

w = torch.tensor(1.0, requires_grad=True)

for step in range(3):
    loss = 2 * w  # d(loss)/dw = 2 every time
    loss.backward()
    print(f"step {step}: w.grad = {w.grad.item()}")  # gradients add up

w.grad = None  # what optimizer.zero_grad() does by default
loss = 2 * w
loss.backward()
print(f"after zeroing: w.grad = {w.grad.item()}")

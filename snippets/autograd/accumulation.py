import torch

w = torch.tensor(1.0, requires_grad=True)

for step in range(3):
    # d(loss)/dw = 2 every time
    loss = 2 * w
    loss.backward()
    # gradients add up
    print(f"step {step}: w.grad = {w.grad.item()}")

# what optimizer.zero_grad() does by default
w.grad = None
loss = 2 * w
loss.backward()
print(f"after zeroing: w.grad = {w.grad.item()}")

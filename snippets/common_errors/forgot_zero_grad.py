import torch

w = torch.tensor(2.0, requires_grad=True)
x, y = torch.tensor(3.0), torch.tensor(0.0)

# Without zeroing, each backward() adds to the previous gradients.
for step in range(3):
    loss = (w * x - y) ** 2
    loss.backward()
    # 36, then 72, then 108
    print(f"step {step}: grad {w.grad.item():.0f}")

# The fix: clear the gradients at the start of every step.
for step in range(3):
    # optimizer.zero_grad() does this for all parameters
    w.grad = None
    loss = (w * x - y) ** 2
    loss.backward()
    # 36 every time
    print(f"step {step}: grad {w.grad.item():.0f}")

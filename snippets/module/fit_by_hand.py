import torch

# Data from a known line, Y = 3 X + 2, plus a little noise.
torch.manual_seed(0)
X = torch.rand(200, 1) * 10
Y = 3 * X + 2 + 0.1 * torch.randn(200, 1)

W = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
learning_rate = 0.02
losses = []

for step in range(2000):
    loss = ((X * W + b - Y) ** 2).mean()
    loss.backward()
    # the update itself must not be recorded
    with torch.no_grad():
        W -= learning_rate * W.grad
        b -= learning_rate * b.grad
    W.grad = None
    b.grad = None
    losses.append(loss.item())
    if step % 500 == 0:
        print(f"step {step:4}: loss {loss.item():.4f}")

print(f"W = {W.item():.3f}, b = {b.item():.3f}")

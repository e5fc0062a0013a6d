import torch

torch.manual_seed(0)
x = torch.randn(100)
y = 3 * x + 2
w = torch.tensor(0.5, requires_grad=True)

loss = ((w * x - y) ** 2).mean()
loss.backward()

# d/dw mean((w x - y)^2) = mean(2 (w x - y) x)
by_hand = (2 * (w.detach() * x - y) * x).mean()
print(f"autograd: {w.grad.item():.6f}")
print(f"by hand:  {by_hand.item():.6f}")
print(torch.allclose(w.grad, by_hand))

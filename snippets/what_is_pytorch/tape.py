import torch

# f(x, y) = x * y + sin(x). Autograd records each operation as it runs:
# that record is the "tape".
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
product = x * y
f = product + torch.sin(x)
inputs = [node.name() for node, _ in f.grad_fn.next_functions]
print("recorded:", f.grad_fn.name(), "<-", inputs)

# replays the tape backwards, applying the chain rule at each step
f.backward()
by_hand = 3 + torch.cos(x).item()
print(f"df/dx = {x.grad.item():.4f}  (by hand: y + cos(x) = {by_hand:.4f})")
print(f"df/dy = {y.grad.item():.4f}  (by hand: x = 2)")

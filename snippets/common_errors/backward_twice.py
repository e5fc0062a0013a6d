import torch

w = torch.tensor(2.0, requires_grad=True)
# Computed once, outside the loop that uses it.
loss = (w * 3) ** 2
try:
    for _ in range(2):
        # The first backward() frees the graph; the second has none.
        loss.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: compute the loss again in every step, from the parameters.
w.grad = None
for _ in range(2):
    loss = (w * 3) ** 2
    loss.backward()
print(w.grad)

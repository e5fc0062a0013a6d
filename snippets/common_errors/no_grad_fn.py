import torch

w = torch.tensor(2.0, requires_grad=True)
# Inside no_grad() nothing is recorded: the loss has no graph.
with torch.no_grad():
    loss = (w * 3) ** 2
try:
    loss.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

# The fix: compute the loss outside no_grad(), from the parameters.
loss = (w * 3) ** 2
loss.backward()
print(w.grad)

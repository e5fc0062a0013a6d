# history: pre-0.4 code (loss.data[0]), reproduced to show its error
import torch

# Pre-0.4 code read a loss with loss.data[0]; a loss is now a 0-d tensor.
prediction = torch.tensor([2.0, 4.0], requires_grad=True)
loss = ((prediction - 3.0) ** 2).mean()

try:
    loss.data[0]
except IndexError as error:
    print("IndexError:", error)

# The fix: .item() turns a one-element tensor into a Python number.
print(loss.item())

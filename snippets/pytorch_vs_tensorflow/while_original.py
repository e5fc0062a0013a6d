import torch

# The older articles' loop, with the digit 0 where they have the letter O.
A = torch.tensor([1.0])
B = torch.tensor([6.0])
steps = 0
# A < B is a boolean tensor; [0] takes its first element, which `while`
# reads as True or False.
while (A < B)[0]:
    A += 2
    B += 1
    steps += 1
print(A, B, steps)

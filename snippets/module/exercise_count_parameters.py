from torch import nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
for name, parameter in model.named_parameters():
    print(name, tuple(parameter.shape))
total = sum(parameter.numel() for parameter in model.parameters())
by_hand = 4 * 8 + 8 + 8 * 1 + 1
print("parameters:", total, "| by hand:", by_hand)
assert total == by_hand

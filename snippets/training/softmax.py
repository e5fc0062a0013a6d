import torch
import torch.nn.functional as F

# One image, three classes: the model's raw scores (logits).
logits = torch.tensor([2.0, 1.0, -1.0])
probabilities = torch.softmax(logits, dim=0)
print("probabilities:", probabilities.round(decimals=3))
print(f"sum: {probabilities.sum().item():.4f}")

# Cross-entropy: minus the log of the true class's probability.
true_class = 0
by_hand = -torch.log(probabilities[true_class])
print(f"by hand:       {by_hand.item():.4f}")
# F.cross_entropy takes a batch of logits and class indices.
batch = logits.unsqueeze(0)
loss = F.cross_entropy(batch, torch.tensor([true_class]))
print(f"cross_entropy: {loss.item():.4f}")

# Targets may also be one probability per class.
soft_target = torch.tensor([[0.9, 0.1, 0.0]])
print(f"soft target:   {F.cross_entropy(batch, soft_target).item():.4f}")

# Why logits: a confident wrong answer's probability rounds
# to 0 in float32, and the log of 0 is -inf.
confident = torch.tensor([[0.0, 120.0]])
wrong = torch.tensor([0])
print(-torch.log(torch.softmax(confident, dim=1))[0, 0])
print(F.cross_entropy(confident, wrong))

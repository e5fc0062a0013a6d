import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
# One sequence of 4 tokens, each a vector of 8 numbers.
query = torch.randn(1, 4, 8)
key = torch.randn(1, 4, 8)
value = torch.randn(1, 4, 8)

# How well each query matches each key: a 4 x 4 table of scores.
scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
# Each row becomes weights that sum to 1.
weights = torch.softmax(scores, dim=-1)
# Each output is a weighted average of the values.
by_hand = weights @ value

print("weights of the first query:", weights[0, 0].round(decimals=3))
print("row sums:", weights.sum(dim=-1).round(decimals=3))
pytorch = F.scaled_dot_product_attention(query, key, value)
print("same as PyTorch:", torch.allclose(by_hand, pytorch, atol=1e-6))
print(f"largest difference: {(by_hand - pytorch).abs().max():.1e}")

import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(1, 4, 8)

# True where a query may look: at its own position and earlier ones.
allowed = torch.ones(4, 4, dtype=torch.bool).tril()
print(allowed.int())

scores = x @ x.transpose(-2, -1) / 8**0.5
# A forbidden score becomes -inf, so its weight becomes exactly 0.
scores = scores.masked_fill(~allowed, float("-inf"))
weights = torch.softmax(scores, dim=-1)
print(weights[0].round(decimals=2))

by_hand = weights @ x
pytorch = F.scaled_dot_product_attention(x, x, x, is_causal=True)
print("same as is_causal=True:", torch.allclose(by_hand, pytorch, atol=1e-6))

# Change the last token: the first three outputs stay the same.
changed = x.clone()
changed[0, 3] = 100.0
after = F.scaled_dot_product_attention(
    changed, changed, changed, is_causal=True
)
print("first three unchanged:", torch.equal(after[0, :3], pytorch[0, :3]))

import torch
from torch import nn

torch.manual_seed(0)
# 16 numbers per token, split into 4 heads of 4 numbers each.
attention = nn.MultiheadAttention(embed_dim=16, num_heads=4, batch_first=True)
x = torch.randn(2, 5, 16)

# Self-attention: queries, keys and values all come from x.
output, weights = attention(x, x, x, average_attn_weights=False)
print("output: ", tuple(output.shape))
print("weights:", tuple(weights.shape))
print(
    "each head's rows sum to 1:", torch.allclose(weights.sum(-1), torch.ones(1))
)

parameters = sum(p.numel() for p in attention.parameters())
print("parameters:", parameters)

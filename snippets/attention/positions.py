import torch
from torch import nn

torch.manual_seed(0)
attention = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
x = torch.randn(1, 5, 8)
# The same tokens in another order.
order = torch.tensor([4, 2, 0, 3, 1])
shuffled = x[:, order]


def attend(tokens: torch.Tensor) -> torch.Tensor:
    return attention(tokens, tokens, tokens, need_weights=False)[0]


# Without positions, shuffling the input only shuffles the output.
same = torch.allclose(attend(shuffled), attend(x)[:, order], atol=1e-6)
print("order ignored without positions:", same)

# A learned vector per position, added to each token.
positions = nn.Embedding(5, 8)
place = positions(torch.arange(5))
with_places = attend(shuffled + place)
same = torch.allclose(with_places, attend(x + place)[:, order], atol=1e-6)
print("order ignored with positions:   ", same)

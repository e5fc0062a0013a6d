import torch
import torch.nn.functional as F
from torch import nn

# The task: six digits, a separator, then the same digits reversed,
# for example 3 1 4 1 5 9 = 9 5 1 4 1 3.
LENGTH = 6
SEPARATOR = 10
VOCABULARY = 11


def examples(numbers: torch.Tensor) -> torch.Tensor:
    """Turns whole numbers below 1,000,000 into token sequences."""
    powers = 10 ** torch.arange(LENGTH - 1, -1, -1)
    digits = numbers[:, None] // powers % 10
    separator = torch.full((len(numbers), 1), SEPARATOR)
    return torch.cat([digits, separator, digits.flip(1)], dim=1)


class Block(nn.Module):
    """One transformer block: attention, then a small MLP,
    each added to its input (a residual connection)."""

    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(width)
        self.self_attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(width)
        self.linear1 = nn.Linear(width, 2 * width)
        self.linear2 = nn.Linear(2 * width, width)

    def forward(self, x: torch.Tensor, mask: torch.Tensor):
        h = self.norm1(x)
        attended, weights = self.self_attn(
            h, h, h, attn_mask=mask, average_attn_weights=False
        )
        x = x + attended
        x = x + self.linear2(F.gelu(self.linear1(self.norm2(x))))
        return x, weights


class TinyTransformer(nn.Module):
    def __init__(self, width: int = 64, heads: int = 4, layers: int = 2):
        super().__init__()
        self.tokens = nn.Embedding(VOCABULARY, width)
        self.positions = nn.Embedding(2 * LENGTH, width)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, VOCABULARY)
        # Filled by forward: each block's attention weights.
        self.weights: list[torch.Tensor] = []

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        n = ids.shape[1]
        x = self.tokens(ids) + self.positions(torch.arange(n))
        # True above the diagonal: no token may look ahead.
        mask = torch.ones(n, n, dtype=torch.bool).triu(diagonal=1)
        self.weights = []
        for block in self.blocks:
            x, weights = block(x, mask)
            self.weights.append(weights)
        # One score per token of the vocabulary: what comes next.
        return self.head(self.norm(x))

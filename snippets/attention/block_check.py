import torch
from model import Block
from torch import nn

torch.manual_seed(0)
block = Block(width=64, heads=4)
# PyTorch's layer with the same design: normalise first, GELU, no dropout.
layer = nn.TransformerEncoderLayer(
    d_model=64,
    nhead=4,
    dim_feedforward=128,
    dropout=0.0,
    activation="gelu",
    batch_first=True,
    norm_first=True,
)
# Same names, same shapes: our weights load into PyTorch's layer.
layer.load_state_dict(block.state_dict())

x = torch.randn(3, 12, 64)
# Our block takes True where looking is forbidden; PyTorch's
# generate_square_subsequent_mask puts -inf there. Same rule.
forbidden = torch.ones(12, 12, dtype=torch.bool).triu(diagonal=1)
float_mask = nn.Transformer.generate_square_subsequent_mask(12)
ours = block(x, forbidden)[0]
pytorch = layer(x, src_mask=float_mask, is_causal=True)
same = torch.allclose(ours, pytorch, atol=1e-5)
print("same as nn.TransformerEncoderLayer:", same)

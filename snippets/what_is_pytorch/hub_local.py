import tempfile
from pathlib import Path

import torch

# A hub repository is a folder (or GitHub repo) with a hubconf.py that
# lists entry points.
repo = Path(tempfile.mkdtemp())
(repo / "hubconf.py").write_text(
    '''
dependencies = ["torch"]

import torch


def tiny_mlp(hidden: int = 8) -> torch.nn.Module:
    """A two-layer perceptron for 4 inputs and 2 outputs."""
    return torch.nn.Sequential(
        torch.nn.Linear(4, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 2)
    )
'''
)

# source="local" loads from that folder; nothing is downloaded.
model = torch.hub.load(str(repo), "tiny_mlp", source="local", hidden=16)
print(model)

import traceback
from pathlib import Path

import torch
from torch import nn

# 8 != 6: a bug
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(6, 1))

try:
    model(torch.ones(2, 4))
except RuntimeError as error:
    print("RuntimeError:", error)
    # Eager mode: the traceback runs from your line into the failing layer.
    frames = traceback.extract_tb(error.__traceback__)
    print("your line:", frames[0].line)
    print("failed in:", Path(frames[-1].filename).name, frames[-1].name)

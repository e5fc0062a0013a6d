import tempfile
from pathlib import Path

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
print(list(model.state_dict().keys()))

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "linear.pt"
    # save the weights, not the Python object
    torch.save(model.state_dict(), path)

    # build the same architecture...
    restored = nn.Linear(3, 1)
    # ...then load tensors only: weights_only=True refuses pickled code.
    restored.load_state_dict(torch.load(path, weights_only=True))

x = torch.ones(2, 3)
print(torch.equal(model(x), restored(x)))

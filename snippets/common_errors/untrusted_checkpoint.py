# run: subprocess
import pickle
import tempfile
from pathlib import Path

import torch
from torch import nn


# an arbitrary Python object inside a checkpoint
class TrainingRun:
    def __init__(self) -> None:
        self.notes = "lr=0.1"


folder = Path(tempfile.mkdtemp())
model = nn.Linear(2, 1)
checkpoint = {"model": model.state_dict(), "run": TrainingRun()}
torch.save(checkpoint, folder / "full.pt")

# weights_only=True (torch.load's default since PyTorch 2.6) refuses
# arbitrary objects: unpickling them could run any code the file's author
# chose.
try:
    torch.load(folder / "full.pt", weights_only=True)
except pickle.UnpicklingError as error:
    # the first sentence
    print("UnpicklingError:", str(error).split(".")[0])

# The fix: save tensors (a state_dict), and load with weights_only=True.
torch.save(model.state_dict(), folder / "weights.pt")
state = torch.load(folder / "weights.pt", weights_only=True)
print(sorted(state))

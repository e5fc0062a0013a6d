# setup: train.py
import tempfile
from pathlib import Path

import torch
from classifier import FEATURES, Classifier

# The trained model that serve.py serves, not a fresh random one.
model = Classifier()
model.load_state_dict(torch.load("classifier.pt", weights_only=True))
model.eval()
torch.manual_seed(0)
example = torch.randn(2, FEATURES)

# A dynamic batch dimension: the exported program accepts any batch size.
batch = torch.export.Dim("batch")
program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "classifier.pt2"
    # one file: graph and weights
    torch.export.save(program, path)
    restored = torch.export.load(path).module()

inputs = torch.randn(5, FEATURES)
with torch.inference_mode():
    difference = (restored(inputs) - model(inputs)).abs().max().item()
print(restored(inputs).shape)
print(f"largest difference from the eager model: {difference:.1e}")

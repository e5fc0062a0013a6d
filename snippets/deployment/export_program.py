import tempfile
from pathlib import Path

import torch
from classifier import FEATURES, Classifier

torch.manual_seed(0)
model = Classifier().eval()
example = torch.randn(2, FEATURES)

# A dynamic batch dimension: the exported program accepts any batch size.
batch = torch.export.Dim("batch")
program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "classifier.pt2"
    torch.export.save(program, path)  # one file: graph and weights
    restored = torch.export.load(path).module()

inputs = torch.randn(5, FEATURES)
print(restored(inputs).shape)
print(torch.allclose(restored(inputs), model(inputs)))

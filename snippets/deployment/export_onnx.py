# setup: train.py
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from classifier import FEATURES, Classifier

# The trained model that serve.py serves, not a fresh random one.
model = Classifier()
model.load_state_dict(torch.load("classifier.pt", weights_only=True))
model.eval()
torch.manual_seed(0)
example = torch.randn(2, FEATURES)

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "classifier.onnx"
    torch.onnx.export(
        model,
        (example,),
        path,
        input_names=["features"],
        output_names=["scores"],
        dynamic_shapes=({0: "batch"},),
        # no progress messages
        verbose=False,
    )
    cpu_only = ["CPUExecutionProvider"]
    session = onnxruntime.InferenceSession(path, providers=cpu_only)

inputs = torch.randn(5, FEATURES)
(scores,) = session.run(None, {"features": inputs.numpy()})
with torch.inference_mode():
    eager = model(inputs).numpy()
print(scores.shape)
# ONNX Runtime has its own kernels: float32 results differ in the last digits.
difference = np.abs(scores - eager).max()
print(
    "largest difference from the eager model:",
    "under 1e-5" if difference < 1e-5 else difference,
)

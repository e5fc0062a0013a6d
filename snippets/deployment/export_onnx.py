import tempfile
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from classifier import FEATURES, Classifier

torch.manual_seed(0)
model = Classifier().eval()
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
        verbose=False,  # no progress messages
    )
    cpu_only = ["CPUExecutionProvider"]
    session = onnxruntime.InferenceSession(path, providers=cpu_only)

inputs = torch.randn(5, FEATURES)
(scores,) = session.run(None, {"features": inputs.numpy()})
print(scores.shape)
print(np.allclose(scores, model(inputs).detach().numpy(), atol=1e-5))

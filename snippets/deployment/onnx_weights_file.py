import shutil
from pathlib import Path

import onnxruntime
import torch
from torch import nn

# A model with about 1 MB of weights.
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 3))
model.eval()
Path("exported").mkdir(exist_ok=True)
example = (torch.randn(2, 512),)
torch.onnx.export(model, example, "exported/model.onnx", verbose=False)
print("files:", sorted(file.name for file in Path("exported").iterdir()))
weights = Path("exported/model.onnx.data").stat().st_size
print(f"model.onnx.data: {weights:,} bytes")

cpu_only = ["CPUExecutionProvider"]
# Copied alone, the .onnx file can't find its weights.
Path("alone").mkdir(exist_ok=True)
shutil.copy("exported/model.onnx", "alone/")
try:
    onnxruntime.InferenceSession("alone/model.onnx", providers=cpu_only)
except Exception as error:
    # The rest of the message is the missing file's full path.
    print(str(error).split(" Error: ")[0])

# Copy both files together and the model loads anywhere.
shutil.copytree("exported", "moved", dirs_exist_ok=True)
session = onnxruntime.InferenceSession("moved/model.onnx", providers=cpu_only)
print("loaded from moved/, input:", session.get_inputs()[0].shape)

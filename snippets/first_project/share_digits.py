# setup: train.py
import torch
from train import trained_cnn

model = trained_cnn()
checkpoint = {
    "format": 1,
    # SmallCNN() is built without arguments
    "arguments": {},
    "class_names": [str(digit) for digit in range(10)],
    # data.py scales pixels 0..16
    # as (x - 0) / 16
    "normalisation": {"mean": 0.0, "std": 16.0},
    "state_dict": model.state_dict(),
}
torch.save(checkpoint, "digits_shared.pt")

saved = torch.load("digits_shared.pt", weights_only=True)
print(sorted(saved))
print(saved["class_names"])
print(saved["normalisation"])

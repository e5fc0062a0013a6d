# setup: train.py
import torch
from train import trained_cnn

from data import load_splits

model = trained_cnn()
_, _, test_set = load_splits()
image, label = test_set[1]
with torch.inference_mode():
    probabilities = torch.softmax(model(image.unsqueeze(0)), dim=1)[0]
# the 3 largest values and their positions
top = probabilities.topk(3)
print("true digit:", label.item())
for probability, digit in zip(top.values, top.indices, strict=True):
    print(f"{digit.item()}: {probability:.1%}")
# the same three, found by sorting all ten
by_sorting = probabilities.sort(descending=True)
assert torch.equal(top.indices, by_sorting.indices[:3])

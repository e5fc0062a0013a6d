# setup: train.py
import torch
from model import make_model

from data import load_splits

# A new program: the same architecture, then the saved weights.
model = make_model()
weights = torch.load("digits.pt", weights_only=True)
model.load_state_dict(weights)
model.eval()

_, test_set = load_splits()
image, label = test_set[0]
with torch.no_grad():
    # unsqueeze(0): a batch of one image.
    scores = model(image.unsqueeze(0))
probabilities = torch.softmax(scores, dim=1)
print("true digit:", label.item())
print("predicted:", probabilities.argmax().item())
print(f"confidence: {probabilities.max().item():.1%}")

# figure: test_predictions.svg
# setup: train.py
import torch
from matplotlib.figure import Figure
from models import SmallCNN
from train import CHECKPOINT, trained_cnn

from data import load_splits

# makes sure digits_cnn.pt exists
trained_cnn()

# A new program would start here: build the architecture, load the weights.
model = SmallCNN()
state = torch.load(CHECKPOINT, map_location="cpu", weights_only=True)
model.load_state_dict(state)
model.eval()

_, _, test_set = load_splits()
image, label = test_set[0]
with torch.inference_mode():
    # a batch of one: (1, 1, 8, 8)
    logits = model(image.unsqueeze(0))
probabilities = torch.softmax(logits, dim=1)[0]
print(f"true digit: {label.item()}")
print(f"predicted: {probabilities.argmax().item()} ({probabilities.max():.1%})")

# A grid of 24 test digits: every mistake first, then correct ones.
images = torch.stack([image for image, _ in test_set])
labels = torch.stack([label for _, label in test_set])
with torch.inference_mode():
    predictions = model(images).argmax(dim=1)
wrong = (predictions != labels).nonzero().flatten().tolist()
right = (predictions == labels).nonzero().flatten().tolist()
shown = (wrong + right)[:24]
print("mistakes on the test set:", len(wrong))

figure = Figure(figsize=(6, 3.6))
for axes, index in zip(figure.subplots(3, 8).flat, shown, strict=True):
    guess, true = predictions[index].item(), labels[index].item()
    axes.imshow(images[index, 0].numpy(), cmap="gray_r")
    axes.set_title(
        f"{guess} ({true})",
        color="black" if guess == true else "red",
        fontsize=9,
    )
    axes.axis("off")
figure.tight_layout()
figure.savefig("test_predictions.svg")

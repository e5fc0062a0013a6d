# figure: confusion_matrix.svg
# setup: train.py
import torch
from matplotlib.figure import Figure
from train import trained_cnn

from data import make_loaders

model = trained_cnn()
_, _, test_loader = make_loaders()

# Row: the true digit; column: the digit the model predicted.
confusion = torch.zeros(10, 10, dtype=torch.int64)
with torch.inference_mode():
    for images, labels in test_loader:
        predicted = model(images).argmax(dim=1)
        ones = torch.ones_like(labels)
        confusion.index_put_((labels, predicted), ones, accumulate=True)

print(confusion)
correct = confusion.diagonal().sum().item()
print(f"test accuracy: {correct}/{confusion.sum().item()}")
for true, predicted in (confusion - confusion.diag().diag()).nonzero().tolist():
    print(f"a {true} taken for a {predicted}: {confusion[true, predicted]}x")

figure = Figure(figsize=(4.5, 4))
axes = figure.subplots()
axes.imshow(confusion.numpy(), cmap="Blues")
for row in range(10):
    for column in range(10):
        count = confusion[row, column].item()
        if count:
            # white text on dark cells
            dark = count > confusion.max() / 2
            axes.text(
                column,
                row,
                count,
                ha="center",
                va="center",
                color="white" if dark else "black",
                fontsize=8,
            )
axes.set_xticks(range(10))
axes.set_yticks(range(10))
axes.set_xlabel("predicted digit")
axes.set_ylabel("true digit")
figure.tight_layout()
figure.savefig("confusion_matrix.svg")

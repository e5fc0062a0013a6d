import torch
from task import accuracy, load_data, make_model, standardize, train

x, y, x_val, y_val = load_data()
# Broken: the images are shuffled, but not their labels.
generator = torch.Generator().manual_seed(1)
shuffled = x[torch.randperm(len(x), generator=generator)]


def show(image: torch.Tensor, label: torch.Tensor) -> None:
    """The diagnostic: look at the data. Prints an 8x8 image."""
    print(f"label {label.item()}:")
    for row in image.view(8, 8):
        print("  " + "".join("#" if pixel > 8 else "." for pixel in row))


show(shuffled[0], y[0])
print("labels per digit:", torch.bincount(y).tolist())
scaled, scaled_val = standardize(shuffled, x_val)
model = make_model()
train(model, scaled, y, lr=0.5)
val_accuracy = accuracy(model, scaled_val, y_val)
print(f"shuffled: val accuracy {val_accuracy:.3f}")

# Fix: one permutation for images and labels together.
show(x[0], y[0])
scaled, scaled_val = standardize(x, x_val)
model = make_model()
train(model, scaled, y, lr=0.5)
val_accuracy = accuracy(model, scaled_val, y_val)
print(f"fixed: val accuracy {val_accuracy:.3f}")

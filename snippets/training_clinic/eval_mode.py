import torch
from task import load_data, make_model, standardize, train

x, y, x_val, y_val = load_data()
x, x_val = standardize(x, x_val)
# Dropout zeroes half of the hidden units, at random, in training.
model = make_model(dropout=0.5)
train(model, x, y, lr=0.5, steps=200)


def val_accuracy() -> float:
    with torch.no_grad():
        predicted = model(x_val).argmax(dim=1)
    return (predicted == y_val).float().mean().item()


torch.manual_seed(0)
# Broken: still in training mode, so dropout is still on.
print("train mode:", [f"{val_accuracy():.3f}" for _ in range(3)])
# Fix: eval() turns dropout off; every measurement agrees.
model.eval()
print("eval mode: ", [f"{val_accuracy():.3f}" for _ in range(3)])

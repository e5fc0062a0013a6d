import torch
import torch.nn.functional as F
from task import load_data, make_model, standardize

x, y, x_val, y_val = load_data()
x, x_val = standardize(x, x_val)
# The diagnostic: can the model learn 32 images by heart?
x_small, y_small = x[:32], y[:32]


def overfit_one_batch(model, optimizer) -> None:
    for step in range(51):
        loss = F.cross_entropy(model(x_small), y_small)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 25 == 0:
            print(f"  step {step}: loss {loss.item():.3f}")


# Broken: the model is built again after the optimizer, which
# still holds (and updates) the first model's parameters.
model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
model = make_model()
print("optimizer made before the model:")
overfit_one_batch(model, optimizer)

# Fix: build the optimizer from the model you train.
model = make_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
print("optimizer made from the model:")
overfit_one_batch(model, optimizer)

# figure: loss_curve.svg
import torch

# draws straight to a file, no window needed
from matplotlib.figure import Figure
from torch import nn

torch.manual_seed(0)
X = torch.rand(200, 1) * 10
Y = 3 * X + 2 + 0.1 * torch.randn(200, 1)

# holds W (model.weight) and b (model.bias)
model = nn.Linear(1, 1)
# start where the hand-written version started
nn.init.zeros_(model.weight)
nn.init.zeros_(model.bias)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
losses = []

for step in range(2000):
    optimizer.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    if step % 500 == 0:
        print(f"step {step:4}: loss {loss.item():.4f}")

print(f"W = {model.weight.item():.3f}, b = {model.bias.item():.3f}")

figure = Figure(figsize=(6, 3.5))
axes = figure.subplots()
axes.plot(losses)
axes.set_yscale("log")
axes.set_xlabel("step")
axes.set_ylabel("mean squared error")
axes.set_title("Fitting Y = WX + b")
figure.tight_layout()
figure.savefig("loss_curve.svg")

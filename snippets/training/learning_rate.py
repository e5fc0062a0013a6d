# figure: learning_rate.svg
import torch
from matplotlib.figure import Figure
from torch import nn

torch.manual_seed(0)
centres = torch.tensor([[0.0, 1.0], [1.0, -0.5], [-1.0, -0.5]])
labels = torch.randint(0, 3, (600,))
points = centres[labels] + 0.8 * torch.randn(600, 2)

curves = {}
for lr in (0.01, 1.0, 10.0):
    # The same starting weights for every learning rate.
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    curves[lr] = []
    for _ in range(100):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(points), labels)
        loss.backward()
        optimizer.step()
        curves[lr].append(loss.item())
    print(f"lr {lr:>5}: loss after 100 steps {curves[lr][-1]:.3f}")

figure = Figure(figsize=(6, 3.5))
axes = figure.subplots()
axes.plot(curves[0.01], label="lr 0.01: too small")
axes.plot(curves[1.0], label="lr 1: about right")
axes.plot(curves[10.0], label="lr 10: too large")
axes.set_xlabel("step")
axes.set_ylabel("cross-entropy loss")
axes.legend()
figure.tight_layout()
figure.savefig("learning_rate.svg")

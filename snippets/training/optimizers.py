# figure: optimizers.svg
import torch
from matplotlib.figure import Figure
from torch import nn

torch.manual_seed(0)
centres = torch.tensor([[0.0, 1.0], [1.0, -0.5], [-1.0, -0.5]])
labels = torch.randint(0, 3, (600,))
points = centres[labels] + 0.8 * torch.randn(600, 2)

choices = {
    "SGD": lambda p: torch.optim.SGD(p, lr=0.1),
    "SGD, momentum 0.9": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "AdamW": lambda p: torch.optim.AdamW(p, lr=0.01),
}
curves = {}
for name, make_optimizer in choices.items():
    # the same starting weights for every optimizer
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    optimizer = make_optimizer(model.parameters())
    curves[name] = []
    # the whole data set as one batch
    for _ in range(100):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(points), labels)
        loss.backward()
        optimizer.step()
        curves[name].append(loss.item())
    print(f"{name}: loss after 100 steps {curves[name][-1]:.3f}")

figure = Figure(figsize=(6, 3.5))
axes = figure.subplots()
for name, losses in curves.items():
    axes.plot(losses, label=name)
axes.set_xlabel("step")
axes.set_ylabel("cross-entropy loss")
axes.legend()
figure.tight_layout()
figure.savefig("optimizers.svg")

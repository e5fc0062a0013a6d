import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
# freeze the first layer
model[0].requires_grad_(False)
trainable = [p for p in model.parameters() if p.requires_grad]
optimizer = torch.optim.SGD(trainable, lr=0.1)

before = [p.clone() for p in model.parameters()]
loss = model(torch.randn(16, 4)).pow(2).mean()
loss.backward()
optimizer.step()
for (name, p), old in zip(model.named_parameters(), before, strict=True):
    print(name, "changed" if not torch.equal(p, old) else "unchanged")

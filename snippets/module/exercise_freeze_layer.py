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
changed = {}
for (name, p), old in zip(model.named_parameters(), before, strict=True):
    changed[name] = not torch.equal(p, old)
    print(name, "changed" if changed[name] else "unchanged")
# layer 0 frozen, layer 2 (after the ReLU) trained
assert changed == {
    "0.weight": False,
    "0.bias": False,
    "2.weight": True,
    "2.bias": True,
}

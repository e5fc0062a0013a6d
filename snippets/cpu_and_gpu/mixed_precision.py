# output: varies by machine
import torch
import torch.nn.functional as F
from torch import nn

device = "cuda" if torch.cuda.is_available() else "cpu"
# float16 on a GPU; bfloat16 on a CPU, which has float32's range.
low = torch.float16 if device == "cuda" else torch.bfloat16

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2)).to(device)
x = torch.randn(512, 20, device=device)
y = (x[:, 0] + x[:, 1] > 0).long()

with torch.autocast(device_type=device, dtype=low):
    logits = model(x)
print("inside autocast:", logits.dtype)
# The gap between 1 and the next number the type can store.
print(f"its precision near 1: {torch.finfo(low).eps}")
# The largest number each type can store.
for dtype in (torch.float16, torch.bfloat16, torch.float32):
    print(f"largest {dtype}: {torch.finfo(dtype).max:.4g}")
difference = (logits.float() - model(x)).abs().max().item()
print(f"largest difference from float32: {difference:.4f}")

optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
# Scales the loss so that small float16 gradients don't round to 0.
# bfloat16 doesn't need it: there the scaler is off and does nothing.
scaler = torch.amp.GradScaler(device, enabled=low == torch.float16)
for _ in range(100):
    with torch.autocast(device_type=device, dtype=low):
        loss = F.cross_entropy(model(x), y)
    optimizer.zero_grad()
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
accuracy = (model(x).argmax(dim=1) == y).float().mean().item()
print(f"after 100 steps: loss {loss.item():.3f}, accuracy {accuracy:.3f}")

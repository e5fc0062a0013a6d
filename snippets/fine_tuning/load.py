# setup: pretrain.py
import torch
from digit_cnn import DigitCNN
from torch import nn

# weights_only=True (the default since PyTorch 2.6): the file may hold
# tensors and plain containers only, never code that runs on load.
state = torch.load("pretrained_0to4.pt", weights_only=True)
model = DigitCNN(classes=5)
print(model.load_state_dict(state))

# A file saved from a model wrapped in DistributedDataParallel names
# every key "module.body...": strict=False loads nothing, and says so.
wrapped = {f"module.{name}": tensor for name, tensor in state.items()}
result = DigitCNN(classes=5).load_state_dict(wrapped, strict=False)
print(len(result.missing_keys), "missing,", end=" ")
print(len(result.unexpected_keys), "unexpected")

# The body only, into a model for another task: only the head is new.
body = {k: v for k, v in state.items() if not k.startswith("head.")}
result = model.load_state_dict(body, strict=False)
print("missing:", result.missing_keys)

# A new head for the new classes, and a frozen body.
model.head = nn.Linear(32 * 2 * 2, 5)
model.body.requires_grad_(False)
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
total = sum(p.numel() for p in model.parameters())
print(f"trainable: {trainable} of {total} parameters")

# Frozen weights, but batch norm still updates its running statistics
# in train() mode: keep the frozen body in eval() mode.
statistics = model.body[1].running_mean
before = statistics.clone()
model.train()
model.body.eval()
model(torch.rand(16, 1, 8, 8))
print("unchanged with body.eval():", torch.equal(before, statistics))
model.train()
model(torch.rand(16, 1, 8, 8))
print("unchanged with train() alone:", torch.equal(before, statistics))

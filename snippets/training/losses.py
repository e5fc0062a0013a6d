import torch
from torch import nn

# Classification: raw scores (logits) per class, class indices as targets.
# Here 2 samples, 3 classes.
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
classes = torch.tensor([0, 2])
print(nn.CrossEntropyLoss()(logits, classes))
# It applies log-softmax itself: the same number, computed by hand.
print(-torch.log_softmax(logits, dim=1)[[0, 1], classes].mean())

# Yes/no: one logit per sample, targets 0.0 or 1.0 as floats.
yes_no_logits = torch.tensor([1.5, -0.5])
print(nn.BCEWithLogitsLoss()(yes_no_logits, torch.tensor([1.0, 0.0])))

# Regression: predictions and targets are numbers of the same shape.
print(nn.MSELoss()(torch.tensor([2.5, 0.0]), torch.tensor([3.0, -0.5])))

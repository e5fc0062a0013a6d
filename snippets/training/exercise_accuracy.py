import torch


def accuracy(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """The share of samples whose highest score is the true class."""
    return (logits.argmax(dim=1) == labels).float().mean().item()


logits = torch.tensor([[2.0, 0.1], [0.3, 0.9], [1.2, 1.1], [0.0, 0.5]])
labels = torch.tensor([0, 1, 1, 1])
print(accuracy(logits, labels))
# by hand: samples 0, 1 and 3 are right, sample 2 is not
assert accuracy(logits, labels) == 3 / 4

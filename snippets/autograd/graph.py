import torch

w = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
x = torch.tensor(2.0)
loss = (w * x + b - 10) ** 2


def show(node, depth: int = 0) -> None:
    """Walks the recorded graph backwards from the loss, as backward() does."""
    name = type(node).__name__
    # AccumulateGrad ends a path: a leaf tensor that will get .grad.
    if name == "AccumulateGrad":
        name += f" -> .grad of leaf with value {node.variable.item()}"
    print("  " * depth + name)
    for child, _ in node.next_functions:
        if child is not None:
            show(child, depth + 1)


show(loss.grad_fn)
print("x is a leaf without grad tracking:", x.requires_grad, x.grad_fn)

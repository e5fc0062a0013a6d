import torch


def scale(x: torch.Tensor) -> torch.Tensor:
    # branch on a value computed from the data
    if x.sum() > 0:
        return x * 2
    return -x


print(scale(torch.tensor([1.0, 2.0])))
print(scale(torch.tensor([-1.0, -2.0])))

import torch


def double_until(
    x: torch.Tensor, limit: torch.Tensor
) -> tuple[torch.Tensor, int]:
    steps = 0
    # How often this loop runs depends on values known only at run time.
    while x < limit:
        x = x * 2
        steps += 1
    return x, steps


print(double_until(torch.tensor(1.0), torch.tensor(100.0)))
print(double_until(torch.tensor(60.0), torch.tensor(100.0)))

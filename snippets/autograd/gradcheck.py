import torch
from torch.autograd import gradcheck


def softplus(t: torch.Tensor) -> torch.Tensor:
    return torch.log1p(torch.exp(t))


# gradcheck compares autograd's gradient with finite differences.
# It needs float64 inputs: float32 rounding is too coarse for the comparison.
torch.manual_seed(0)
inputs = torch.randn(5, dtype=torch.float64, requires_grad=True)
print(gradcheck(softplus, (inputs,), eps=1e-6, atol=1e-4))

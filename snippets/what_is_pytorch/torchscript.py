# history: TorchScript, deprecated since PyTorch 2.10
import warnings

import torch


def double(x: torch.Tensor) -> torch.Tensor:
    return x * 2


# TorchScript still works, but ask the installed version what it thinks of it.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    scripted = torch.jit.script(double)
print(scripted(torch.ones(2)))
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

import torch


def pythagoras(x: torch.Tensor) -> torch.Tensor:
    return torch.sin(x) ** 2 + torch.cos(x) ** 2


# torch.compile captures the function as a graph and generates fused code.
# The first call compiles (on the CPU: C++, built with the system compiler);
# later calls with the same shapes reuse the compiled code.
compiled = torch.compile(pythagoras)
x = torch.linspace(0, 3, steps=5)
print(compiled(x))
print(torch.allclose(compiled(x), pythagoras(x)))

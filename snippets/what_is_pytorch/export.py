import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(3, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.linear(x))


torch.manual_seed(0)
model = TinyNet()
example = torch.ones(1, 3)

# torch.export traces the model ahead of time into a graph of ATen operators:
# a self-contained program without Python, for other runtimes (AOTInductor,
# ExecuTorch...).
exported = torch.export.export(model, (example,))
print(exported.graph_module.code.strip())
print(torch.equal(exported.module()(example), model(example)))

# run_decompositions() rewrites the graph into the smaller Core ATen operator
# set, which backends implement.
core = exported.run_decompositions()
print(core.graph_module.code.strip())
